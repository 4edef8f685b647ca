/* ROR-13 additive name hash ("API hashing"): for every byte c of the
 * name, h = ror32(h, 13) + c, starting from h = 0.  Used to identify
 * exported symbols by a 32-bit value instead of their names; the
 * block_api convention also hashes the module name (UTF-16LE, folded to
 * upper case, with its terminating NUL code unit) and the function name
 * (with its NUL byte) and adds the two.  Here it resolves names of a small
 * symbol table of a loadable filter module.  Label: hash. */
#include <stddef.h>
#include <stdint.h>

#define ROR13(v) ((uint32_t)(((v) >> 13) | ((v) << 19)))
#define STEP(h, byte) ((h) = ROR13(h) + (uint32_t)(uint8_t)(byte))

/* Plain form: NUL-terminated ASCII name, terminator not hashed. */
uint32_t ror13_cstr(const char *name)
{
    uint32_t h = 0;
    const char *p;
    for (p = name; *p != '\0'; ++p)
        STEP(h, *p);
    return h;
}

/* Counted form with an explicit number of bytes (terminator included
 * if the caller counts it). */
uint32_t ror13_bytes(const uint8_t *buf, size_t n)
{
    uint32_t h = 0;
    const uint8_t *end = buf + n;
    while (buf != end) {
        h = ROR13(h);
        h += *buf++;
    }
    return h;
}

/* Module name as UTF-16LE code units, ASCII letters folded to upper case,
 * each code unit hashed as its two bytes, then the NUL code unit. */
uint32_t ror13_module_w(const uint16_t *wname, unsigned units)
{
    uint32_t h = 0;
    unsigned i;
    for (i = 0; i <= units; i++) {
        uint16_t u = (i < units) ? wname[i] : 0;
        if (u >= 'a' && u <= 'z')
            u = (uint16_t)(u - 0x20);
        STEP(h, u & 0xff);
        STEP(h, u >> 8);
    }
    return h;
}

/* Function name including its terminating NUL. */
uint32_t ror13_func_z(const char *name)
{
    uint32_t h = 0;
    do {
        STEP(h, *name);
    } while (*name++ != '\0');
    return h;
}

struct sym_entry {
    const char *name;
    uintptr_t addr;
};

struct sym_module {
    uint16_t wname[32];
    unsigned wlen;
    const struct sym_entry *syms;
    unsigned nsyms;
};

/* Combined block_api key: module hash + function hash (mod 2^32). */
uint32_t ror13_api_key(const struct sym_module *m, const char *func)
{
    return ror13_module_w(m->wname, m->wlen) + ror13_func_z(func);
}

/* Find the symbol whose combined key equals `key` across modules; returns
 * its address or 0. */
uintptr_t ror13_resolve(const struct sym_module *mods, unsigned nmods,
                        uint32_t key)
{
    unsigned m, s;
    for (m = 0; m < nmods; m++) {
        uint32_t mh = ror13_module_w(mods[m].wname, mods[m].wlen);
        for (s = 0; s < mods[m].nsyms; s++) {
            if (mh + ror13_func_z(mods[m].syms[s].name) == key)
                return mods[m].syms[s].addr;
        }
    }
    return 0;
}

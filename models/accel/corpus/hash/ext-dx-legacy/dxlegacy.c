/* ext2/3/4 htree "legacy" directory hash (dx_hack_hash): two 32-bit
 * registers start at 0x12a3fe2d and 0x37abe8f9; for every character c
 * (read as signed char, or unsigned for the *_unsigned hash version)
 *     t = h1 + (h0 ^ (c * 7152373)); if (t & 0x80000000) t -= 0x7fffffff;
 *     h1 = h0; h0 = t;
 * and the major hash is h0 << 1 with bit 0 cleared, the value reserved for
 * end-of-directory ((2^31 - 1) << 1) moved down by one step.  Written as
 * a streaming state (init / update / final) plus the leaf choice of a
 * one-level index.  Label: hash. */
#include <stdint.h>

#define DX_EOF_32 0x7fffffffu

struct dx_legacy {
    uint32_t h0;
    uint32_t h1;
    int      unsigned_chars;
};

void dx_legacy_init(struct dx_legacy *st, int unsigned_chars)
{
    st->h0 = 0x12a3fe2du;
    st->h1 = 0x37abe8f9u;
    st->unsigned_chars = unsigned_chars;
}

void dx_legacy_update(struct dx_legacy *st, const char *buf, int len)
{
    uint32_t a = st->h0, b = st->h1;
    for (int i = 0; i < len; i++) {
        int32_t c;
        if (st->unsigned_chars)
            c = (int32_t)(unsigned char)buf[i];
        else
            c = (int32_t)(signed char)buf[i];
        uint32_t t = b + (a ^ ((uint32_t)c * 7152373u));
        if (t & 0x80000000u)
            t -= 0x7fffffffu;
        b = a;
        a = t;
    }
    st->h0 = a;
    st->h1 = b;
}

uint32_t dx_legacy_final(const struct dx_legacy *st)
{
    uint32_t major = (st->h0 << 1) & ~1u;
    if (major == (DX_EOF_32 << 1))
        major = (DX_EOF_32 - 1) << 1;
    return major;
}

uint32_t dx_legacy_hash(const char *name, int len, int unsigned_chars)
{
    struct dx_legacy st;
    dx_legacy_init(&st, unsigned_chars);
    dx_legacy_update(&st, name, len);
    return dx_legacy_final(&st);
}

/* Index entries are sorted by their starting hash, entry 0 implicitly
 * starting at 0; return the leaf block whose range holds the name. */
struct dx_entry {
    uint32_t hash;
    uint32_t block;
};

uint32_t dx_legacy_leaf(const struct dx_entry *ent, int count,
                        const char *name, int len, int unsigned_chars)
{
    uint32_t h = dx_legacy_hash(name, len, unsigned_chars);
    int lo = 1, hi = count - 1;
    while (lo <= hi) {
        int mid = lo + (hi - lo) / 2;
        if (ent[mid].hash > h)
            hi = mid - 1;
        else
            lo = mid + 1;
    }
    return ent[lo - 1].block;
}

/*
 * Case-insensitive name hashing for identifier tables (SQL-engine style):
 * every byte is first folded to lower case through a 256-entry table, added
 * to the state, and the state is multiplied by the 32-bit golden-ratio
 * constant 0x9e3779b1 (add-then-multiply, no final mix).  Bucket selection
 * uses the high half of h * nbuckets, where the multiply mixed best.
 */
#include <stddef.h>
#include <stdint.h>

#define GAMC_MUL 0x9e3779b1u

static unsigned char gamc_fold[256];
static int gamc_ready;

struct gamc_state {
    uint32_t h;
    uint32_t nbytes;
};

/* Start-up: ASCII upper case maps to lower case, all else to itself. */
void gamc_init(void)
{
    int c;
    for (c = 0; c < 256; c++)
        gamc_fold[c] = (unsigned char)((c >= 'A' && c <= 'Z') ? c + 32 : c);
    gamc_ready = 1;
}

uint32_t gamc_hash_cstr(const char *z)
{
    uint32_t h = 0;
    unsigned char c;

    if (!gamc_ready)
        gamc_init();
    while ((c = (unsigned char)*z++) != 0) {
        h += gamc_fold[c];
        h *= GAMC_MUL;
    }
    return h;
}

void gamc_begin(struct gamc_state *st)
{
    st->h = 0;
    st->nbytes = 0;
}

/* Absorb len bytes; two bytes per iteration, then the odd one. */
void gamc_update(struct gamc_state *st, const void *data, size_t len)
{
    const unsigned char *p = (const unsigned char *)data;
    uint32_t h = st->h;
    size_t i = 0;

    if (!gamc_ready)
        gamc_init();
    for (; i + 2 <= len; i += 2) {
        h = (h + gamc_fold[p[i]]) * GAMC_MUL;
        h = (h + gamc_fold[p[i + 1]]) * GAMC_MUL;
    }
    if (i < len)
        h = (h + gamc_fold[p[i]]) * GAMC_MUL;
    st->h = h;
    st->nbytes += (uint32_t)len;
}

/* Hash of "qualifier.name" as if the joined string had been hashed. */
uint32_t gamc_hash_qualified(const char *qual, size_t qlen, const char *name,
                             size_t nlen)
{
    struct gamc_state st;
    gamc_begin(&st);
    gamc_update(&st, qual, qlen);
    gamc_update(&st, ".", 1);
    gamc_update(&st, name, nlen);
    return st.h;
}

uint32_t gamc_bucket(uint32_t h, uint32_t nbuckets)
{
    return (uint32_t)(((uint64_t)h * nbuckets) >> 32);
}

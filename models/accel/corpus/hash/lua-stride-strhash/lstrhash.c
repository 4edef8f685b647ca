/* Lua's string hash: a shift-add-xor over the bytes taken from the END of
 * the string backwards, seeded with (seed ^ length). Lua 5.1-5.3 only look
 * at every step-th byte, step = (len >> hashlimit) + 1, so long strings cost
 * at most ~2^hashlimit rounds; Lua 5.4 hashes every byte. */
#include <stddef.h>
#include <stdint.h>

typedef struct {
    unsigned seed;
    unsigned limit_shift; /* LUAI_HASHLIMIT, 5 in stock Lua */
} lstr_params;

unsigned lstr_hash_sampled(const lstr_params *prm, const char *str, size_t len)
{
    unsigned h = prm->seed ^ (unsigned)len;
    size_t step = (len >> prm->limit_shift) + 1;
    const unsigned char *p = (const unsigned char *)str + len;
    size_t remaining = len;

    while (remaining >= step) {
        unsigned c = p[-1];
        h ^= (h << 5) + (h >> 2) + c;
        p -= step;
        remaining -= step;
    }
    return h;
}

unsigned lstr_hash_every(unsigned seed, const char *str, size_t len)
{
    unsigned h = seed ^ (unsigned)len;
    const unsigned char *s = (const unsigned char *)str;
    size_t i = len;
    if (i == 0)
        return h;
    do {
        --i;
        h ^= (h << 5) + (h >> 2) + s[i];
    } while (i != 0);
    return h;
}

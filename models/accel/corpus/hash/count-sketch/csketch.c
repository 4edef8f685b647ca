/*
 * Count sketch (Charikar, Chen, Farach-Colton) for per-flow byte counts.
 * Each of CS_ROWS rows owns two 4-wise independent hash functions drawn from
 * the cubic polynomials over Z_p, p = 2^31 - 1: one picks the counter, the
 * other (its low bit) the sign.  Flow tuples are first folded into a single
 * residue by evaluating them as a polynomial in a fixed base, mod p.
 */
#include <stdint.h>
#include <string.h>

#define CS_ROWS 5
#define CS_WIDTH 1021
#define MP31 0x7FFFFFFFu

struct csketch {
    uint32_t bucket_poly[CS_ROWS][4];
    uint32_t sign_poly[CS_ROWS][4];
    int32_t cell[CS_ROWS][CS_WIDTH];
};

#define FOLD31(v) (((v) & MP31) + ((v) >> 31))

static inline uint32_t mod_p31(uint64_t v)
{
    v = FOLD31(v);
    v = FOLD31(v);
    return (uint32_t)(v >= MP31 ? v - MP31 : v);
}

uint32_t cubic_p31(const uint32_t c[4], uint32_t x)
{
    uint64_t r = c[3];
    int k;

    x = mod_p31(x);
    for (k = 2; k >= 0; k--)
        r = mod_p31(r * x + c[k]);
    return (uint32_t)r;
}

uint32_t tuple_residue(uint32_t sa, uint32_t da, uint16_t sp, uint16_t dp,
                       uint8_t pr)
{
    const uint64_t base = 0x5bd1e995u % MP31;
    uint32_t w[5];
    uint64_t r = 0;
    unsigned i;

    w[0] = sa;
    w[1] = da;
    w[2] = sp;
    w[3] = dp;
    w[4] = pr;
    for (i = 0; i < 5; i++)
        r = mod_p31(r * base + mod_p31(w[i]));
    return (uint32_t)r;
}

void cs_add(struct csketch *s, uint32_t key, int32_t delta)
{
    int row;

    for (row = 0; row < CS_ROWS; row++) {
        uint32_t b = cubic_p31(s->bucket_poly[row], key) % CS_WIDTH;
        uint32_t g = cubic_p31(s->sign_poly[row], key) & 1u;
        s->cell[row][b] += g ? delta : -delta;
    }
}

int32_t cs_query(const struct csketch *s, uint32_t key)
{
    int32_t est[CS_ROWS];
    int row, i, j;

    for (row = 0; row < CS_ROWS; row++) {
        uint32_t b = cubic_p31(s->bucket_poly[row], key) % CS_WIDTH;
        uint32_t g = cubic_p31(s->sign_poly[row], key) & 1u;
        est[row] = g ? s->cell[row][b] : -s->cell[row][b];
    }
    for (i = 1; i < CS_ROWS; i++) {
        int32_t t = est[i];
        for (j = i - 1; j >= 0 && est[j] > t; j--)
            est[j + 1] = est[j];
        est[j + 1] = t;
    }
    return est[CS_ROWS / 2];
}

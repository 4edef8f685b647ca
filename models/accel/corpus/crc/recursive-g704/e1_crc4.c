/* E1 (G.704) four-bit frame check written as a recursive definition:
 *   R(empty)      = 0
 *   R(m . byte)   = B(R(m), byte, 8)
 *   B(r, x, 0)    = r
 *   B(r, x, k)    = B(shift(r, lsb x), x >> 1, k - 1)
 * Reflected form of x^4 + x + 1 (0x3 -> 0xC), zero preset, no final xor. */
#include <stddef.h>
#include <stdint.h>

static unsigned mf_bits(unsigned r, unsigned x, unsigned k)
{
    unsigned fb;
    if (k == 0)
        return r & 0xFu;
    fb = (r ^ x) & 1u;
    r >>= 1;
    if (fb)
        r ^= 0xCu;
    return mf_bits(r, x >> 1, k - 1);
}

static unsigned mf_octets(unsigned r, const uint8_t *p, size_t n)
{
    if (n == 0)
        return r;
    return mf_octets(mf_bits(r, p[0], 8), p + 1, n - 1);
}

unsigned mf_remainder(const uint8_t *p, size_t n)
{
    return mf_octets(0u, p, n);
}

/* Divide-and-conquer variant: the remainder of the right half is obtained
 * by continuing from the left half's remainder, so the recursion depth is
 * logarithmic in n for long sub-multiframes. */
unsigned mf_split(unsigned r, const uint8_t *p, size_t n)
{
    size_t h;
    if (n == 0)
        return r;
    if (n == 1)
        return mf_bits(r, p[0], 8);
    h = n / 2;
    return mf_split(mf_split(r, p, h), p + h, n - h);
}

/*
 * t1ha1-like 64-bit hash, following the structure Leonid Yuriev describes
 * for t1ha1 ("Fast Positive Hash", little-endian flavour): two accumulators
 * (a, b) plus, for inputs longer than 32 bytes, two more (c, d) updated by
 * a 32-byte block loop of add/rotate/xor with multiplications by odd
 * 64-bit primes; the tail (up to four words) is folded in with "mux"
 * (64x64->128 multiply, low XOR high); a weak avalanche combines a and b.
 *
 * Plain C99 with byte-wise loads.  This is a reimplementation of the
 * design, not a drop-in replacement validated against upstream vectors.
 */
#include <stddef.h>
#include <stdint.h>

static const uint64_t tp0 = 0xEC99BF0D8372CAABULL;
static const uint64_t tp1 = 0x82434FE90EDCEF39ULL;
static const uint64_t tp2 = 0xD4F06DB99D67BE4BULL;
static const uint64_t tp3 = 0xBD9CACC22C6E9571ULL;
static const uint64_t tp4 = 0x9C06FAF4D023E3ABULL;
static const uint64_t tp5 = 0xC060724A8424F345ULL;
static const uint64_t tp6 = 0xCB5AF53AE3AAAC31ULL;

static inline uint64_t ror64(uint64_t v, unsigned s)
{
    return (v >> s) | (v << (64 - s));
}

static inline uint64_t fetch_le(const uint8_t *p)
{
    return ((uint64_t)p[0]) | ((uint64_t)p[1] << 8) | ((uint64_t)p[2] << 16) |
           ((uint64_t)p[3] << 24) | ((uint64_t)p[4] << 32) |
           ((uint64_t)p[5] << 40) | ((uint64_t)p[6] << 48) |
           ((uint64_t)p[7] << 56);
}

/* 1..8 trailing bytes as a little-endian word. */
static inline uint64_t fetch_tail(const uint8_t *p, size_t n)
{
    uint64_t r = 0;
    size_t cnt = (n & 7) ? (n & 7) : 8;
    while (cnt--)
        r = (r << 8) | p[cnt];
    return r;
}

/* 64x64 -> 128 product folded to 64 bits (low ^ high). */
static uint64_t mux(uint64_t v, uint64_t p)
{
    uint64_t v0 = v & 0xffffffffULL, v1 = v >> 32;
    uint64_t p0 = p & 0xffffffffULL, p1 = p >> 32;
    uint64_t t00 = v0 * p0, t01 = v0 * p1, t10 = v1 * p0, t11 = v1 * p1;
    uint64_t carry = ((t00 >> 32) + (t01 & 0xffffffffULL) + (t10 & 0xffffffffULL));
    uint64_t lo = (t00 & 0xffffffffULL) | (carry << 32);
    uint64_t hi = t11 + (t01 >> 32) + (t10 >> 32) + (carry >> 32);
    return lo ^ hi;
}

static uint64_t scramble(uint64_t v, uint64_t p)
{
    v *= p;
    return v ^ ror64(v, 41);
}

static uint64_t weak_avalanche(uint64_t a, uint64_t b)
{
    return mux(ror64(a + b, 17), tp4) + scramble(a ^ b, tp0);
}

uint64_t t1ha1_like(const void *data, size_t len, uint64_t seed)
{
    const uint8_t *v = (const uint8_t *)data;
    uint64_t a = seed;
    uint64_t b = len;

    if (len > 32) {
        uint64_t c = ror64(len, 17) + seed;
        uint64_t d = len ^ ror64(seed, 17);
        const uint8_t *stop = v + len - 31;
        do {
            uint64_t w0 = fetch_le(v);
            uint64_t w1 = fetch_le(v + 8);
            uint64_t w2 = fetch_le(v + 16);
            uint64_t w3 = fetch_le(v + 24);
            uint64_t d02 = w0 ^ ror64(w2 + d, 17);
            uint64_t c13 = w1 ^ ror64(w3 + c, 17);
            v += 32;
            d -= b ^ ror64(w1, 31);
            c += a ^ ror64(w0, 41);
            b ^= tp0 * (c13 + w2);
            a ^= tp1 * (d02 + w3);
        } while (v < stop);
        a ^= tp6 * (ror64(c, 17) + d);
        b ^= tp5 * (c + ror64(d, 17));
        len &= 31;
    }

    if (len > 24) {
        b += mux(fetch_le(v), tp4);
        v += 8;
    }
    if (len > 16) {
        a += mux(fetch_le(v), tp3);
        v += 8;
    }
    if (len > 8) {
        b += mux(fetch_le(v), tp2);
        v += 8;
    }
    if (len > 0)
        a += mux(fetch_tail(v, len), tp1);
    return weak_avalanche(a, b);
}

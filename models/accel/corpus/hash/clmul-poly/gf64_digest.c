/*
 * Keyed polynomial evaluation over GF(2^64) (CLHash-style carry-less
 * hashing) with the field defined by x^64 + x^4 + x^3 + x + 1.  Without a
 * carry-less multiply instruction the 64x64 product is computed by the
 * shift-and-xor schoolbook method.  Messages are read as little-endian
 * 64-bit words, zero padded, and the bit length is absorbed last.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

typedef struct {
    uint64_t hi;
    uint64_t lo;
} u128x;

static u128x cl_mul(uint64_t a, uint64_t b)
{
    u128x r = {0, 0};
    int i;

    for (i = 0; i < 64; i++) {
        uint64_t m = (uint64_t)0 - ((b >> i) & 1u);
        r.lo ^= (a << i) & m;
        if (i)
            r.hi ^= (a >> (64 - i)) & m;
    }
    return r;
}

uint64_t gf64_mul(uint64_t a, uint64_t b)
{
    u128x p = cl_mul(a, b);
    uint64_t h = p.hi, o;

    /* x^64 == x^4 + x^3 + x + 1 */
    o = (h >> 60) ^ (h >> 61) ^ (h >> 63);
    p.lo ^= h ^ (h << 1) ^ (h << 3) ^ (h << 4);
    p.lo ^= o ^ (o << 1) ^ (o << 3) ^ (o << 4);
    return p.lo;
}

uint64_t gf64_digest(const void *msg, size_t len, uint64_t key)
{
    const unsigned char *p = (const unsigned char *)msg;
    uint64_t acc = 0, w;
    size_t left = len;

    while (left >= 8) {
        memcpy(&w, p, 8);
        acc = gf64_mul(acc ^ w, key);
        p += 8;
        left -= 8;
    }
    if (left) {
        unsigned char pad[8] = {0};
        memcpy(pad, p, left);
        memcpy(&w, pad, 8);
        acc = gf64_mul(acc ^ w, key);
    }
    acc = gf64_mul(acc ^ ((uint64_t)len << 3), key);
    return acc ^ (acc >> 29);
}

/* two-level keyed hash of an IPv6 address pair, folded to a bucket index */
uint32_t gf64_pair_bucket(const uint64_t src[2], const uint64_t dst[2],
                          const uint64_t keys[2], uint32_t nbuckets)
{
    uint64_t a, b, c;

    a = gf64_mul(src[0] ^ keys[1], keys[0]);
    a = gf64_mul(a ^ src[1], keys[0]);
    b = gf64_mul(dst[0] ^ keys[1], keys[0]);
    b = gf64_mul(b ^ dst[1], keys[0]);
    c = gf64_mul(a ^ (b << 1 | b >> 63), keys[1]);
    c ^= c >> 32;
    return (uint32_t)(((c & 0xffffffffu) * (uint64_t)nbuckets) >> 32);
}

/*
 * String hashing for a chained symbol table, after the "universal" string
 * hash described in Sedgewick's Algorithms in C: the Horner multiplier is not
 * a constant but walks a pseudo-random sequence a_{i+1} = a_i * b mod (M-1),
 * so every character position gets its own coefficient.  M is the table
 * size (ideally prime), starting coefficient 31415, step 27183.
 */
#include <stddef.h>
#include <stdint.h>

#define SVC_A0 31415u
#define SVC_B 27183u

/* Hash n bytes into [0, m).  m must be at least 2. */
unsigned svc_hash_bytes(const unsigned char *s, size_t n, unsigned m)
{
    uint64_t h = 0;
    uint64_t a = SVC_A0;
    size_t i;

    for (i = 0; i < n; i++) {
        h = (a * h + s[i]) % m;
        a = (a * SVC_B) % (m - 1u);
    }
    return (unsigned)h;
}

/* Same function over a NUL-terminated key, pointer-walking form. */
unsigned svc_hash_cstr(const char *key, unsigned m)
{
    uint64_t h = 0, a = SVC_A0;
    const unsigned char *p = (const unsigned char *)key;

    while (*p != 0) {
        h = a * h + *p++;
        h %= m;
        a *= SVC_B;
        a %= (uint64_t)m - 1u;
    }
    return (unsigned)h;
}

/*
 * Variant with the modulus fixed at the Mersenne prime 2^31-1: the two
 * remainders are taken by folding the high bits back in (2^31 == 1), and the
 * coefficient sequence runs mod 2^31-2 with an ordinary remainder.
 */
uint32_t svc_hash_m31(const unsigned char *s, size_t n)
{
    const uint64_t P = 0x7fffffffu;
    uint64_t h = 0, a = SVC_A0;
    size_t i;

    for (i = 0; i < n; i++) {
        uint64_t t = a * h + s[i];
        t = (t & P) + (t >> 31);
        t = (t & P) + (t >> 31);
        if (t >= P)
            t -= P;
        h = t;
        a = (a * SVC_B) % (P - 1u);
    }
    return (uint32_t)h;
}

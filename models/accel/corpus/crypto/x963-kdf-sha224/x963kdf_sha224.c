/*
 * ANSI X9.63 key derivation (also SEC 1, section 3.6.1) over SHA-224.
 *
 *   K = H(Z || 00000001 || SharedInfo) || H(Z || 00000002 || SharedInfo) || ...
 *
 * truncated to the requested length, the counter being a 32-bit big-endian
 * integer.  SHA-224 (FIPS 180-4) is built in: the compression function is
 * written with the round macro applied to a rotating set of register names,
 * eight rounds per loop pass, with the message schedule kept in a 16-word
 * ring that is extended in place.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

struct s224 {
    uint32_t h[8];
    uint64_t total;     /* bytes absorbed */
    uint8_t buf[64];
    unsigned fill;
};

static const uint32_t KTAB[64] = {
    0x428a2f98u, 0x71374491u, 0xb5c0fbcfu, 0xe9b5dba5u, 0x3956c25bu, 0x59f111f1u, 0x923f82a4u, 0xab1c5ed5u,
    0xd807aa98u, 0x12835b01u, 0x243185beu, 0x550c7dc3u, 0x72be5d74u, 0x80deb1feu, 0x9bdc06a7u, 0xc19bf174u,
    0xe49b69c1u, 0xefbe4786u, 0x0fc19dc6u, 0x240ca1ccu, 0x2de92c6fu, 0x4a7484aau, 0x5cb0a9dcu, 0x76f988dau,
    0x983e5152u, 0xa831c66du, 0xb00327c8u, 0xbf597fc7u, 0xc6e00bf3u, 0xd5a79147u, 0x06ca6351u, 0x14292967u,
    0x27b70a85u, 0x2e1b2138u, 0x4d2c6dfcu, 0x53380d13u, 0x650a7354u, 0x766a0abbu, 0x81c2c92eu, 0x92722c85u,
    0xa2bfe8a1u, 0xa81a664bu, 0xc24b8b70u, 0xc76c51a3u, 0xd192e819u, 0xd6990624u, 0xf40e3585u, 0x106aa070u,
    0x19a4c116u, 0x1e376c08u, 0x2748774cu, 0x34b0bcb5u, 0x391c0cb3u, 0x4ed8aa4au, 0x5b9cca4fu, 0x682e6ff3u,
    0x748f82eeu, 0x78a5636fu, 0x84c87814u, 0x8cc70208u, 0x90befffau, 0xa4506cebu, 0xbef9a3f7u, 0xc67178f2u,
};

#define R32(x, c) (((x) >> (c)) | ((x) << (32 - (c))))

/* W ring: X(i) is W[i mod 16]; for i >= 16 it is recomputed in place */
#define X(i) ring[(i) & 15]
#define EXPAND(i)                                                          \
    (X(i) += (R32(X((i) + 14), 17) ^ R32(X((i) + 14), 19) ^ (X((i) + 14) >> 10)) + \
             X((i) + 9) +                                                  \
             (R32(X((i) + 1), 7) ^ R32(X((i) + 1), 18) ^ (X((i) + 1) >> 3)))

#define STEP(a, b, c, d, e, f, g, h, i, w)                                 \
    do {                                                                   \
        uint32_t t_ = (h) + (R32(e, 6) ^ R32(e, 11) ^ R32(e, 25)) +        \
                      ((g) ^ ((e) & ((f) ^ (g)))) + KTAB[i] + (w);         \
        (d) += t_;                                                         \
        (h) = t_ + (R32(a, 2) ^ R32(a, 13) ^ R32(a, 22)) +                 \
              (((a) & (b)) | ((c) & ((a) | (b))));                         \
    } while (0)

static void s224_compress(uint32_t st[8], const uint8_t *blk)
{
    uint32_t ring[16];
    uint32_t a = st[0], b = st[1], c = st[2], d = st[3];
    uint32_t e = st[4], f = st[5], g = st[6], h = st[7];
    int i;

    for (i = 0; i < 16; i++, blk += 4)
        ring[i] = ((uint32_t)blk[0] << 24) | ((uint32_t)blk[1] << 16) |
                  ((uint32_t)blk[2] << 8) | (uint32_t)blk[3];

    for (i = 0; i < 16; i += 8) {
        STEP(a, b, c, d, e, f, g, h, i + 0, X(i + 0));
        STEP(h, a, b, c, d, e, f, g, i + 1, X(i + 1));
        STEP(g, h, a, b, c, d, e, f, i + 2, X(i + 2));
        STEP(f, g, h, a, b, c, d, e, i + 3, X(i + 3));
        STEP(e, f, g, h, a, b, c, d, i + 4, X(i + 4));
        STEP(d, e, f, g, h, a, b, c, i + 5, X(i + 5));
        STEP(c, d, e, f, g, h, a, b, i + 6, X(i + 6));
        STEP(b, c, d, e, f, g, h, a, i + 7, X(i + 7));
    }
    for (; i < 64; i += 8) {
        STEP(a, b, c, d, e, f, g, h, i + 0, EXPAND(i + 0));
        STEP(h, a, b, c, d, e, f, g, i + 1, EXPAND(i + 1));
        STEP(g, h, a, b, c, d, e, f, i + 2, EXPAND(i + 2));
        STEP(f, g, h, a, b, c, d, e, i + 3, EXPAND(i + 3));
        STEP(e, f, g, h, a, b, c, d, i + 4, EXPAND(i + 4));
        STEP(d, e, f, g, h, a, b, c, i + 5, EXPAND(i + 5));
        STEP(c, d, e, f, g, h, a, b, i + 6, EXPAND(i + 6));
        STEP(b, c, d, e, f, g, h, a, i + 7, EXPAND(i + 7));
    }

    st[0] += a; st[1] += b; st[2] += c; st[3] += d;
    st[4] += e; st[5] += f; st[6] += g; st[7] += h;
}

void s224_start(struct s224 *s)
{
    /* second 32 bits of the fractional square roots of primes 23..53 */
    s->h[0] = 0xc1059ed8u; s->h[1] = 0x367cd507u;
    s->h[2] = 0x3070dd17u; s->h[3] = 0xf70e5939u;
    s->h[4] = 0xffc00b31u; s->h[5] = 0x68581511u;
    s->h[6] = 0x64f98fa7u; s->h[7] = 0xbefa4fa4u;
    s->total = 0;
    s->fill = 0;
}

void s224_feed(struct s224 *s, const uint8_t *p, size_t n)
{
    s->total += n;
    if (s->fill) {
        size_t take = 64 - s->fill;
        if (take > n)
            take = n;
        memcpy(s->buf + s->fill, p, take);
        s->fill += (unsigned)take;
        p += take;
        n -= take;
        if (s->fill < 64)
            return;
        s224_compress(s->h, s->buf);
        s->fill = 0;
    }
    while (n >= 64) {
        s224_compress(s->h, p);
        p += 64;
        n -= 64;
    }
    memcpy(s->buf, p, n);
    s->fill = (unsigned)n;
}

void s224_finish(struct s224 *s, uint8_t out[28])
{
    uint64_t bits = s->total << 3;
    unsigned k;

    s->buf[s->fill++] = 0x80;
    if (s->fill > 56) {
        memset(s->buf + s->fill, 0, 64 - s->fill);
        s224_compress(s->h, s->buf);
        s->fill = 0;
    }
    memset(s->buf + s->fill, 0, 56 - s->fill);
    for (k = 0; k < 8; k++)
        s->buf[56 + k] = (uint8_t)(bits >> (56 - 8 * k));
    s224_compress(s->h, s->buf);
    for (k = 0; k < 28; k++)
        out[k] = (uint8_t)(s->h[k >> 2] >> (24 - 8 * (k & 3)));
}

/* Derive outlen bytes from the shared secret z and optional shared info.
 * Returns 0, or -1 if outlen would need 2^32 or more hash blocks. */
int x963_kdf_sha224(const uint8_t *z, size_t zlen, const uint8_t *info,
                    size_t infolen, uint8_t *out, size_t outlen)
{
    uint32_t counter = 1;
    uint8_t ctr_be[4], block[28];
    struct s224 s;

    if ((uint64_t)outlen / 28 >= 0xffffffffull)
        return -1;
    while (outlen > 0) {
        size_t piece = outlen < 28 ? outlen : 28;
        ctr_be[0] = (uint8_t)(counter >> 24);
        ctr_be[1] = (uint8_t)(counter >> 16);
        ctr_be[2] = (uint8_t)(counter >> 8);
        ctr_be[3] = (uint8_t)counter;
        s224_start(&s);
        s224_feed(&s, z, zlen);
        s224_feed(&s, ctr_be, 4);
        if (infolen)
            s224_feed(&s, info, infolen);
        s224_finish(&s, block);
        memcpy(out, block, piece);
        out += piece;
        outlen -= piece;
        counter++;
    }
    memset(block, 0, sizeof block);
    memset(&s, 0, sizeof s);
    return 0;
}

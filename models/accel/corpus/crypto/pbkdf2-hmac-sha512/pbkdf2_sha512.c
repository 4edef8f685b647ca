/* PBKDF2 (RFC 8018) with HMAC-SHA-512 (FIPS 180-4, RFC 2104) as the PRF.
 * SHA-512 message schedule is kept in a 16-word ring; HMAC inner/outer
 * chaining values are computed once per password and reused every
 * iteration. */
#include <stdint.h>
#include <stddef.h>
#include <string.h>

static const uint64_t sha512_round_k[80] = {
    0x428a2f98d728ae22ULL, 0x7137449123ef65cdULL, 0xb5c0fbcfec4d3b2fULL, 0xe9b5dba58189dbbcULL,
    0x3956c25bf348b538ULL, 0x59f111f1b605d019ULL, 0x923f82a4af194f9bULL, 0xab1c5ed5da6d8118ULL,
    0xd807aa98a3030242ULL, 0x12835b0145706fbeULL, 0x243185be4ee4b28cULL, 0x550c7dc3d5ffb4e2ULL,
    0x72be5d74f27b896fULL, 0x80deb1fe3b1696b1ULL, 0x9bdc06a725c71235ULL, 0xc19bf174cf692694ULL,
    0xe49b69c19ef14ad2ULL, 0xefbe4786384f25e3ULL, 0x0fc19dc68b8cd5b5ULL, 0x240ca1cc77ac9c65ULL,
    0x2de92c6f592b0275ULL, 0x4a7484aa6ea6e483ULL, 0x5cb0a9dcbd41fbd4ULL, 0x76f988da831153b5ULL,
    0x983e5152ee66dfabULL, 0xa831c66d2db43210ULL, 0xb00327c898fb213fULL, 0xbf597fc7beef0ee4ULL,
    0xc6e00bf33da88fc2ULL, 0xd5a79147930aa725ULL, 0x06ca6351e003826fULL, 0x142929670a0e6e70ULL,
    0x27b70a8546d22ffcULL, 0x2e1b21385c26c926ULL, 0x4d2c6dfc5ac42aedULL, 0x53380d139d95b3dfULL,
    0x650a73548baf63deULL, 0x766a0abb3c77b2a8ULL, 0x81c2c92e47edaee6ULL, 0x92722c851482353bULL,
    0xa2bfe8a14cf10364ULL, 0xa81a664bbc423001ULL, 0xc24b8b70d0f89791ULL, 0xc76c51a30654be30ULL,
    0xd192e819d6ef5218ULL, 0xd69906245565a910ULL, 0xf40e35855771202aULL, 0x106aa07032bbd1b8ULL,
    0x19a4c116b8d2d0c8ULL, 0x1e376c085141ab53ULL, 0x2748774cdf8eeb99ULL, 0x34b0bcb5e19b48a8ULL,
    0x391c0cb3c5c95a63ULL, 0x4ed8aa4ae3418acbULL, 0x5b9cca4f7763e373ULL, 0x682e6ff3d6b2b8a3ULL,
    0x748f82ee5defb2fcULL, 0x78a5636f43172f60ULL, 0x84c87814a1f0ab72ULL, 0x8cc702081a6439ecULL,
    0x90befffa23631e28ULL, 0xa4506cebde82bde9ULL, 0xbef9a3f7b2c67915ULL, 0xc67178f2e372532bULL,
    0xca273eceea26619cULL, 0xd186b8c721c0c207ULL, 0xeada7dd6cde0eb1eULL, 0xf57d4f7fee6ed178ULL,
    0x06f067aa72176fbaULL, 0x0a637dc5a2c898a6ULL, 0x113f9804bef90daeULL, 0x1b710b35131c471bULL,
    0x28db77f523047d84ULL, 0x32caab7b40c72493ULL, 0x3c9ebe0a15c9bebcULL, 0x431d67c49c100d4cULL,
    0x4cc5d4becb3e42b6ULL, 0x597f299cfc657e2aULL, 0x5fcb6fab3ad6faecULL, 0x6c44198c4a475817ULL,
};

typedef struct {
    uint64_t h[8];
    uint8_t buf[128];
    unsigned fill;
    uint64_t total;      /* bytes absorbed (messages < 2^61 bytes) */
} sha512_ctx;

#define ROTR64(x, n) (((x) >> (n)) | ((x) << (64 - (n))))

static void sha512_compress(uint64_t st[8], const uint8_t blk[128])
{
    uint64_t ring[16];
    uint64_t a = st[0], b = st[1], c = st[2], d = st[3];
    uint64_t e = st[4], f = st[5], g = st[6], h = st[7];
    for (int t = 0; t < 80; t++) {
        uint64_t w;
        if (t < 16) {
            const uint8_t *q = blk + 8 * t;
            w = ((uint64_t)q[0] << 56) | ((uint64_t)q[1] << 48) |
                ((uint64_t)q[2] << 40) | ((uint64_t)q[3] << 32) |
                ((uint64_t)q[4] << 24) | ((uint64_t)q[5] << 16) |
                ((uint64_t)q[6] << 8) | (uint64_t)q[7];
        } else {
            uint64_t w15 = ring[(t - 15) & 15], w2 = ring[(t - 2) & 15];
            uint64_t s0 = ROTR64(w15, 1) ^ ROTR64(w15, 8) ^ (w15 >> 7);
            uint64_t s1 = ROTR64(w2, 19) ^ ROTR64(w2, 61) ^ (w2 >> 6);
            w = ring[t & 15] + s0 + ring[(t - 7) & 15] + s1;
        }
        ring[t & 15] = w;
        uint64_t S1 = ROTR64(e, 14) ^ ROTR64(e, 18) ^ ROTR64(e, 41);
        uint64_t ch = (e & f) ^ (~e & g);
        uint64_t t1 = h + S1 + ch + sha512_round_k[t] + w;
        uint64_t S0 = ROTR64(a, 28) ^ ROTR64(a, 34) ^ ROTR64(a, 39);
        uint64_t mj = (a & b) ^ (a & c) ^ (b & c);
        uint64_t t2 = S0 + mj;
        h = g; g = f; f = e; e = d + t1;
        d = c; c = b; b = a; a = t1 + t2;
    }
    st[0] += a; st[1] += b; st[2] += c; st[3] += d;
    st[4] += e; st[5] += f; st[6] += g; st[7] += h;
}

static void sha512_start(sha512_ctx *cx)
{
    cx->h[0] = 0x6a09e667f3bcc908ULL; cx->h[1] = 0xbb67ae8584caa73bULL;
    cx->h[2] = 0x3c6ef372fe94f82bULL; cx->h[3] = 0xa54ff53a5f1d36f1ULL;
    cx->h[4] = 0x510e527fade682d1ULL; cx->h[5] = 0x9b05688c2b3e6c1fULL;
    cx->h[6] = 0x1f83d9abfb41bd6bULL; cx->h[7] = 0x5be0cd19137e2179ULL;
    cx->fill = 0;
    cx->total = 0;
}

static void sha512_absorb(sha512_ctx *cx, const uint8_t *p, size_t n)
{
    cx->total += n;
    while (n > 0) {
        unsigned room = 128 - cx->fill;
        unsigned take = n < room ? (unsigned)n : room;
        memcpy(cx->buf + cx->fill, p, take);
        cx->fill += take;
        p += take;
        n -= take;
        if (cx->fill == 128) {
            sha512_compress(cx->h, cx->buf);
            cx->fill = 0;
        }
    }
}

static void sha512_finish(sha512_ctx *cx, uint8_t out[64])
{
    uint64_t bits = cx->total << 3;
    cx->buf[cx->fill++] = 0x80;
    if (cx->fill > 112) {
        memset(cx->buf + cx->fill, 0, 128 - cx->fill);
        sha512_compress(cx->h, cx->buf);
        cx->fill = 0;
    }
    memset(cx->buf + cx->fill, 0, 128 - cx->fill);
    for (int i = 0; i < 8; i++)
        cx->buf[127 - i] = (uint8_t)(bits >> (8 * i));
    cx->buf[119] = (uint8_t)(cx->total >> 61);
    sha512_compress(cx->h, cx->buf);
    for (int i = 0; i < 64; i++)
        out[i] = (uint8_t)(cx->h[i >> 3] >> (56 - 8 * (i & 7)));
}

/* Keyed start states: inner = H(K ^ ipad) prefix, outer = H(K ^ opad). */
typedef struct {
    sha512_ctx inner, outer;
} hmac512_keyed;

static void hmac512_setkey(hmac512_keyed *hk, const uint8_t *key, size_t klen)
{
    uint8_t kb[128], pad[128];
    memset(kb, 0, sizeof kb);
    if (klen > 128) {
        sha512_ctx t;
        sha512_start(&t);
        sha512_absorb(&t, key, klen);
        sha512_finish(&t, kb);
    } else {
        memcpy(kb, key, klen);
    }
    for (int i = 0; i < 128; i++) pad[i] = kb[i] ^ 0x36;
    sha512_start(&hk->inner);
    sha512_absorb(&hk->inner, pad, 128);
    for (int i = 0; i < 128; i++) pad[i] = kb[i] ^ 0x5c;
    sha512_start(&hk->outer);
    sha512_absorb(&hk->outer, pad, 128);
}

/* HMAC of two concatenated pieces (salt || INT(i) in the first round). */
static void hmac512_two(const hmac512_keyed *hk, const uint8_t *m1, size_t n1,
                        const uint8_t *m2, size_t n2, uint8_t mac[64])
{
    sha512_ctx c = hk->inner;
    uint8_t ih[64];
    sha512_absorb(&c, m1, n1);
    if (n2) sha512_absorb(&c, m2, n2);
    sha512_finish(&c, ih);
    c = hk->outer;
    sha512_absorb(&c, ih, 64);
    sha512_finish(&c, mac);
}

/* Public HMAC-SHA-512. */
void hmac_sha512(const uint8_t *key, size_t klen, const uint8_t *msg,
                 size_t mlen, uint8_t mac[64])
{
    hmac512_keyed hk;
    hmac512_setkey(&hk, key, klen);
    hmac512_two(&hk, msg, mlen, NULL, 0, mac);
}

/* DK = T1 || T2 || ... truncated to dklen; Ti = U1 ^ U2 ^ ... ^ Uc. */
int pbkdf2_hmac_sha512(const uint8_t *pw, size_t pwlen, const uint8_t *salt,
                       size_t saltlen, uint32_t iterations, uint8_t *dk,
                       size_t dklen)
{
    if (iterations == 0) return -1;
    hmac512_keyed hk;
    hmac512_setkey(&hk, pw, pwlen);
    uint32_t block_no = 1;
    size_t done = 0;
    while (done < dklen) {
        uint8_t be[4] = { (uint8_t)(block_no >> 24), (uint8_t)(block_no >> 16),
                          (uint8_t)(block_no >> 8), (uint8_t)block_no };
        uint8_t u[64], acc[64];
        hmac512_two(&hk, salt, saltlen, be, 4, u);
        memcpy(acc, u, 64);
        for (uint32_t it = 1; it < iterations; it++) {
            hmac512_two(&hk, u, 64, NULL, 0, u);
            for (int k = 0; k < 64; k++) acc[k] ^= u[k];
        }
        size_t chunk = dklen - done < 64 ? dklen - done : 64;
        memcpy(dk + done, acc, chunk);
        done += chunk;
        block_no++;
    }
    return 0;
}

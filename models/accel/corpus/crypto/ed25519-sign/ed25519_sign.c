/* Ed25519 signing (RFC 8032, pure EdDSA over edwards25519).
 * Field elements: 16 limbs of 16 bits, fully carried after every operation.
 * Curve constants d, 2d, sqrt(-1) and the base point are derived at start-up
 * from their definitions (d = -121665/121666, B = (x, 4/5) with x even).
 * Scalars are reduced modulo the group order L by a bit-serial remainder.
 * SHA-512 is included for the key expansion and the nonce/challenge hashes. */
#include <stdint.h>
#include <stddef.h>
#include <string.h>

typedef struct { uint32_t v[16]; } e25_fe;
typedef struct { e25_fe x, y, z, t; } e25_pt;
typedef struct {
    uint64_t h[8];
    uint8_t blk[128];
    size_t used;
    uint64_t len;
} e25_sha512;

static const uint64_t e25_k512[80] = {
    0x428a2f98d728ae22ULL, 0x7137449123ef65cdULL, 0xb5c0fbcfec4d3b2fULL,
    0xe9b5dba58189dbbcULL, 0x3956c25bf348b538ULL, 0x59f111f1b605d019ULL,
    0x923f82a4af194f9bULL, 0xab1c5ed5da6d8118ULL, 0xd807aa98a3030242ULL,
    0x12835b0145706fbeULL, 0x243185be4ee4b28cULL, 0x550c7dc3d5ffb4e2ULL,
    0x72be5d74f27b896fULL, 0x80deb1fe3b1696b1ULL, 0x9bdc06a725c71235ULL,
    0xc19bf174cf692694ULL, 0xe49b69c19ef14ad2ULL, 0xefbe4786384f25e3ULL,
    0x0fc19dc68b8cd5b5ULL, 0x240ca1cc77ac9c65ULL, 0x2de92c6f592b0275ULL,
    0x4a7484aa6ea6e483ULL, 0x5cb0a9dcbd41fbd4ULL, 0x76f988da831153b5ULL,
    0x983e5152ee66dfabULL, 0xa831c66d2db43210ULL, 0xb00327c898fb213fULL,
    0xbf597fc7beef0ee4ULL, 0xc6e00bf33da88fc2ULL, 0xd5a79147930aa725ULL,
    0x06ca6351e003826fULL, 0x142929670a0e6e70ULL, 0x27b70a8546d22ffcULL,
    0x2e1b21385c26c926ULL, 0x4d2c6dfc5ac42aedULL, 0x53380d139d95b3dfULL,
    0x650a73548baf63deULL, 0x766a0abb3c77b2a8ULL, 0x81c2c92e47edaee6ULL,
    0x92722c851482353bULL, 0xa2bfe8a14cf10364ULL, 0xa81a664bbc423001ULL,
    0xc24b8b70d0f89791ULL, 0xc76c51a30654be30ULL, 0xd192e819d6ef5218ULL,
    0xd69906245565a910ULL, 0xf40e35855771202aULL, 0x106aa07032bbd1b8ULL,
    0x19a4c116b8d2d0c8ULL, 0x1e376c085141ab53ULL, 0x2748774cdf8eeb99ULL,
    0x34b0bcb5e19b48a8ULL, 0x391c0cb3c5c95a63ULL, 0x4ed8aa4ae3418acbULL,
    0x5b9cca4f7763e373ULL, 0x682e6ff3d6b2b8a3ULL, 0x748f82ee5defb2fcULL,
    0x78a5636f43172f60ULL, 0x84c87814a1f0ab72ULL, 0x8cc702081a6439ecULL,
    0x90befffa23631e28ULL, 0xa4506cebde82bde9ULL, 0xbef9a3f7b2c67915ULL,
    0xc67178f2e372532bULL, 0xca273eceea26619cULL, 0xd186b8c721c0c207ULL,
    0xeada7dd6cde0eb1eULL, 0xf57d4f7fee6ed178ULL, 0x06f067aa72176fbaULL,
    0x0a637dc5a2c898a6ULL, 0x113f9804bef90daeULL, 0x1b710b35131c471bULL,
    0x28db77f523047d84ULL, 0x32caab7b40c72493ULL, 0x3c9ebe0a15c9bebcULL,
    0x431d67c49c100d4cULL, 0x4cc5d4becb3e42b6ULL, 0x597f299cfc657e2aULL,
    0x5fcb6fab3ad6faecULL, 0x6c44198c4a475817ULL
};

static e25_fe e25_d2, e25_sqrtm1;
static e25_pt e25_base;
static int e25_ready;

static const uint32_t e25_order[8] = {0x5cf5d3edU, 0x5812631aU, 0xa2f79cd6U, 0x14def9deU,
                                      0, 0, 0, 0x10000000U};

/* ---------------- SHA-512 ---------------- */
#define E25_R(x, n) (((x) >> (n)) | ((x) << (64 - (n))))

static void e25_sha512_compress(uint64_t st[8], const uint8_t *p)
{
    uint64_t w[80], v[8];
    int i;
    for (i = 0; i < 16; i++) {
        uint64_t x = 0;
        int j;
        for (j = 0; j < 8; j++)
            x = (x << 8) | p[8 * i + j];
        w[i] = x;
    }
    for (i = 16; i < 80; i++)
        w[i] = w[i - 16] + (E25_R(w[i - 15], 1) ^ E25_R(w[i - 15], 8) ^ (w[i - 15] >> 7)) +
               w[i - 7] + (E25_R(w[i - 2], 19) ^ E25_R(w[i - 2], 61) ^ (w[i - 2] >> 6));
    memcpy(v, st, sizeof v);
    for (i = 0; i < 80; i++) {
        uint64_t t1 = v[7] + (E25_R(v[4], 14) ^ E25_R(v[4], 18) ^ E25_R(v[4], 41)) +
                      ((v[4] & v[5]) ^ (~v[4] & v[6])) + e25_k512[i] + w[i];
        uint64_t t2 = (E25_R(v[0], 28) ^ E25_R(v[0], 34) ^ E25_R(v[0], 39)) +
                      ((v[0] & v[1]) ^ (v[0] & v[2]) ^ (v[1] & v[2]));
        memmove(v + 1, v, 7 * sizeof(uint64_t));
        v[4] += t1;
        v[0] = t1 + t2;
    }
    for (i = 0; i < 8; i++)
        st[i] += v[i];
}

static void e25_sha512_init(e25_sha512 *s)
{
    static const uint64_t iv[8] = {
        0x6a09e667f3bcc908ULL, 0xbb67ae8584caa73bULL, 0x3c6ef372fe94f82bULL, 0xa54ff53a5f1d36f1ULL,
        0x510e527fade682d1ULL, 0x9b05688c2b3e6c1fULL, 0x1f83d9abfb41bd6bULL, 0x5be0cd19137e2179ULL};
    memcpy(s->h, iv, sizeof iv);
    s->used = 0;
    s->len = 0;
}

static void e25_sha512_add(e25_sha512 *s, const uint8_t *p, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++) {
        s->blk[s->used++] = p[i];
        if (s->used == 128) {
            e25_sha512_compress(s->h, s->blk);
            s->used = 0;
        }
    }
    s->len += n;
}

static void e25_sha512_done(e25_sha512 *s, uint8_t out[64])
{
    uint64_t bits = s->len << 3;
    int i;
    s->blk[s->used++] = 0x80;
    if (s->used > 112) {
        while (s->used < 128)
            s->blk[s->used++] = 0;
        e25_sha512_compress(s->h, s->blk);
        s->used = 0;
    }
    while (s->used < 120)
        s->blk[s->used++] = 0;
    for (i = 0; i < 8; i++)
        s->blk[120 + i] = (uint8_t)(bits >> (56 - 8 * i));
    e25_sha512_compress(s->h, s->blk);
    for (i = 0; i < 64; i++)
        out[i] = (uint8_t)(s->h[i / 8] >> (56 - 8 * (i % 8)));
}

/* ---------------- GF(2^255 - 19) ---------------- */
static void e25_settle(e25_fe *r, uint64_t t[16])
{
    int i;
    for (;;) {
        uint64_t top;
        for (i = 0; i < 15; i++) {
            t[i + 1] += t[i] >> 16;
            t[i] &= 0xffff;
        }
        top = t[15] >> 16;
        t[15] &= 0xffff;
        if (top == 0)
            break;
        t[0] += 38 * top; /* 2^256 = 38 (mod p) */
    }
    for (i = 0; i < 16; i++)
        r->v[i] = (uint32_t)t[i];
}

static void e25_set_small(e25_fe *r, uint32_t k)
{
    memset(r, 0, sizeof *r);
    r->v[0] = k & 0xffff;
    r->v[1] = k >> 16;
}

static void e25_add(e25_fe *r, const e25_fe *a, const e25_fe *b)
{
    uint64_t t[16];
    int i;
    for (i = 0; i < 16; i++)
        t[i] = (uint64_t)a->v[i] + b->v[i];
    e25_settle(r, t);
}

/* a - b + 4p, limb by limb, so no limb goes negative. */
static void e25_sub(e25_fe *r, const e25_fe *a, const e25_fe *b)
{
    uint64_t t[16];
    int i;
    for (i = 0; i < 16; i++) {
        uint64_t fourp = i == 0 ? 4u * 0xffedu : (i == 15 ? 4u * 0x7fffu : 4u * 0xffffu);
        t[i] = (uint64_t)a->v[i] + fourp - b->v[i];
    }
    e25_settle(r, t);
}

static void e25_mul(e25_fe *r, const e25_fe *a, const e25_fe *b)
{
    uint64_t wide[31], t[16];
    int i, j;
    memset(wide, 0, sizeof wide);
    for (i = 0; i < 16; i++)
        for (j = 0; j < 16; j++)
            wide[i + j] += (uint64_t)a->v[i] * b->v[j];
    for (i = 0; i < 16; i++)
        t[i] = wide[i] + (i < 15 ? 38 * wide[i + 16] : 0);
    e25_settle(r, t);
}

static void e25_pow(e25_fe *r, const e25_fe *a, const uint8_t e[32])
{
    e25_fe acc;
    int bit;
    e25_set_small(&acc, 1);
    for (bit = 255; bit >= 0; bit--) {
        e25_mul(&acc, &acc, &acc);
        if ((e[bit >> 3] >> (bit & 7)) & 1)
            e25_mul(&acc, &acc, a);
    }
    *r = acc;
}

/* Exponent p-2 (inversion), (p+3)/8 and (p-1)/4 as little-endian bytes. */
static void e25_exponent(uint8_t e[32], uint8_t low, uint8_t high)
{
    memset(e, 0xff, 32);
    e[0] = low;
    e[31] = high;
}

static void e25_invert(e25_fe *r, const e25_fe *a)
{
    uint8_t e[32];
    e25_exponent(e, 0xeb, 0x7f);
    e25_pow(r, a, e);
}

/* Canonical little-endian bytes: subtract p while the value is >= p. */
static void e25_pack(uint8_t out[32], const e25_fe *a)
{
    uint32_t t[16];
    int round, i;
    memcpy(t, a->v, sizeof t);
    for (round = 0; round < 2; round++) {
        uint32_t m[16];
        int32_t borrow = 0;
        for (i = 0; i < 16; i++) {
            int32_t pl = i == 0 ? 0xffed : (i == 15 ? 0x7fff : 0xffff);
            int32_t d = (int32_t)t[i] - pl - borrow;
            borrow = d < 0;
            m[i] = (uint32_t)(d & 0xffff);
        }
        if (!borrow)
            memcpy(t, m, sizeof t);
    }
    for (i = 0; i < 16; i++) {
        out[2 * i] = (uint8_t)t[i];
        out[2 * i + 1] = (uint8_t)(t[i] >> 8);
    }
}

static int e25_equal(const e25_fe *a, const e25_fe *b)
{
    uint8_t x[32], y[32];
    e25_pack(x, a);
    e25_pack(y, b);
    return memcmp(x, y, 32) == 0;
}

/* ---------------- edwards25519 group ---------------- */
static void e25_point_add(e25_pt *r, const e25_pt *p, const e25_pt *q)
{
    e25_fe a, b, c, d, e, f, g, h, u, v;
    e25_sub(&u, &p->y, &p->x);
    e25_sub(&v, &q->y, &q->x);
    e25_mul(&a, &u, &v);
    e25_add(&u, &p->y, &p->x);
    e25_add(&v, &q->y, &q->x);
    e25_mul(&b, &u, &v);
    e25_mul(&c, &p->t, &q->t);
    e25_mul(&c, &c, &e25_d2);
    e25_mul(&d, &p->z, &q->z);
    e25_add(&d, &d, &d);
    e25_sub(&e, &b, &a);
    e25_sub(&f, &d, &c);
    e25_add(&g, &d, &c);
    e25_add(&h, &b, &a);
    e25_mul(&r->x, &e, &f);
    e25_mul(&r->y, &g, &h);
    e25_mul(&r->t, &e, &h);
    e25_mul(&r->z, &f, &g);
}

static void e25_scalar_mul(e25_pt *r, const uint8_t k[32], const e25_pt *p)
{
    e25_pt acc;
    int bit;
    memset(&acc, 0, sizeof acc);
    e25_set_small(&acc.y, 1);
    e25_set_small(&acc.z, 1);
    for (bit = 255; bit >= 0; bit--) {
        e25_point_add(&acc, &acc, &acc);
        if ((k[bit >> 3] >> (bit & 7)) & 1)
            e25_point_add(&acc, &acc, p);
    }
    *r = acc;
}

static void e25_encode(uint8_t out[32], const e25_pt *p)
{
    e25_fe zi, x, y;
    uint8_t xb[32];
    e25_invert(&zi, &p->z);
    e25_mul(&x, &p->x, &zi);
    e25_mul(&y, &p->y, &zi);
    e25_pack(out, &y);
    e25_pack(xb, &x);
    out[31] |= (uint8_t)((xb[0] & 1) << 7);
}

static void e25_init_constants(void)
{
    e25_fe num, den, d, one, y2, u, v, w, x, chk;
    uint8_t e[32], xb[32];
    e25_set_small(&one, 1);
    /* d = -121665 / 121666 */
    e25_set_small(&num, 121665);
    memset(&den, 0, sizeof den);
    e25_sub(&num, &den, &num);
    e25_set_small(&den, 121666);
    e25_invert(&den, &den);
    e25_mul(&d, &num, &den);
    e25_add(&e25_d2, &d, &d);
    /* sqrt(-1) = 2^((p-1)/4) */
    e25_set_small(&num, 2);
    e25_exponent(e, 0xfb, 0x1f);
    e25_pow(&e25_sqrtm1, &num, e);
    /* base point: y = 4/5, x^2 = (y^2 - 1) / (d y^2 + 1), x even */
    e25_set_small(&num, 5);
    e25_invert(&num, &num);
    e25_set_small(&den, 4);
    e25_mul(&e25_base.y, &num, &den);
    e25_mul(&y2, &e25_base.y, &e25_base.y);
    e25_sub(&u, &y2, &one);
    e25_mul(&v, &d, &y2);
    e25_add(&v, &v, &one);
    e25_invert(&v, &v);
    e25_mul(&w, &u, &v);
    e25_exponent(e, 0xfe, 0x0f);
    e25_pow(&x, &w, e);
    e25_mul(&chk, &x, &x);
    if (!e25_equal(&chk, &w))
        e25_mul(&x, &x, &e25_sqrtm1);
    e25_pack(xb, &x);
    if (xb[0] & 1) {
        memset(&num, 0, sizeof num);
        e25_sub(&x, &num, &x);
    }
    e25_base.x = x;
    e25_set_small(&e25_base.z, 1);
    e25_mul(&e25_base.t, &e25_base.x, &e25_base.y);
    e25_ready = 1;
}

/* ---------------- scalars mod L ---------------- */
/* Reduce a little-endian number of nwords 32-bit words modulo L, one bit at a time. */
static void e25_mod_order(uint32_t r[8], const uint32_t *n, int nwords)
{
    int bit, i;
    memset(r, 0, 8 * sizeof(uint32_t));
    for (bit = 32 * nwords - 1; bit >= 0; bit--) {
        uint32_t in = (n[bit >> 5] >> (bit & 31)) & 1, s[8];
        int64_t borrow = 0;
        for (i = 7; i > 0; i--)
            r[i] = (r[i] << 1) | (r[i - 1] >> 31);
        r[0] = (r[0] << 1) | in;
        for (i = 0; i < 8; i++) {
            int64_t dlt = (int64_t)r[i] - e25_order[i] - borrow;
            borrow = dlt < 0;
            s[i] = (uint32_t)dlt;
        }
        if (!borrow)
            memcpy(r, s, sizeof s);
    }
}

static void e25_bytes_to_words(uint32_t *w, const uint8_t *b, int nwords)
{
    int i;
    for (i = 0; i < nwords; i++)
        w[i] = (uint32_t)b[4 * i] | (uint32_t)b[4 * i + 1] << 8 | (uint32_t)b[4 * i + 2] << 16 |
               (uint32_t)b[4 * i + 3] << 24;
}

static void e25_words_to_bytes(uint8_t *b, const uint32_t *w, int nwords)
{
    int i;
    for (i = 0; i < 4 * nwords; i++)
        b[i] = (uint8_t)(w[i >> 2] >> (8 * (i & 3)));
}

static void e25_reduce_digest(uint8_t out[32], const uint8_t h[64])
{
    uint32_t w[16], r[8];
    e25_bytes_to_words(w, h, 16);
    e25_mod_order(r, w, 16);
    e25_words_to_bytes(out, r, 8);
}

/* S = (r + k * a) mod L */
static void e25_mul_add(uint8_t s[32], const uint8_t k[32], const uint8_t a[32], const uint8_t r[32])
{
    uint32_t kw[8], aw[8], rw[8], prod[16], res[8];
    uint64_t carry;
    int i, j;
    e25_bytes_to_words(kw, k, 8);
    e25_bytes_to_words(aw, a, 8);
    e25_bytes_to_words(rw, r, 8);
    memset(prod, 0, sizeof prod);
    for (i = 0; i < 8; i++) {
        carry = 0;
        for (j = 0; j < 8; j++) {
            uint64_t t = (uint64_t)kw[i] * aw[j] + prod[i + j] + carry;
            prod[i + j] = (uint32_t)t;
            carry = t >> 32;
        }
        prod[i + 8] = (uint32_t)carry;
    }
    carry = 0;
    for (i = 0; i < 16; i++) {
        uint64_t t = (uint64_t)prod[i] + (i < 8 ? rw[i] : 0) + carry;
        prod[i] = (uint32_t)t;
        carry = t >> 32;
    }
    e25_mod_order(res, prod, 16);
    e25_words_to_bytes(s, res, 8);
}

/* ---------------- EdDSA ---------------- */
static void e25_expand_seed(const uint8_t seed[32], uint8_t scalar[32], uint8_t prefix[32])
{
    e25_sha512 hs;
    uint8_t h[64];
    e25_sha512_init(&hs);
    e25_sha512_add(&hs, seed, 32);
    e25_sha512_done(&hs, h);
    h[0] &= 248;
    h[31] &= 127;
    h[31] |= 64;
    memcpy(scalar, h, 32);
    memcpy(prefix, h + 32, 32);
}

void ed25519_public_key(uint8_t pub[32], const uint8_t seed[32])
{
    uint8_t a[32], prefix[32];
    e25_pt A;
    if (!e25_ready)
        e25_init_constants();
    e25_expand_seed(seed, a, prefix);
    e25_scalar_mul(&A, a, &e25_base);
    e25_encode(pub, &A);
}

void ed25519_sign(uint8_t sig[64], const uint8_t *msg, size_t mlen, const uint8_t seed[32])
{
    uint8_t a[32], prefix[32], pub[32], h[64], r[32], k[32];
    e25_sha512 hs;
    e25_pt R, A;
    if (!e25_ready)
        e25_init_constants();
    e25_expand_seed(seed, a, prefix);
    e25_scalar_mul(&A, a, &e25_base);
    e25_encode(pub, &A);

    e25_sha512_init(&hs);
    e25_sha512_add(&hs, prefix, 32);
    e25_sha512_add(&hs, msg, mlen);
    e25_sha512_done(&hs, h);
    e25_reduce_digest(r, h);
    e25_scalar_mul(&R, r, &e25_base);
    e25_encode(sig, &R);

    e25_sha512_init(&hs);
    e25_sha512_add(&hs, sig, 32);
    e25_sha512_add(&hs, pub, 32);
    e25_sha512_add(&hs, msg, mlen);
    e25_sha512_done(&hs, h);
    e25_reduce_digest(k, h);
    e25_mul_add(sig + 32, k, a, r);
}

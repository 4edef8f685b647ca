/*
 * ECDH over NIST P-384 (FIPS 186-4 / SEC 2 secp384r1).
 *
 * Field elements are twelve 32-bit limbs, least significant first, kept in
 * Montgomery form (R = 2^384).  Because p = -1 mod 2^32 the Montgomery
 * constant -p^-1 mod 2^32 is 1, so the reduction multiplier is simply the low
 * limb.  Points are homogeneous projective (X:Y:Z) and are combined with the
 * complete addition and doubling formulas of Renes, Costello and Batina
 * (EUROCRYPT 2016, algorithms 4 and 6, a = -3), so the Montgomery ladder
 * needs no special cases for the identity or equal inputs.
 */
#include <stdint.h>
#include <string.h>

#define NL 12
typedef uint32_t fe[NL];

typedef struct {
    fe x, y, z;
} p384_point;

static const fe P384_P = {
    0xffffffffu, 0x00000000u, 0x00000000u, 0xffffffffu, 0xfffffffeu, 0xffffffffu,
    0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu};
static const fe P384_N = {
    0xccc52973u, 0xecec196au, 0x48b0a77au, 0x581a0db2u, 0xf4372ddfu, 0xc7634d81u,
    0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu};
static const fe P384_B = {
    0xd3ec2aefu, 0x2a85c8edu, 0x8a2ed19du, 0xc656398du, 0x5013875au, 0x0314088fu,
    0xfe814112u, 0x181d9c6eu, 0xe3f82d19u, 0x988e056bu, 0xe23ee7e4u, 0xb3312fa7u};
static const fe P384_GX = {
    0x72760ab7u, 0x3a545e38u, 0xbf55296cu, 0x5502f25du, 0x82542a38u, 0x59f741e0u,
    0x8ba79b98u, 0x6e1d3b62u, 0xf320ad74u, 0x8eb1c71eu, 0xbe8b0537u, 0xaa87ca22u};
static const fe P384_GY = {
    0x90ea0e5fu, 0x7a431d7cu, 0x1d7e819du, 0x0a60b1ceu, 0xb5f0b8c0u, 0xe9da3113u,
    0x289a147cu, 0xf8f41dbdu, 0x9292dc29u, 0x5d9e98bfu, 0x96262c6fu, 0x3617de4au};

/* Montgomery constants, filled by p384_field_setup(). */
static fe mont_r2, mont_one, mont_b;
static int field_ready;

/* r = a - b over 384 bits; returns the borrow. */
static uint32_t fe_sub_raw(fe r, const fe a, const fe b)
{
    uint64_t borrow = 0;
    int i;
    for (i = 0; i < NL; i++) {
        uint64_t d = (uint64_t)a[i] - b[i] - borrow;
        r[i] = (uint32_t)d;
        borrow = (d >> 32) & 1;
    }
    return (uint32_t)borrow;
}

/* r = a + b over 384 bits; returns the carry. */
static uint32_t fe_add_raw(fe r, const fe a, const fe b)
{
    uint64_t carry = 0;
    int i;
    for (i = 0; i < NL; i++) {
        uint64_t s = (uint64_t)a[i] + b[i] + carry;
        r[i] = (uint32_t)s;
        carry = s >> 32;
    }
    return (uint32_t)carry;
}

/* Keeps r = t or t - p, whichever is in [0, p), given t < 2p with an extra
 * top bit hi. */
static void fe_reduce_once(fe r, const fe t, uint32_t hi)
{
    fe d;
    uint32_t borrow = fe_sub_raw(d, t, P384_P);
    uint32_t keep_t = borrow & (hi ^ 1u);   /* t < p and no overflow */
    uint32_t mask = 0u - keep_t;
    int i;
    for (i = 0; i < NL; i++)
        r[i] = (t[i] & mask) | (d[i] & ~mask);
}

static void fe_add(fe r, const fe a, const fe b)
{
    fe t;
    uint32_t c = fe_add_raw(t, a, b);
    fe_reduce_once(r, t, c);
}

static void fe_sub(fe r, const fe a, const fe b)
{
    fe t, u;
    uint32_t borrow = fe_sub_raw(t, a, b);
    uint32_t mask = 0u - borrow;
    fe pm;
    int i;
    for (i = 0; i < NL; i++)
        pm[i] = P384_P[i] & mask;
    fe_add_raw(u, t, pm);
    memcpy(r, u, sizeof(fe));
}

/* Montgomery product a * b * 2^-384 mod p (coarsely integrated operand
 * scanning). */
static void fe_mul(fe r, const fe a, const fe b)
{
    uint32_t t[NL + 2];
    int i, j;
    memset(t, 0, sizeof t);
    for (i = 0; i < NL; i++) {
        uint64_t s, carry = 0;
        uint32_t m;
        for (j = 0; j < NL; j++) {
            s = (uint64_t)t[j] + (uint64_t)a[i] * b[j] + carry;
            t[j] = (uint32_t)s;
            carry = s >> 32;
        }
        s = (uint64_t)t[NL] + carry;
        t[NL] = (uint32_t)s;
        t[NL + 1] = (uint32_t)(s >> 32);

        m = t[0]; /* -p^-1 mod 2^32 == 1 */
        s = (uint64_t)t[0] + (uint64_t)m * P384_P[0];
        carry = s >> 32;
        for (j = 1; j < NL; j++) {
            s = (uint64_t)t[j] + (uint64_t)m * P384_P[j] + carry;
            t[j - 1] = (uint32_t)s;
            carry = s >> 32;
        }
        s = (uint64_t)t[NL] + carry;
        t[NL - 1] = (uint32_t)s;
        t[NL] = t[NL + 1] + (uint32_t)(s >> 32);
    }
    fe_reduce_once(r, t, t[NL]);
}

static void fe_sqr(fe r, const fe a)
{
    fe_mul(r, a, a);
}

/* Inverse by Fermat: a^(p-2). */
static void fe_inv(fe r, const fe a)
{
    fe e, acc;
    int i;
    memcpy(e, P384_P, sizeof e);
    e[0] -= 2;
    memcpy(acc, mont_one, sizeof acc);
    for (i = 383; i >= 0; i--) {
        fe_sqr(acc, acc);
        if ((e[i >> 5] >> (i & 31)) & 1)
            fe_mul(acc, acc, a);
    }
    memcpy(r, acc, sizeof acc);
}

static void fe_to_mont(fe r, const fe a)
{
    fe_mul(r, a, mont_r2);
}

static void fe_from_mont(fe r, const fe a)
{
    fe one;
    memset(one, 0, sizeof one);
    one[0] = 1;
    fe_mul(r, a, one);
}

/* R mod p, R^2 mod p (by 384 modular doublings of R) and b in Montgomery
 * form. */
void p384_field_setup(void)
{
    fe zero;
    int i;
    if (field_ready)
        return;
    memset(zero, 0, sizeof zero);
    fe_sub_raw(mont_one, zero, P384_P); /* 2^384 - p */
    memcpy(mont_r2, mont_one, sizeof(fe));
    for (i = 0; i < 384; i++)
        fe_add(mont_r2, mont_r2, mont_r2);
    field_ready = 1;
    fe_to_mont(mont_b, P384_B);
}

/* Complete addition, a = -3 (RCB16 algorithm 4). */
static void pt_add(p384_point *r, const p384_point *p, const p384_point *q)
{
    fe t0, t1, t2, t3, t4, x3, y3, z3;
    fe_mul(t0, p->x, q->x);
    fe_mul(t1, p->y, q->y);
    fe_mul(t2, p->z, q->z);
    fe_add(t3, p->x, p->y);
    fe_add(t4, q->x, q->y);
    fe_mul(t3, t3, t4);
    fe_add(t4, t0, t1);
    fe_sub(t3, t3, t4);
    fe_add(t4, p->y, p->z);
    fe_add(x3, q->y, q->z);
    fe_mul(t4, t4, x3);
    fe_add(x3, t1, t2);
    fe_sub(t4, t4, x3);
    fe_add(x3, p->x, p->z);
    fe_add(y3, q->x, q->z);
    fe_mul(x3, x3, y3);
    fe_add(y3, t0, t2);
    fe_sub(y3, x3, y3);
    fe_mul(z3, mont_b, t2);
    fe_sub(x3, y3, z3);
    fe_add(z3, x3, x3);
    fe_add(x3, x3, z3);
    fe_sub(z3, t1, x3);
    fe_add(x3, t1, x3);
    fe_mul(y3, mont_b, y3);
    fe_add(t1, t2, t2);
    fe_add(t2, t1, t2);
    fe_sub(y3, y3, t2);
    fe_sub(y3, y3, t0);
    fe_add(t1, y3, y3);
    fe_add(y3, t1, y3);
    fe_add(t1, t0, t0);
    fe_add(t0, t1, t0);
    fe_sub(t0, t0, t2);
    fe_mul(t1, t4, y3);
    fe_mul(t2, t0, y3);
    fe_mul(y3, x3, z3);
    fe_add(y3, y3, t2);
    fe_mul(x3, t3, x3);
    fe_sub(x3, x3, t1);
    fe_mul(z3, t4, z3);
    fe_mul(t1, t3, t0);
    fe_add(z3, z3, t1);
    memcpy(r->x, x3, sizeof(fe));
    memcpy(r->y, y3, sizeof(fe));
    memcpy(r->z, z3, sizeof(fe));
}

/* Exception-free doubling, a = -3 (RCB16 algorithm 6). */
static void pt_double(p384_point *r, const p384_point *p)
{
    fe t0, t1, t2, t3, x3, y3, z3;
    fe_sqr(t0, p->x);
    fe_sqr(t1, p->y);
    fe_sqr(t2, p->z);
    fe_mul(t3, p->x, p->y);
    fe_add(t3, t3, t3);
    fe_mul(z3, p->x, p->z);
    fe_add(z3, z3, z3);
    fe_mul(y3, mont_b, t2);
    fe_sub(y3, y3, z3);
    fe_add(x3, y3, y3);
    fe_add(y3, x3, y3);
    fe_sub(x3, t1, y3);
    fe_add(y3, t1, y3);
    fe_mul(y3, x3, y3);
    fe_mul(x3, x3, t3);
    fe_add(t3, t2, t2);
    fe_add(t2, t2, t3);
    fe_mul(z3, mont_b, z3);
    fe_sub(z3, z3, t2);
    fe_sub(z3, z3, t0);
    fe_add(t3, z3, z3);
    fe_add(z3, z3, t3);
    fe_add(t3, t0, t0);
    fe_add(t0, t3, t0);
    fe_sub(t0, t0, t2);
    fe_mul(t0, t0, z3);
    fe_add(y3, y3, t0);
    fe_mul(t0, p->y, p->z);
    fe_add(t0, t0, t0);
    fe_mul(z3, t0, z3);
    fe_sub(x3, x3, z3);
    fe_mul(z3, t0, t1);
    fe_add(z3, z3, z3);
    fe_add(z3, z3, z3);
    memcpy(r->x, x3, sizeof(fe));
    memcpy(r->y, y3, sizeof(fe));
    memcpy(r->z, z3, sizeof(fe));
}

static void pt_cswap(p384_point *a, p384_point *b, uint32_t bit)
{
    uint32_t mask = 0u - bit;
    int i;
    for (i = 0; i < NL; i++) {
        uint32_t dx = (a->x[i] ^ b->x[i]) & mask;
        uint32_t dy = (a->y[i] ^ b->y[i]) & mask;
        uint32_t dz = (a->z[i] ^ b->z[i]) & mask;
        a->x[i] ^= dx; b->x[i] ^= dx;
        a->y[i] ^= dy; b->y[i] ^= dy;
        a->z[i] ^= dz; b->z[i] ^= dz;
    }
}

/* Montgomery ladder k * P, k as 12 limbs. */
static void pt_scalar_mul(p384_point *r, const fe k, const p384_point *p)
{
    p384_point r0, r1;
    int i;
    memset(&r0, 0, sizeof r0);
    memcpy(r0.y, mont_one, sizeof(fe)); /* identity (0:1:0) */
    r1 = *p;
    for (i = 383; i >= 0; i--) {
        uint32_t bit = (k[i >> 5] >> (i & 31)) & 1u;
        pt_cswap(&r0, &r1, bit);
        pt_add(&r1, &r0, &r1);
        pt_double(&r0, &r0);
        pt_cswap(&r0, &r1, bit);
    }
    *r = r0;
}

/* Affine coordinates (normal form); -1 for the point at infinity. */
static int pt_to_affine(fe x, fe y, const p384_point *p)
{
    fe zi, t;
    uint32_t acc = 0;
    int i;
    for (i = 0; i < NL; i++)
        acc |= p->z[i];
    if (!acc)
        return -1;
    fe_inv(zi, p->z);
    fe_mul(t, p->x, zi);
    fe_from_mont(x, t);
    fe_mul(t, p->y, zi);
    fe_from_mont(y, t);
    return 0;
}

/* Checks 0 <= x, y < p and y^2 = x^3 - 3x + b; loads (x:y:1) into r. */
static int pt_load_checked(p384_point *r, const fe x, const fe y)
{
    fe d, lhs, rhs, t;
    uint32_t diff = 0;
    int i;
    if (!fe_sub_raw(d, x, P384_P) || !fe_sub_raw(d, y, P384_P))
        return -1;
    fe_to_mont(r->x, x);
    fe_to_mont(r->y, y);
    memcpy(r->z, mont_one, sizeof(fe));
    fe_sqr(lhs, r->y);
    fe_sqr(t, r->x);
    fe_mul(rhs, t, r->x);
    fe_add(t, r->x, r->x);
    fe_add(t, t, r->x);
    fe_sub(rhs, rhs, t);
    fe_add(rhs, rhs, mont_b);
    for (i = 0; i < NL; i++)
        diff |= lhs[i] ^ rhs[i];
    return diff ? -1 : 0;
}

/* Big-endian 48-byte string <-> limbs. */
static void fe_from_bytes(fe r, const uint8_t in[48])
{
    int i;
    for (i = 0; i < NL; i++) {
        const uint8_t *q = in + 48 - 4 * (i + 1);
        r[i] = (uint32_t)q[0] << 24 | (uint32_t)q[1] << 16 |
               (uint32_t)q[2] << 8 | q[3];
    }
}

static void fe_to_bytes(uint8_t out[48], const fe a)
{
    int i;
    for (i = 0; i < NL; i++) {
        uint8_t *q = out + 48 - 4 * (i + 1);
        q[0] = (uint8_t)(a[i] >> 24);
        q[1] = (uint8_t)(a[i] >> 16);
        q[2] = (uint8_t)(a[i] >> 8);
        q[3] = (uint8_t)a[i];
    }
}

/* 1 <= d < n */
static int scalar_in_range(const fe d)
{
    fe t;
    uint32_t acc = 0;
    int i;
    for (i = 0; i < NL; i++)
        acc |= d[i];
    return acc != 0 && fe_sub_raw(t, d, P384_N) != 0;
}

/* Public key Q = d * G.  Returns 0, or -1 for a scalar outside [1, n-1]. */
int p384_public_key(const uint8_t priv[48], uint8_t qx[48], uint8_t qy[48])
{
    fe d, x, y;
    p384_point g, q;
    p384_field_setup();
    fe_from_bytes(d, priv);
    if (!scalar_in_range(d))
        return -1;
    if (pt_load_checked(&g, P384_GX, P384_GY))
        return -1;
    pt_scalar_mul(&q, d, &g);
    if (pt_to_affine(x, y, &q))
        return -1;
    fe_to_bytes(qx, x);
    fe_to_bytes(qy, y);
    return 0;
}

/* Shared secret: x-coordinate of d * Q_peer.  Rejects off-curve peer
 * points, out-of-range scalars and an infinite result. */
int p384_ecdh(const uint8_t priv[48], const uint8_t peer_x[48],
              const uint8_t peer_y[48], uint8_t secret[48])
{
    fe d, px, py, x, y;
    p384_point q, s;
    p384_field_setup();
    fe_from_bytes(d, priv);
    fe_from_bytes(px, peer_x);
    fe_from_bytes(py, peer_y);
    if (!scalar_in_range(d))
        return -1;
    if (pt_load_checked(&q, px, py))
        return -1;
    pt_scalar_mul(&s, d, &q);
    if (pt_to_affine(x, y, &s))
        return -1;
    fe_to_bytes(secret, x);
    memset(d, 0, sizeof d);
    return 0;
}

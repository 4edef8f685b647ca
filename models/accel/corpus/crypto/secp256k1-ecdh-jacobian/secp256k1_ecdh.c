/* ECDH on secp256k1 (SEC 2): y^2 = x^3 + 7 over p = 2^256 - 2^32 - 977.
 * Field elements are eight 32-bit little-endian limbs; products are reduced
 * with 2^256 == 2^32 + 977 (mod p). Points use Jacobian coordinates
 * (x = X/Z^2, y = Y/Z^3, Z == 0 is the point at infinity); scalar
 * multiplication uses a 4-bit fixed window. */
#include <stdint.h>
#include <string.h>

typedef struct { uint32_t w[8]; } k1_fe;
typedef struct { k1_fe X, Y, Z; } k1_jac;

static const k1_fe K1_P = {{ 0xFFFFFC2Fu, 0xFFFFFFFEu, 0xFFFFFFFFu, 0xFFFFFFFFu,
                             0xFFFFFFFFu, 0xFFFFFFFFu, 0xFFFFFFFFu, 0xFFFFFFFFu }};
static const uint32_t K1_ORDER[8] = { 0xD0364141u, 0xBFD25E8Cu, 0xAF48A03Bu, 0xBAAEDCE6u,
                                      0xFFFFFFFEu, 0xFFFFFFFFu, 0xFFFFFFFFu, 0xFFFFFFFFu };
static const k1_fe K1_GX = {{ 0x16F81798u, 0x59F2815Bu, 0x2DCE28D9u, 0x029BFCDBu,
                              0xCE870B07u, 0x55A06295u, 0xF9DCBBACu, 0x79BE667Eu }};
static const k1_fe K1_GY = {{ 0xFB10D4B8u, 0x9C47D08Fu, 0xA6855419u, 0xFD17B448u,
                              0x0E1108A8u, 0x5DA4FBFCu, 0x26A3C465u, 0x483ADA77u }};

/* a >= b for 8-limb numbers */
static int k1_geq(const uint32_t *a, const uint32_t *b)
{
    for (int i = 7; i >= 0; i--) {
        if (a[i] != b[i]) return a[i] > b[i];
    }
    return 1;
}

/* Adds k * (2^32 + 977) to r; r < 2^256 afterwards except for a final carry
 * that is folded again. */
static void k1_fold(uint32_t r[8], uint64_t k)
{
    while (k) {
        uint64_t c = (uint64_t)r[0] + (k & 0xFFFFFFFFu) * 977u;
        r[0] = (uint32_t)c;
        c = (c >> 32) + (uint64_t)r[1] + (k & 0xFFFFFFFFu) + (k >> 32) * 977u;
        r[1] = (uint32_t)c;
        c = (c >> 32) + (uint64_t)r[2] + (k >> 32);
        r[2] = (uint32_t)c;
        c >>= 32;
        for (int i = 3; i < 8; i++) {
            c += r[i];
            r[i] = (uint32_t)c;
            c >>= 32;
        }
        k = c;
    }
}

static void k1_canon(k1_fe *a)
{
    if (k1_geq(a->w, K1_P.w)) {
        uint64_t b = 0;
        for (int i = 0; i < 8; i++) {
            uint64_t d = (uint64_t)a->w[i] - K1_P.w[i] - b;
            a->w[i] = (uint32_t)d;
            b = (d >> 63) & 1;
        }
    }
}

static void k1_add(k1_fe *r, const k1_fe *a, const k1_fe *b)
{
    uint64_t c = 0;
    for (int i = 0; i < 8; i++) {
        c += (uint64_t)a->w[i] + b->w[i];
        r->w[i] = (uint32_t)c;
        c >>= 32;
    }
    k1_fold(r->w, c);
    k1_canon(r);
}

static void k1_sub(k1_fe *r, const k1_fe *a, const k1_fe *b)
{
    uint64_t borrow = 0;
    for (int i = 0; i < 8; i++) {
        uint64_t d = (uint64_t)a->w[i] - b->w[i] - borrow;
        r->w[i] = (uint32_t)d;
        borrow = (d >> 63) & 1;
    }
    if (borrow) {            /* wrapped: add p back */
        uint64_t c = 0;
        for (int i = 0; i < 8; i++) {
            c += (uint64_t)r->w[i] + K1_P.w[i];
            r->w[i] = (uint32_t)c;
            c >>= 32;
        }
    }
}

static void k1_mul(k1_fe *r, const k1_fe *a, const k1_fe *b)
{
    uint32_t t[16];
    uint64_t acc_lo = 0, acc_hi = 0;   /* 96-bit column accumulator */
    for (int k = 0; k < 15; k++) {
        int lo = k < 8 ? 0 : k - 7, hi = k < 8 ? k : 7;
        for (int i = lo; i <= hi; i++) {
            uint64_t pr = (uint64_t)a->w[i] * b->w[k - i];
            acc_lo += pr & 0xFFFFFFFFu;
            acc_hi += pr >> 32;
        }
        t[k] = (uint32_t)acc_lo;
        acc_hi += acc_lo >> 32;
        acc_lo = acc_hi & 0xFFFFFFFFu;
        acc_hi >>= 32;
    }
    t[15] = (uint32_t)acc_lo;
    /* t = L + 2^256 H  ->  L + H * 977 + (H << 32) */
    uint32_t out[8];
    uint64_t c = 0;
    for (int i = 0; i < 8; i++) {
        c += (uint64_t)t[i] + (uint64_t)t[8 + i] * 977u;
        if (i > 0) c += t[8 + i - 1];
        out[i] = (uint32_t)c;
        c >>= 32;
    }
    c += t[15];              /* H[7] << 32 spills past limb 7 */
    k1_fold(out, c);
    memcpy(r->w, out, sizeof out);
    k1_canon(r);
}

static void k1_sqr(k1_fe *r, const k1_fe *a) { k1_mul(r, a, a); }

static int k1_is_zero(const k1_fe *a)
{
    uint32_t o = 0;
    for (int i = 0; i < 8; i++) o |= a->w[i];
    return o == 0;
}

/* a^(p-2) by left-to-right square and multiply. */
static void k1_inv(k1_fe *r, const k1_fe *a)
{
    k1_fe acc = {{ 1, 0, 0, 0, 0, 0, 0, 0 }};
    for (int bit = 255; bit >= 0; bit--) {
        uint32_t e = K1_P.w[bit / 32];
        if (bit / 32 == 0) e -= 2;
        k1_sqr(&acc, &acc);
        if ((e >> (bit % 32)) & 1) k1_mul(&acc, &acc, a);
    }
    *r = acc;
}

static void k1_double(k1_jac *r, const k1_jac *p)
{
    if (k1_is_zero(&p->Z) || k1_is_zero(&p->Y)) { memset(r, 0, sizeof *r); return; }
    k1_fe A, Bq, C, D, E, F, t;
    k1_sqr(&A, &p->X);
    k1_sqr(&Bq, &p->Y);
    k1_sqr(&C, &Bq);
    k1_add(&t, &p->X, &Bq);
    k1_sqr(&t, &t);
    k1_sub(&t, &t, &A);
    k1_sub(&t, &t, &C);
    k1_add(&D, &t, &t);
    k1_add(&E, &A, &A);
    k1_add(&E, &E, &A);
    k1_sqr(&F, &E);
    k1_fe Z3;
    k1_mul(&Z3, &p->Y, &p->Z);
    k1_add(&Z3, &Z3, &Z3);
    k1_fe X3;
    k1_sub(&X3, &F, &D);
    k1_sub(&X3, &X3, &D);
    k1_fe C8;
    k1_add(&C8, &C, &C);
    k1_add(&C8, &C8, &C8);
    k1_add(&C8, &C8, &C8);
    k1_sub(&t, &D, &X3);
    k1_mul(&t, &E, &t);
    k1_sub(&r->Y, &t, &C8);
    r->X = X3;
    r->Z = Z3;
}

static void k1_add_points(k1_jac *r, const k1_jac *p, const k1_jac *q)
{
    if (k1_is_zero(&p->Z)) { *r = *q; return; }
    if (k1_is_zero(&q->Z)) { *r = *p; return; }
    k1_fe z1s, z2s, U1, U2, S1, S2, H, R, t;
    k1_sqr(&z1s, &p->Z);
    k1_sqr(&z2s, &q->Z);
    k1_mul(&U1, &p->X, &z2s);
    k1_mul(&U2, &q->X, &z1s);
    k1_mul(&t, &q->Z, &z2s);
    k1_mul(&S1, &p->Y, &t);
    k1_mul(&t, &p->Z, &z1s);
    k1_mul(&S2, &q->Y, &t);
    k1_sub(&H, &U2, &U1);
    k1_sub(&R, &S2, &S1);
    if (k1_is_zero(&H)) {
        if (k1_is_zero(&R)) { k1_double(r, p); return; }
        memset(r, 0, sizeof *r);
        return;
    }
    k1_fe H2, H3, U1H2, X3, Y3, Z3;
    k1_sqr(&H2, &H);
    k1_mul(&H3, &H, &H2);
    k1_mul(&U1H2, &U1, &H2);
    k1_sqr(&X3, &R);
    k1_sub(&X3, &X3, &H3);
    k1_sub(&X3, &X3, &U1H2);
    k1_sub(&X3, &X3, &U1H2);
    k1_sub(&t, &U1H2, &X3);
    k1_mul(&Y3, &R, &t);
    k1_mul(&t, &S1, &H3);
    k1_sub(&Y3, &Y3, &t);
    k1_mul(&Z3, &p->Z, &q->Z);
    k1_mul(&Z3, &Z3, &H);
    r->X = X3; r->Y = Y3; r->Z = Z3;
}

/* r = k * P, scalar as 8 little-endian limbs, 4-bit window from the top. */
static void k1_scalar_mult(k1_jac *r, const uint32_t k[8], const k1_jac *P)
{
    k1_jac table[16];
    memset(&table[0], 0, sizeof table[0]);
    table[1] = *P;
    for (int i = 2; i < 16; i++) k1_add_points(&table[i], &table[i - 1], P);
    k1_jac acc;
    memset(&acc, 0, sizeof acc);
    for (int nib = 63; nib >= 0; nib--) {
        for (int d = 0; d < 4; d++) k1_double(&acc, &acc);
        unsigned v = (k[nib / 8] >> (4 * (nib % 8))) & 15u;
        if (v) k1_add_points(&acc, &acc, &table[v]);
    }
    *r = acc;
}

static void k1_to_affine(k1_fe *x, k1_fe *y, const k1_jac *p)
{
    k1_fe zi, zi2, zi3;
    k1_inv(&zi, &p->Z);
    k1_sqr(&zi2, &zi);
    k1_mul(&zi3, &zi2, &zi);
    k1_mul(x, &p->X, &zi2);
    k1_mul(y, &p->Y, &zi3);
}

static void k1_from_be(uint32_t w[8], const uint8_t b[32])
{
    for (int i = 0; i < 8; i++) {
        const uint8_t *q = b + 28 - 4 * i;
        w[i] = (uint32_t)q[0] << 24 | (uint32_t)q[1] << 16 | (uint32_t)q[2] << 8 | q[3];
    }
}

static void k1_to_be(uint8_t b[32], const uint32_t w[8])
{
    for (int i = 0; i < 8; i++) {
        uint8_t *q = b + 28 - 4 * i;
        q[0] = (uint8_t)(w[i] >> 24); q[1] = (uint8_t)(w[i] >> 16);
        q[2] = (uint8_t)(w[i] >> 8);  q[3] = (uint8_t)w[i];
    }
}

static int k1_scalar_ok(const uint32_t d[8])
{
    uint32_t any = 0;
    for (int i = 0; i < 8; i++) any |= d[i];
    return any != 0 && !k1_geq(d, K1_ORDER);
}

/* y^2 == x^3 + 7 with both coordinates < p */
static int k1_on_curve(const k1_fe *x, const k1_fe *y)
{
    if (k1_geq(x->w, K1_P.w) || k1_geq(y->w, K1_P.w)) return 0;
    k1_fe l, r, seven = {{ 7, 0, 0, 0, 0, 0, 0, 0 }};
    k1_sqr(&l, y);
    k1_sqr(&r, x);
    k1_mul(&r, &r, x);
    k1_add(&r, &r, &seven);
    return memcmp(l.w, r.w, sizeof l.w) == 0;
}

/* pub = x || y (big-endian, 64 bytes) of priv * G. */
int secp256k1_pubkey(const uint8_t priv[32], uint8_t pub[64])
{
    uint32_t d[8];
    k1_from_be(d, priv);
    if (!k1_scalar_ok(d)) return -1;
    k1_jac G = { K1_GX, K1_GY, {{ 1, 0, 0, 0, 0, 0, 0, 0 }} }, Q;
    k1_scalar_mult(&Q, d, &G);
    k1_fe x, y;
    k1_to_affine(&x, &y, &Q);
    k1_to_be(pub, x.w);
    k1_to_be(pub + 32, y.w);
    return 0;
}

/* shared = x-coordinate of priv * peer; the peer point is validated. */
int secp256k1_ecdh(const uint8_t priv[32], const uint8_t peer[64], uint8_t shared[32])
{
    uint32_t d[8];
    k1_fe px, py;
    k1_from_be(d, priv);
    if (!k1_scalar_ok(d)) return -1;
    k1_from_be(px.w, peer);
    k1_from_be(py.w, peer + 32);
    if (!k1_on_curve(&px, &py)) return -1;
    k1_jac P = { px, py, {{ 1, 0, 0, 0, 0, 0, 0, 0 }} }, S;
    k1_scalar_mult(&S, d, &P);
    if (k1_is_zero(&S.Z)) return -1;
    k1_fe sx, sy;
    k1_to_affine(&sx, &sy, &S);
    k1_to_be(shared, sx.w);
    return 0;
}

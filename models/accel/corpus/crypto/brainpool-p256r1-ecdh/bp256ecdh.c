/* ECDH over brainpoolP256r1 (RFC 5639): a prime field with no special form,
 * so field elements live in Montgomery representation (eight 32-bit limbs,
 * little-endian, CIOS multiplication). Points use Jacobian coordinates with
 * the general a-coefficient doubling formula (a != -3 on this curve).
 * The Montgomery constants (-p^-1 mod 2^32, R^2 mod p) are computed when the
 * module is first used. */
#include <stdint.h>
#include <string.h>

#define NL 8
typedef uint32_t felem[NL];
typedef struct {
  felem X, Y, Z; /* Z == 0: point at infinity */
} jpoint;

/* curve constants, big-endian bytes as in RFC 5639 section 3.4 */
static const uint8_t BP_P[32] = {
    0xa9, 0xfb, 0x57, 0xdb, 0xa1, 0xee, 0xa9, 0xbc, 0x3e, 0x66, 0x0a,
    0x90, 0x9d, 0x83, 0x8d, 0x72, 0x6e, 0x3b, 0xf6, 0x23, 0xd5, 0x26,
    0x20, 0x28, 0x20, 0x13, 0x48, 0x1d, 0x1f, 0x6e, 0x53, 0x77};
static const uint8_t BP_A[32] = {
    0x7d, 0x5a, 0x09, 0x75, 0xfc, 0x2c, 0x30, 0x57, 0xee, 0xf6, 0x75,
    0x30, 0x41, 0x7a, 0xff, 0xe7, 0xfb, 0x80, 0x55, 0xc1, 0x26, 0xdc,
    0x5c, 0x6c, 0xe9, 0x4a, 0x4b, 0x44, 0xf3, 0x30, 0xb5, 0xd9};
static const uint8_t BP_B[32] = {
    0x26, 0xdc, 0x5c, 0x6c, 0xe9, 0x4a, 0x4b, 0x44, 0xf3, 0x30, 0xb5,
    0xd9, 0xbb, 0xd7, 0x7c, 0xbf, 0x95, 0x84, 0x16, 0x29, 0x5c, 0xf7,
    0xe1, 0xce, 0x6b, 0xcc, 0xdc, 0x18, 0xff, 0x8c, 0x07, 0xb6};
static const uint8_t BP_GX[32] = {
    0x8b, 0xd2, 0xae, 0xb9, 0xcb, 0x7e, 0x57, 0xcb, 0x2c, 0x4b, 0x48,
    0x2f, 0xfc, 0x81, 0xb7, 0xaf, 0xb9, 0xde, 0x27, 0xe1, 0xe3, 0xbd,
    0x23, 0xc2, 0x3a, 0x44, 0x53, 0xbd, 0x9a, 0xce, 0x32, 0x62};
static const uint8_t BP_GY[32] = {
    0x54, 0x7e, 0xf8, 0x35, 0xc3, 0xda, 0xc4, 0xfd, 0x97, 0xf8, 0x46,
    0x1a, 0x14, 0x61, 0x1d, 0xc9, 0xc2, 0x77, 0x45, 0x13, 0x2d, 0xed,
    0x8e, 0x54, 0x5c, 0x1d, 0x54, 0xc7, 0x2f, 0x04, 0x69, 0x97};
static const uint8_t BP_N[32] = {
    0xa9, 0xfb, 0x57, 0xdb, 0xa1, 0xee, 0xa9, 0xbc, 0x3e, 0x66, 0x0a,
    0x90, 0x9d, 0x83, 0x8d, 0x71, 0x8c, 0x39, 0x7a, 0xa3, 0xb5, 0x61,
    0xa6, 0xf7, 0x90, 0x1e, 0x0e, 0x82, 0x97, 0x48, 0x56, 0xa7};

static felem g_p, g_r2, g_one, g_a, g_b;
static uint32_t g_pinv; /* -p^-1 mod 2^32 */
static int g_ready;

static void limbs_from_be(felem r, const uint8_t *b) {
  for (int i = 0; i < NL; i++) {
    const uint8_t *q = b + 4 * (NL - 1 - i);
    r[i] = (uint32_t)q[0] << 24 | (uint32_t)q[1] << 16 | (uint32_t)q[2] << 8 |
           q[3];
  }
}

static void limbs_to_be(uint8_t *b, const felem r) {
  for (int i = 0; i < NL; i++) {
    uint8_t *q = b + 4 * (NL - 1 - i);
    q[0] = (uint8_t)(r[i] >> 24);
    q[1] = (uint8_t)(r[i] >> 16);
    q[2] = (uint8_t)(r[i] >> 8);
    q[3] = (uint8_t)r[i];
  }
}

/* r = a - b over 256 bits, returns the borrow */
static uint32_t limbs_sub(felem r, const felem a, const felem b) {
  uint64_t borrow = 0;
  for (int i = 0; i < NL; i++) {
    uint64_t d = (uint64_t)a[i] - b[i] - borrow;
    r[i] = (uint32_t)d;
    borrow = (d >> 32) & 1;
  }
  return (uint32_t)borrow;
}

static int limbs_geq(const felem a, const felem b) {
  for (int i = NL - 1; i >= 0; i--)
    if (a[i] != b[i])
      return a[i] > b[i];
  return 1;
}

static void fe_add(felem r, const felem a, const felem b) {
  uint64_t c = 0;
  felem t;
  for (int i = 0; i < NL; i++) {
    c += (uint64_t)a[i] + b[i];
    t[i] = (uint32_t)c;
    c >>= 32;
  }
  if (c || limbs_geq(t, g_p))
    limbs_sub(t, t, g_p);
  memcpy(r, t, sizeof t);
}

static void fe_sub(felem r, const felem a, const felem b) {
  felem t;
  if (limbs_sub(t, a, b)) {
    uint64_t c = 0;
    for (int i = 0; i < NL; i++) {
      c += (uint64_t)t[i] + g_p[i];
      t[i] = (uint32_t)c;
      c >>= 32;
    }
  }
  memcpy(r, t, sizeof t);
}

/* Montgomery product a*b*R^-1 mod p, coarsely integrated (CIOS). */
static void fe_mul(felem r, const felem a, const felem b) {
  uint32_t t[NL + 2];
  memset(t, 0, sizeof t);
  for (int i = 0; i < NL; i++) {
    uint64_t c = 0;
    for (int j = 0; j < NL; j++) {
      c += (uint64_t)t[j] + (uint64_t)a[j] * b[i];
      t[j] = (uint32_t)c;
      c >>= 32;
    }
    c += t[NL];
    t[NL] = (uint32_t)c;
    t[NL + 1] = (uint32_t)(c >> 32);
    uint32_t m = t[0] * g_pinv;
    c = (uint64_t)t[0] + (uint64_t)m * g_p[0];
    c >>= 32;
    for (int j = 1; j < NL; j++) {
      c += (uint64_t)t[j] + (uint64_t)m * g_p[j];
      t[j - 1] = (uint32_t)c;
      c >>= 32;
    }
    c += t[NL];
    t[NL - 1] = (uint32_t)c;
    t[NL] = t[NL + 1] + (uint32_t)(c >> 32);
  }
  if (t[NL] || limbs_geq(t, g_p))
    limbs_sub(t, t, g_p);
  memcpy(r, t, NL * sizeof(uint32_t));
}

/* a^(p-2): Fermat inversion, left-to-right over the bits of p - 2 */
static void fe_inv(felem r, const felem a) {
  felem e, acc;
  felem two = {2};
  limbs_sub(e, g_p, two);
  memcpy(acc, g_one, sizeof acc);
  for (int bit = 32 * NL - 1; bit >= 0; bit--) {
    fe_mul(acc, acc, acc);
    if ((e[bit >> 5] >> (bit & 31)) & 1)
      fe_mul(acc, acc, a);
  }
  memcpy(r, acc, sizeof acc);
}

static void bp_setup(void) {
  limbs_from_be(g_p, BP_P);
  /* Newton: x <- x(2 - p0 x) doubles the correct low bits each step */
  uint32_t x = 1;
  for (int i = 0; i < 5; i++)
    x *= 2u - g_p[0] * x;
  g_pinv = (uint32_t)(0u - x);
  /* R mod p by doubling 1 256 times, then R^2 = R * 2^256 likewise */
  felem v = {1};
  for (int i = 0; i < 512; i++) {
    uint32_t top = v[NL - 1] >> 31;
    for (int k = NL - 1; k > 0; k--)
      v[k] = (v[k] << 1) | (v[k - 1] >> 31);
    v[0] <<= 1;
    if (top || limbs_geq(v, g_p))
      limbs_sub(v, v, g_p);
    if (i == 255)
      memcpy(g_one, v, sizeof v);
  }
  memcpy(g_r2, v, sizeof v);
  felem t;
  limbs_from_be(t, BP_A);
  fe_mul(g_a, t, g_r2);
  limbs_from_be(t, BP_B);
  fe_mul(g_b, t, g_r2);
  g_ready = 1;
}

static void pt_double(jpoint *r, const jpoint *P) {
  felem xx, yy, yyyy, zz, s, m, t, x3, y3, z3;
  fe_mul(xx, P->X, P->X);
  fe_mul(yy, P->Y, P->Y);
  fe_mul(yyyy, yy, yy);
  fe_mul(zz, P->Z, P->Z);
  fe_mul(s, P->X, yy);
  fe_add(s, s, s);
  fe_add(s, s, s);                 /* S = 4 X Y^2 */
  fe_mul(t, zz, zz);
  fe_mul(t, t, g_a);               /* a Z^4 */
  fe_add(m, xx, xx);
  fe_add(m, m, xx);
  fe_add(m, m, t);                 /* M = 3 X^2 + a Z^4 */
  fe_mul(x3, m, m);
  fe_sub(x3, x3, s);
  fe_sub(x3, x3, s);               /* X3 = M^2 - 2S */
  fe_sub(t, s, x3);
  fe_mul(y3, m, t);
  fe_add(t, yyyy, yyyy);
  fe_add(t, t, t);
  fe_add(t, t, t);                 /* 8 Y^4 */
  fe_sub(y3, y3, t);
  fe_mul(z3, P->Y, P->Z);
  fe_add(z3, z3, z3);
  memcpy(r->X, x3, sizeof x3);
  memcpy(r->Y, y3, sizeof y3);
  memcpy(r->Z, z3, sizeof z3);
}

static int fe_is_zero(const felem a) {
  uint32_t acc = 0;
  for (int i = 0; i < NL; i++)
    acc |= a[i];
  return acc == 0;
}

static void pt_add(jpoint *r, const jpoint *P, const jpoint *Q) {
  if (fe_is_zero(P->Z)) {
    *r = *Q;
    return;
  }
  if (fe_is_zero(Q->Z)) {
    *r = *P;
    return;
  }
  felem z1z1, z2z2, u1, u2, s1, s2, h, rr, hh, hhh, v, x3, y3, z3, t;
  fe_mul(z1z1, P->Z, P->Z);
  fe_mul(z2z2, Q->Z, Q->Z);
  fe_mul(u1, P->X, z2z2);
  fe_mul(u2, Q->X, z1z1);
  fe_mul(s1, P->Y, Q->Z);
  fe_mul(s1, s1, z2z2);
  fe_mul(s2, Q->Y, P->Z);
  fe_mul(s2, s2, z1z1);
  fe_sub(h, u2, u1);
  fe_sub(rr, s2, s1);
  if (fe_is_zero(h)) {
    if (fe_is_zero(rr)) {
      pt_double(r, P);
    } else {
      memset(r, 0, sizeof *r);
    }
    return;
  }
  fe_mul(hh, h, h);
  fe_mul(hhh, hh, h);
  fe_mul(v, u1, hh);
  fe_mul(x3, rr, rr);
  fe_sub(x3, x3, hhh);
  fe_sub(x3, x3, v);
  fe_sub(x3, x3, v);
  fe_sub(t, v, x3);
  fe_mul(y3, rr, t);
  fe_mul(t, s1, hhh);
  fe_sub(y3, y3, t);
  fe_mul(z3, P->Z, Q->Z);
  fe_mul(z3, z3, h);
  memcpy(r->X, x3, sizeof x3);
  memcpy(r->Y, y3, sizeof y3);
  memcpy(r->Z, z3, sizeof z3);
}

/* R = k P, k big-endian 32 bytes, plain double-and-add from the top bit */
static void pt_scalar_mul(jpoint *R, const uint8_t k[32], const jpoint *P) {
  jpoint acc;
  memset(&acc, 0, sizeof acc);
  for (int i = 0; i < 256; i++) {
    pt_double(&acc, &acc);
    if ((k[i >> 3] >> (7 - (i & 7))) & 1)
      pt_add(&acc, &acc, P);
  }
  *R = acc;
}

/* affine coordinates, out of Montgomery form; -1 at infinity */
static int pt_to_affine(uint8_t x[32], uint8_t y[32], const jpoint *P) {
  if (fe_is_zero(P->Z))
    return -1;
  felem zi, zi2, ax, ay, one = {1};
  fe_inv(zi, P->Z);
  fe_mul(zi2, zi, zi);
  fe_mul(ax, P->X, zi2);
  fe_mul(zi2, zi2, zi);
  fe_mul(ay, P->Y, zi2);
  fe_mul(ax, ax, one);
  fe_mul(ay, ay, one);
  limbs_to_be(x, ax);
  if (y)
    limbs_to_be(y, ay);
  return 0;
}

/* Loads an affine point (coordinates < p) into Montgomery Jacobian form and
 * checks y^2 = x^3 + a x + b. */
static int pt_load_checked(jpoint *P, const uint8_t x[32], const uint8_t y[32]) {
  felem ax, ay, lhs, rhs, t;
  limbs_from_be(ax, x);
  limbs_from_be(ay, y);
  if (limbs_geq(ax, g_p) || limbs_geq(ay, g_p))
    return -1;
  fe_mul(P->X, ax, g_r2);
  fe_mul(P->Y, ay, g_r2);
  memcpy(P->Z, g_one, sizeof g_one);
  fe_mul(lhs, P->Y, P->Y);
  fe_mul(rhs, P->X, P->X);
  fe_add(rhs, rhs, g_a);
  fe_mul(rhs, rhs, P->X);
  fe_add(rhs, rhs, g_b);
  fe_sub(t, lhs, rhs);
  return fe_is_zero(t) ? 0 : -1;
}

static int scalar_ok(const uint8_t k[32]) {
  felem kl, n;
  limbs_from_be(kl, k);
  limbs_from_be(n, BP_N);
  return !fe_is_zero(kl) && !limbs_geq(kl, n);
}

/* pub = 04 || x || y of priv * G. Returns 0 or -1 (priv out of range). */
int bp256_public_key(const uint8_t priv[32], uint8_t pub[65]) {
  if (!g_ready)
    bp_setup();
  if (!scalar_ok(priv))
    return -1;
  jpoint G, R;
  if (pt_load_checked(&G, BP_GX, BP_GY) < 0)
    return -1;
  pt_scalar_mul(&R, priv, &G);
  pub[0] = 0x04;
  return pt_to_affine(pub + 1, pub + 33, &R);
}

/* shared = x(priv * peer). Returns 0, or -1 for a bad key or point. */
int bp256_ecdh(const uint8_t priv[32], const uint8_t peer[65],
               uint8_t shared[32]) {
  if (!g_ready)
    bp_setup();
  if (!scalar_ok(priv) || peer[0] != 0x04)
    return -1;
  jpoint Q, R;
  if (pt_load_checked(&Q, peer + 1, peer + 33) < 0)
    return -1;
  pt_scalar_mul(&R, priv, &Q);
  return pt_to_affine(shared, 0, &R);
}

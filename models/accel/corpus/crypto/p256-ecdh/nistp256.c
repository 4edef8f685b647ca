/* ECDH over NIST P-256 (FIPS 186-4 / SP 800-56A): field elements as eight
 * 32-bit words, products reduced with the generalised-Mersenne (Solinas)
 * folding of FIPS 186-4 D.2.3 driven by a table of word sources, Jacobian
 * point doubling (a = -3) and addition, left-to-right double-and-add.
 * Written from the standards' definitions. Label: crypto. */
#include <stdint.h>
#include <string.h>

typedef uint32_t felem[8]; /* little-endian words */

struct jpoint {
  felem x, y, z;
};

static const felem P256 = {0xffffffff, 0xffffffff, 0xffffffff, 0x00000000,
                           0x00000000, 0x00000000, 0x00000001, 0xffffffff};
static const felem P256_GX = {0xd898c296, 0xf4a13945, 0x2deb33a0, 0x77037d81,
                              0x63a440f2, 0xf8bce6e5, 0xe12c4247, 0x6b17d1f2};
static const felem P256_GY = {0x37bf51f5, 0xcbb64068, 0x6b315ece, 0x2bce3357,
                              0x7c0f9e16, 0x8ee7eb4a, 0xfe1a7f9b, 0x4fe342e2};
static const felem P256_B = {0x27d2604b, 0x3bce3c3e, 0xcc53b0f6, 0x651d06b0,
                             0x769886bc, 0xb3ebbd55, 0xaa3a93e7, 0x5ac635d8};

/* FIPS 186-4 D.2.3: r = s1 + 2 s2 + 2 s3 + s4 + s5 - s6 - s7 - s8 - s9.
 * Row k lists, for result words 0..7, which product word feeds term k+2
 * (-1 = zero). s1 is the low half itself. */
static const int8_t FOLD_SRC[8][8] = {
    {-1, -1, -1, 11, 12, 13, 14, 15}, /* s2 */
    {-1, -1, -1, 12, 13, 14, 15, -1}, /* s3 */
    {8, 9, 10, -1, -1, -1, 14, 15},   /* s4 */
    {9, 10, 11, 13, 14, 15, 13, 8},   /* s5 */
    {11, 12, 13, -1, -1, -1, 8, 10},  /* s6 */
    {12, 13, 14, 15, -1, -1, 9, 11},  /* s7 */
    {13, 14, 15, 8, 9, 10, -1, 12},   /* s8 */
    {14, 15, -1, 9, 10, 11, -1, 13}}; /* s9 */
static const int8_t FOLD_COEF[8] = {2, 2, 1, 1, -1, -1, -1, -1};

int fe_geq_p(const felem a) {
  for (int i = 7; i >= 0; i--) {
    if (a[i] != P256[i])
      return a[i] > P256[i];
  }
  return 1;
}

/* a += sign * p over the eight words; returns the carry/borrow out */
static int32_t fe_addsub_p(felem a, int sign) {
  int64_t c = 0;
  for (int i = 0; i < 8; i++) {
    c += (int64_t)a[i] + sign * (int64_t)P256[i];
    a[i] = (uint32_t)c;
    c >>= 32;
  }
  return (int32_t)c;
}

void fe_reduce_wide(felem r, const uint32_t c[16]) {
  int64_t acc[8];
  for (int i = 0; i < 8; i++)
    acc[i] = c[i];
  for (int k = 0; k < 8; k++)
    for (int i = 0; i < 8; i++)
      if (FOLD_SRC[k][i] >= 0)
        acc[i] += FOLD_COEF[k] * (int64_t)c[FOLD_SRC[k][i]];
  int64_t carry = 0;
  for (int i = 0; i < 8; i++) {
    carry += acc[i];
    r[i] = (uint32_t)carry;
    carry >>= 32; /* arithmetic shift keeps the sign */
  }
  /* value = r + carry * 2^256; bring carry to zero, then below p */
  while (carry < 0)
    carry += fe_addsub_p(r, 1);
  while (carry > 0)
    carry += fe_addsub_p(r, -1);
  while (fe_geq_p(r))
    fe_addsub_p(r, -1);
}

void fe_mul(felem r, const felem a, const felem b) {
  uint32_t w[16] = {0};
  for (int i = 0; i < 8; i++) {
    uint64_t carry = 0;
    for (int j = 0; j < 8; j++) {
      uint64_t t = (uint64_t)a[i] * b[j] + w[i + j] + carry;
      w[i + j] = (uint32_t)t;
      carry = t >> 32;
    }
    w[i + 8] = (uint32_t)carry;
  }
  fe_reduce_wide(r, w);
}

void fe_add(felem r, const felem a, const felem b) {
  uint64_t c = 0;
  for (int i = 0; i < 8; i++) {
    c += (uint64_t)a[i] + b[i];
    r[i] = (uint32_t)c;
    c >>= 32;
  }
  if (c || fe_geq_p(r))
    fe_addsub_p(r, -1);
}

void fe_sub(felem r, const felem a, const felem b) {
  int64_t c = 0;
  for (int i = 0; i < 8; i++) {
    c += (int64_t)a[i] - b[i];
    r[i] = (uint32_t)c;
    c >>= 32;
  }
  if (c)
    fe_addsub_p(r, 1);
}

/* a^(p-2) with p-2 = ffffffff00000001 0...0 00000000ffffffff fffffffd */
void fe_inv(felem r, const felem a) {
  felem e, acc;
  memcpy(e, P256, sizeof e);
  e[0] -= 2;
  memset(acc, 0, sizeof acc);
  acc[0] = 1;
  for (int bit = 255; bit >= 0; bit--) {
    fe_mul(acc, acc, acc);
    if ((e[bit >> 5] >> (bit & 31)) & 1)
      fe_mul(acc, acc, a);
  }
  memcpy(r, acc, sizeof acc);
}

static int fe_is_zero(const felem a) {
  uint32_t o = 0;
  for (int i = 0; i < 8; i++)
    o |= a[i];
  return o == 0;
}

void fe_from_be(felem r, const uint8_t in[32]) {
  for (int i = 0; i < 8; i++) {
    const uint8_t *q = in + 28 - 4 * i;
    r[i] = (uint32_t)q[0] << 24 | (uint32_t)q[1] << 16 | (uint32_t)q[2] << 8 |
           q[3];
  }
}

void fe_to_be(uint8_t out[32], const felem a) {
  for (int i = 0; i < 8; i++) {
    uint8_t *q = out + 28 - 4 * i;
    q[0] = (uint8_t)(a[i] >> 24);
    q[1] = (uint8_t)(a[i] >> 16);
    q[2] = (uint8_t)(a[i] >> 8);
    q[3] = (uint8_t)a[i];
  }
}

void jp_double(struct jpoint *r, const struct jpoint *p) {
  felem delta, gamma, beta, alpha, t1, t2;
  if (fe_is_zero(p->z)) {
    *r = *p;
    return;
  }
  fe_mul(delta, p->z, p->z);
  fe_mul(gamma, p->y, p->y);
  fe_mul(beta, p->x, gamma);
  fe_sub(t1, p->x, delta);
  fe_add(t2, p->x, delta);
  fe_mul(alpha, t1, t2);
  fe_add(t1, alpha, alpha);
  fe_add(alpha, t1, alpha); /* alpha = 3 (x - delta)(x + delta) */
  /* z3 = (y + z)^2 - gamma - delta */
  fe_add(t1, p->y, p->z);
  fe_mul(t1, t1, t1);
  fe_sub(t1, t1, gamma);
  fe_sub(r->z, t1, delta);
  /* x3 = alpha^2 - 8 beta */
  felem beta4, beta8;
  fe_add(beta4, beta, beta);
  fe_add(beta4, beta4, beta4);
  fe_add(beta8, beta4, beta4);
  fe_mul(t1, alpha, alpha);
  fe_sub(r->x, t1, beta8);
  /* y3 = alpha (4 beta - x3) - 8 gamma^2 */
  fe_sub(t1, beta4, r->x);
  fe_mul(t1, alpha, t1);
  fe_mul(t2, gamma, gamma);
  fe_add(t2, t2, t2);
  fe_add(t2, t2, t2);
  fe_add(t2, t2, t2);
  fe_sub(r->y, t1, t2);
}

void jp_add(struct jpoint *r, const struct jpoint *p, const struct jpoint *q) {
  if (fe_is_zero(p->z)) {
    *r = *q;
    return;
  }
  if (fe_is_zero(q->z)) {
    *r = *p;
    return;
  }
  felem z1z1, z2z2, u1, u2, s1, s2, h, i, j, rr, v, t;
  fe_mul(z1z1, p->z, p->z);
  fe_mul(z2z2, q->z, q->z);
  fe_mul(u1, p->x, z2z2);
  fe_mul(u2, q->x, z1z1);
  fe_mul(t, q->z, z2z2);
  fe_mul(s1, p->y, t);
  fe_mul(t, p->z, z1z1);
  fe_mul(s2, q->y, t);
  fe_sub(h, u2, u1);
  fe_sub(rr, s2, s1);
  if (fe_is_zero(h)) {
    if (fe_is_zero(rr)) {
      jp_double(r, p);
    } else {
      memset(r, 0, sizeof *r); /* P + (-P) = infinity (z = 0) */
      r->x[0] = r->y[0] = 1;
    }
    return;
  }
  fe_add(rr, rr, rr);
  fe_add(i, h, h);
  fe_mul(i, i, i);
  fe_mul(j, h, i);
  fe_mul(v, u1, i);
  struct jpoint out;
  fe_mul(t, rr, rr);
  fe_sub(t, t, j);
  fe_sub(t, t, v);
  fe_sub(out.x, t, v);
  fe_sub(t, v, out.x);
  fe_mul(t, rr, t);
  fe_mul(s1, s1, j);
  fe_add(s1, s1, s1);
  fe_sub(out.y, t, s1);
  fe_add(t, p->z, q->z);
  fe_mul(t, t, t);
  fe_sub(t, t, z1z1);
  fe_sub(t, t, z2z2);
  fe_mul(out.z, t, h);
  *r = out;
}

/* affine check y^2 = x^3 - 3x + b */
int p256_on_curve(const felem x, const felem y) {
  felem l, r, t;
  if (fe_geq_p(x) || fe_geq_p(y))
    return 0;
  fe_mul(l, y, y);
  fe_mul(t, x, x);
  fe_mul(r, t, x);
  fe_add(t, x, x);
  fe_add(t, t, x);
  fe_sub(r, r, t);
  fe_add(r, r, P256_B);
  return memcmp(l, r, sizeof l) == 0;
}

/* out = k * (x, y), affine in and out; returns 0 for the point at infinity */
int p256_scalar_mult(felem ox, felem oy, const uint8_t k[32], const felem x,
                     const felem y) {
  struct jpoint base, acc;
  memcpy(base.x, x, sizeof(felem));
  memcpy(base.y, y, sizeof(felem));
  memset(base.z, 0, sizeof(felem));
  base.z[0] = 1;
  memset(&acc, 0, sizeof acc);
  for (int bit = 255; bit >= 0; bit--) {
    jp_double(&acc, &acc);
    if ((k[31 - (bit >> 3)] >> (bit & 7)) & 1)
      jp_add(&acc, &acc, &base);
  }
  if (fe_is_zero(acc.z))
    return 0;
  felem zi, zi2;
  fe_inv(zi, acc.z);
  fe_mul(zi2, zi, zi);
  fe_mul(ox, acc.x, zi2);
  fe_mul(zi2, zi2, zi);
  fe_mul(oy, acc.y, zi2);
  return 1;
}

/* public key (uncompressed 04 || X || Y) from a big-endian private scalar */
int p256_keygen(uint8_t pub[65], const uint8_t priv[32]) {
  felem x, y;
  if (!p256_scalar_mult(x, y, priv, P256_GX, P256_GY))
    return 0;
  pub[0] = 4;
  fe_to_be(pub + 1, x);
  fe_to_be(pub + 33, y);
  return 1;
}

/* shared secret = X coordinate of priv * peer; -1 on an invalid peer key */
int p256_ecdh(uint8_t secret[32], const uint8_t priv[32],
              const uint8_t peer[65]) {
  felem px, py, sx, sy;
  if (peer[0] != 4)
    return -1;
  fe_from_be(px, peer + 1);
  fe_from_be(py, peer + 33);
  if (!p256_on_curve(px, py))
    return -1;
  if (!p256_scalar_mult(sx, sy, priv, px, py))
    return -1;
  fe_to_be(secret, sx);
  return 0;
}

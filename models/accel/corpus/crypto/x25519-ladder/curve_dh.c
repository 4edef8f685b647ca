/* X25519 Diffie-Hellman (RFC 7748): Montgomery ladder over GF(2^255-19),
 * field elements in five 51-bit limbs with 128-bit products, constant-time
 * conditional swap by mask, inversion by Fermat (z^(p-2)). Written from
 * the RFC's description. Label: crypto. */
#include <stddef.h>
#include <stdint.h>

typedef unsigned __int128 u128;

typedef struct {
  uint64_t l[5];
} gf25519;

#define MASK51 ((uint64_t)0x7ffffffffffffULL)

void gf_frombytes(gf25519 *out, const uint8_t in[32]) {
  uint64_t w[4];
  for (int i = 0; i < 4; i++) {
    uint64_t x = 0;
    for (int b = 7; b >= 0; b--)
      x = (x << 8) | in[8 * i + b];
    w[i] = x;
  }
  w[3] &= 0x7fffffffffffffffULL; /* RFC 7748: mask the top bit of u */
  out->l[0] = w[0] & MASK51;
  out->l[1] = ((w[0] >> 51) | (w[1] << 13)) & MASK51;
  out->l[2] = ((w[1] >> 38) | (w[2] << 26)) & MASK51;
  out->l[3] = ((w[2] >> 25) | (w[3] << 39)) & MASK51;
  out->l[4] = (w[3] >> 12) & MASK51;
}

static void gf_carry(gf25519 *a) {
  uint64_t c;
  for (int pass = 0; pass < 2; pass++) {
    c = a->l[0] >> 51; a->l[0] &= MASK51; a->l[1] += c;
    c = a->l[1] >> 51; a->l[1] &= MASK51; a->l[2] += c;
    c = a->l[2] >> 51; a->l[2] &= MASK51; a->l[3] += c;
    c = a->l[3] >> 51; a->l[3] &= MASK51; a->l[4] += c;
    c = a->l[4] >> 51; a->l[4] &= MASK51; a->l[0] += c * 19;
  }
}

void gf_tobytes(uint8_t out[32], const gf25519 *in) {
  gf25519 t = *in;
  gf_carry(&t);
  /* fully reduce: add 19, see whether it overflows 2^255 */
  uint64_t q = (t.l[0] + 19) >> 51;
  q = (t.l[1] + q) >> 51;
  q = (t.l[2] + q) >> 51;
  q = (t.l[3] + q) >> 51;
  q = (t.l[4] + q) >> 51;
  t.l[0] += 19 * q;
  uint64_t c = t.l[0] >> 51; t.l[0] &= MASK51; t.l[1] += c;
  c = t.l[1] >> 51; t.l[1] &= MASK51; t.l[2] += c;
  c = t.l[2] >> 51; t.l[2] &= MASK51; t.l[3] += c;
  c = t.l[3] >> 51; t.l[3] &= MASK51; t.l[4] += c;
  t.l[4] &= MASK51;
  uint64_t w0 = t.l[0] | (t.l[1] << 51);
  uint64_t w1 = (t.l[1] >> 13) | (t.l[2] << 38);
  uint64_t w2 = (t.l[2] >> 26) | (t.l[3] << 25);
  uint64_t w3 = (t.l[3] >> 39) | (t.l[4] << 12);
  uint64_t w[4] = {w0, w1, w2, w3};
  uint8_t *o = out;
  for (int i = 0; i < 4; i++)
    for (int b = 0; b < 8; b++)
      *o++ = (uint8_t)(w[i] >> (8 * b));
}

void gf_add(gf25519 *r, const gf25519 *a, const gf25519 *b) {
  for (int i = 0; i < 5; i++)
    r->l[i] = a->l[i] + b->l[i];
}

/* r = a - b + 4p so that limbs never go negative */
void gf_sub(gf25519 *r, const gf25519 *a, const gf25519 *b) {
  r->l[0] = a->l[0] + 0x1fffffffffffb4ULL - b->l[0];
  r->l[1] = a->l[1] + 0x1ffffffffffffcULL - b->l[1];
  r->l[2] = a->l[2] + 0x1ffffffffffffcULL - b->l[2];
  r->l[3] = a->l[3] + 0x1ffffffffffffcULL - b->l[3];
  r->l[4] = a->l[4] + 0x1ffffffffffffcULL - b->l[4];
  gf_carry(r);
}

void gf_mul(gf25519 *r, const gf25519 *a, const gf25519 *b) {
  const uint64_t *x = a->l, *y = b->l;
  uint64_t y1_19 = y[1] * 19, y2_19 = y[2] * 19, y3_19 = y[3] * 19,
           y4_19 = y[4] * 19;
  u128 t0 = (u128)x[0] * y[0] + (u128)x[1] * y4_19 + (u128)x[2] * y3_19 +
            (u128)x[3] * y2_19 + (u128)x[4] * y1_19;
  u128 t1 = (u128)x[0] * y[1] + (u128)x[1] * y[0] + (u128)x[2] * y4_19 +
            (u128)x[3] * y3_19 + (u128)x[4] * y2_19;
  u128 t2 = (u128)x[0] * y[2] + (u128)x[1] * y[1] + (u128)x[2] * y[0] +
            (u128)x[3] * y4_19 + (u128)x[4] * y3_19;
  u128 t3 = (u128)x[0] * y[3] + (u128)x[1] * y[2] + (u128)x[2] * y[1] +
            (u128)x[3] * y[0] + (u128)x[4] * y4_19;
  u128 t4 = (u128)x[0] * y[4] + (u128)x[1] * y[3] + (u128)x[2] * y[2] +
            (u128)x[3] * y[1] + (u128)x[4] * y[0];
  t1 += (uint64_t)(t0 >> 51);
  uint64_t r0 = (uint64_t)t0 & MASK51;
  t2 += (uint64_t)(t1 >> 51);
  uint64_t r1 = (uint64_t)t1 & MASK51;
  t3 += (uint64_t)(t2 >> 51);
  uint64_t r2 = (uint64_t)t2 & MASK51;
  t4 += (uint64_t)(t3 >> 51);
  uint64_t r3 = (uint64_t)t3 & MASK51;
  uint64_t c = (uint64_t)(t4 >> 51);
  uint64_t r4 = (uint64_t)t4 & MASK51;
  r0 += c * 19;
  r1 += r0 >> 51;
  r0 &= MASK51;
  r->l[0] = r0; r->l[1] = r1; r->l[2] = r2; r->l[3] = r3; r->l[4] = r4;
}

void gf_mul_small(gf25519 *r, const gf25519 *a, uint32_t k) {
  u128 c = 0;
  for (int i = 0; i < 5; i++) {
    c += (u128)a->l[i] * k;
    r->l[i] = (uint64_t)c & MASK51;
    c >>= 51;
  }
  r->l[0] += (uint64_t)c * 19;
  gf_carry(r);
}

/* z^(p-2) = z^(2^255 - 21): square-and-multiply over the fixed exponent */
void gf_invert(gf25519 *r, const gf25519 *z) {
  gf25519 acc = *z;
  /* exponent bits from bit 253 down to 0: 2^255-21 = 0x7fff...ffeb */
  for (int bit = 253; bit >= 0; bit--) {
    gf_mul(&acc, &acc, &acc);
    int set = (bit != 2 && bit != 4);
    if (set)
      gf_mul(&acc, &acc, z);
  }
  *r = acc;
}

void gf_cswap(gf25519 *a, gf25519 *b, uint64_t swap) {
  uint64_t mask = (uint64_t)0 - swap;
  for (int i = 0; i < 5; i++) {
    uint64_t d = mask & (a->l[i] ^ b->l[i]);
    a->l[i] ^= d;
    b->l[i] ^= d;
  }
}

int x25519(uint8_t shared[32], const uint8_t scalar[32],
           const uint8_t upoint[32]) {
  uint8_t k[32];
  for (int i = 0; i < 32; i++)
    k[i] = scalar[i];
  k[0] &= 248;
  k[31] &= 127;
  k[31] |= 64;

  gf25519 x1, x2, z2, x3, z3, a, aa, b, bb, e, c, d, da, cb, t;
  gf_frombytes(&x1, upoint);
  for (int i = 0; i < 5; i++) {
    x2.l[i] = 0; z2.l[i] = 0; z3.l[i] = 0;
  }
  x2.l[0] = 1;
  x3 = x1;
  z3.l[0] = 1;
  uint64_t swap = 0;
  for (int pos = 254; pos >= 0; --pos) {
    uint64_t kt = (k[pos >> 3] >> (pos & 7)) & 1;
    swap ^= kt;
    gf_cswap(&x2, &x3, swap);
    gf_cswap(&z2, &z3, swap);
    swap = kt;

    gf_add(&a, &x2, &z2);
    gf_mul(&aa, &a, &a);
    gf_sub(&b, &x2, &z2);
    gf_mul(&bb, &b, &b);
    gf_sub(&e, &aa, &bb);
    gf_add(&c, &x3, &z3);
    gf_sub(&d, &x3, &z3);
    gf_mul(&da, &d, &a);
    gf_mul(&cb, &c, &b);
    gf_add(&t, &da, &cb);
    gf_mul(&x3, &t, &t);
    gf_sub(&t, &da, &cb);
    gf_mul(&t, &t, &t);
    gf_mul(&z3, &x1, &t);
    gf_mul(&x2, &aa, &bb);
    gf_mul_small(&t, &e, 121665);
    gf_add(&t, &aa, &t);
    gf_mul(&z2, &e, &t);
  }
  gf_cswap(&x2, &x3, swap);
  gf_cswap(&z2, &z3, swap);
  gf_invert(&z2, &z2);
  gf_mul(&x2, &x2, &z2);
  gf_tobytes(shared, &x2);
  uint8_t acc = 0;
  for (int i = 0; i < 32; i++)
    acc |= shared[i];
  return acc != 0; /* 0 = all-zero output (small-order input) */
}

void x25519_public(uint8_t pub[32], const uint8_t secret[32]) {
  uint8_t base[32] = {9};
  x25519(pub, secret, base);
}

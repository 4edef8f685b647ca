/* CPython's numeric hash (the "hash of numeric types" rule of the Python
 * reference): every finite rational x = m/n hashes to m * n^-1 modulo the
 * Mersenne prime P = 2^61 - 1, with the sign applied afterwards and -1
 * reserved (mapped to -2), so that equal ints, floats and fractions share a
 * hash.  Integers are reduced from their most significant 30-bit digit down
 * by rotating the 61-bit residue left 30 places (multiplication by 2^30 mod
 * P); floats by frexp, 28 bits of mantissa per round, then a rotation by the
 * exponent reduced mod 61; +-inf hash to +-314159; complex values combine
 * real + 1000003 * imag.  Written from the documented definition.
 * Label: hash. */
#include <math.h>
#include <stddef.h>
#include <stdint.h>

#define NH_BITS 61
#define NH_MOD (((uint64_t)1 << NH_BITS) - 1)
#define NH_INF 314159
#define NH_IMAG 1000003ull
#define DIGIT_BITS 30

static inline uint64_t rotl61(uint64_t x, unsigned r) {
  return ((x << r) & NH_MOD) | (x >> (NH_BITS - r));
}

/* generic modular arithmetic helpers */
uint64_t m61_mulmod(uint64_t a, uint64_t b) {
  unsigned __int128 p = (unsigned __int128)a * b;
  uint64_t lo = (uint64_t)p & NH_MOD;
  uint64_t hi = (uint64_t)(p >> NH_BITS);
  uint64_t s = lo + hi;
  if (s >= NH_MOD)
    s -= NH_MOD;
  return s;
}

uint64_t m61_powmod(uint64_t base, uint64_t e) {
  uint64_t r = 1;
  base %= NH_MOD;
  while (e) {
    if (e & 1)
      r = m61_mulmod(r, base);
    base = m61_mulmod(base, base);
    e >>= 1;
  }
  return r;
}

/* digits[0] is least significant; sign is -1, 0 or +1 */
int64_t numhash_bigint(const uint32_t *digits, size_t ndigits, int sign) {
  uint64_t x = 0;
  size_t i = sign == 0 ? 0 : ndigits;
  while (i-- > 0) {
    x = rotl61(x, DIGIT_BITS);
    x += digits[i];
    if (x >= NH_MOD)
      x -= NH_MOD;
  }
  if (sign < 0)
    x = (uint64_t)0 - x;
  if (x == (uint64_t)-1)
    x = (uint64_t)-2;
  return (int64_t)x;
}

int64_t numhash_i64(int64_t v) {
  uint64_t mag = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
  uint64_t x = 0;
  int shift;
  /* top chunk first: 64 bits = 4 + 2 * 30 */
  for (shift = 60; shift >= 0; shift -= DIGIT_BITS) {
    x = rotl61(x, DIGIT_BITS);
    x += (mag >> shift) & ((1u << DIGIT_BITS) - 1);
    if (x >= NH_MOD)
      x -= NH_MOD;
  }
  if (v < 0)
    x = (uint64_t)0 - x;
  return x == (uint64_t)-1 ? -2 : (int64_t)x;
}

int64_t numhash_double(double v) {
  int e, neg = 0;
  double m;
  uint64_t x = 0;
  if (isinf(v))
    return v > 0 ? NH_INF : -NH_INF;
  if (isnan(v))
    return 0; /* Python >= 3.10 hashes NaN by identity instead */
  m = frexp(v, &e);
  if (m < 0) {
    neg = 1;
    m = -m;
  }
  while (m != 0.0) {
    uint64_t y;
    x = rotl61(x, 28);
    m *= 268435456.0;
    e -= 28;
    y = (uint64_t)m;
    m -= (double)y;
    x += y;
    if (x >= NH_MOD)
      x -= NH_MOD;
  }
  e = e >= 0 ? e % NH_BITS : NH_BITS - 1 - ((-1 - e) % NH_BITS);
  x = e ? rotl61(x, (unsigned)e) : x;
  if (neg)
    x = (uint64_t)0 - x;
  if (x == (uint64_t)-1)
    x = (uint64_t)-2;
  return (int64_t)x;
}

/* hash of the fraction num/den (den > 0) as fractions.Fraction does it */
int64_t numhash_fraction(int64_t num, int64_t den) {
  uint64_t an = num < 0 ? (uint64_t)0 - (uint64_t)num : (uint64_t)num;
  uint64_t d = (uint64_t)den % NH_MOD;
  uint64_t h;
  int64_t r;
  if (d == 0) {
    h = NH_INF;
  } else {
    uint64_t dinv = m61_powmod(d, NH_MOD - 2);
    h = m61_mulmod(an % NH_MOD, dinv);
  }
  r = (int64_t)h; /* < 2^61, never -1 */
  if (num < 0)
    r = -r;
  return r == -1 ? -2 : r;
}

int64_t numhash_complex(double re, double im) {
  uint64_t hr = (uint64_t)numhash_double(re);
  uint64_t hi = (uint64_t)numhash_double(im);
  uint64_t c = hr + NH_IMAG * hi;
  if (c == (uint64_t)-1)
    c = (uint64_t)-2;
  return (int64_t)c;
}

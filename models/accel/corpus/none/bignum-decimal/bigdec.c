/* Unsigned multi-precision integers in 32-bit limbs (least significant
 * first), as a statistics exporter or config parser uses them for exact
 * 128-bit-and-beyond byte counters: schoolbook add, subtract, multiply,
 * comparison, shifts, short division, and conversion from and to decimal
 * text (nine digits at a time, base 10^9 chunks). No modular arithmetic.
 * Label: none. */
#include <stdint.h>
#include <stddef.h>
#include <string.h>

#define BN_MAXLIMBS 40
#define BN_CHUNK 1000000000u /* 10^9 */

typedef struct {
  size_t n; /* limbs in use, no leading zero limbs; 0 for zero */
  uint32_t d[BN_MAXLIMBS];
} bignum;

static void bn_trim(bignum *a) {
  while (a->n > 0 && a->d[a->n - 1] == 0)
    a->n--;
}

void bn_set_u64(bignum *a, uint64_t v) {
  a->n = 0;
  while (v) {
    a->d[a->n++] = (uint32_t)v;
    v >>= 32;
  }
}

int bn_cmp(const bignum *a, const bignum *b) {
  size_t i;
  if (a->n != b->n)
    return a->n < b->n ? -1 : 1;
  for (i = a->n; i-- > 0;)
    if (a->d[i] != b->d[i])
      return a->d[i] < b->d[i] ? -1 : 1;
  return 0;
}

/* r = a + b; -1 on overflow of the limb array. r may alias a or b. */
int bn_add(bignum *r, const bignum *a, const bignum *b) {
  size_t n = a->n > b->n ? a->n : b->n, i;
  uint64_t carry = 0;
  for (i = 0; i < n; i++) {
    uint64_t s = carry;
    if (i < a->n)
      s += a->d[i];
    if (i < b->n)
      s += b->d[i];
    r->d[i] = (uint32_t)s;
    carry = s >> 32;
  }
  if (carry) {
    if (n == BN_MAXLIMBS)
      return -1;
    r->d[n++] = (uint32_t)carry;
  }
  r->n = n;
  return 0;
}

/* r = a - b, requires a >= b; returns the final borrow (0 if a >= b). */
int bn_sub(bignum *r, const bignum *a, const bignum *b) {
  size_t i;
  int64_t borrow = 0;
  for (i = 0; i < a->n; i++) {
    int64_t t = (int64_t)a->d[i] - borrow - (i < b->n ? (int64_t)b->d[i] : 0);
    borrow = t < 0;
    r->d[i] = (uint32_t)(t + (borrow << 32));
  }
  r->n = a->n;
  bn_trim(r);
  return (int)borrow;
}

/* r = a * b (r must not alias); -1 if the product does not fit. */
int bn_mul(bignum *r, const bignum *a, const bignum *b) {
  size_t i, j;
  if (a->n + b->n > BN_MAXLIMBS)
    return -1;
  memset(r->d, 0, (a->n + b->n) * sizeof r->d[0]);
  for (i = 0; i < a->n; i++) {
    uint64_t carry = 0;
    const uint64_t ai = a->d[i];
    uint32_t *rp = r->d + i;
    for (j = 0; j < b->n; j++) {
      uint64_t t = ai * b->d[j] + rp[j] + carry;
      rp[j] = (uint32_t)t;
      carry = t >> 32;
    }
    rp[b->n] = (uint32_t)carry;
  }
  r->n = a->n + b->n;
  bn_trim(r);
  return 0;
}

/* a = a * m + add, in place; -1 on overflow. */
int bn_mul_small_add(bignum *a, uint32_t m, uint32_t add) {
  uint64_t carry = add;
  uint32_t *p = a->d, *e = a->d + a->n;
  for (; p != e; ++p) {
    uint64_t t = (uint64_t)*p * m + carry;
    *p = (uint32_t)t;
    carry = t >> 32;
  }
  if (carry) {
    if (a->n == BN_MAXLIMBS)
      return -1;
    a->d[a->n++] = (uint32_t)carry;
  }
  return 0;
}

/* a = a / dv in place; returns a % dv. dv != 0. */
uint32_t bn_divmod_small(bignum *a, uint32_t dv) {
  uint64_t rem = 0;
  size_t i = a->n;
  while (i-- > 0) {
    uint64_t cur = (rem << 32) | a->d[i];
    a->d[i] = (uint32_t)(cur / dv);
    rem = cur % dv;
  }
  bn_trim(a);
  return (uint32_t)rem;
}

/* a <<= s bits; -1 on overflow. */
int bn_shl(bignum *a, unsigned s) {
  size_t words = s / 32, i;
  unsigned bits = s % 32;
  if (a->n == 0)
    return 0;
  if (a->n + words + 1 > BN_MAXLIMBS)
    return -1;
  a->d[a->n + words] = 0;
  for (i = a->n + words; i-- > words;) {
    uint32_t lo = a->d[i - words];
    if (bits) {
      a->d[i + 1] |= lo >> (32 - bits);
      a->d[i] = lo << bits;
    } else {
      a->d[i] = lo;
    }
  }
  for (i = 0; i < words; i++)
    a->d[i] = 0;
  a->n += words + 1;
  bn_trim(a);
  return 0;
}

/* Parse decimal digits (stops at the first non-digit); returns the number
 * of characters consumed, or -1 on overflow / no digits. */
long bn_from_dec(bignum *a, const char *s) {
  const char *p = s;
  a->n = 0;
  while (*p >= '0' && *p <= '9') {
    uint32_t chunk = 0, scale = 1;
    int k;
    for (k = 0; k < 9 && p[0] >= '0' && p[0] <= '9'; k++, p++) {
      chunk = chunk * 10 + (uint32_t)(*p - '0');
      scale *= 10;
    }
    if (bn_mul_small_add(a, scale, chunk) < 0)
      return -1;
  }
  return p == s ? -1 : (long)(p - s);
}

/* Write a in decimal to buf (NUL-terminated); returns the length, or -1
 * if cap is too small. a is left unchanged. */
long bn_to_dec(const bignum *a, char *buf, size_t cap) {
  bignum t = *a;
  uint32_t chunks[BN_MAXLIMBS * 2];
  size_t nc = 0, len = 0;
  int k;
  if (t.n == 0) {
    if (cap < 2)
      return -1;
    buf[0] = '0';
    buf[1] = 0;
    return 1;
  }
  while (t.n > 0)
    chunks[nc++] = bn_divmod_small(&t, BN_CHUNK);
  /* most significant chunk without leading zeros */
  {
    char tmp[10];
    int m = 0;
    uint32_t v = chunks[nc - 1];
    do {
      tmp[m++] = (char)('0' + v % 10);
      v /= 10;
    } while (v);
    if ((size_t)m + 1 > cap)
      return -1;
    while (m > 0)
      buf[len++] = tmp[--m];
  }
  while (--nc > 0) {
    uint32_t v = chunks[nc - 1];
    if (len + 9 + 1 > cap)
      return -1;
    for (k = 8; k >= 0; k--) {
      buf[len + (size_t)k] = (char)('0' + v % 10);
      v /= 10;
    }
    len += 9;
  }
  buf[len] = 0;
  return (long)len;
}

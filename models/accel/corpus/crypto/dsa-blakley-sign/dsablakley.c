/* DSA (FIPS 186-4 section 4.6/4.7) signature generation and verification
 * with bit-serial "interleaved" modular multiplication (Blakley's method):
 * the product a*b mod m is built one bit of a at a time, doubling and
 * conditionally adding b, with at most one subtraction of m per step, so no
 * multiprecision multiply or division is ever needed. Numbers are arrays of
 * 32-bit words, least significant first, of a width chosen per call
 * (up to 3072-bit p). The caller supplies the per-message secret k.
 * q is expected to be a whole number of bytes long (160/224/256 bits). */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#define MPW 96 /* words for 3072 bits */

typedef struct {
  uint32_t p[MPW], q[MPW], g[MPW];
  int pw, qw;      /* words in use */
  size_t pbytes;   /* byte length of p */
  size_t qbytes;   /* byte length of q */
} dsa_group;

static void mp_load(uint32_t *r, int nw, const uint8_t *be, size_t len) {
  memset(r, 0, (size_t)nw * 4);
  for (size_t i = 0; i < len; i++) {
    size_t bit = 8 * (len - 1 - i);
    if (bit / 32 < (size_t)nw)
      r[bit / 32] |= (uint32_t)be[i] << (bit % 32);
  }
}

static void mp_store(uint8_t *be, size_t len, const uint32_t *r, int nw) {
  for (size_t i = 0; i < len; i++) {
    size_t bit = 8 * (len - 1 - i);
    be[i] = bit / 32 < (size_t)nw ? (uint8_t)(r[bit / 32] >> (bit % 32)) : 0;
  }
}

static int mp_cmp(const uint32_t *a, const uint32_t *b, int nw) {
  for (int i = nw - 1; i >= 0; i--)
    if (a[i] != b[i])
      return a[i] < b[i] ? -1 : 1;
  return 0;
}

static int mp_is_zero(const uint32_t *a, int nw) {
  for (int i = 0; i < nw; i++)
    if (a[i])
      return 0;
  return 1;
}

/* r = 2r + bit, then r mod m (r < m on entry) */
static void mp_dbl_mod(uint32_t *r, uint32_t bit, const uint32_t *m, int nw) {
  uint32_t carry = bit;
  for (int i = 0; i < nw; i++) {
    uint32_t top = r[i] >> 31;
    r[i] = (r[i] << 1) | carry;
    carry = top;
  }
  if (carry || mp_cmp(r, m, nw) >= 0) {
    uint64_t br = 0;
    for (int i = 0; i < nw; i++) {
      uint64_t d = (uint64_t)r[i] - m[i] - br;
      r[i] = (uint32_t)d;
      br = (d >> 63) & 1;
    }
  }
}

/* r = r + b mod m (r, b < m) */
static void mp_add_mod(uint32_t *r, const uint32_t *b, const uint32_t *m,
                       int nw) {
  uint64_t c = 0;
  for (int i = 0; i < nw; i++) {
    c += (uint64_t)r[i] + b[i];
    r[i] = (uint32_t)c;
    c >>= 32;
  }
  if (c || mp_cmp(r, m, nw) >= 0) {
    uint64_t br = 0;
    for (int i = 0; i < nw; i++) {
      uint64_t d = (uint64_t)r[i] - m[i] - br;
      r[i] = (uint32_t)d;
      br = (d >> 63) & 1;
    }
  }
}

/* r = a*b mod m, Blakley: scan a from its top bit */
static void mp_mulmod(uint32_t *r, const uint32_t *a, const uint32_t *b,
                      const uint32_t *m, int nw) {
  uint32_t acc[MPW];
  memset(acc, 0, sizeof acc);
  for (int bit = 32 * nw - 1; bit >= 0; bit--) {
    mp_dbl_mod(acc, 0, m, nw);
    if ((a[bit >> 5] >> (bit & 31)) & 1)
      mp_add_mod(acc, b, m, nw);
  }
  memcpy(r, acc, (size_t)nw * 4);
}

/* r = x mod m for x of xw words (Horner over the bits of x) */
static void mp_reduce(uint32_t *r, const uint32_t *x, int xw,
                      const uint32_t *m, int nw) {
  uint32_t acc[MPW];
  memset(acc, 0, sizeof acc);
  for (int bit = 32 * xw - 1; bit >= 0; bit--)
    mp_dbl_mod(acc, (x[bit >> 5] >> (bit & 31)) & 1, m, nw);
  memcpy(r, acc, (size_t)nw * 4);
}

/* r = b^e mod m; b < m; e has ew words */
static void mp_powmod(uint32_t *r, const uint32_t *b, const uint32_t *e,
                      int ew, const uint32_t *m, int nw) {
  uint32_t acc[MPW];
  memset(acc, 0, sizeof acc);
  acc[0] = 1;
  int started = 0;
  for (int bit = 32 * ew - 1; bit >= 0; bit--) {
    if (started)
      mp_mulmod(acc, acc, acc, m, nw);
    if ((e[bit >> 5] >> (bit & 31)) & 1) {
      mp_mulmod(acc, acc, b, m, nw);
      started = 1;
    }
  }
  memcpy(r, acc, (size_t)nw * 4);
}

/* a^-1 mod q for prime q (Fermat) */
static void mp_invmod_prime(uint32_t *r, const uint32_t *a, const uint32_t *q,
                            int nw) {
  uint32_t e[MPW];
  memcpy(e, q, (size_t)nw * 4);
  uint64_t br = 2;
  for (int i = 0; i < nw && br; i++) {
    uint64_t d = (uint64_t)e[i] - br;
    e[i] = (uint32_t)d;
    br = (d >> 63) & 1;
  }
  mp_powmod(r, a, e, nw, q, nw);
}

int dsa_group_init(dsa_group *G, const uint8_t *p, size_t plen,
                   const uint8_t *q, size_t qlen, const uint8_t *g,
                   size_t glen) {
  if (plen == 0 || plen > 4 * MPW || qlen == 0 || qlen > plen)
    return -1;
  G->pw = (int)((plen + 3) / 4);
  G->qw = (int)((qlen + 3) / 4);
  G->pbytes = plen;
  G->qbytes = qlen;
  mp_load(G->p, G->pw, p, plen);
  mp_load(G->q, G->qw, q, qlen);
  mp_load(G->g, G->pw, g, glen);
  return 0;
}

/* z = leftmost qbytes of the digest, reduced mod q */
static void dsa_digest_scalar(const dsa_group *G, uint32_t *z,
                              const uint8_t *h, size_t hlen) {
  uint32_t t[MPW];
  size_t use = hlen < G->qbytes ? hlen : G->qbytes;
  mp_load(t, G->qw, h, use);
  mp_reduce(z, t, G->qw, G->q, G->qw);
}

/* Signs digest h with private x and secret k (both qbytes, 0 < . < q).
 * Returns 0, or -1 when r or s comes out zero (pick another k). */
int dsa_sign(const dsa_group *G, const uint8_t *x, const uint8_t *k,
             const uint8_t *h, size_t hlen, uint8_t *r_out, uint8_t *s_out) {
  uint32_t kk[MPW], xx[MPW], v[MPW], r[MPW], s[MPW], z[MPW], kinv[MPW];
  mp_load(kk, G->qw, k, G->qbytes);
  mp_load(xx, G->qw, x, G->qbytes);
  mp_powmod(v, G->g, kk, G->qw, G->p, G->pw); /* g^k mod p */
  mp_reduce(r, v, G->pw, G->q, G->qw);          /* r = that mod q */
  if (mp_is_zero(r, G->qw))
    return -1;
  dsa_digest_scalar(G, z, h, hlen);
  mp_mulmod(s, xx, r, G->q, G->qw);             /* x r */
  mp_add_mod(s, z, G->q, G->qw);                /* z + x r */
  mp_invmod_prime(kinv, kk, G->q, G->qw);
  mp_mulmod(s, kinv, s, G->q, G->qw);
  if (mp_is_zero(s, G->qw))
    return -1;
  mp_store(r_out, G->qbytes, r, G->qw);
  mp_store(s_out, G->qbytes, s, G->qw);
  return 0;
}

/* Verifies (r, s) on digest h under public y (as long as p). 1 valid, 0 not. */
int dsa_verify(const dsa_group *G, const uint8_t *y, const uint8_t *h,
               size_t hlen, const uint8_t *r_in, const uint8_t *s_in) {
  uint32_t r[MPW], s[MPW], w[MPW], z[MPW], u1[MPW], u2[MPW], yy[MPW];
  uint32_t a[MPW], b[MPW], v[MPW];
  mp_load(r, G->qw, r_in, G->qbytes);
  mp_load(s, G->qw, s_in, G->qbytes);
  if (mp_is_zero(r, G->qw) || mp_is_zero(s, G->qw) ||
      mp_cmp(r, G->q, G->qw) >= 0 || mp_cmp(s, G->q, G->qw) >= 0)
    return 0;
  mp_load(yy, G->pw, y, G->pbytes);
  dsa_digest_scalar(G, z, h, hlen);
  mp_invmod_prime(w, s, G->q, G->qw);
  mp_mulmod(u1, z, w, G->q, G->qw);
  mp_mulmod(u2, r, w, G->q, G->qw);
  mp_powmod(a, G->g, u1, G->qw, G->p, G->pw);
  mp_powmod(b, yy, u2, G->qw, G->p, G->pw);
  mp_mulmod(v, a, b, G->p, G->pw);
  mp_reduce(v, v, G->pw, G->q, G->qw);
  return mp_cmp(v, r, G->qw) == 0;
}

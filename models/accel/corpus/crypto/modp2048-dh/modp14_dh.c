/* Finite-field Diffie-Hellman in the 2048-bit MODP group 14 of RFC 3526
 * (p = 2^2048 - 2^1984 - 1 + 2^64 * ([2^1918 pi] + 124476), g = 2):
 * Montgomery multiplication over 32 limbs of 64 bits (CIOS, 128-bit
 * products), R^2 mod p derived by doubling at set-up, fixed 4-bit window
 * exponentiation, peer-value range check of RFC 2631 / SP 800-56A.
 * The prime's limbs were computed from the RFC's pi formula by our own
 * script. Written from the RFCs. Label: crypto. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#define NL 32 /* limbs */

typedef unsigned __int128 dword;

struct mont_ctx {
  uint64_t p[NL];
  uint64_t rr[NL]; /* R^2 mod p, R = 2^2048 */
  uint64_t one[NL]; /* R mod p (1 in Montgomery form) */
  uint64_t n0;     /* -p^-1 mod 2^64 */
};

static const uint64_t MODP14[NL] = {
    0xffffffffffffffffULL, 0x15728e5a8aacaa68ULL, 0x15d2261898fa0510ULL,
    0x3995497cea956ae5ULL, 0xde2bcbf695581718ULL, 0xb5c55df06f4c52c9ULL,
    0x9b2783a2ec07a28fULL, 0xe39e772c180e8603ULL, 0x32905e462e36ce3bULL,
    0xf1746c08ca18217cULL, 0x670c354e4abc9804ULL, 0x9ed529077096966dULL,
    0x1c62f356208552bbULL, 0x83655d23dca3ad96ULL, 0x69163fa8fd24cf5fULL,
    0x98da48361c55d39aULL, 0xc2007cb8a163bf05ULL, 0x49286651ece45b3dULL,
    0xae9f24117c4b1fe6ULL, 0xee386bfb5a899fa5ULL, 0x0bff5cb6f406b7edULL,
    0xf44c42e9a637ed6bULL, 0xe485b576625e7ec6ULL, 0x4fe1356d6d51c245ULL,
    0x302b0a6df25f1437ULL, 0xef9519b3cd3a431bULL, 0x514a08798e3404ddULL,
    0x020bbea63b139b22ULL, 0x29024e088a67cc74ULL, 0xc4c6628b80dc1cd1ULL,
    0xc90fdaa22168c234ULL, 0xffffffffffffffffULL};

void bn_from_be(uint64_t r[NL], const uint8_t *in, size_t len) {
  memset(r, 0, NL * sizeof(uint64_t));
  for (size_t i = 0; i < len && i < 8 * NL; i++) {
    uint8_t byte = in[len - 1 - i];
    r[i / 8] |= (uint64_t)byte << (8 * (i % 8));
  }
}

void bn_to_be(uint8_t out[8 * NL], const uint64_t a[NL]) {
  uint8_t *o = out + 8 * NL;
  for (int i = 0; i < NL; i++) {
    uint64_t w = a[i];
    for (int b = 0; b < 8; b++) {
      *--o = (uint8_t)w;
      w >>= 8;
    }
  }
}

/* a >= b ? */
static int bn_geq(const uint64_t *a, const uint64_t *b) {
  int i = NL;
  while (i-- > 0)
    if (a[i] != b[i])
      return a[i] > b[i];
  return 1;
}

/* r = a - b, returns borrow */
static uint64_t bn_sub(uint64_t *r, const uint64_t *a, const uint64_t *b) {
  uint64_t borrow = 0;
  for (int i = 0; i < NL; i++) {
    uint64_t ai = a[i], bi = b[i];
    uint64_t d = ai - bi - borrow;
    borrow = (ai < bi) | ((ai == bi) & borrow);
    r[i] = d;
  }
  return borrow;
}

/* Newton iteration: x <- x (2 - p0 x) doubles the correct low bits */
uint64_t mont_neg_inv(uint64_t p0) {
  uint64_t x = p0; /* correct to 3 bits for odd p0 */
  for (int k = 0; k < 5; k++)
    x *= 2 - p0 * x;
  return (uint64_t)0 - x;
}

/* r = a * b * R^-1 mod p, coarsely integrated operand scanning */
void mont_mul(uint64_t r[NL], const uint64_t a[NL], const uint64_t b[NL],
              const struct mont_ctx *m) {
  uint64_t t[NL + 2];
  memset(t, 0, sizeof t);
  for (int i = 0; i < NL; i++) {
    const uint64_t bi = b[i];
    const uint64_t *ap = a;
    uint64_t *tp = t;
    uint64_t carry = 0;
    while (ap != a + NL) {
      dword acc = (dword)*ap++ * bi + *tp + carry;
      *tp++ = (uint64_t)acc;
      carry = (uint64_t)(acc >> 64);
    }
    dword top = (dword)t[NL] + carry;
    t[NL] = (uint64_t)top;
    t[NL + 1] = (uint64_t)(top >> 64);

    uint64_t u = t[0] * m->n0;
    const uint64_t *pp = m->p;
    dword acc = (dword)u * *pp++ + t[0];
    carry = (uint64_t)(acc >> 64);
    for (int j = 1; j < NL; j++) {
      acc = (dword)u * *pp++ + t[j] + carry;
      t[j - 1] = (uint64_t)acc;
      carry = (uint64_t)(acc >> 64);
    }
    top = (dword)t[NL] + carry;
    t[NL - 1] = (uint64_t)top;
    t[NL] = t[NL + 1] + (uint64_t)(top >> 64);
  }
  if (t[NL] || bn_geq(t, m->p))
    bn_sub(r, t, m->p);
  else
    memcpy(r, t, NL * sizeof(uint64_t));
}

void mont_setup(struct mont_ctx *m) {
  memcpy(m->p, MODP14, sizeof m->p);
  m->n0 = mont_neg_inv(m->p[0]);
  /* R mod p = 2^2048 - p, as p > 2^2047 */
  uint64_t zero[NL];
  memset(zero, 0, sizeof zero);
  bn_sub(m->one, zero, m->p);
  /* R^2 mod p: double R mod p another 2048 times */
  uint64_t x[NL];
  memcpy(x, m->one, sizeof x);
  for (int k = 0; k < 64 * NL; k++) {
    uint64_t hi = x[NL - 1] >> 63;
    for (int i = NL - 1; i > 0; i--)
      x[i] = (x[i] << 1) | (x[i - 1] >> 63);
    x[0] <<= 1;
    if (hi || bn_geq(x, m->p))
      bn_sub(x, x, m->p);
  }
  memcpy(m->rr, x, sizeof x);
}

/* r = base^exp mod p; exp big-endian bytes; 4-bit fixed window */
void modexp_window(uint64_t r[NL], const uint64_t base[NL],
                   const uint8_t *exp, size_t explen,
                   const struct mont_ctx *m) {
  uint64_t tab[16][NL];
  uint64_t acc[NL];
  memcpy(tab[0], m->one, sizeof tab[0]);
  mont_mul(tab[1], base, m->rr, m);
  for (int i = 2; i < 16; i++)
    mont_mul(tab[i], tab[i - 1], tab[1], m);
  memcpy(acc, m->one, sizeof acc);
  for (size_t i = 0; i < explen; i++) {
    for (int half = 0; half < 2; half++) {
      unsigned nib = half ? (exp[i] & 15u) : (exp[i] >> 4);
      for (int s = 0; s < 4; s++)
        mont_mul(acc, acc, acc, m);
      mont_mul(acc, acc, tab[nib], m);
    }
  }
  uint64_t plain_one[NL];
  memset(plain_one, 0, sizeof plain_one);
  plain_one[0] = 1;
  mont_mul(r, acc, plain_one, m); /* leave Montgomery form */
}

/* pub = 2^priv mod p (256-byte big-endian output) */
void dh_public(uint8_t pub[256], const uint8_t *priv, size_t privlen) {
  struct mont_ctx m;
  uint64_t g[NL], y[NL];
  mont_setup(&m);
  memset(g, 0, sizeof g);
  g[0] = 2;
  modexp_window(y, g, priv, privlen, &m);
  bn_to_be(pub, y);
}

/* secret = peer^priv mod p; -1 unless 1 < peer < p - 1 */
int dh_shared(uint8_t secret[256], const uint8_t *priv, size_t privlen,
              const uint8_t peer[256]) {
  struct mont_ctx m;
  uint64_t y[NL], z[NL], pm1[NL], two[NL];
  mont_setup(&m);
  bn_from_be(y, peer, 256);
  memset(two, 0, sizeof two);
  two[0] = 2;
  memcpy(pm1, m.p, sizeof pm1);
  pm1[0] -= 1;
  if (!bn_geq(y, two) || bn_geq(y, pm1))
    return -1;
  modexp_window(z, y, priv, privlen, &m);
  bn_to_be(secret, z);
  return 0;
}

/* TLS 1.0 / 1.1 pseudo-random function (RFC 2246 section 5, RFC 4346):
 *
 *   PRF(secret, label, seed) = P_MD5(S1, label + seed) XOR
 *                              P_SHA-1(S2, label + seed)
 *
 * S1/S2 are the first and last ceil(len/2) bytes of the secret (they share
 * the middle byte when the length is odd), and
 *   P_hash(secret, seed) = HMAC(secret, A(1) + seed) + HMAC(secret, A(2) + seed) ...
 *   A(0) = seed, A(i) = HMAC(secret, A(i-1)).
 *
 * MD5 (RFC 1321) and SHA-1 (FIPS 180-4) share one context type with a
 * flavour flag: same buffering, different compression, length endianness
 * and output order. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

enum { FLAV_MD5 = 0, FLAV_SHA1 = 1 };

typedef struct {
  uint32_t chain[5];
  uint8_t pend[64];
  size_t npend;
  uint64_t nbytes;
  int flav;
} dg_ctx;

typedef struct {
  dg_ctx inner, outer;
} hm_ctx;

#define ROL32(x, n) (((x) << (n)) | ((x) >> (32 - (n))))

/* floor(|sin(i + 1)| * 2^32), i = 0..63 */
static const uint32_t md5_sine[64] = {
    0xd76aa478u, 0xe8c7b756u, 0x242070dbu, 0xc1bdceeeu,
    0xf57c0fafu, 0x4787c62au, 0xa8304613u, 0xfd469501u,
    0x698098d8u, 0x8b44f7afu, 0xffff5bb1u, 0x895cd7beu,
    0x6b901122u, 0xfd987193u, 0xa679438eu, 0x49b40821u,
    0xf61e2562u, 0xc040b340u, 0x265e5a51u, 0xe9b6c7aau,
    0xd62f105du, 0x02441453u, 0xd8a1e681u, 0xe7d3fbc8u,
    0x21e1cde6u, 0xc33707d6u, 0xf4d50d87u, 0x455a14edu,
    0xa9e3e905u, 0xfcefa3f8u, 0x676f02d9u, 0x8d2a4c8au,
    0xfffa3942u, 0x8771f681u, 0x6d9d6122u, 0xfde5380cu,
    0xa4beea44u, 0x4bdecfa9u, 0xf6bb4b60u, 0xbebfbc70u,
    0x289b7ec6u, 0xeaa127fau, 0xd4ef3085u, 0x04881d05u,
    0xd9d4d039u, 0xe6db99e5u, 0x1fa27cf8u, 0xc4ac5665u,
    0xf4292244u, 0x432aff97u, 0xab9423a7u, 0xfc93a039u,
    0x655b59c3u, 0x8f0ccc92u, 0xffeff47du, 0x85845dd1u,
    0x6fa87e4fu, 0xfe2ce6e0u, 0xa3014314u, 0x4e0811a1u,
    0xf7537e82u, 0xbd3af235u, 0x2ad7d2bbu, 0xeb86d391u,
};

static const uint8_t md5_rot[4][4] = {
    {7, 12, 17, 22}, {5, 9, 14, 20}, {4, 11, 16, 23}, {6, 10, 15, 21}};

static void md5_block(uint32_t *h, const uint8_t *p) {
  uint32_t x[16];
  for (int i = 0; i < 16; i++)
    x[i] = (uint32_t)p[4 * i] | (uint32_t)p[4 * i + 1] << 8 |
           (uint32_t)p[4 * i + 2] << 16 | (uint32_t)p[4 * i + 3] << 24;
  uint32_t a = h[0], b = h[1], c = h[2], d = h[3];
  for (int i = 0; i < 64; i++) {
    uint32_t f;
    int g;
    switch (i >> 4) {
    case 0:
      f = d ^ (b & (c ^ d));
      g = i;
      break;
    case 1:
      f = c ^ (d & (b ^ c));
      g = (5 * i + 1) & 15;
      break;
    case 2:
      f = b ^ c ^ d;
      g = (3 * i + 5) & 15;
      break;
    default:
      f = c ^ (b | ~d);
      g = (7 * i) & 15;
      break;
    }
    uint32_t s = md5_rot[i >> 4][i & 3];
    uint32_t sum = a + f + md5_sine[i] + x[g];
    a = d;
    d = c;
    c = b;
    b = b + ROL32(sum, s);
  }
  h[0] += a;
  h[1] += b;
  h[2] += c;
  h[3] += d;
}

/* SHA-1 with a 16-word circular message schedule. */
static void sha1_block(uint32_t *h, const uint8_t *p) {
  uint32_t w[16];
  for (int i = 0; i < 16; i++)
    w[i] = (uint32_t)p[4 * i] << 24 | (uint32_t)p[4 * i + 1] << 16 |
           (uint32_t)p[4 * i + 2] << 8 | (uint32_t)p[4 * i + 3];
  uint32_t a = h[0], b = h[1], c = h[2], d = h[3], e = h[4];
  for (int t = 0; t < 80; t++) {
    if (t >= 16) {
      uint32_t v = w[(t + 13) & 15] ^ w[(t + 8) & 15] ^ w[(t + 2) & 15] ^
                   w[t & 15];
      w[t & 15] = ROL32(v, 1);
    }
    uint32_t f, k;
    if (t < 20) {
      f = (b & c) | (~b & d);
      k = 0x5a827999u;
    } else if (t < 40) {
      f = b ^ c ^ d;
      k = 0x6ed9eba1u;
    } else if (t < 60) {
      f = (b & c) | (b & d) | (c & d);
      k = 0x8f1bbcdcu;
    } else {
      f = b ^ c ^ d;
      k = 0xca62c1d6u;
    }
    uint32_t tmp = ROL32(a, 5) + f + e + k + w[t & 15];
    e = d;
    d = c;
    c = ROL32(b, 30);
    b = a;
    a = tmp;
  }
  h[0] += a;
  h[1] += b;
  h[2] += c;
  h[3] += d;
  h[4] += e;
}

static void dg_start(dg_ctx *c, int flav) {
  c->flav = flav;
  c->npend = 0;
  c->nbytes = 0;
  c->chain[0] = 0x67452301u;
  c->chain[1] = 0xefcdab89u;
  c->chain[2] = 0x98badcfeu;
  c->chain[3] = 0x10325476u;
  c->chain[4] = 0xc3d2e1f0u;
}

static void dg_feed(dg_ctx *c, const uint8_t *p, size_t n) {
  c->nbytes += n;
  while (n > 0) {
    if (c->npend == 0 && n >= 64) {
      if (c->flav == FLAV_SHA1)
        sha1_block(c->chain, p);
      else
        md5_block(c->chain, p);
      p += 64;
      n -= 64;
      continue;
    }
    size_t k = 64 - c->npend;
    if (k > n)
      k = n;
    memcpy(c->pend + c->npend, p, k);
    c->npend += k;
    p += k;
    n -= k;
    if (c->npend == 64) {
      if (c->flav == FLAV_SHA1)
        sha1_block(c->chain, c->pend);
      else
        md5_block(c->chain, c->pend);
      c->npend = 0;
    }
  }
}

/* Finishes the digest; returns its length (16 or 20). */
static size_t dg_finish(dg_ctx *c, uint8_t *out) {
  uint64_t bits = c->nbytes << 3;
  uint8_t tail[72];
  size_t padlen = (c->npend < 56) ? 56 - c->npend : 120 - c->npend;
  memset(tail, 0, sizeof tail);
  tail[0] = 0x80;
  for (int i = 0; i < 8; i++) {
    int sh = c->flav == FLAV_SHA1 ? 56 - 8 * i : 8 * i;
    tail[padlen + i] = (uint8_t)(bits >> sh);
  }
  dg_feed(c, tail, padlen + 8);
  size_t words = c->flav == FLAV_SHA1 ? 5 : 4;
  for (size_t i = 0; i < words; i++)
    for (int k = 0; k < 4; k++) {
      int sh = c->flav == FLAV_SHA1 ? 24 - 8 * k : 8 * k;
      out[4 * i + k] = (uint8_t)(c->chain[i] >> sh);
    }
  return 4 * words;
}

static void hm_start(hm_ctx *h, int flav, const uint8_t *key, size_t klen) {
  uint8_t k0[64], pad[64];
  memset(k0, 0, sizeof k0);
  if (klen > 64) {
    dg_start(&h->inner, flav);
    dg_feed(&h->inner, key, klen);
    dg_finish(&h->inner, k0);
  } else {
    memcpy(k0, key, klen);
  }
  for (int i = 0; i < 64; i++)
    pad[i] = k0[i] ^ 0x36;
  dg_start(&h->inner, flav);
  dg_feed(&h->inner, pad, 64);
  for (int i = 0; i < 64; i++)
    pad[i] = k0[i] ^ 0x5c;
  dg_start(&h->outer, flav);
  dg_feed(&h->outer, pad, 64);
}

static size_t hm_finish(hm_ctx *h, uint8_t *mac) {
  uint8_t ih[20];
  size_t n = dg_finish(&h->inner, ih);
  dg_feed(&h->outer, ih, n);
  return dg_finish(&h->outer, mac);
}

/* XORs P_hash(secret, label + seed) into out[0..olen). The keyed start
 * state is computed once and copied for every HMAC. */
static void p_hash_xor(int flav, const uint8_t *secret, size_t slen,
                       const uint8_t *label, size_t llen, const uint8_t *seed,
                       size_t seedlen, uint8_t *out, size_t olen) {
  hm_ctx keyed, h;
  uint8_t a[20], blk[20];
  size_t alen;
  hm_start(&keyed, flav, secret, slen);
  h = keyed; /* A(1) = HMAC(secret, A(0)) */
  dg_feed(&h.inner, label, llen);
  dg_feed(&h.inner, seed, seedlen);
  alen = hm_finish(&h, a);
  size_t done = 0;
  while (done < olen) {
    h = keyed;
    dg_feed(&h.inner, a, alen);
    dg_feed(&h.inner, label, llen);
    dg_feed(&h.inner, seed, seedlen);
    size_t n = hm_finish(&h, blk);
    for (size_t i = 0; i < n && done < olen; i++)
      out[done++] ^= blk[i];
    h = keyed;
    dg_feed(&h.inner, a, alen);
    hm_finish(&h, a);
  }
}

void tls10_prf(const uint8_t *secret, size_t slen, const char *label,
               const uint8_t *seed, size_t seedlen, uint8_t *out,
               size_t olen) {
  size_t half = (slen + 1) / 2;
  size_t llen = strlen(label);
  memset(out, 0, olen);
  p_hash_xor(FLAV_MD5, secret, half, (const uint8_t *)label, llen, seed,
             seedlen, out, olen);
  p_hash_xor(FLAV_SHA1, secret + (slen - half), half,
             (const uint8_t *)label, llen, seed, seedlen, out, olen);
}

/* TLS 1.0 master secret and key block (RFC 2246 sections 6.3, 8.1). */
void tls10_master_secret(const uint8_t pre[], size_t prelen,
                         const uint8_t client_random[32],
                         const uint8_t server_random[32], uint8_t ms[48]) {
  uint8_t seed[64];
  memcpy(seed, client_random, 32);
  memcpy(seed + 32, server_random, 32);
  tls10_prf(pre, prelen, "master secret", seed, 64, ms, 48);
}

void tls10_key_block(const uint8_t ms[48], const uint8_t client_random[32],
                     const uint8_t server_random[32], uint8_t *kb,
                     size_t kblen) {
  uint8_t seed[64];
  memcpy(seed, server_random, 32);
  memcpy(seed + 32, client_random, 32);
  tls10_prf(ms, 48, "key expansion", seed, 64, kb, kblen);
}

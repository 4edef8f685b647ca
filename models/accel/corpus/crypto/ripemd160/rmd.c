/* RIPEMD-160 (Dobbertin, Bosselaers, Preneel): two parallel lines of 80
 * steps over sixteen little-endian words, message-word order and rotation
 * amounts from tables, the five boolean functions chosen by a switch on the
 * round; plus a digest driver over a byte string. Label: crypto. */
#include <stddef.h>
#include <stdint.h>

static const uint8_t word_l[80] = {
    0,  1, 2,  3, 4,  5,  6, 7,  8, 9,  10, 11, 12, 13, 14, 15, 7,  4,  13, 1,
    10, 6, 15, 3, 12, 0,  9, 5,  2, 14, 11, 8,  3,  10, 14, 4,  9,  15, 8,  1,
    2,  7, 0,  6, 13, 11, 5, 12, 1, 9,  11, 10, 0,  8,  12, 4,  13, 3,  7,  15,
    14, 5, 6,  2, 4,  0,  5, 9,  7, 12, 2,  10, 14, 1,  3,  8,  11, 6,  15, 13};
static const uint8_t word_r[80] = {
    5,  14, 7,  0,  9,  2,  11, 4,  13, 6, 15, 8, 1,  10, 3,  12, 6, 11, 3, 7,
    0,  13, 5,  10, 14, 15, 8,  12, 4,  9, 1,  2, 15, 5,  1,  3,  7, 14, 6, 9,
    11, 8,  12, 2,  10, 0,  4,  13, 8,  6, 4,  1, 3,  11, 15, 0,  5, 12, 2, 13,
    9,  7,  10, 14, 12, 15, 10, 4,  1,  5, 8,  7, 6,  2,  13, 14, 0, 3,  9, 11};
static const uint8_t rot_l[80] = {
    11, 14, 15, 12, 5,  8,  7,  9,  11, 13, 14, 15, 6,  7,  9,  8,
    7,  6,  8,  13, 11, 9,  7,  15, 7,  12, 15, 9,  11, 7,  13, 12,
    11, 13, 6,  7,  14, 9,  13, 15, 14, 8,  13, 6,  5,  12, 7,  5,
    11, 12, 14, 15, 14, 15, 9,  8,  9,  14, 5,  6,  8,  6,  5,  12,
    9,  15, 5,  11, 6,  8,  13, 12, 5,  12, 13, 14, 11, 8,  5,  6};
static const uint8_t rot_r[80] = {
    8,  9,  9,  11, 13, 15, 15, 5,  7,  7,  8,  11, 14, 14, 12, 6,
    9,  13, 15, 7,  12, 8,  9,  11, 7,  7,  12, 7,  6,  15, 13, 11,
    9,  7,  15, 11, 8,  6,  6,  14, 12, 13, 5,  14, 13, 13, 7,  5,
    15, 5,  8,  11, 14, 14, 6,  14, 6,  9,  12, 9,  12, 5,  15, 8,
    8,  5,  12, 9,  12, 5,  14, 6,  8,  13, 6,  5,  15, 13, 11, 11};
static const uint32_t add_l[5] = {0x00000000u, 0x5A827999u, 0x6ED9EBA1u,
                                  0x8F1BBCDCu, 0xA953FD4Eu};
static const uint32_t add_r[5] = {0x50A28BE6u, 0x5C4DD124u, 0x6D703EF3u,
                                  0x7A6D76E9u, 0x00000000u};

static uint32_t mixfn(int round, uint32_t x, uint32_t y, uint32_t z) {
  switch (round) {
  case 0:
    return x ^ y ^ z;
  case 1:
    return (x & y) | (~x & z);
  case 2:
    return (x | ~y) ^ z;
  case 3:
    return (x & z) | (y & ~z);
  default:
    return x ^ (y | ~z);
  }
}

static inline uint32_t rl(uint32_t v, unsigned s) {
  return (v << s) | (v >> (32 - s));
}

void chain_update(uint32_t h[5], const uint32_t *X) {
  uint32_t al = h[0], bl = h[1], cl = h[2], dl = h[3], el = h[4];
  uint32_t ar = al, br = bl, cr = cl, dr = dl, er = el;
  for (int j = 0; j < 80; j++) {
    int q = j >> 4;
    uint32_t t =
        rl(al + mixfn(q, bl, cl, dl) + X[word_l[j]] + add_l[q], rot_l[j]) + el;
    al = el;
    el = dl;
    dl = rl(cl, 10);
    cl = bl;
    bl = t;
    t = rl(ar + mixfn(4 - q, br, cr, dr) + X[word_r[j]] + add_r[q], rot_r[j]) +
        er;
    ar = er;
    er = dr;
    dr = rl(cr, 10);
    cr = br;
    br = t;
  }
  uint32_t t = h[1] + cl + dr;
  h[1] = h[2] + dl + er;
  h[2] = h[3] + el + ar;
  h[3] = h[4] + al + br;
  h[4] = h[0] + bl + cr;
  h[0] = t;
}

void fingerprint160(const uint8_t *data, size_t n, uint8_t out[20]) {
  uint32_t h[5] = {0x67452301u, 0xEFCDAB89u, 0x98BADCFEu, 0x10325476u,
                   0xC3D2E1F0u};
  uint32_t X[16];
  size_t pos = 0;
  int w = 0, sh = 0, padded = 0, lenword = 0;
  /* Feed message bytes, then 0x80, zeros and the bit length, word by word. */
  for (int k = 0; k < 16; k++)
    X[k] = 0;
  for (;;) {
    uint32_t b;
    if (pos < n)
      b = data[pos];
    else if (pos == n)
      b = 0x80;
    else
      b = 0;
    pos++;
    X[w] |= b << sh;
    sh += 8;
    if (sh == 32) {
      sh = 0;
      w++;
      if (w == 14 && pos > n && !padded) {
        X[14] = (uint32_t)(n << 3);
        X[15] = (uint32_t)((uint64_t)n >> 29);
        padded = 1;
        lenword = 1;
      }
      if (w == 14 && lenword) {
        chain_update(h, X);
        break;
      }
      if (w == 16) {
        chain_update(h, X);
        w = 0;
        for (int k = 0; k < 16; k++)
          X[k] = 0;
      }
    }
  }
  for (int i = 0; i < 20; i++)
    out[i] = (uint8_t)(h[i / 4] >> (8 * (i % 4)));
}

/* MD4 message digest (RFC 1320): three rounds of sixteen steps over a
 * 64-byte block (F = select, G = majority + 0x5A827999, H = parity +
 * 0x6ED9EBA1), every step written out through macros, and a one-shot
 * driver that pads with 0x80, zeros and the 64-bit little-endian bit
 * length. Label: crypto. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#define ROL(x, n) (((x) << (n)) | ((x) >> (32 - (n))))
#define SEL(x, y, z) (((x) & (y)) | (~(x) & (z)))
#define MAJ(x, y, z) (((x) & (y)) | ((x) & (z)) | ((y) & (z)))
#define PAR(x, y, z) ((x) ^ (y) ^ (z))
#define S1(a, b, c, d, k, s) a = ROL(a + SEL(b, c, d) + X[k], s)
#define S2(a, b, c, d, k, s) a = ROL(a + MAJ(b, c, d) + X[k] + 0x5A827999u, s)
#define S3(a, b, c, d, k, s) a = ROL(a + PAR(b, c, d) + X[k] + 0x6ED9EBA1u, s)

void digest_block(uint32_t st[4], const unsigned char *p) {
  uint32_t X[16];
  for (int i = 0; i < 16; i++, p += 4)
    X[i] = (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
           (uint32_t)p[3] << 24;
  uint32_t a = st[0], b = st[1], c = st[2], d = st[3];

  S1(a, b, c, d, 0, 3);
  S1(d, a, b, c, 1, 7);
  S1(c, d, a, b, 2, 11);
  S1(b, c, d, a, 3, 19);
  S1(a, b, c, d, 4, 3);
  S1(d, a, b, c, 5, 7);
  S1(c, d, a, b, 6, 11);
  S1(b, c, d, a, 7, 19);
  S1(a, b, c, d, 8, 3);
  S1(d, a, b, c, 9, 7);
  S1(c, d, a, b, 10, 11);
  S1(b, c, d, a, 11, 19);
  S1(a, b, c, d, 12, 3);
  S1(d, a, b, c, 13, 7);
  S1(c, d, a, b, 14, 11);
  S1(b, c, d, a, 15, 19);

  S2(a, b, c, d, 0, 3);
  S2(d, a, b, c, 4, 5);
  S2(c, d, a, b, 8, 9);
  S2(b, c, d, a, 12, 13);
  S2(a, b, c, d, 1, 3);
  S2(d, a, b, c, 5, 5);
  S2(c, d, a, b, 9, 9);
  S2(b, c, d, a, 13, 13);
  S2(a, b, c, d, 2, 3);
  S2(d, a, b, c, 6, 5);
  S2(c, d, a, b, 10, 9);
  S2(b, c, d, a, 14, 13);
  S2(a, b, c, d, 3, 3);
  S2(d, a, b, c, 7, 5);
  S2(c, d, a, b, 11, 9);
  S2(b, c, d, a, 15, 13);

  S3(a, b, c, d, 0, 3);
  S3(d, a, b, c, 8, 9);
  S3(c, d, a, b, 4, 11);
  S3(b, c, d, a, 12, 15);
  S3(a, b, c, d, 2, 3);
  S3(d, a, b, c, 10, 9);
  S3(c, d, a, b, 6, 11);
  S3(b, c, d, a, 14, 15);
  S3(a, b, c, d, 1, 3);
  S3(d, a, b, c, 9, 9);
  S3(c, d, a, b, 5, 11);
  S3(b, c, d, a, 13, 15);
  S3(a, b, c, d, 3, 3);
  S3(d, a, b, c, 11, 9);
  S3(c, d, a, b, 7, 11);
  S3(b, c, d, a, 15, 15);

  st[0] += a;
  st[1] += b;
  st[2] += c;
  st[3] += d;
}

void digest_bytes(const unsigned char *msg, size_t len, unsigned char out[16]) {
  uint32_t st[4] = {0x67452301u, 0xEFCDAB89u, 0x98BADCFEu, 0x10325476u};
  size_t done = 0;
  while (len - done >= 64) {
    digest_block(st, msg + done);
    done += 64;
  }
  unsigned char tail[128];
  size_t rem = len - done;
  memcpy(tail, msg + done, rem);
  tail[rem++] = 0x80;
  size_t n = rem <= 56 ? 64 : 128;
  memset(tail + rem, 0, n - rem);
  uint64_t bits = (uint64_t)len << 3;
  for (int i = 0; i < 8; i++)
    tail[n - 8 + i] = (unsigned char)(bits >> (8 * i));
  digest_block(st, tail);
  if (n == 128)
    digest_block(st, tail + 64);
  for (int i = 0; i < 16; i++)
    out[i] = (unsigned char)(st[i >> 2] >> (8 * (i & 3)));
}

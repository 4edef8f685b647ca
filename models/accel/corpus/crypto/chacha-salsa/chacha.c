/* ChaCha20 and Salsa20 cores from their quarter-round definitions.
 * Label: crypto. */
#include <stdint.h>

#define R32(v, n) (((v) << (n)) | ((v) >> (32 - (n))))
#define QR(a, b, c, d)                                                        \
  a += b; d ^= a; d = R32(d, 16);                                             \
  c += d; b ^= c; b = R32(b, 12);                                             \
  a += b; d ^= a; d = R32(d, 8);                                              \
  c += d; b ^= c; b = R32(b, 7)

void chacha_block(uint32_t out[16], const uint32_t in[16]) {
  uint32_t x[16];
  for (int i = 0; i < 16; i++)
    x[i] = in[i];
  for (int i = 0; i < 10; i++) {
    QR(x[0], x[4], x[8], x[12]);
    QR(x[1], x[5], x[9], x[13]);
    QR(x[2], x[6], x[10], x[14]);
    QR(x[3], x[7], x[11], x[15]);
    QR(x[0], x[5], x[10], x[15]);
    QR(x[1], x[6], x[11], x[12]);
    QR(x[2], x[7], x[8], x[13]);
    QR(x[3], x[4], x[9], x[14]);
  }
  for (int i = 0; i < 16; i++)
    out[i] = x[i] + in[i];
}

void salsa_core(uint32_t o[16], const uint32_t in[16]) {
  uint32_t x[16];
  int i;
  for (i = 0; i < 16; ++i) x[i] = in[i];
  for (i = 20; i > 0; i -= 2) {
    x[4] ^= R32(x[0] + x[12], 7);  x[8] ^= R32(x[4] + x[0], 9);
    x[12] ^= R32(x[8] + x[4], 13); x[0] ^= R32(x[12] + x[8], 18);
    x[9] ^= R32(x[5] + x[1], 7);   x[13] ^= R32(x[9] + x[5], 9);
    x[1] ^= R32(x[13] + x[9], 13); x[5] ^= R32(x[1] + x[13], 18);
    x[14] ^= R32(x[10] + x[6], 7); x[2] ^= R32(x[14] + x[10], 9);
    x[6] ^= R32(x[2] + x[14], 13); x[10] ^= R32(x[6] + x[2], 18);
    x[3] ^= R32(x[15] + x[11], 7); x[7] ^= R32(x[3] + x[15], 9);
    x[11] ^= R32(x[7] + x[3], 13); x[15] ^= R32(x[11] + x[7], 18);
    x[1] ^= R32(x[0] + x[3], 7);   x[2] ^= R32(x[1] + x[0], 9);
    x[3] ^= R32(x[2] + x[1], 13);  x[0] ^= R32(x[3] + x[2], 18);
    x[6] ^= R32(x[5] + x[4], 7);   x[7] ^= R32(x[6] + x[5], 9);
    x[4] ^= R32(x[7] + x[6], 13);  x[5] ^= R32(x[4] + x[7], 18);
    x[11] ^= R32(x[10] + x[9], 7); x[8] ^= R32(x[11] + x[10], 9);
    x[9] ^= R32(x[8] + x[11], 13); x[10] ^= R32(x[9] + x[8], 18);
    x[12] ^= R32(x[15] + x[14], 7); x[13] ^= R32(x[12] + x[15], 9);
    x[14] ^= R32(x[13] + x[12], 13); x[15] ^= R32(x[14] + x[13], 18);
  }
  for (i = 0; i < 16; ++i) o[i] = x[i] + in[i];
}

/* Quarter-round driven by an index table (column then diagonal). */
static const uint8_t idx[8][4] = {{0, 4, 8, 12}, {1, 5, 9, 13}, {2, 6, 10, 14},
                                  {3, 7, 11, 15}, {0, 5, 10, 15}, {1, 6, 11, 12},
                                  {2, 7, 8, 13}, {3, 4, 9, 14}};

void permute(uint32_t s[16], int doublerounds) {
  for (int r = 0; r < doublerounds; r++)
    for (int q = 0; q < 8; q++) {
      uint32_t *a = &s[idx[q][0]], *b = &s[idx[q][1]], *c = &s[idx[q][2]],
               *d = &s[idx[q][3]];
      *a += *b; *d ^= *a; *d = R32(*d, 16);
      *c += *d; *b ^= *c; *b = R32(*b, 12);
      *a += *b; *d ^= *a; *d = R32(*d, 8);
      *c += *d; *b ^= *c; *b = R32(*b, 7);
    }
}

/* 8x8 bit-matrix transpose: row r is byte r, column c is bit 7-c. Used to
 * turn eight bytes into eight bit planes (sample bit k of each of eight
 * samples into one byte), e.g. for bit-sliced compression or LED/display
 * drivers. A nested-loop reference, a three-stage delta-swap form on one
 * 64-bit word, and a bit-plane splitter over a sample buffer built on it.
 * Label: none. */
#include <stddef.h>
#include <stdint.h>

void xpose_slow(const uint8_t rows[8], uint8_t cols[8]) {
  for (int c = 0; c < 8; c++) {
    uint8_t acc = 0;
    int r = 0;
    while (r < 8) {
      acc = (uint8_t)(acc << 1);
      acc |= (rows[r] >> (7 - c)) & 1;
      r++;
    }
    cols[c] = acc;
  }
}

/* Row 0 in the most significant byte. Element (r, c) is bit 63 - 8r - c;
 * each stage exchanges the off-diagonal 1x1, 2x2 and 4x4 sub-blocks. */
uint64_t xpose_word(uint64_t x) {
  uint64_t t;
  t = (x ^ (x >> 7)) & 0x00aa00aa00aa00aaull;
  x = x ^ t ^ (t << 7);
  t = (x ^ (x >> 14)) & 0x0000cccc0000ccccull;
  x = x ^ t ^ (t << 14);
  t = (x ^ (x >> 28)) & 0x00000000f0f0f0f0ull;
  x = x ^ t ^ (t << 28);
  return x;
}

/* The 8x8 block at byte column bx of an image of `stride` bytes per row. */
void xpose_block(uint8_t *img, size_t stride, size_t bx) {
  uint64_t w = 0;
  uint8_t *p = img + bx;
  for (int r = 0; r < 8; r++, p += stride)
    w = (w << 8) | *p;
  w = xpose_word(w);
  p = img + bx + 7 * stride;
  for (int r = 7; r >= 0; r--, p -= stride) {
    *p = (uint8_t)w;
    w >>= 8;
  }
}

/* n samples (n a multiple of 8) to 8 planes of n/8 bytes each: plane k
 * holds bit 7-k of every sample, sample 8i+j in bit 7-j of byte i. */
int split_planes(const uint8_t *samples, size_t n, uint8_t *planes) {
  if (n % 8)
    return -1;
  size_t groups = n / 8;
  for (size_t g = 0; g < groups; g++) {
    const uint8_t *s = samples + 8 * g;
    uint64_t w = (uint64_t)s[0] << 56 | (uint64_t)s[1] << 48 |
                 (uint64_t)s[2] << 40 | (uint64_t)s[3] << 32 |
                 (uint64_t)s[4] << 24 | (uint64_t)s[5] << 16 |
                 (uint64_t)s[6] << 8 | (uint64_t)s[7];
    w = xpose_word(w);
    for (int k = 7; k >= 0; k--) {
      planes[(size_t)k * groups + g] = (uint8_t)(w & 0xff);
      w >>= 8;
    }
  }
  return 0;
}

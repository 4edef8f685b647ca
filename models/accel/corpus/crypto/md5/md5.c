/* MD5 compression function; constants from floor(abs(sin(i+1)) * 2^32)
 * computed at start-up. Label: crypto. */
#include <math.h>
#include <stdint.h>

static uint32_t K[64];
static const uint8_t S[64] = {7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22,
                              5, 9,  14, 20, 5, 9,  14, 20, 5, 9,  14, 20, 5, 9,  14, 20,
                              4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23,
                              6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21};

void md5_constants(void) {
  for (int i = 0; i < 64; i++)
    K[i] = (uint32_t)(fabs(sin((double)(i + 1))) * 4294967296.0);
}

void md5_compress(uint32_t h[4], const uint8_t blk[64]) {
  uint32_t M[16];
  for (int i = 0; i < 16; i++)
    M[i] = blk[4 * i] | blk[4 * i + 1] << 8 | blk[4 * i + 2] << 16 |
           (uint32_t)blk[4 * i + 3] << 24;
  uint32_t a = h[0], b = h[1], c = h[2], d = h[3];
  for (int i = 0; i < 64; i++) {
    uint32_t f;
    int g;
    if (i < 16) { f = (b & c) | (~b & d); g = i; }
    else if (i < 32) { f = (d & b) | (~d & c); g = (5 * i + 1) % 16; }
    else if (i < 48) { f = b ^ c ^ d; g = (3 * i + 5) % 16; }
    else { f = c ^ (b | ~d); g = (7 * i) % 16; }
    f = f + a + K[i] + M[g];
    a = d; d = c; c = b;
    b = b + ((f << S[i]) | (f >> (32 - S[i])));
  }
  h[0] += a; h[1] += b; h[2] += c; h[3] += d;
}

/* Toeplitz hash as used by receive-side scaling. Label: hash. */
#include <stdint.h>

uint32_t rss(const uint8_t *key, const uint8_t *in, int len) {
  uint32_t result = 0;
  uint32_t window = (uint32_t)key[0] << 24 | (uint32_t)key[1] << 16 |
                    (uint32_t)key[2] << 8 | key[3];
  for (int i = 0; i < len; i++) {
    for (int b = 7; b >= 0; b--) {
      if (in[i] & (1 << b))
        result ^= window;
      window <<= 1;
      if (key[i + 4] & (1 << b))
        window |= 1;
    }
  }
  return result;
}

/* Branch-free variant over 32-bit input words with a 64-bit sliding key. */
uint32_t toeplitz_words(const uint32_t *w, int nw, const uint32_t *k) {
  uint32_t h = 0;
  uint64_t win = ((uint64_t)k[0] << 32) | k[1];
  for (int i = 0; i < nw; i++) {
    for (int b = 31; b >= 0; b--) {
      uint32_t m = 0u - ((w[i] >> b) & 1u);
      h ^= (uint32_t)(win >> 32) & m;
      win <<= 1;
    }
    win |= k[i + 2];
  }
  return h;
}

/* Bit reversal. Label: none. */
#include <stdint.h>

uint32_t reverse_loop(uint32_t v) {
  uint32_t r = 0;
  for (int i = 0; i < 32; i++) {
    r = (r << 1) | (v & 1);
    v >>= 1;
  }
  return r;
}

uint32_t reverse_swap(uint32_t v) {
  v = ((v >> 1) & 0x55555555) | ((v & 0x55555555) << 1);
  v = ((v >> 2) & 0x33333333) | ((v & 0x33333333) << 2);
  v = ((v >> 4) & 0x0F0F0F0F) | ((v & 0x0F0F0F0F) << 4);
  v = ((v >> 8) & 0x00FF00FF) | ((v & 0x00FF00FF) << 8);
  return (v >> 16) | (v << 16);
}

/* Reverse the bits of every byte of a buffer in place (for a bit-reversed
 * serial link). */
void reverse_bytes(uint8_t *b, int n) {
  for (int i = 0; i < n; i++) {
    uint8_t x = b[i], y = 0;
    for (int k = 0; k < 8; k++) {
      y = (uint8_t)((y << 1) | (x & 1));
      x >>= 1;
    }
    b[i] = y;
  }
}

/* Byte swap of an array of words. */
void bswap_all(uint32_t *w, int n) {
  for (int i = 0; i < n; i++) {
    uint32_t x = w[i];
    w[i] = (x >> 24) | ((x >> 8) & 0xff00) | ((x << 8) & 0xff0000) | (x << 24);
  }
}

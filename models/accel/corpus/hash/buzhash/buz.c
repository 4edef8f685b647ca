/* BuzHash (cyclic polynomial rolling hash): rotate the hash by one and xor
 * the table word of the incoming byte; rolling removes the outgoing byte's
 * word rotated by the window length. Label: hash. */
#include <stddef.h>
#include <stdint.h>

extern const uint32_t buz_table[256];

static uint32_t rol(uint32_t v, unsigned n) {
  return (v << n) | (v >> (32 - n));
}

uint32_t buz_window(const uint8_t *p, size_t w) {
  uint32_t h = 0;
  for (size_t i = 0; i < w; i++)
    h = rol(h, 1) ^ buz_table[p[i]];
  return h;
}

uint32_t buz_roll(uint32_t h, uint8_t out, uint8_t in, unsigned w) {
  return rol(h, 1) ^ rol(buz_table[out], w & 31) ^ buz_table[in];
}

/* Content-defined chunking: cut where the low bits of the rolling hash are
 * zero. */
size_t buz_cut(const uint8_t *p, size_t n, unsigned w, uint32_t mask) {
  if (n <= w)
    return n;
  uint32_t h = buz_window(p, w);
  for (size_t i = w; i < n; i++) {
    h = rol(h, 1) ^ rol(buz_table[p[i - w]], w & 31) ^ buz_table[p[i]];
    if ((h & mask) == 0)
      return i + 1;
  }
  return n;
}

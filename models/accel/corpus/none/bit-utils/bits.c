/* Bit-manipulation utilities: Morton interleave, leading-zero count by
 * halving, next power of two, field extract/insert, parity and a mask of
 * the lowest set bits. Label: none. */
#include <stdint.h>

uint64_t morton2(uint32_t x, uint32_t y) {
  uint64_t r = 0;
  for (int i = 0; i < 32; i++) {
    r |= (uint64_t)((x >> i) & 1) << (2 * i);
    r |= (uint64_t)((y >> i) & 1) << (2 * i + 1);
  }
  return r;
}

int clz_halving(uint32_t x) {
  int n = 0;
  if (!x)
    return 32;
  if (!(x & 0xffff0000u)) { n += 16; x <<= 16; }
  if (!(x & 0xff000000u)) { n += 8; x <<= 8; }
  if (!(x & 0xf0000000u)) { n += 4; x <<= 4; }
  if (!(x & 0xc0000000u)) { n += 2; x <<= 2; }
  if (!(x & 0x80000000u)) { n += 1; }
  return n;
}

uint32_t next_pow2(uint32_t v) {
  v--;
  v |= v >> 1;
  v |= v >> 2;
  v |= v >> 4;
  v |= v >> 8;
  v |= v >> 16;
  return v + 1;
}

uint32_t field_insert(uint32_t word, uint32_t value, int lo, int width) {
  uint32_t mask = (width >= 32 ? 0xffffffffu : ((1u << width) - 1)) << lo;
  return (word & ~mask) | ((value << lo) & mask);
}

int parity_loop(const uint8_t *p, int n) {
  uint8_t acc = 0;
  for (int i = 0; i < n; i++)
    acc ^= p[i];
  acc ^= acc >> 4;
  acc ^= acc >> 2;
  acc ^= acc >> 1;
  return acc & 1;
}

uint32_t keep_lowest(uint32_t x, int k) {
  uint32_t out = 0;
  while (x && k-- > 0) {
    uint32_t low = x & (0u - x);
    out |= low;
    x ^= low;
  }
  return out;
}

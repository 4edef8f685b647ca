/* Bit counting. Label: none. */
#include <stdint.h>

int ones(uint32_t x) {
  int n = 0;
  while (x) {
    x &= x - 1;
    n++;
  }
  return n;
}

int ones_swar(uint64_t x) {
  x = x - ((x >> 1) & 0x5555555555555555ULL);
  x = (x & 0x3333333333333333ULL) + ((x >> 2) & 0x3333333333333333ULL);
  x = (x + (x >> 4)) & 0x0F0F0F0F0F0F0F0FULL;
  return (int)((x * 0x0101010101010101ULL) >> 56);
}

/* Population count of a bitmap, bit by bit. */
unsigned bitmap_weight(const uint8_t *map, unsigned nbytes) {
  unsigned total = 0;
  for (unsigned i = 0; i < nbytes; i++)
    for (int b = 0; b < 8; b++)
      if (map[i] & (1u << b))
        total++;
  return total;
}

/* Parity of a word by folding. */
int parity(uint32_t v) {
  v ^= v >> 16;
  v ^= v >> 8;
  v ^= v >> 4;
  v &= 0xf;
  return (0x6996 >> v) & 1;
}

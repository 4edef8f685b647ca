/* Multiplicative hashing (Knuth, Dietzfelbinger). Label: hash. */
#include <stdint.h>

unsigned slot_for(uint32_t src, uint32_t dst, uint16_t sp, uint16_t dp,
                  unsigned bits) {
  uint64_t x = ((uint64_t)src << 32) | dst;
  x ^= ((uint64_t)sp << 16 | dp) * 0x9E3779B97F4A7C15ULL;
  x *= 0xBF58476D1CE4E5B9ULL;
  x ^= x >> 31;
  x *= 0x94D049BB133111EBULL;
  x ^= x >> 29;
  return (unsigned)(x >> (64 - bits));
}

/* Vector of multiply-add-shift hashes over an array of 16-bit keys. */
uint32_t poly_mix(const uint16_t *k, int n, const uint64_t *coef) {
  uint64_t acc = coef[0];
  for (int i = 0; i < n; i++) {
    acc += (uint64_t)k[i] * coef[(i & 7) + 1];
    acc ^= acc >> 27;
    acc *= 0x3C79AC492BA7B653ULL;
  }
  return (uint32_t)(acc >> 32);
}

/* FarmHash-like 32-bit mixing for short inputs: fmix-style finaliser and a
 * "mur" step (multiply, rotate, multiply, xor into the state, rotate,
 * multiply-add). Label: hash. */
#include <stddef.h>
#include <stdint.h>

static const uint32_t c1 = 0xcc9e2d51, c2 = 0x1b873593;

static uint32_t rotr32(uint32_t v, int s) { return (v >> s) | (v << (32 - s)); }

static uint32_t fmix(uint32_t h) {
  h ^= h >> 16;
  h *= 0x85ebca6b;
  h ^= h >> 13;
  h *= 0xc2b2ae35;
  h ^= h >> 16;
  return h;
}

uint32_t mur(uint32_t a, uint32_t h) {
  a *= c1;
  a = rotr32(a, 17);
  a *= c2;
  h ^= a;
  h = rotr32(h, 19);
  return h * 5 + 0xe6546b64;
}

uint32_t farm_words(const uint32_t *w, size_t n) {
  uint32_t h = (uint32_t)n * 4, g = c1 * h, f = g;
  for (size_t i = 0; i < n; i++) {
    uint32_t a = w[i] * c1;
    a = (a >> 17) | (a << 15);
    h ^= a * c2;
    h = (h >> 19) | (h << 13);
    h = h * 5 + 0xe6546b64;
    g += w[i];
    f = (f ^ g) * c1;
  }
  return fmix(h ^ fmix(g) ^ f);
}

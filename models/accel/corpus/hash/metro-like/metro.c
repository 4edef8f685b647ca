/* MetroHash-like: four 64-bit lanes consume 32 bytes per step with
 * multiply-add-rotate, then fold the lanes with rotations and multiplies.
 * Label: hash. */
#include <stddef.h>
#include <stdint.h>

static uint64_t rotate_right(uint64_t v, unsigned k) {
  return (v >> k) | (v << (64 - k));
}

uint64_t metro_like(const uint64_t *p, size_t nwords, uint64_t seed) {
  const uint64_t k0 = 0xD6D018F5, k1 = 0xA2AA033B, k2 = 0x62992FC1,
                 k3 = 0x30BC5B29;
  uint64_t v0 = (seed + k2) * k0, v1 = v0, v2 = v0, v3 = v0;
  size_t i = 0;
  for (; i + 4 <= nwords; i += 4) {
    v0 += p[i] * k0;
    v0 = rotate_right(v0, 29) + v2;
    v1 += p[i + 1] * k1;
    v1 = rotate_right(v1, 29) + v3;
    v2 += p[i + 2] * k2;
    v2 = rotate_right(v2, 29) + v0;
    v3 += p[i + 3] * k3;
    v3 = rotate_right(v3, 29) + v1;
  }
  v2 ^= rotate_right(((v0 + v3) * k0) + v1, 37) * k1;
  v3 ^= rotate_right(((v1 + v2) * k1) + v0, 37) * k0;
  uint64_t h = v0 ^ v1 ^ v2 ^ v3;
  h ^= rotate_right(h, 28);
  h *= k0;
  return h ^ rotate_right(h, 29);
}

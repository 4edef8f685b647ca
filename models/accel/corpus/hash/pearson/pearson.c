/* Pearson hashing: an 8-bit hash by a permutation table indexed by the
 * running hash xor the next byte; four lanes widen it to 32 bits. The
 * permutation is generated at start-up by a Fisher-Yates shuffle with a
 * fixed LCG. Label: hash. */
#include <stddef.h>
#include <stdint.h>

static uint8_t perm[256];

void pearson_init(void) {
  uint32_t s = 12345;
  for (int i = 0; i < 256; i++)
    perm[i] = (uint8_t)i;
  for (int i = 255; i > 0; i--) {
    s = s * 1103515245u + 12345u;
    int j = (int)((s >> 16) % (unsigned)(i + 1));
    uint8_t t = perm[i];
    perm[i] = perm[j];
    perm[j] = t;
  }
}

uint32_t pearson32(const uint8_t *x, size_t len) {
  uint32_t out = 0;
  for (int lane = 0; lane < 4; lane++) {
    uint8_t h = perm[(x[0] + lane) & 0xFF];
    for (size_t i = 1; i < len; i++)
      h = perm[h ^ x[i]];
    out = (out << 8) | h;
  }
  return out;
}

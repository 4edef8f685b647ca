/* fasthash64: a compression function of xor-shift by 23 and 47 around a
 * multiply by a large odd constant, applied per 8-byte word with a second
 * multiplier. Label: hash. */
#include <stddef.h>
#include <stdint.h>

static uint64_t fh_mix(uint64_t h) {
  h ^= h >> 23;
  h *= 0x2127599bf4325c37ull;
  h ^= h >> 47;
  return h;
}

uint64_t fasthash64(const uint64_t *pos, size_t nwords, uint64_t seed) {
  const uint64_t m = 0x880355f21e6d1965ull;
  uint64_t h = seed ^ (nwords * 8 * m);
  for (size_t i = 0; i < nwords; i++) {
    h ^= fh_mix(pos[i]);
    h *= m;
  }
  return fh_mix(h);
}

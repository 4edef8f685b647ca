/* wyhash-style: the "mum" of two 64-bit words (the 128-bit product folded
 * by xor of its halves) as the whole mixing step. Label: hash. */
#include <stddef.h>
#include <stdint.h>

static uint64_t mum(uint64_t a, uint64_t b) {
  __uint128_t r = (__uint128_t)a * b;
  return (uint64_t)r ^ (uint64_t)(r >> 64);
}

uint64_t wy_like(const uint64_t *words, size_t n, uint64_t seed) {
  const uint64_t p0 = 0xa0761d6478bd642full, p1 = 0xe7037ed1a0b428dbull;
  uint64_t see = seed ^ p0;
  for (size_t i = 0; i < n; i++)
    see = mum(words[i] ^ p1, see ^ (words[i] >> 32));
  return mum(see ^ (uint64_t)n, p1);
}

uint32_t wy_bucket(uint32_t saddr, uint32_t daddr, uint32_t ports,
                   uint32_t nbuckets) {
  uint64_t a = ((uint64_t)saddr << 32) | daddr;
  uint64_t h = mum(a ^ 0x8bb84b93962eacc9ull, ports ^ 0x4b33a62ed433d4a3ull);
  return (uint32_t)(((h & 0xFFFFFFFFu) * nbuckets) >> 32);
}

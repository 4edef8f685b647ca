/* Jump consistent hash (Lamping and Veach, 2014): maps a 64-bit key to one
 * of n buckets so that growing n to n+1 moves only 1/(n+1) of the keys, all
 * to the new bucket. A 64-bit LCG (2862933555777941757 * k + 1) draws the
 * next jump; the jump length is (b + 1) * 2^31 / ((k >> 33) + 1). Written in
 * floating point as in the paper, in fixed point, and behind a backend
 * picker that skips drained backends by re-keying. Label: hash. */
#include <stdint.h>

int32_t jump_bucket(uint64_t key, int32_t num_buckets) {
  int64_t b = -1, j = 0;
  while (j < num_buckets) {
    b = j;
    key = key * 2862933555777941757ULL + 1;
    j = (int64_t)((double)(b + 1) *
                  ((double)(1LL << 31) / (double)((key >> 33) + 1)));
  }
  return (int32_t)b;
}

/* Integer-only form: j = floor((b + 1) * 2^31 / r) with r in [1, 2^31]. */
int32_t jump_bucket_fixed(uint64_t key, int32_t num_buckets) {
  uint64_t b = 0, j = 0;
  int first = 1;
  for (;;) {
    if (!first && j >= (uint64_t)num_buckets)
      break;
    b = j;
    first = 0;
    key = key * 2862933555777941757ULL + 1;
    uint64_t r = (key >> 33) + 1;
    j = ((b + 1) << 31) / r;
  }
  return (int32_t)b;
}

/* Picks a backend for a flow; when the chosen one is drained, the key is
 * stepped and the jump repeated (a bounded number of times). */
int backend_for(uint32_t saddr, uint32_t daddr, uint32_t ports, int n,
                const uint8_t *drained) {
  uint64_t key = (uint64_t)saddr << 32 | daddr;
  key ^= (uint64_t)ports * 0xc2b2ae3d27d4eb4fULL;
  for (int attempt = 0; attempt < 8; attempt++) {
    int32_t b = jump_bucket(key, n);
    if (!drained || !drained[b])
      return b;
    key = key * 2862933555777941757ULL + 1;
  }
  return -1;
}

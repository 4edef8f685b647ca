/* Latency histograms with logarithmic buckets (by leading-zero count or a
 * shift loop) and percentile extraction. Label: none. */
#include <stdint.h>

struct hist {
  uint64_t bucket[64];
  uint64_t count;
};

void hist_add(struct hist *h, uint64_t v) {
  int b = v ? 63 - __builtin_clzll(v) : 0;
  h->bucket[b]++;
  h->count++;
}

int log2_floor_loop(uint32_t v) {
  int r = 0;
  while (v >>= 1)
    r++;
  return r;
}

uint64_t hist_percentile(const struct hist *h, unsigned pct) {
  uint64_t want = h->count * pct / 100, seen = 0;
  for (int b = 0; b < 64; b++) {
    seen += h->bucket[b];
    if (seen >= want)
      return 1ull << b;
  }
  return ~0ull;
}

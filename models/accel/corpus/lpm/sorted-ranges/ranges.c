/* Prefixes expanded to disjoint sorted address ranges; lookup by binary
 * search. Label: lpm. */
#include <stdint.h>

struct range { uint32_t lo, hi; int hop; };

int range_find(const struct range *r, int n, uint32_t a) {
  int l = 0, h = n - 1;
  while (l <= h) {
    int m = l + ((h - l) >> 1);
    if (a < r[m].lo)
      h = m - 1;
    else if (a > r[m].hi)
      l = m + 1;
    else
      return r[m].hop;
  }
  return -1;
}

/* Endpoints array with the hop of the interval starting at each point:
 * find the last endpoint <= address. */
int endpoint_find(const uint32_t *pts, const short *hop, unsigned n,
                  uint32_t a) {
  unsigned lo = 0, hi = n;
  while (hi - lo > 1) {
    unsigned mid = (lo + hi) >> 1;
    if (pts[mid] <= a)
      lo = mid;
    else
      hi = mid;
  }
  return hop[lo];
}

/* IPv6: ranges of 128-bit addresses as (hi, lo) 64-bit pairs. */
struct r6 { uint64_t sh, sl, eh, el; int hop; };

static int le(uint64_t ah, uint64_t al, uint64_t bh, uint64_t bl) {
  return ah < bh || (ah == bh && al <= bl);
}

int range6(const struct r6 *t, int n, uint64_t h, uint64_t l) {
  int a = 0, b = n;
  while (a < b) {
    int m = (a + b) / 2;
    if (le(t[m].sh, t[m].sl, h, l)) {
      if (le(h, l, t[m].eh, t[m].el))
        return t[m].hop;
      a = m + 1;
    } else {
      b = m;
    }
  }
  return -1;
}

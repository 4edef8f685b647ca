/* Exact-match lookups in sorted arrays: binary search of a key (e.g. a
 * MAC address as a 64-bit number) and lower bound. Label: none. */
#include <stdint.h>

int find_exact(const uint64_t *keys, int n, uint64_t k) {
  int lo = 0, hi = n - 1;
  while (lo <= hi) {
    int mid = (lo + hi) / 2;
    if (keys[mid] == k)
      return mid;
    if (keys[mid] < k)
      lo = mid + 1;
    else
      hi = mid - 1;
  }
  return -1;
}

unsigned lower_bound_u32(const uint32_t *a, unsigned n, uint32_t v) {
  unsigned first = 0, count = n;
  while (count > 0) {
    unsigned step = count / 2, it = first + step;
    if (a[it] < v) {
      first = it + 1;
      count -= step + 1;
    } else {
      count = step;
    }
  }
  return first;
}

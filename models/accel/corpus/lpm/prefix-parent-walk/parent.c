/* Prefixes sorted by (network, length) in an array with a parent index
 * (the longest enclosing prefix): binary search for the last prefix not
 * above the address, then follow parent links until one contains it.
 * Label: lpm. */
#include <stdint.h>

struct pfx {
  uint32_t net;
  uint8_t len;
  int parent; /* -1: none */
  int hop;
};

static int contains(const struct pfx *p, uint32_t a) {
  uint32_t m = p->len ? 0xFFFFFFFFu << (32 - p->len) : 0;
  return (a & m) == p->net;
}

int parent_lookup(const struct pfx *v, int n, uint32_t a) {
  int lo = 0, hi = n - 1, at = -1;
  while (lo <= hi) {
    int mid = lo + (hi - lo) / 2;
    if (v[mid].net <= a) {
      at = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  while (at >= 0 && !contains(&v[at], a))
    at = v[at].parent;
  return at >= 0 ? v[at].hop : -1;
}

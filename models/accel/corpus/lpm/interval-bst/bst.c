/* Prefixes turned into disjoint address intervals stored in a binary search
 * tree of pointers: descend comparing the address with the interval bounds.
 * Label: lpm. */
#include <stdint.h>

struct ival {
  uint32_t lo, hi;
  int hop;
  struct ival *left, *right;
};

int ival_lookup(const struct ival *t, uint32_t a) {
  while (t) {
    if (a < t->lo)
      t = t->left;
    else if (a > t->hi)
      t = t->right;
    else
      return t->hop;
  }
  return -1;
}

/* The same over an array-embedded tree (children at 2i+1, 2i+2). */
int ival_lookup_array(const uint32_t *lo, const uint32_t *hi, const int *hop,
                      int n, uint32_t a) {
  int i = 0;
  while (i < n) {
    if (a < lo[i])
      i = 2 * i + 1;
    else if (a > hi[i])
      i = 2 * i + 2;
    else
      return hop[i];
  }
  return -1;
}

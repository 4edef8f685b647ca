/* A complete binary trie stored as an implicit heap: the children of node i
 * are 2i+1 and 2i+2; a route mark per node. Walks at most `depth` levels.
 * Label: lpm. */
#include <stdint.h>

struct heap_fib {
  int16_t hop[1 << 17];
  int levels;
};

int heap_lookup(const struct heap_fib *f, uint32_t key) {
  unsigned i = 0;
  int best = -1;
  for (int level = 0; level <= f->levels; level++) {
    if (f->hop[i] >= 0)
      best = f->hop[i];
    if (level == f->levels)
      break;
    unsigned bit = (key >> (31 - level)) & 1;
    i = 2 * i + 1 + bit;
  }
  return best;
}

void heap_add(struct heap_fib *f, uint32_t prefix, int len, int hop) {
  unsigned i = 0;
  for (int level = 0; level < len; level++)
    i = 2 * i + 1 + ((prefix >> (31 - level)) & 1);
  f->hop[i] = (int16_t)hop;
}

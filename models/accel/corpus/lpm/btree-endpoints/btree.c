/* A B-tree (order 8) over the sorted endpoints of prefix ranges: each node
 * is searched linearly for the last key not above the address, then the
 * search descends; leaves carry the next hop of each range. Label: lpm. */
#include <stdint.h>

#define ORDER 8

struct bnode {
  int nkeys;
  int leaf;
  uint32_t key[ORDER - 1];
  int16_t hop[ORDER]; /* leaf: hop of the range starting at key[i-1] */
  struct bnode *child[ORDER];
};

int btree_lookup(const struct bnode *n, uint32_t addr) {
  for (;;) {
    int i = 0;
    while (i < n->nkeys && n->key[i] <= addr)
      i++;
    if (n->leaf)
      return n->hop[i];
    n = n->child[i];
  }
}

/* Poptrie-like multibit trie: 6-bit strides, each node has a 64-bit vector
 * of children present and of leaves, and children/leaves are stored densely;
 * the index is the population count below the chosen bit. Label: lpm. */
#include <stdint.h>

struct pnode {
  uint64_t vector;  /* bit i: child i is an internal node */
  uint64_t leafvec; /* bit i: a new leaf run starts at i */
  uint32_t base0;   /* first leaf */
  uint32_t base1;   /* first child */
};

struct poptrie {
  struct pnode *nodes;
  uint16_t *leaves;
};

static unsigned ones_below(uint64_t v, unsigned i) {
  return (unsigned)__builtin_popcountll(v & ((2ull << i) - 1));
}

int pop_lookup(const struct poptrie *t, uint32_t key) {
  unsigned idx = 0, off = 0;
  const struct pnode *n = &t->nodes[0];
  unsigned v = key >> 26;
  while (n->vector & (1ull << v)) {
    idx = n->base1 + ones_below(n->vector, v) - 1;
    n = &t->nodes[idx];
    off += 6;
    v = (key << off) >> 26;
  }
  unsigned leaf = n->base0 + ones_below(n->leafvec, v) - 1;
  return t->leaves[leaf];
}

/* A binary trie with leaf pushing. Routes are first added to an ordinary
 * one-bit-per-level trie; a push pass then moves every next hop down to the
 * leaves (an internal node keeps none and always has two children), and a
 * merge pass folds sibling leaves that ended up with the same hop. A lookup
 * follows address bits until it reaches a leaf and returns that leaf's hop
 * without remembering anything on the way. Label: lpm. */
#include <stdint.h>
#include <stdlib.h>

typedef struct bnode {
  struct bnode *kid[2];
  int nh; /* next hop, -1 when none */
} bnode;

static bnode *bnode_alloc(int nh) {
  bnode *b = calloc(1, sizeof *b);
  if (b)
    b->nh = nh;
  return b;
}

/* Adds pfx/len -> nh before pushing. 0, or -1 when out of memory. */
int table_add(bnode **rootp, uint32_t pfx, unsigned len, int nh) {
  if (*rootp == NULL && (*rootp = bnode_alloc(-1)) == NULL)
    return -1;
  bnode *cur = *rootp;
  uint32_t bits = pfx;
  while (len-- > 0) {
    unsigned side = bits >> 31;
    bits <<= 1;
    if (cur->kid[side] == NULL) {
      cur->kid[side] = bnode_alloc(-1);
      if (cur->kid[side] == NULL)
        return -1;
    }
    cur = cur->kid[side];
  }
  cur->nh = nh;
  return 0;
}

/* Pushes hops to the leaves: a node with one child gets a new leaf for the
 * missing side holding the hop inherited from above. */
int table_push(bnode *b, int inherit) {
  if (b->nh >= 0)
    inherit = b->nh;
  if (b->kid[0] == NULL && b->kid[1] == NULL) {
    b->nh = inherit;
    return 0;
  }
  for (int s = 0; s < 2; s++) {
    if (b->kid[s] != NULL) {
      if (table_push(b->kid[s], inherit) != 0)
        return -1;
    } else if ((b->kid[s] = bnode_alloc(inherit)) == NULL) {
      return -1;
    }
  }
  b->nh = -1;
  return 0;
}

/* After pushing: two sibling leaves with equal hops become one leaf.
 * Returns the number of nodes freed. */
int table_fold(bnode *b) {
  bnode *l = b->kid[0], *r = b->kid[1];
  if (l == NULL)
    return 0;
  int freed = table_fold(l) + table_fold(r);
  if (l->kid[0] == NULL && r->kid[0] == NULL && l->nh == r->nh) {
    b->nh = l->nh;
    b->kid[0] = b->kid[1] = NULL;
    free(l);
    free(r);
    freed += 2;
  }
  return freed;
}

/* Every internal node has both children, so the walk ends at a leaf. */
int table_get(const bnode *b, uint32_t dst) {
  if (b == NULL)
    return -1;
  while (b->kid[0] != NULL) {
    b = b->kid[(dst & 0x80000000u) != 0];
    dst += dst;
  }
  return b->nh;
}

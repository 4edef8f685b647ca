/* A binary trie searched recursively: each call consumes one address bit
 * and remembers the deepest node that carried a route. Label: lpm. */
#include <stddef.h>
#include <stdint.h>

struct tnode {
  struct tnode *kid[2];
  int has_route;
  int nexthop;
};

int rec_lookup(const struct tnode *n, uint32_t addr, int depth, int best) {
  if (!n)
    return best;
  if (n->has_route)
    best = n->nexthop;
  if (depth == 32)
    return best;
  unsigned bit = (addr >> (31 - depth)) & 1u;
  return rec_lookup(n->kid[bit], addr, depth + 1, best);
}

int rec_insert(struct tnode *n, uint32_t prefix, int len, int hop,
               struct tnode *(*alloc)(void)) {
  int d = 0;
  while (d < len) {
    unsigned bit = (prefix >> (31 - d)) & 1u;
    if (!n->kid[bit]) {
      n->kid[bit] = alloc();
      if (!n->kid[bit])
        return -1;
    }
    n = n->kid[bit];
    d++;
  }
  n->has_route = 1;
  n->nexthop = hop;
  return 0;
}

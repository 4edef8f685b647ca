/* A multibit trie with a different stride at each depth (12, 6, 6, 4, 4
 * bits): every node is an array of 2^stride slots, each slot a child
 * pointer plus the best route ending inside that slot's span and the
 * length of that route. Adding a route expands it at insert time over the
 * 2^(end - len) slots of the node where it ends (a longer route keeps its
 * slot). A lookup walks the nodes, remembering the last slot that carried
 * a route. Label: lpm. */
#include <stdint.h>
#include <stdlib.h>

struct vs_node;

struct vs_slot {
  struct vs_node *down;
  int32_t route; /* -1: none */
  int8_t plen;   /* -1: none */
};

struct vs_node {
  unsigned bits;  /* stride of this node */
  unsigned shift; /* index = (addr >> shift) & mask */
  struct vs_slot *slot;
};

static const unsigned char depth_bits[] = {12, 6, 6, 4, 4};

struct vs_node *node_alloc(unsigned depth, unsigned used) {
  struct vs_node *n = malloc(sizeof *n);
  if (!n)
    return NULL;
  n->bits = depth_bits[depth];
  n->shift = 32 - used - n->bits;
  size_t cnt = (size_t)1 << n->bits;
  n->slot = malloc(cnt * sizeof *n->slot);
  if (!n->slot) {
    free(n);
    return NULL;
  }
  for (struct vs_slot *s = n->slot; s != n->slot + cnt; ++s) {
    s->down = NULL;
    s->route = -1;
    s->plen = -1;
  }
  return n;
}

int route_put(struct vs_node *root, uint32_t pfx, int len, int32_t route) {
  if (len < 0 || len > 32 || route < 0)
    return -1;
  pfx = len ? pfx & (uint32_t)(0xFFFFFFFFull << (32 - len)) : 0;
  struct vs_node *n = root;
  unsigned used = 0, depth = 0;
  for (;;) {
    unsigned end = used + n->bits;
    unsigned idx = (pfx >> n->shift) & ((1u << n->bits) - 1);
    if ((unsigned)len <= end) {
      struct vs_slot *s = n->slot + idx;
      struct vs_slot *stop = s + ((size_t)1 << (end - (unsigned)len));
      while (s < stop) {
        if (s->plen <= len) {
          s->plen = (int8_t)len;
          s->route = route;
        }
        s++;
      }
      return 0;
    }
    struct vs_slot *s = &n->slot[idx];
    if (!s->down) {
      s->down = node_alloc(depth + 1, end);
      if (!s->down)
        return -1;
    }
    n = s->down;
    used = end;
    depth++;
  }
}

int32_t route_match(const struct vs_node *n, uint32_t addr) {
  int32_t found = -1;
  do {
    const struct vs_slot *s =
        n->slot + ((addr >> n->shift) & ((1u << n->bits) - 1));
    if (s->plen >= 0)
      found = s->route;
    n = s->down;
  } while (n);
  return found;
}

void node_release(struct vs_node *n) {
  if (!n)
    return;
  size_t cnt = (size_t)1 << n->bits;
  for (size_t i = 0; i < cnt; i++)
    node_release(n->slot[i].down);
  free(n->slot);
  free(n);
}

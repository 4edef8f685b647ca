/* Longest prefix match over a crit-bit tree of prefixes: walk to a leaf by
 * the address's bits at each node's critical position, then back up
 * through the remembered prefix-bearing nodes until one covers the
 * address. Label: lpm. */
#include <stdint.h>

typedef struct {
  int16_t crit;       /* -1: leaf */
  int16_t plen;       /* prefix stored at this node, -1 none */
  uint32_t prefix;
  int32_t next[2];
  int32_t nexthop;
} cb_node;

int cb_longest(const cb_node *t, int root, uint32_t addr) {
  int path[40];
  int depth = 0, at = root;
  while (at >= 0 && depth < 40) {
    path[depth++] = at;
    if (t[at].crit < 0)
      break;
    unsigned b = (addr >> (31 - t[at].crit)) & 1u;
    at = t[at].next[b];
  }
  while (depth-- > 0) {
    const cb_node *n = &t[path[depth]];
    if (n->plen < 0)
      continue;
    uint32_t m = n->plen == 0 ? 0u : 0xffffffffu << (32 - n->plen);
    if (((addr ^ n->prefix) & m) == 0)
      return n->nexthop;
  }
  return -1;
}

/* Variant keeping the best match on the way down (no back-tracking). */
int cb_longest_down(const cb_node *t, int at, uint32_t addr, int dflt) {
  int best = dflt;
  for (int steps = 0; at >= 0 && steps < 33; steps++) {
    const cb_node *n = &t[at];
    if (n->plen >= 0) {
      uint32_t diff = addr ^ n->prefix;
      if (n->plen == 0 || (diff >> (32 - n->plen)) == 0)
        best = n->nexthop;
      else
        break;
    }
    if (n->crit < 0)
      break;
    at = n->next[(addr << n->crit) >> 31];
  }
  return best;
}

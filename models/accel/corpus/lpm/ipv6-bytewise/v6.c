/* IPv6 multibit trie with 8-bit strides over the 16 address bytes: each
 * node has 256 slots holding a child index and the best route so far.
 * Label: lpm. */
#include <stdint.h>

struct slot6 {
  int32_t child; /* -1: none */
  int32_t route; /* -1: none */
};

struct node6 {
  struct slot6 s[256];
};

int v6_lookup(const struct node6 *pool, const uint8_t addr[16]) {
  int best = -1;
  int32_t cur = 0;
  for (int level = 0; level < 16 && cur >= 0; level++) {
    const struct slot6 *sl = &pool[cur].s[addr[level]];
    if (sl->route >= 0)
      best = sl->route;
    cur = sl->child;
  }
  return best;
}

/* Expand a prefix into the slots of its last level (controlled prefix
 * expansion). */
void v6_expand(struct node6 *n, uint8_t last_byte, int bits_in_last,
               int route) {
  unsigned span = 1u << (8 - bits_in_last);
  unsigned first = last_byte & (0xFFu << (8 - bits_in_last));
  for (unsigned k = 0; k < span; k++)
    n->s[first + k].route = route;
}

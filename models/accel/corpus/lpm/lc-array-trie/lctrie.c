/* Level-compressed trie stored in an array: each node holds branch bits,
 * skip and the index of its first child (Nilsson & Karlsson). Label: lpm. */
#include <stdint.h>

struct lc { uint8_t branch, skip; uint32_t adr; };
struct base { uint32_t str; int len; int hop; int pre; };

#define EXTRACT(p, n, s) (((s) << (p)) >> (32 - (n)))

int lc_lookup(const struct lc *t, const struct base *b, uint32_t s) {
  struct lc node = t[0];
  int pos = node.skip;
  int branch = node.branch;
  uint32_t adr = node.adr;
  while (branch != 0) {
    node = t[adr + EXTRACT(pos, branch, s)];
    pos += branch + node.skip;
    branch = node.branch;
    adr = node.adr;
  }
  int k = (int)adr;
  while (k >= 0) {
    const struct base *e = &b[k];
    uint32_t m = e->len ? 0xFFFFFFFFu << (32 - e->len) : 0;
    if (((s ^ e->str) & m) == 0)
      return e->hop;
    k = e->pre;
  }
  return -1;
}

/* Trie in two parallel arrays of child indices, 2 bits per level. */
int quad_walk(const int (*child)[4], const int *hop, uint32_t a) {
  int n = 0, out = -1;
  for (int sh = 30; sh >= 0 && n >= 0; sh -= 2) {
    if (hop[n] >= 0)
      out = hop[n];
    n = child[n][(a >> sh) & 3];
  }
  return out;
}

/* Multibit tries with fixed strides. Label: lpm. */
#include <stdint.h>

/* Stride 8: four levels, each node 256 entries of {child index, next hop}. */
struct entry { int child; int hop; };
struct level8 { struct entry e[256]; };

int mb8(const struct level8 *nodes, uint32_t ip) {
  int hop = -1, cur = 0;
  for (int shift = 24; shift >= 0; shift -= 8) {
    const struct entry *x = &nodes[cur].e[(ip >> shift) & 0xFF];
    if (x->hop >= 0)
      hop = x->hop;
    if (x->child <= 0)
      break;
    cur = x->child;
  }
  return hop;
}

/* Stride 4 with pointer children and leaf-pushed hops. */
struct n4 { struct n4 *sub[16]; short hop[16]; };

short mb4(const struct n4 *n, unsigned addr) {
  short best = 0;
  int level = 0;
  do {
    unsigned nib = (addr >> (28 - 4 * level)) & 0xF;
    if (n->hop[nib])
      best = n->hop[nib];
    n = n->sub[nib];
    level++;
  } while (n && level < 8);
  return best;
}

/* Variable strides 16-8-8, stride table given. */
static const int strides[3] = {16, 8, 8};

int mbvar(const int *pool, const int *hops, uint32_t key) {
  int base = 0, consumed = 0, out = -1;
  for (int l = 0; l < 3; l++) {
    int s = strides[l];
    uint32_t idx = (key << consumed) >> (32 - s);
    int slot = base + (int)idx;
    if (hops[slot] >= 0)
      out = hops[slot];
    if (pool[slot] < 0)
      break;
    base = pool[slot];
    consumed += s;
  }
  return out;
}

/* Tree Bitmap (Eatherton et al.): stride-4 nodes with an internal bitmap of
 * the prefixes stored inside the node (15 bits) and an external bitmap of
 * children (16 bits); results and children are found by counting set bits.
 * Label: lpm. */
#include <stdint.h>

struct tbnode {
  uint16_t internal; /* bit (1 << len) + value: prefix of length len < 4 */
  uint16_t external; /* child present for each 4-bit value */
  uint32_t child_base, result_base;
};

static int count_bits(uint32_t v) {
  int c = 0;
  while (v) {
    v &= v - 1;
    c++;
  }
  return c;
}

/* The longest internal prefix matching the stride's bits, or -1. */
static int internal_match(uint16_t bm, unsigned bits) {
  for (int len = 3; len >= 0; len--) {
    unsigned pos = (1u << len) - 1 + (bits >> (4 - len));
    if (bm & (1u << pos))
      return (int)pos;
  }
  return -1;
}

int tb_lookup(const struct tbnode *nodes, const int *results, uint32_t key) {
  const struct tbnode *n = &nodes[0];
  int best = -1;
  for (int shift = 28; shift >= 0; shift -= 4) {
    unsigned bits = (key >> shift) & 0xF;
    int pos = internal_match(n->internal, bits);
    if (pos >= 0)
      best =
          results[n->result_base + count_bits(n->internal & ((1u << pos) - 1))];
    if (!(n->external & (1u << bits)))
      break;
    n = &nodes[n->child_base + count_bits(n->external & ((1u << bits) - 1))];
  }
  return best;
}

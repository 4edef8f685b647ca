/* A binary trie packed into bit strings in level order (a LOUDS-like
 * succinct encoding): node i owns bits 2i (has a 0-child) and 2i+1 (has a
 * 1-child) of `shape`, and its children are numbered by the rank of those
 * bits; bit i of `marked` says the node carries a route, whose hop is
 * hops[rank of that bit]. Ranks use a running count per 32-bit word.
 * Label: lpm. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct packed_trie {
  uint32_t *shape, *shape_rank; /* rank: ones in the words before */
  uint32_t *marked, *marked_rank;
  uint16_t *hops;
  uint32_t nodes;
};

static unsigned ones32(uint32_t w) {
  w = w - ((w >> 1) & 0x55555555u);
  w = (w & 0x33333333u) + ((w >> 2) & 0x33333333u);
  w = (w + (w >> 4)) & 0x0F0F0F0Fu;
  return (w * 0x01010101u) >> 24;
}

/* Number of set bits before position pos. */
static uint32_t rank_before(const uint32_t *bits, const uint32_t *rank,
                            uint32_t pos) {
  uint32_t w = pos >> 5, r = pos & 31;
  uint32_t part = r ? bits[w] << (32 - r) : 0;
  return rank[w] + ones32(part);
}

/* Builds the packed form of routes (net[i]/len[i] -> hop[i]): first an
 * explicit trie in index arrays, then a breadth-first pass writes the
 * bits. 0, or -1 when out of memory. */
int pack_routes(struct packed_trie *pt, const uint32_t *net, const uint8_t *len,
                const uint16_t *hop, int n) {
  uint32_t cap = 1 + 32 * (uint32_t)n;
  int32_t(*kid)[2] = malloc(sizeof *kid * cap);
  int32_t *val = malloc(sizeof *val * cap);
  int32_t *order = malloc(sizeof *order * cap);
  if (!kid || !val || !order)
    goto fail;
  uint32_t used = 1;
  kid[0][0] = kid[0][1] = -1;
  val[0] = -1;
  for (int r = 0; r < n; r++) {
    int32_t at = 0;
    for (int d = 0; d < len[r]; d++) {
      int b = (net[r] >> (31 - d)) & 1;
      if (kid[at][b] < 0) {
        kid[used][0] = kid[used][1] = -1;
        val[used] = -1;
        kid[at][b] = (int32_t)used++;
      }
      at = kid[at][b];
    }
    val[at] = hop[r];
  }
  uint32_t words = (2 * used + 31) / 32 + 1;
  pt->shape = calloc(words, 4);
  pt->shape_rank = calloc(words, 4);
  pt->marked = calloc(words, 4);
  pt->marked_rank = calloc(words, 4);
  pt->hops = calloc(used, 2);
  if (!pt->shape || !pt->shape_rank || !pt->marked || !pt->marked_rank ||
      !pt->hops)
    goto fail;
  uint32_t head = 0, tail = 0, nh = 0;
  order[tail++] = 0;
  while (head < tail) {
    uint32_t i = head;
    int32_t v = order[head++];
    for (int b = 0; b < 2; b++)
      if (kid[v][b] >= 0) {
        pt->shape[(2 * i + b) >> 5] |= 1u << ((2 * i + b) & 31);
        order[tail++] = kid[v][b];
      }
    if (val[v] >= 0) {
      pt->marked[i >> 5] |= 1u << (i & 31);
      pt->hops[nh++] = (uint16_t)val[v];
    }
  }
  for (uint32_t w = 1; w < words; w++) {
    pt->shape_rank[w] = pt->shape_rank[w - 1] + ones32(pt->shape[w - 1]);
    pt->marked_rank[w] = pt->marked_rank[w - 1] + ones32(pt->marked[w - 1]);
  }
  pt->nodes = used;
  free(kid);
  free(val);
  free(order);
  return 0;
fail:
  free(kid);
  free(val);
  free(order);
  return -1;
}

int packed_lookup(const struct packed_trie *pt, uint32_t a) {
  uint32_t node = 0;
  int hop = -1;
  for (int depth = 0;; depth++) {
    if (pt->marked[node >> 5] >> (node & 31) & 1)
      hop = pt->hops[rank_before(pt->marked, pt->marked_rank, node)];
    if (depth == 32)
      break;
    uint32_t pos = 2 * node + (a >> (31 - depth) & 1);
    if (!(pt->shape[pos >> 5] >> (pos & 31) & 1))
      break;
    node = rank_before(pt->shape, pt->shape_rank, pos) + 1;
  }
  return hop;
}

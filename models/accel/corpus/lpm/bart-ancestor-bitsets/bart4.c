/* IPv4 routes in a tree of 8-bit stride nodes with popcount-compressed
 * slots (in the manner of a "balanced routing table"). A node keeps two
 * 256-bit sets: `pfx` marks the prefixes that end inside the node's stride,
 * numbered as in a complete binary tree (length j in 0..7 with top bits v
 * gets index (1 << j) | v), and `kid` marks the octets that have a child
 * node. The hops and the child pointers are stored densely, in index
 * order, so a slot's position is the number of set bits below it. A route
 * of length 8k + j lives in the node at depth k (a /32 at depth 4, index 1).
 *
 * Lookup descends while children exist, remembering the path, then climbs
 * back: at each node the prefixes that cover the address's octet are
 * exactly the ancestors of leaf 256 + octet, a fixed 256-bit set per octet
 * (`cover`, built once), so the longest match in that node is the highest
 * bit of cover[octet] & pfx. Label: lpm. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define WORDS 4
#define BIT_WORD(i) ((i) >> 6)
#define BIT_MASK(i) (1ull << ((i) & 63))
#define HAS(set, i) (((set)[BIT_WORD(i)] & BIT_MASK(i)) != 0)

typedef struct bart_node {
  uint64_t pfx[WORDS];
  uint64_t kid[WORDS];
  uint16_t npfx, nkid;
  uint32_t *hops;            /* npfx entries, ascending index */
  struct bart_node **kids;   /* nkid entries, ascending octet */
} bart_node;

typedef struct {
  bart_node root;
  uint64_t cover[256][WORDS];
  uint32_t routes;
} bart_table;

/* Number of set bits strictly below position i. */
static unsigned rank_below(const uint64_t *set, unsigned i) {
  unsigned n = 0, w = BIT_WORD(i);
  for (unsigned k = 0; k < w; k++)
    n += (unsigned)__builtin_popcountll(set[k]);
  uint64_t low = set[w] & (BIT_MASK(i) - 1);
  return n + (unsigned)__builtin_popcountll(low);
}

/* Highest set bit of a 256-bit set, or -1. */
static int top_bit(const uint64_t *set) {
  for (int w = WORDS - 1; w >= 0; w--)
    if (set[w])
      return w * 64 + 63 - __builtin_clzll(set[w]);
  return -1;
}

void bart_init(bart_table *t) {
  memset(t, 0, sizeof *t);
  for (unsigned oct = 0; oct < 256; oct++) {
    /* ancestors of leaf 256 + oct inside the stride: idx = (256+oct) >> s */
    unsigned idx = (256u + oct) >> 1;
    while (idx) {
      t->cover[oct][BIT_WORD(idx)] |= BIT_MASK(idx);
      idx >>= 1;
    }
  }
}

static bart_node *child_for(bart_node *n, unsigned oct, int create) {
  unsigned pos = rank_below(n->kid, oct);
  if (HAS(n->kid, oct))
    return n->kids[pos];
  if (!create)
    return NULL;
  bart_node *c = calloc(1, sizeof *c);
  if (!c)
    return NULL;
  bart_node **grown = realloc(n->kids, (n->nkid + 1u) * sizeof *grown);
  if (!grown) {
    free(c);
    return NULL;
  }
  memmove(grown + pos + 1, grown + pos, (n->nkid - pos) * sizeof *grown);
  grown[pos] = c;
  n->kids = grown;
  n->nkid++;
  n->kid[BIT_WORD(oct)] |= BIT_MASK(oct);
  return c;
}

int bart_insert(bart_table *t, uint32_t addr, unsigned len, uint32_t hop) {
  if (len > 32)
    return -1;
  bart_node *n = &t->root;
  while (len >= 8) {
    n = child_for(n, addr >> 24, 1);
    if (!n)
      return -1;
    addr <<= 8;
    len -= 8;
  }
  unsigned idx = (1u << len) | ((addr >> 24) >> (8 - len));
  unsigned pos = rank_below(n->pfx, idx);
  if (HAS(n->pfx, idx)) {
    n->hops[pos] = hop;
    return 0;
  }
  uint32_t *grown = realloc(n->hops, (n->npfx + 1u) * sizeof *grown);
  if (!grown)
    return -1;
  memmove(grown + pos + 1, grown + pos, (n->npfx - pos) * sizeof *grown);
  grown[pos] = hop;
  n->hops = grown;
  n->npfx++;
  n->pfx[BIT_WORD(idx)] |= BIT_MASK(idx);
  t->routes++;
  return 1;
}

/* Returns 1 and the hop of the longest matching route, or 0. */
int bart_lookup(const bart_table *t, uint32_t addr, uint32_t *hop) {
  const bart_node *path[5];
  unsigned octs[5];
  const bart_node *n = &t->root;
  int depth = 0;
  for (;;) {
    unsigned oct = depth < 4 ? (addr >> (24 - 8 * depth)) & 0xFFu : 0;
    path[depth] = n;
    octs[depth] = oct;
    if (depth == 4 || !HAS(n->kid, oct))
      break;
    n = n->kids[rank_below(n->kid, oct)];
    depth++;
  }
  for (; depth >= 0; depth--) {
    const bart_node *m = path[depth];
    if (!m->npfx)
      continue;
    uint64_t hit[WORDS];
    for (int w = 0; w < WORDS; w++)
      hit[w] = m->pfx[w] & t->cover[octs[depth]][w];
    int idx = top_bit(hit);
    if (idx > 0) {
      *hop = m->hops[rank_below(m->pfx, (unsigned)idx)];
      return 1;
    }
  }
  return 0;
}

static void drop_node(bart_node *n) {
  for (unsigned i = 0; i < n->nkid; i++) {
    drop_node(n->kids[i]);
    free(n->kids[i]);
  }
  free(n->kids);
  free(n->hops);
}

void bart_destroy(bart_table *t) {
  drop_node(&t->root);
  memset(&t->root, 0, sizeof t->root);
  t->routes = 0;
}

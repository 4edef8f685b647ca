/* Versioned IPv6 routing table: a persistent 16-ary trie (4-bit strides)
 * updated by path copying, so that every committed version stays readable
 * while later ones are built (readers hold a root, writers never touch a
 * published node).
 *
 * A node covers one nibble of the address. Each of its 16 slots holds the
 * best route among the prefixes that end inside this nibble and cover the
 * slot (prefix expansion inside the node: a prefix with r of the nibble's
 * bits fixed fills 2^(4-r) slots, a longer one overwriting a shorter one),
 * plus a pointer to the child for the next nibble. Adding a route copies
 * the nodes from the root down to the prefix's node and returns the new
 * root; everything off that path is shared with the previous version.
 * Lookup walks nibbles from the top, remembering the last slot with a
 * route. Nodes come from an arena that is released as a whole. Label: lpm. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define NIBBLE(a, i) ((unsigned)(((a)[(i) >> 1] >> (((i) & 1) ? 0 : 4)) & 0xfu))
#define MAX_VERSIONS 4096
#define ARENA_NODES 512

typedef struct v6node {
  uint8_t plen1[16]; /* 1 + length of the slot's route, 0 if none */
  uint32_t hop[16];
  const struct v6node *kid[16];
} v6node;

typedef struct arena_block {
  struct arena_block *next;
  unsigned used;
  v6node nodes[ARENA_NODES];
} arena_block;

typedef struct v6snap {
  arena_block *blocks;
  const v6node *root[MAX_VERSIONS];
  unsigned nversions; /* version 0 is the empty table */
} v6snap;

v6node *snap_node_alloc(v6snap *t)
{
  arena_block *b = t->blocks;
  if (!b || b->used == ARENA_NODES) {
    b = malloc(sizeof *b);
    if (!b)
      return NULL;
    b->next = t->blocks;
    b->used = 0;
    t->blocks = b;
  }
  return &b->nodes[b->used++];
}

void snap_init(v6snap *t)
{
  t->blocks = NULL;
  t->root[0] = NULL;
  t->nversions = 1;
}

void snap_destroy(v6snap *t)
{
  while (t->blocks) {
    arena_block *n = t->blocks->next;
    free(t->blocks);
    t->blocks = n;
  }
  t->nversions = 0;
}

/* new root: `base` plus the route prefix/len -> hop (later one wins) */
const v6node *snap_with_route(v6snap *t, const v6node *base,
                              const uint8_t prefix[16], unsigned len,
                              uint32_t hop)
{
  const v6node *new_root = NULL;
  const v6node **link = &new_root;
  const v6node *old = base;
  unsigned depth = 0, last, fixed, first, span, s;
  v6node *copy;

  if (len > 128)
    return NULL;
  last = len ? (len - 1) >> 2 : 0; /* node where the prefix ends */
  for (;;) {
    copy = snap_node_alloc(t);
    if (!copy)
      return NULL;
    if (old)
      *copy = *old;
    else
      memset(copy, 0, sizeof *copy);
    *link = copy;
    if (depth == last)
      break;
    old = old ? old->kid[NIBBLE(prefix, depth)] : NULL;
    link = &copy->kid[NIBBLE(prefix, depth)];
    depth++;
  }
  fixed = len - 4 * last; /* 0..4 bits of this nibble belong to the prefix */
  span = 1u << (4 - fixed);
  first = fixed ? NIBBLE(prefix, last) & ~(span - 1) : 0;
  for (s = first; s < first + span; s++) {
    if (copy->plen1[s] <= len + 1) {
      copy->plen1[s] = (uint8_t)(len + 1);
      copy->hop[s] = hop;
    }
  }
  return new_root;
}

/* adds a route to the newest version and publishes the result */
int snap_commit(v6snap *t, const uint8_t prefix[16], unsigned len, uint32_t hop)
{
  const v6node *r;
  if (t->nversions == MAX_VERSIONS)
    return -1;
  r = snap_with_route(t, t->root[t->nversions - 1], prefix, len, hop);
  if (!r)
    return -1;
  t->root[t->nversions] = r;
  return (int)t->nversions++;
}

/* longest match in version v; returns the prefix length or -1 */
int snap_lookup(const v6snap *t, unsigned v, const uint8_t addr[16],
                uint32_t *hop)
{
  const v6node *n;
  unsigned i;
  int best = -1;

  if (v >= t->nversions)
    return -1;
  n = t->root[v];
  for (i = 0; n && i < 32; i++) {
    unsigned s = NIBBLE(addr, i);
    if (n->plen1[s]) {
      best = n->plen1[s] - 1;
      *hop = n->hop[s];
    }
    n = n->kid[s];
  }
  return best;
}

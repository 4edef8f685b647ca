/* Routes as a skip list of address segments. The list always covers the
 * whole IPv4 space with disjoint segments, each one starting at `lo` and
 * running up to the next node's start, and carrying the next hop and the
 * length of the longest prefix that covers it. Adding a prefix cuts the
 * list at the prefix's first address and just past its last one, then
 * walks the bottom level over the segments in between, taking over those
 * whose owner is not longer. A lookup is a skip-list floor search: the
 * last segment starting at or below the address. Label: lpm. */
#include <stdint.h>
#include <stdlib.h>

#define MAXH 16

struct seg {
  uint32_t lo;
  int hop;   /* -1: unrouted */
  int owner; /* prefix length that set hop, -1: none */
  int height;
  struct seg *fwd[]; /* height pointers */
};

struct seglist {
  struct seg *head; /* sentinel holding lo = 0, always present */
  uint64_t rng;
};

static int pick_height(struct seglist *l) {
  uint64_t x = l->rng;
  x ^= x >> 12;
  x ^= x << 25;
  x ^= x >> 27;
  l->rng = x;
  uint32_t bits = (uint32_t)((x * 0x2545F4914F6CDD1Dull) >> 32);
  int h = 1;
  while ((bits & 3) == 0 && h < MAXH) {
    h++;
    bits >>= 2;
  }
  return h;
}

/* Makes sure a segment starts exactly at key (splitting the one that
 * holds it); returns that segment or NULL when out of memory. */
static struct seg *seg_cut(struct seglist *l, uint32_t key) {
  struct seg *path[MAXH];
  struct seg *x = l->head;
  for (int lv = MAXH - 1; lv >= 0; lv--) {
    while (x->fwd[lv] && x->fwd[lv]->lo <= key)
      x = x->fwd[lv];
    path[lv] = x;
  }
  if (x->lo == key)
    return x;
  int h = pick_height(l);
  struct seg *n = malloc(sizeof *n + (size_t)h * sizeof(struct seg *));
  if (!n)
    return NULL;
  n->lo = key;
  n->hop = x->hop;
  n->owner = x->owner;
  n->height = h;
  for (int lv = 0; lv < h; lv++) {
    n->fwd[lv] = path[lv]->fwd[lv];
    path[lv]->fwd[lv] = n;
  }
  return n;
}

int seg_cover(struct seglist *l, uint32_t net, int len, int hop) {
  if (len < 0 || len > 32)
    return -1;
  uint32_t span = len == 32 ? 0u : 0xFFFFFFFFu >> len;
  net &= ~span;
  uint32_t last = net | span;
  struct seg *s = seg_cut(l, net);
  if (!s)
    return -1;
  if (last != 0xFFFFFFFFu && !seg_cut(l, last + 1))
    return -1;
  while (s && s->lo <= last) {
    if (s->owner <= len) {
      s->owner = len;
      s->hop = hop;
    }
    if (s->lo == last)
      break;
    s = s->fwd[0];
  }
  return 0;
}

int seg_find(const struct seglist *l, uint32_t addr) {
  const struct seg *x = l->head;
  int lv = MAXH;
  while (lv-- > 0) {
    const struct seg *nx = x->fwd[lv];
    while (nx && nx->lo <= addr) {
      x = nx;
      nx = x->fwd[lv];
    }
  }
  return x->hop;
}

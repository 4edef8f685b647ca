/* Allotment routing table (Knuth's ART as used in BSD kernels), strides of
 * 8 bits. Inside one table the prefixes of 0..8 bits form a complete
 * binary tree stored as a heap: prefix v/p has index 2^p + v, the 256
 * "fringe" indices 256 + byte are what a lookup reads. Adding a route
 * allots it to every descendant that still holds the route it replaces;
 * deleting allots the parent's route back. Label: lpm. */
#include <stdint.h>
#include <stdlib.h>

enum { FAN = 256 };

struct rte {
  uint32_t dst;
  int plen;
  int ifindex;
};

struct atab {
  const struct rte *heap[2 * FAN]; /* index 0 unused */
  struct atab *down[FAN];          /* next-level table per fringe slot */
};

/* Replaces `was` by `now` at index i and below, stopping at entries that
 * hold another (more specific) route. */
static void allot(struct atab *t, unsigned i, const struct rte *was,
                  const struct rte *now) {
  if (t->heap[i] != was)
    return;
  t->heap[i] = now;
  if (i < FAN) {
    allot(t, 2 * i, was, now);
    allot(t, 2 * i + 1, was, now);
  }
}

/* Installs r as the route for dst/plen, or removes that route when r is
 * NULL (r must stay alive while installed). Tables on the way are created
 * for an insertion. Returns 1 if a route for the prefix was replaced or
 * removed, 0 if the insertion is new, -1 when there is nothing to remove
 * or no memory. */
int art_set(struct atab *t, uint32_t dst, int plen, const struct rte *r) {
  if (plen < 0 || plen > 32)
    return -1;
  const int full = plen;
  int shift = 24;
  while (plen > 8) {
    unsigned b = (dst >> shift) & 0xFF;
    if (t->down[b] == NULL) {
      if (r == NULL)
        return -1;
      if ((t->down[b] = calloc(1, sizeof(struct atab))) == NULL)
        return -1;
    }
    t = t->down[b];
    plen -= 8;
    shift -= 8;
  }
  unsigned i = (1u << plen) + (((dst >> shift) & 0xFF) >> (8 - plen));
  const struct rte *old = t->heap[i];
  int same = old != NULL && old->plen == full;
  if (r != NULL) {
    allot(t, i, old, r);
    return same;
  }
  if (!same)
    return -1;
  allot(t, i, old, i > 1 ? t->heap[i >> 1] : NULL);
  return 1;
}

const struct rte *art_match(const struct atab *t, uint32_t addr) {
  const struct rte *best = NULL;
  for (int shift = 24; t != NULL; shift -= 8) {
    unsigned b = (addr >> shift) & 0xFF;
    if (t->heap[FAN + b] != NULL)
      best = t->heap[FAN + b];
    if (shift == 0)
      break;
    t = t->down[b];
  }
  return best;
}

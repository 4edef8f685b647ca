/* Routes as intervals in a segment tree over the elementary address
 * intervals cut by all prefix boundaries: a prefix is stored in the
 * O(log n) canonical nodes that cover its interval, each node keeping the
 * longest prefix stored there. A lookup locates the address's elementary
 * interval and climbs from that leaf to the root taking the longest route
 * met (a stabbing query). Bottom-up array tree, leaves at size + i.
 * Label: lpm. */
#include <stdint.h>

struct stab_ctx {
  uint32_t *cut; /* sorted interval starts; cut[0] == 0 */
  uint32_t ncut;
  uint32_t size;  /* leaves: a power of two >= ncut */
  uint64_t *best; /* 2 * size words: (plen + 1) << 32 | hop; 0 = none */
};

/* Collects the interval starts of n prefixes into c->cut (room for 2n + 1
 * values) and sorts and deduplicates them. Returns the count. */
uint32_t stab_cuts(struct stab_ctx *c, const uint32_t *pfx, const int *plen,
                   int n) {
  uint32_t k = 0;
  c->cut[k++] = 0;
  for (int i = 0; i < n; i++) {
    uint32_t span = plen[i] >= 32 ? 0 : 0xFFFFFFFFu >> plen[i];
    c->cut[k++] = pfx[i];
    if ((pfx[i] | span) != 0xFFFFFFFFu)
      c->cut[k++] = (pfx[i] | span) + 1;
  }
  /* insertion sort, then squeeze duplicates */
  for (uint32_t i = 1; i < k; i++) {
    uint32_t v = c->cut[i], j = i;
    for (; j > 0 && c->cut[j - 1] > v; j--)
      c->cut[j] = c->cut[j - 1];
    c->cut[j] = v;
  }
  uint32_t m = 1;
  for (uint32_t i = 1; i < k; i++)
    if (c->cut[i] != c->cut[m - 1])
      c->cut[m++] = c->cut[i];
  c->ncut = m;
  c->size = 1;
  while (c->size < m)
    c->size <<= 1;
  return m;
}

/* Index of the elementary interval holding a: last cut <= a. */
static uint32_t stab_leaf(const struct stab_ctx *c, uint32_t a) {
  uint32_t lo = 0, hi = c->ncut;
  while (hi - lo > 1) {
    uint32_t mid = (lo + hi) / 2;
    if (c->cut[mid] <= a)
      lo = mid;
    else
      hi = mid;
  }
  return lo;
}

/* Stores pfx/plen -> hop in the canonical nodes of its leaf range. */
void stab_insert(struct stab_ctx *c, uint32_t pfx, int plen, uint32_t hop) {
  uint32_t last = plen >= 32 ? pfx : pfx | (0xFFFFFFFFu >> plen);
  uint64_t tag = ((uint64_t)(plen + 1) << 32) | hop;
  uint32_t l = stab_leaf(c, pfx) + c->size;
  uint32_t r = stab_leaf(c, last) + c->size + 1; /* half-open */
  while (l < r) {
    if (l & 1) {
      if ((c->best[l] >> 32) < (uint64_t)(plen + 1))
        c->best[l] = tag;
      l++;
    }
    if (r & 1) {
      r--;
      if ((c->best[r] >> 32) < (uint64_t)(plen + 1))
        c->best[r] = tag;
    }
    l >>= 1;
    r >>= 1;
  }
}

long stab_query(const struct stab_ctx *c, uint32_t a) {
  uint64_t top = 0;
  for (uint32_t v = stab_leaf(c, a) + c->size; v != 0; v >>= 1)
    if (c->best[v] > top)
      top = c->best[v];
  return top ? (long)(uint32_t)top : -1;
}

/* A route lookup with a small direct-mapped cache of recent destinations
 * in front of a binary trie held in two child arrays. Label: lpm. */
#include <stdint.h>

#define CACHE 64

struct rt {
  uint32_t cache_key[CACHE];
  int cache_val[CACHE];
  int left[4096], right[4096], hop[4096];
};

static int trie_walk(const struct rt *t, uint32_t dst) {
  int node = 0, best = t->hop[0];
  uint32_t probe = 0x80000000u;
  while (probe) {
    int child = (dst & probe) ? t->right[node] : t->left[node];
    if (child <= 0)
      break;
    node = child;
    if (t->hop[node] >= 0)
      best = t->hop[node];
    probe >>= 1;
  }
  return best;
}

int rt_lookup(struct rt *t, uint32_t dst) {
  unsigned slot = (dst ^ (dst >> 16)) & (CACHE - 1);
  if (t->cache_key[slot] == dst && t->cache_val[slot] >= 0)
    return t->cache_val[slot];
  int hop = trie_walk(t, dst);
  t->cache_key[slot] = dst;
  t->cache_val[slot] = hop;
  return hop;
}

/* Adds prefix/len -> hop, allocating nodes from a counter. */
int rt_add(struct rt *t, int *nnodes, uint32_t prefix, int len, int hop) {
  int node = 0;
  for (int i = 0; i < len; i++) {
    int bit = (prefix >> (31 - i)) & 1;
    int *slot = bit ? &t->right[node] : &t->left[node];
    if (*slot <= 0) {
      if (*nnodes >= 4096)
        return -1;
      *slot = (*nnodes)++;
      t->hop[*slot] = -1;
    }
    node = *slot;
  }
  t->hop[node] = hop;
  for (int i = 0; i < CACHE; i++)
    t->cache_val[i] = -1;
  return 0;
}

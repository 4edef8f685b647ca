/* A level-compressed trie in the manner of Linux's fib_trie. Leaves hold
 * one key and the set of prefix lengths stored under it (a 33-bit mask);
 * an internal node indexes 2^bits children with key bits pos .. pos+bits-1
 * (bit 0 the least significant) and does not check the bits it skips. A
 * lookup descends, tests the leaf, and on a miss backtracks: it clears the
 * lowest set bit of a child index on the way up, because a shorter
 * prefix has zeros in those positions. Label: lpm. */
#include <stdint.h>
#include <stdlib.h>

#define KEYMASK(l) ((l) ? ~(uint32_t)0 << (32 - (l)) : (uint32_t)0)

struct fleaf {
  uint32_t key;
  uint64_t plens; /* bit l: key/l is a route */
  uint16_t out[33];
};

struct fnode {
  uint8_t pos, bits; /* bits == 0: a leaf */
  struct fleaf *leaf;
  struct fnode **child;
};

struct fleafset {
  struct fleaf *v;
  int n, cap;
};

/* Records key/plen -> out in the sorted leaf set (one leaf per key). */
int fib_note(struct fleafset *s, uint32_t key, int plen, uint16_t out) {
  key &= KEYMASK(plen);
  int lo = 0, hi = s->n;
  while (lo < hi) {
    int mid = (lo + hi) >> 1;
    if (s->v[mid].key < key)
      lo = mid + 1;
    else
      hi = mid;
  }
  if (lo == s->n || s->v[lo].key != key) {
    if (s->n == s->cap)
      return -1;
    for (int i = s->n; i > lo; i--)
      s->v[i] = s->v[i - 1];
    s->v[lo].key = key;
    s->v[lo].plens = 0;
    s->n++;
  }
  s->v[lo].plens |= (uint64_t)1 << plen;
  s->v[lo].out[plen] = out;
  return 0;
}

/* Builds the node for leaves [lo, hi) of the sorted set. The node is made
 * as wide as possible while at least half of its children are used. */
struct fnode *fib_build(struct fleaf *lv, int lo, int hi) {
  struct fnode *n = calloc(1, sizeof *n);
  if (n == NULL || hi - lo == 1) {
    if (n)
      n->leaf = &lv[lo];
    return n;
  }
  uint32_t diff = lv[lo].key ^ lv[hi - 1].key;
  int top = 31 - __builtin_clz(diff);
  int bits = 1;
  while (bits < 5 && bits <= top) {
    int w = bits + 1, used = 0;
    uint32_t last = ~0u;
    for (int i = lo; i < hi; i++) {
      uint32_t c = (lv[i].key >> (top + 1 - w)) & ((1u << w) - 1);
      if (c != last) {
        used++;
        last = c;
      }
    }
    if (2 * used < (1 << w))
      break;
    bits = w;
  }
  n->bits = (uint8_t)bits;
  n->pos = (uint8_t)(top + 1 - bits);
  n->child = calloc((size_t)1 << bits, sizeof *n->child);
  if (n->child == NULL) {
    free(n);
    return NULL;
  }
  int i = lo;
  while (i < hi) {
    uint32_t c = (lv[i].key >> n->pos) & ((1u << bits) - 1);
    int j = i + 1;
    while (j < hi && ((lv[j].key >> n->pos) & ((1u << bits) - 1)) == c)
      j++;
    if ((n->child[c] = fib_build(lv, i, j)) == NULL)
      return NULL;
    i = j;
  }
  return n;
}

int fib_search(const struct fnode *root, uint32_t dst) {
  const struct fnode *path[33];
  int depth = 0;
  uint32_t k = dst;
  const struct fnode *n = root;
  for (;;) {
    while (n != NULL && n->bits != 0) {
      path[depth++] = n;
      n = n->child[(k >> n->pos) & ((1u << n->bits) - 1)];
    }
    if (n != NULL) {
      const struct fleaf *lf = n->leaf;
      uint64_t m = lf->plens;
      while (m != 0) {
        int l = 63 - __builtin_clzll(m);
        if (((dst ^ lf->key) & KEYMASK(l)) == 0)
          return lf->out[l];
        m ^= (uint64_t)1 << l;
      }
    }
    /* backtrack: the deepest node whose index still has a set bit */
    for (;;) {
      if (depth == 0)
        return -1;
      const struct fnode *t = path[depth - 1];
      uint32_t idx = (k >> t->pos) & ((1u << t->bits) - 1);
      if (idx != 0) {
        uint32_t low = (idx & (0u - idx)) << t->pos;
        k &= ~(low | (low - 1));
        n = t->child[(k >> t->pos) & ((1u << t->bits) - 1)];
        break;
      }
      depth--;
    }
  }
}

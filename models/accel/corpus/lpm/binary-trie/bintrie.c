/* One-bit-per-level binary tries for longest prefix match. Label: lpm. */
#include <stdint.h>
#include <stdlib.h>

struct bnode { struct bnode *kid[2]; int nh; };

int trie_find(const struct bnode *root, uint32_t a) {
  int best = -1;
  const struct bnode *n = root;
  int depth = 0;
  while (n) {
    if (n->nh >= 0)
      best = n->nh;
    if (depth == 32)
      break;
    n = n->kid[(a >> (31 - depth)) & 1];
    depth++;
  }
  return best;
}

void trie_add(struct bnode *root, uint32_t pfx, int len, int nh,
              struct bnode *pool, int *used) {
  struct bnode *n = root;
  for (int d = 0; d < len; d++) {
    int b = (pfx >> (31 - d)) & 1;
    if (!n->kid[b]) {
      struct bnode *m = &pool[(*used)++];
      m->kid[0] = m->kid[1] = 0;
      m->nh = -1;
      n->kid[b] = m;
    }
    n = n->kid[b];
  }
  n->nh = nh;
}

/* Separate left/right pointers and a mask walked downwards. */
struct tn { struct tn *left, *right; unsigned char valid; unsigned short port; };

unsigned short route(struct tn *t, unsigned int dst, unsigned short dflt) {
  unsigned short out = dflt;
  unsigned int m = 0x80000000u;
  for (; t != NULL; m >>= 1) {
    if (t->valid)
      out = t->port;
    if (m == 0)
      break;
    t = (dst & m) ? t->right : t->left;
  }
  return out;
}

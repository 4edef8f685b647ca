/* A BSD-style radix tree: internal nodes test one bit of the key given by a
 * byte offset and a bit mask; leaves hold a key and a netmask that are
 * compared byte by byte; on mismatch the search backtracks to parents with
 * shorter masks. Label: lpm. */
#include <stdint.h>

struct rnode {
  int is_leaf;
  int offset;    /* internal: byte to test */
  uint8_t bmask; /* internal: bit within the byte */
  struct rnode *left, *right, *parent;
  uint8_t key[16]; /* leaf */
  uint8_t mask[16];
  int keylen;
  int route;
};

static int leaf_matches(const struct rnode *l, const uint8_t *k) {
  for (int i = 0; i < l->keylen; i++)
    if ((k[i] & l->mask[i]) != l->key[i])
      return 0;
  return 1;
}

int rn_match(const struct rnode *top, const uint8_t *k) {
  const struct rnode *x = top;
  while (!x->is_leaf)
    x = (k[x->offset] & x->bmask) ? x->right : x->left;
  while (x) {
    if (x->is_leaf && leaf_matches(x, k))
      return x->route;
    x = x->parent;
  }
  return -1;
}

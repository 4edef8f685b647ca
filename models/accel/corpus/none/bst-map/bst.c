/* An ordered map as a binary search tree of pointers: lookup, floor,
 * insert and an in-order count with an explicit stack. Label: none. */
#include <stddef.h>
#include <stdint.h>

struct tnode {
  uint32_t key;
  void *val;
  struct tnode *l, *r;
};

void *bst_get(struct tnode *t, uint32_t key) {
  while (t) {
    if (key == t->key)
      return t->val;
    t = key < t->key ? t->l : t->r;
  }
  return NULL;
}

struct tnode *bst_floor(struct tnode *t, uint32_t key) {
  struct tnode *best = NULL;
  while (t) {
    if (t->key == key)
      return t;
    if (t->key < key) {
      best = t;
      t = t->r;
    } else
      t = t->l;
  }
  return best;
}

void bst_put(struct tnode **root, struct tnode *n) {
  struct tnode **at = root;
  while (*at)
    at = n->key < (*at)->key ? &(*at)->l : &(*at)->r;
  n->l = n->r = NULL;
  *at = n;
}

int bst_count_below(struct tnode *t, uint32_t limit) {
  struct tnode *stack[64];
  int sp = 0, n = 0;
  while ((t || sp) && sp < 64) {
    while (t && sp < 64) {
      stack[sp++] = t;
      t = t->l;
    }
    t = stack[--sp];
    if (t->key >= limit)
      break;
    n++;
    t = t->r;
  }
  return n;
}

/* Intrusive pairing heap keyed by 64-bit deadlines, for event/timeout
 * queues: O(1) insert and meld, amortised O(log n) pop-min with the
 * standard two-pass pairing, decrease-key and arbitrary removal. Nodes
 * keep a left-child / right-sibling representation; `prev` points to the
 * left sibling, or to the parent for a first child. */
#include <stddef.h>
#include <stdint.h>

struct ph_node {
  uint64_t key;
  struct ph_node *child;
  struct ph_node *next;
  struct ph_node *prev;
};

struct ph_heap {
  struct ph_node *root;
  size_t size;
};

static struct ph_node *ph_meld(struct ph_node *a, struct ph_node *b) {
  if (!a)
    return b;
  if (!b)
    return a;
  if (b->key < a->key) {
    struct ph_node *t = a;
    a = b;
    b = t;
  }
  /* b becomes a's first child */
  b->prev = a;
  b->next = a->child;
  if (a->child)
    a->child->prev = b;
  a->child = b;
  a->next = NULL;
  a->prev = NULL;
  return a;
}

void ph_insert(struct ph_heap *h, struct ph_node *n, uint64_t key) {
  n->key = key;
  n->child = n->next = n->prev = NULL;
  h->root = ph_meld(h->root, n);
  h->size++;
}

/* Two-pass pairing of a sibling list: pair left to right, then meld the
 * pairs right to left. */
static struct ph_node *ph_merge_pairs(struct ph_node *first) {
  if (!first)
    return NULL;
  struct ph_node *pairs = NULL; /* stack of melded pairs, via ->next */
  struct ph_node *cur = first;
  while (cur) {
    struct ph_node *a = cur;
    struct ph_node *b = a->next;
    cur = b ? b->next : NULL;
    a->next = a->prev = NULL;
    if (b)
      b->next = b->prev = NULL;
    struct ph_node *m = ph_meld(a, b);
    m->next = pairs;
    pairs = m;
  }
  struct ph_node *result = NULL;
  while (pairs) {
    struct ph_node *nx = pairs->next;
    pairs->next = NULL;
    result = ph_meld(result, pairs);
    pairs = nx;
  }
  return result;
}

struct ph_node *ph_pop_min(struct ph_heap *h) {
  struct ph_node *r = h->root;
  if (!r)
    return NULL;
  h->root = ph_merge_pairs(r->child);
  if (h->root)
    h->root->prev = NULL;
  r->child = NULL;
  h->size--;
  return r;
}

/* Cut n (not the root) and its subtree out of its sibling list. */
static void ph_detach(struct ph_node *n) {
  if (n->prev->child == n)
    n->prev->child = n->next;
  else
    n->prev->next = n->next;
  if (n->next)
    n->next->prev = n->prev;
  n->next = n->prev = NULL;
}

/* Lower n's key (larger keys are ignored). */
void ph_decrease_key(struct ph_heap *h, struct ph_node *n, uint64_t key) {
  if (key >= n->key)
    return;
  n->key = key;
  if (n == h->root)
    return;
  ph_detach(n);
  h->root = ph_meld(h->root, n);
}

void ph_remove(struct ph_heap *h, struct ph_node *n) {
  if (n == h->root) {
    ph_pop_min(h);
    return;
  }
  ph_detach(n);
  struct ph_node *sub = ph_merge_pairs(n->child);
  n->child = NULL;
  h->root = ph_meld(h->root, sub);
  h->size--;
}

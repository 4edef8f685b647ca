/* Open-addressing flow tables with linear probing (the key hash is given).
 * Label: none. */
#include <stdint.h>
#include <string.h>

struct flow { uint32_t src, dst; uint16_t sp, dp; int used; int val; };

int ft_find(const struct flow *t, unsigned cap, unsigned h, uint32_t src,
            uint32_t dst, uint16_t sp, uint16_t dp) {
  for (unsigned i = 0; i < cap; i++) {
    const struct flow *f = &t[(h + i) & (cap - 1)];
    if (!f->used)
      return -1;
    if (f->src == src && f->dst == dst && f->sp == sp && f->dp == dp)
      return f->val;
  }
  return -1;
}

int ft_insert(struct flow *t, unsigned cap, unsigned h, const struct flow *k) {
  unsigned i = h % cap;
  for (unsigned n = 0; n < cap; n++, i = (i + 1) % cap)
    if (!t[i].used || (t[i].src == k->src && t[i].dst == k->dst)) {
      t[i] = *k;
      t[i].used = 1;
      return (int)i;
    }
  return -1;
}

/* Chained table: buckets of linked entries. */
struct ent { struct ent *next; uint64_t key; void *v; };

void *chain_get(struct ent **buckets, unsigned nb, uint64_t key, unsigned h) {
  for (struct ent *e = buckets[h % nb]; e; e = e->next)
    if (e->key == key)
      return e->v;
  return 0;
}

/* Delete with backward shift. */
void ft_erase(struct flow *t, unsigned cap, unsigned pos) {
  unsigned j = pos;
  for (;;) {
    j = (j + 1) & (cap - 1);
    if (!t[j].used)
      break;
    t[pos] = t[j];
    pos = j;
  }
  memset(&t[pos], 0, sizeof t[pos]);
}

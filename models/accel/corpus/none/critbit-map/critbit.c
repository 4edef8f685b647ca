/* An exact-match map from 32-bit keys to values as a crit-bit tree, whose
 * fresh values come from a linear congruential generator (a flow-id
 * allocator). Not a prefix match: a miss inserts. Label: none. */
#include <stdint.h>

#define LEAF 0x80000000u

struct cb_branch {
  uint8_t bit;
  uint32_t kid[2];
};
struct cb_leaf {
  uint32_t key, value;
};
struct cb_map {
  uint32_t root, nbr, nlf, rng;
  struct cb_branch br[1024];
  struct cb_leaf lf[1024];
};

static uint32_t next_id(struct cb_map *m) {
  m->rng = m->rng * 1664525u + 1013904223u;
  return m->rng >> 8;
}

int cbm_get(const struct cb_map *m, uint32_t key, uint32_t *out) {
  uint32_t ref = m->root;
  if (!m->nlf)
    return 0;
  while (!(ref & LEAF)) {
    const struct cb_branch *b = &m->br[ref];
    ref = b->kid[(key >> (31 - b->bit)) & 1];
  }
  const struct cb_leaf *l = &m->lf[ref & ~LEAF];
  if (l->key != key)
    return 0;
  *out = l->value;
  return 1;
}

int cbm_put(struct cb_map *m, uint32_t key, uint32_t *out) {
  if (cbm_get(m, key, out))
    return 1;
  if (m->nlf >= 1024 || m->nbr >= 1024)
    return 0;
  uint32_t leaf = m->nlf++;
  m->lf[leaf].key = key;
  m->lf[leaf].value = *out = next_id(m);
  if (leaf == 0) {
    m->root = LEAF | leaf;
    return 1;
  }
  uint32_t ref = m->root;
  while (!(ref & LEAF))
    ref = m->br[ref].kid[(key >> (31 - m->br[ref].bit)) & 1];
  uint32_t diff = key ^ m->lf[ref & ~LEAF].key;
  int bit = __builtin_clz(diff);
  uint32_t *link = &m->root;
  while (!(*link & LEAF) && m->br[*link].bit < bit)
    link = &m->br[*link].kid[(key >> (31 - m->br[*link].bit)) & 1];
  uint32_t nb = m->nbr++;
  int side = (key >> (31 - bit)) & 1;
  m->br[nb].bit = (uint8_t)bit;
  m->br[nb].kid[side] = LEAF | leaf;
  m->br[nb].kid[!side] = *link;
  *link = nb;
  return 1;
}

/* Random bits for an anonymised address: two LCG steps, top halves. */
uint32_t cbm_random_word(struct cb_map *m) {
  uint32_t hi = next_id(m) << 8, lo;
  m->rng = m->rng * 22695477u + 1u;
  lo = m->rng >> 16;
  return (hi & 0xffff0000u) | lo;
}

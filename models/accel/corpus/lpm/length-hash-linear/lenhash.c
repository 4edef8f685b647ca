/* One hash table per prefix length, probed from /32 down to /0: the first
 * hit is the longest match. Open addressing with a multiplicative hash.
 * Label: lpm. */
#include <stdint.h>

struct pentry {
  uint32_t prefix;
  int16_t hop;
  uint8_t used;
};

struct by_length {
  struct pentry *tab[33];
  uint32_t size[33]; /* power of two */
  uint64_t present;  /* bit len: table len is non-empty */
};

static int probe(const struct pentry *t, uint32_t size, uint32_t key) {
  uint32_t h = (key * 2654435761u) & (size - 1);
  for (uint32_t n = 0; n < size; n++) {
    const struct pentry *e = &t[(h + n) & (size - 1)];
    if (!e->used)
      return -1;
    if (e->prefix == key)
      return e->hop;
  }
  return -1;
}

int lenhash_lookup(const struct by_length *b, uint32_t addr) {
  for (int len = 32; len >= 0; len--) {
    if (!(b->present & (1ull << len)))
      continue;
    uint32_t mask = len ? 0xFFFFFFFFu << (32 - len) : 0;
    int hop = probe(b->tab[len], b->size[len], addr & mask);
    if (hop >= 0)
      return hop;
  }
  return -1;
}

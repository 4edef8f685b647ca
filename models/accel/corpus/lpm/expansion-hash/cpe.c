/* Controlled prefix expansion into one exact-match hash table: every
 * prefix is expanded to the next of a few fixed lengths (0, 8, 16, 20, 24,
 * 28, 32), so a lookup probes at most seven keys, longest length first.
 * Colliding expansions keep the route of the longer original prefix.
 * Open addressing with linear probing. Label: lpm. */
#include <stdint.h>

#define NSTOPS 7
static const uint8_t stop_len[NSTOPS] = {0, 8, 16, 20, 24, 28, 32};

#define TBL_BITS 16
#define TBL_SIZE (1u << TBL_BITS)
#define PACK(len, v) (((uint64_t)(len) << 32) | (uint64_t)(v))
#define SLOT0(key)                                                             \
  ((uint32_t)(((key) * 0x9E3779B97F4A7C15ull) >> (64 - TBL_BITS)))
#define NEXT(i) (((i) + 1) & (TBL_SIZE - 1))
#define HIGHBITS(len) ((len) == 0 ? 0u : 0xFFFFFFFFu << (32 - (len)))

struct xslot {
  uint64_t key; /* PACK(len, value) + 1; 0 = free */
  uint8_t orig; /* original prefix length */
  uint16_t port;
};

struct xtable {
  struct xslot s[TBL_SIZE];
  uint32_t used;
  uint8_t stops_used; /* bit i: something stored at stop_len[i] */
};

/* Adds value/len -> port as 2^(L-len) entries of length L. Returns the
 * number of slots written, or -1 when the table is too full. */
int xt_add(struct xtable *t, uint32_t value, unsigned len, uint16_t port) {
  unsigned si = 0;
  while (stop_len[si] < len)
    si++;
  unsigned L = stop_len[si];
  uint32_t first = value & HIGHBITS(len);
  uint32_t count = 1u << (L - len);
  uint32_t step = L == 0 ? 0 : 1u << (32 - L);
  int wrote = 0;
  for (uint32_t e = 0; e < count; e++) {
    uint64_t k = PACK(L, first + e * step) + 1;
    uint32_t i = SLOT0(k);
    while (t->s[i].key != 0 && t->s[i].key != k)
      i = NEXT(i);
    if (t->s[i].key == 0) {
      if (4 * (t->used + 1) > 3 * TBL_SIZE)
        return -1;
      t->s[i].key = k;
      t->used++;
    } else if (t->s[i].orig > len) {
      continue; /* a longer original prefix owns this slot */
    }
    t->s[i].orig = (uint8_t)len;
    t->s[i].port = port;
    wrote++;
  }
  t->stops_used |= (uint8_t)(1u << si);
  return wrote;
}

/* Port for addr, or -1. */
int xt_find(const struct xtable *t, uint32_t addr) {
  int si = NSTOPS;
  while (si-- > 0) {
    if (!(t->stops_used >> si & 1))
      continue;
    unsigned L = stop_len[si];
    uint64_t k = PACK(L, addr & HIGHBITS(L)) + 1;
    for (uint32_t i = SLOT0(k); t->s[i].key != 0; i = NEXT(i))
      if (t->s[i].key == k)
        return t->s[i].port;
  }
  return -1;
}

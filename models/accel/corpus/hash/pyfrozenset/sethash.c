/* CPython's frozenset hash (3.x): an order-independent hash of a set. Each
 * element hash is shuffled, ((h ^ 89869747) ^ (h << 16)) * 3644798167, and
 * the results are xor-ed; the set size enters as (n + 1) * 1927868237, then
 * h ^= (h >> 11) ^ (h >> 25) and h = h * 69069 + 907133923 disperse it; -1
 * becomes 590923713. Here it gives a direction-free key for a set of
 * endpoints, and digests an open-addressing table in place the way CPython
 * does (walking empty slots too and cancelling them by parity).
 * Label: hash. */
#include <stddef.h>
#include <stdint.h>

#define SHUF(h) ((((h) ^ 89869747UL) ^ ((h) << 16)) * 3644798167UL)

static uint64_t finish(uint64_t acc, uint64_t n) {
  acc ^= (n + 1) * 1927868237UL;
  acc ^= (acc >> 11) ^ (acc >> 25);
  acc = acc * 69069U + 907133923UL;
  if (acc == (uint64_t)-1)
    acc = 590923713UL;
  return acc;
}

/* Hash of the set whose element hashes are elems[0..n-1] (distinct). */
int64_t set_hash(const int64_t *elems, size_t n) {
  uint64_t acc = 0;
  for (size_t i = 0; i < n; i++) {
    uint64_t h = (uint64_t)elems[i];
    acc ^= SHUF(h);
  }
  return (int64_t)finish(acc, n);
}

struct slot {
  int64_t hash; /* 0: never used, -1: deleted (dummy) */
  const void *key;
};

/* Digest of a whole table of mask + 1 slots: xor every slot, then remove
 * the contribution of an odd number of empty (hash 0) and dummy (hash -1)
 * slots. fill = used + dummies. */
int64_t table_digest(const struct slot *tab, size_t mask, size_t fill,
                     size_t used) {
  uint64_t acc = 0;
  const struct slot *e = tab, *last = tab + mask;
  do {
    uint64_t h = (uint64_t)e->hash;
    acc ^= SHUF(h);
  } while (e++ != last);
  if ((mask + 1 - fill) & 1)
    acc ^= SHUF((uint64_t)0);
  if ((fill - used) & 1)
    acc ^= SHUF((uint64_t)-1);
  return (int64_t)finish(acc, used);
}

/* Direction-free key of a connection: the frozenset {a_endpoint,
 * b_endpoint} where an endpoint (addr, port) is the integer addr << 16 |
 * port (an integer below 2^61 - 1 hashes to itself). */
int64_t endpoint_pair_key(uint32_t a, uint16_t ap, uint32_t b, uint16_t bp) {
  uint64_t ea = (uint64_t)a << 16 | ap;
  uint64_t eb = (uint64_t)b << 16 | bp;
  if (ea == eb)
    return (int64_t)finish(SHUF(ea), 1);
  return (int64_t)finish(SHUF(ea) ^ SHUF(eb), 2);
}

/* The tuple hash of CPython 2.x and 3.0-3.7 (64-bit Py_hash_t): start from
 * 0x345678, for each element x = (x ^ hash(elem)) * mult with a multiplier
 * that grows by 82520 + 2 * (elements still to come), then add 97531; -1 is
 * reserved and becomes -2. Integers hash to themselves (-1 to -2). Used here
 * to key a record cache by (src, dst, sport, dport, proto). Label: hash. */
#include <stddef.h>
#include <stdint.h>

typedef int64_t hash_t;

struct rec_key {
  uint32_t src, dst;
  uint16_t sport, dport;
  uint8_t proto;
};

/* Combines already-computed element hashes. */
hash_t seq_hash(const hash_t *items, long len) {
  uint64_t x = 0x345678UL;
  uint64_t mult = 1000003UL;
  while (--len >= 0) {
    hash_t y = *items++;
    if (y == -1)
      y = -2;
    x = (x ^ (uint64_t)y) * mult;
    mult += (uint64_t)(82520L + len + len);
  }
  x += 97531UL;
  if ((hash_t)x == -1)
    x = (uint64_t)-2;
  return (hash_t)x;
}

/* The same recurrence written out for a fixed five-field key (as if hashing
 * the Python tuple (src, dst, sport, dport, proto)). */
hash_t rec_key_hash(const struct rec_key *k) {
  uint64_t x = 0x345678UL, m = 1000003UL;
  x = (x ^ k->src) * m;
  m += 82520 + 8;
  x = (x ^ k->dst) * m;
  m += 82520 + 6;
  x = (x ^ k->sport) * m;
  m += 82520 + 4;
  x = (x ^ k->dport) * m;
  m += 82520 + 2;
  x = (x ^ k->proto) * m;
  x += 97531;
  return (hash_t)x == -1 ? -2 : (hash_t)x;
}

/* Hash of a tuple of pairs ((a0, b0), (a1, b1), ...): inner tuples first. */
hash_t pairs_hash(const int64_t (*pairs)[2], long n) {
  uint64_t x = 0x345678UL, mult = 1000003UL;
  for (long i = 0; i < n; i++) {
    uint64_t ix = 0x345678UL, im = 1000003UL;
    for (int j = 0; j < 2; j++) {
      int64_t v = pairs[i][j] == -1 ? -2 : pairs[i][j];
      ix = (ix ^ (uint64_t)v) * im;
      im += 82520 + 2 * (1 - j);
    }
    ix += 97531;
    if ((int64_t)ix == -1)
      ix = (uint64_t)-2;
    x = (x ^ ix) * mult;
    mult += (uint64_t)(82520 + 2 * (n - 1 - i));
  }
  x += 97531;
  return (hash_t)x == -1 ? -2 : (hash_t)x;
}

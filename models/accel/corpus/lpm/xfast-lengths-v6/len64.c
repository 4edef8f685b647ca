/* Longest match over the 64-bit routing prefix of IPv6 addresses by binary
 * search on prefix lengths, x-fast-trie style. One open-addressing table
 * (triangular probing) holds (key, length) pairs: the real prefixes and,
 * for each of them, markers at the lengths a binary search over the sorted
 * distinct lengths visits before reaching it (those where it must go
 * longer). Every entry carries the best real route covering it, computed
 * when the table is built, so a lookup that finds a marker and then fails
 * longer still has its answer. Label: lpm. */
#include <stdint.h>
#include <string.h>

#define SLOTS 8192 /* power of two, > 2 * (routes * (1 + log2 lengths)) */
#define F_USED 1
#define F_REAL 2

typedef struct {
  uint64_t key;
  int32_t best; /* best real route for key/len, -1: none */
  uint8_t len;
  uint8_t flags;
} cell64;

typedef struct {
  cell64 cell[SLOTS];
  uint8_t lens[65]; /* distinct lengths, ascending */
  int nlens;
} fib64;

typedef struct {
  uint64_t prefix;
  uint8_t len;
  int32_t hop;
} route64;

static inline uint64_t cut(uint64_t k, unsigned len) {
  return len ? k & (~0ull << (64 - len)) : 0;
}

/* Slot of (key, len), or of the empty cell where it would go; NULL when
 * the table is full. */
cell64 *probe(const fib64 *f, uint64_t key, unsigned len) {
  uint64_t h = (key ^ ((uint64_t)len << 57) ^ len) * 0x9E3779B97F4A7C15ull;
  uint32_t i = (uint32_t)(h >> 51) & (SLOTS - 1);
  for (uint32_t step = 1; step <= SLOTS; step++) {
    const cell64 *c = &f->cell[i];
    if (!(c->flags & F_USED) || (c->key == key && c->len == len))
      return (cell64 *)c;
    i = (i + step) & (SLOTS - 1);
  }
  return NULL;
}

/* Best real route for key among lengths <= len, longest first. */
static int32_t covering(const fib64 *f, uint64_t key, unsigned len) {
  for (int j = f->nlens - 1; j >= 0; j--) {
    unsigned l = f->lens[j];
    if (l > len)
      continue;
    const cell64 *c = probe(f, cut(key, l), l);
    if (c && (c->flags & F_REAL))
      return c->best;
  }
  return -1;
}

int fib64_build(fib64 *f, const route64 *r, int n) {
  uint64_t seen = 0;
  int has64 = 0;
  memset(f, 0, sizeof *f);
  for (int i = 0; i < n; i++) {
    if (r[i].len > 64 || r[i].hop < 0)
      return -1;
    if (r[i].len == 64)
      has64 = 1;
    else
      seen |= 1ull << r[i].len;
    cell64 *c = probe(f, cut(r[i].prefix, r[i].len), r[i].len);
    if (!c)
      return -1;
    c->key = cut(r[i].prefix, r[i].len);
    c->len = r[i].len;
    c->flags = F_USED | F_REAL;
    c->best = r[i].hop;
  }
  for (unsigned l = 0; l <= 64; l++)
    if (l == 64 ? has64 : (seen >> l) & 1)
      f->lens[f->nlens++] = (uint8_t)l;
  for (int i = 0; i < n; i++) {
    int lo = 0, hi = f->nlens - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >> 1;
      unsigned l = f->lens[mid];
      if (l == r[i].len)
        break;
      if (l > r[i].len) {
        hi = mid - 1;
        continue;
      }
      uint64_t k = cut(r[i].prefix, l);
      cell64 *c = probe(f, k, l);
      if (!c)
        return -1;
      if (!(c->flags & F_USED)) {
        c->key = k;
        c->len = (uint8_t)l;
        c->flags = F_USED;
        c->best = covering(f, k, l);
      }
      lo = mid + 1;
    }
  }
  return 0;
}

int32_t fib64_find(const fib64 *f, const uint8_t dst[16]) {
  uint64_t a = 0;
  for (int i = 0; i < 8; i++)
    a = a << 8 | dst[i];
  int lo = 0, hi = f->nlens - 1;
  int32_t best = -1;
  while (lo <= hi) {
    int mid = (lo + hi) >> 1;
    unsigned l = f->lens[mid];
    const cell64 *c = probe(f, cut(a, l), l);
    if (c && (c->flags & F_USED)) {
      best = c->best;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  return best;
}

/* IPv6 routes flattened into one array in preorder of the prefix tree:
 * sorted by first address, a shorter prefix before the longer ones it
 * contains, so every prefix is followed immediately by its whole subtree.
 * Each entry carries an escape index, the first entry after its subtree
 * (the "skip" of a stackless tree walk), computed once with a stack when
 * the table is sealed. A lookup walks the array: an entry that covers the
 * address is remembered and the walk steps into its subtree (the next
 * entry); an entry that does not is jumped over with its escape index; an
 * entry starting beyond the address ends the walk. The covering entries
 * are met shortest first, so the last one remembered is the longest match.
 * Addresses are two 64-bit halves, most significant first. Label: lpm. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
  uint64_t hi, lo;
} addr6;

struct pre6_entry {
  addr6 net;       /* masked */
  uint32_t escape; /* index of the first entry outside this subtree */
  uint16_t len;
  int32_t hop;
};

struct pre6_table {
  struct pre6_entry *ent;
  uint32_t n, cap;
  int sealed;
};

/* Network mask of a prefix length, as two halves. */
static addr6 mask6(unsigned len) {
  addr6 m;
  m.hi = len == 0 ? 0 : len >= 64 ? ~0ull : ~0ull << (64 - len);
  m.lo = len <= 64 ? 0 : len >= 128 ? ~0ull : ~0ull << (128 - len);
  return m;
}

/* Does prefix e cover address a? */
static int covers(const struct pre6_entry *e, addr6 a) {
  addr6 m = mask6(e->len);
  return ((a.hi ^ e->net.hi) & m.hi) == 0 && ((a.lo ^ e->net.lo) & m.lo) == 0;
}

/* Preorder: by first address, then by length. */
static int pre_before(addr6 n1, unsigned l1, addr6 n2, unsigned l2) {
  if (n1.hi != n2.hi)
    return n1.hi < n2.hi;
  if (n1.lo != n2.lo)
    return n1.lo < n2.lo;
  return l1 < l2;
}

void pre6_init(struct pre6_table *t) { memset(t, 0, sizeof *t); }

/* Inserts or replaces a route; the table must be sealed before lookups. */
int pre6_add(struct pre6_table *t, const uint8_t prefix[16], unsigned len,
             int32_t hop) {
  if (len > 128)
    return -1;
  addr6 net = {0, 0};
  for (int i = 0; i < 8; i++) {
    net.hi = net.hi << 8 | prefix[i];
    net.lo = net.lo << 8 | prefix[8 + i];
  }
  addr6 m = mask6(len);
  net.hi &= m.hi;
  net.lo &= m.lo;

  /* binary search for the first entry not before (net, len) */
  uint32_t lo = 0, hi = t->n;
  while (lo < hi) {
    uint32_t mid = lo + (hi - lo) / 2;
    const struct pre6_entry *e = &t->ent[mid];
    if (pre_before(e->net, e->len, net, len))
      lo = mid + 1;
    else
      hi = mid;
  }
  if (lo < t->n && t->ent[lo].len == len && t->ent[lo].net.hi == net.hi &&
      t->ent[lo].net.lo == net.lo) {
    t->ent[lo].hop = hop;
    return 0;
  }
  if (t->n == t->cap) {
    uint32_t ncap = t->cap ? t->cap * 2 : 32;
    struct pre6_entry *g = realloc(t->ent, ncap * sizeof *g);
    if (!g)
      return -1;
    t->ent = g;
    t->cap = ncap;
  }
  struct pre6_entry *at = t->ent + lo;
  memmove(at + 1, at, (t->n - lo) * sizeof *at);
  at->net = net;
  at->len = (uint16_t)len;
  at->hop = hop;
  at->escape = 0;
  t->n++;
  t->sealed = 0;
  return 1;
}

/* Computes every entry's escape index. */
int pre6_seal(struct pre6_table *t) {
  uint32_t *open = malloc((t->n + 1) * sizeof *open);
  if (!open)
    return -1;
  uint32_t depth = 0;
  for (uint32_t i = 0; i < t->n; i++) {
    addr6 first = t->ent[i].net;
    while (depth && !covers(&t->ent[open[depth - 1]], first)) {
      depth--;
      t->ent[open[depth]].escape = i;
    }
    open[depth++] = i;
  }
  while (depth) {
    depth--;
    t->ent[open[depth]].escape = t->n;
  }
  free(open);
  t->sealed = 1;
  return 0;
}

/* Hop of the longest route covering the address, or -1. */
int32_t pre6_lookup(const struct pre6_table *t, const uint8_t dst[16]) {
  addr6 a = {0, 0};
  for (int i = 0; i < 8; i++) {
    a.hi = a.hi << 8 | dst[i];
    a.lo = a.lo << 8 | dst[8 + i];
  }
  int32_t best = -1;
  if (!t->n)
    return best;
  const struct pre6_entry *e = t->ent, *end = t->ent + t->n;
  while (e < end) {
    if (e->net.hi > a.hi || (e->net.hi == a.hi && e->net.lo > a.lo))
      break;
    if (covers(e, a)) {
      best = e->hop;
      e++;
    } else {
      e = t->ent + e->escape;
    }
  }
  return best;
}

void pre6_free(struct pre6_table *t) {
  free(t->ent);
  pre6_init(t);
}

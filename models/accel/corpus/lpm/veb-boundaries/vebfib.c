/* IPv4 longest-prefix match as a predecessor query in a van Emde Boas
 * layout. The routes cut the 32-bit address space into elementary
 * intervals on which the longest matching route is constant; the build
 * sweeps the interval starts in order with a stack of open (nested)
 * prefixes, keeps a start only where the answer changes, and stores the
 * starts as keys of a three-level vEB tree: the 32-bit universe is split
 * into 2^16 clusters of 16 bits, each split into 256 leaves of 8 bits,
 * every level with a summary of its non-empty clusters and its min/max.
 * A lookup is the predecessor of the address (address 0 is always a key),
 * at most one summary query per level, and reads the hop stored with the
 * key in its leaf. Label: lpm. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
  uint64_t bits[4];
  int32_t *hop; /* 256 entries when the leaf carries values */
} veb8;

typedef struct {
  int32_t min, max; /* -1: empty */
  veb8 summary;
  veb8 *low[256];
} veb16;

typedef struct {
  int64_t min, max;
  veb16 summary;
  veb16 *high[65536];
} veb32;

typedef struct {
  uint32_t start, end;
  uint32_t hop;
  uint8_t len;
  uint32_t order;
} veb_route;

/* ---- 8-bit leaves: plain 256-bit sets ---- */

static int v8_max(const veb8 *v) {
  for (int w = 3; w >= 0; w--)
    if (v->bits[w])
      return (w << 6) | (63 - __builtin_clzll(v->bits[w]));
  return -1;
}

static int v8_min(const veb8 *v) {
  for (int w = 0; w < 4; w++)
    if (v->bits[w])
      return (w << 6) | __builtin_ctzll(v->bits[w]);
  return -1;
}

/* Largest member <= x, or -1. */
static int v8_pred(const veb8 *v, int x) {
  if (x < 0)
    return -1;
  int w = x >> 6;
  uint64_t m = v->bits[w] & (~0ull >> (63 - (x & 63)));
  for (;;) {
    if (m)
      return (w << 6) | (63 - __builtin_clzll(m));
    if (--w < 0)
      return -1;
    m = v->bits[w];
  }
}

/* ---- 16-bit clusters ---- */

static int v16_insert(veb16 *v, uint16_t x, int values, int32_t hop) {
  uint8_t hi = (uint8_t)(x >> 8), lo = (uint8_t)x;
  veb8 *leaf = v->low[hi];
  if (!leaf) {
    leaf = calloc(1, sizeof *leaf);
    if (!leaf)
      return -1;
    if (values && !(leaf->hop = malloc(256 * sizeof(int32_t)))) {
      free(leaf);
      return -1;
    }
    v->low[hi] = leaf;
    v->summary.bits[hi >> 6] |= 1ull << (hi & 63);
  }
  leaf->bits[lo >> 6] |= 1ull << (lo & 63);
  if (values)
    leaf->hop[lo] = hop;
  if (v->min < 0 || x < v->min)
    v->min = x;
  if (x > v->max)
    v->max = x;
  return 0;
}

static int32_t v16_pred(const veb16 *v, int32_t x) {
  if (v->min < 0 || x < v->min)
    return -1;
  if (x >= v->max)
    return v->max;
  int hi = x >> 8, lo = x & 0xFF;
  const veb8 *leaf = v->low[hi];
  if (leaf && v8_min(leaf) <= lo)
    return (hi << 8) | v8_pred(leaf, lo);
  int h2 = v8_pred(&v->summary, hi - 1);
  return (h2 << 8) | v8_max(v->low[h2]); /* h2 >= 0 since x > min */
}

static veb8 *v16_leaf(const veb16 *v, uint16_t x) { return v->low[x >> 8]; }

/* ---- 32-bit universe ---- */

static void v32_init(veb32 *t) {
  memset(t, 0, sizeof *t);
  t->min = t->max = -1;
  t->summary.min = t->summary.max = -1;
}

static int v32_insert(veb32 *t, uint32_t x, int32_t hop) {
  uint16_t hi = (uint16_t)(x >> 16), lo = (uint16_t)x;
  veb16 *c = t->high[hi];
  if (!c) {
    c = calloc(1, sizeof *c);
    if (!c)
      return -1;
    c->min = c->max = -1;
    c->summary.hop = NULL;
    t->high[hi] = c;
    if (v16_insert(&t->summary, hi, 0, 0) < 0)
      return -1;
  }
  if (v16_insert(c, lo, 1, hop) < 0)
    return -1;
  if (t->min < 0 || x < t->min)
    t->min = x;
  if ((int64_t)x > t->max)
    t->max = x;
  return 0;
}

static int64_t v32_pred(const veb32 *t, uint32_t x) {
  if (t->min < 0 || (int64_t)x < t->min)
    return -1;
  if ((int64_t)x >= t->max)
    return t->max;
  uint32_t hi = x >> 16, lo = x & 0xFFFF;
  const veb16 *c = t->high[hi];
  if (c && c->min <= (int32_t)lo)
    return ((int64_t)hi << 16) | v16_pred(c, (int32_t)lo);
  int32_t h2 = v16_pred(&t->summary, (int32_t)hi - 1);
  return ((int64_t)h2 << 16) | t->high[h2]->max;
}

/* ---- route table ---- */

static int route_cmp(const void *a, const void *b) {
  const veb_route *x = a, *y = b;
  if (x->start != y->start)
    return x->start < y->start ? -1 : 1;
  if (x->len != y->len)
    return x->len < y->len ? -1 : 1;
  return x->order < y->order ? -1 : x->order > y->order;
}

static int u32_cmp(const void *a, const void *b) {
  uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
  return x < y ? -1 : x > y;
}

/* Builds the table from n routes (later duplicates win). hops are < 2^31.
 * Returns the number of stored interval starts, or -1. */
int veb_fib_build(veb32 *t, const uint32_t *nets, const uint8_t *lens,
                  const uint32_t *hops, size_t n) {
  v32_init(t);
  veb_route *r = malloc((n ? n : 1) * sizeof *r);
  uint32_t *cut = malloc((2 * n + 1) * sizeof *cut);
  veb_route **stack = malloc((n ? n : 1) * sizeof *stack);
  if (!r || !cut || !stack) {
    free(r);
    free(cut);
    free(stack);
    return -1;
  }
  size_t ncut = 0;
  cut[ncut++] = 0;
  for (size_t i = 0; i < n; i++) {
    uint8_t l = lens[i] > 32 ? 32 : lens[i];
    uint32_t mask = l ? 0xFFFFFFFFu << (32 - l) : 0;
    r[i].start = nets[i] & mask;
    r[i].end = r[i].start | ~mask;
    r[i].len = l;
    r[i].hop = hops[i];
    r[i].order = (uint32_t)i;
    cut[ncut++] = r[i].start;
    if (r[i].end != 0xFFFFFFFFu)
      cut[ncut++] = r[i].end + 1;
  }
  qsort(r, n, sizeof *r, route_cmp);
  qsort(cut, ncut, sizeof *cut, u32_cmp);

  size_t depth = 0, next = 0;
  int stored = 0;
  int32_t last = -2;
  for (size_t k = 0; k < ncut; k++) {
    uint32_t b = cut[k];
    if (k && b == cut[k - 1])
      continue;
    while (depth && stack[depth - 1]->end < b)
      depth--;
    while (next < n && r[next].start == b)
      stack[depth++] = &r[next++];
    int32_t hop = depth ? (int32_t)stack[depth - 1]->hop : -1;
    if (hop == last)
      continue;
    if (v32_insert(t, b, hop) < 0) {
      stored = -1;
      break;
    }
    last = hop;
    stored++;
  }
  free(r);
  free(cut);
  free(stack);
  return stored;
}

/* Hop of the longest route covering addr, or -1. */
int32_t veb_fib_lookup(const veb32 *t, uint32_t addr) {
  int64_t k = v32_pred(t, addr);
  if (k < 0)
    return -1;
  const veb16 *c = t->high[(uint32_t)k >> 16];
  return v16_leaf(c, (uint16_t)k)->hop[k & 0xFF];
}

void veb_fib_free(veb32 *t) {
  for (uint32_t h = 0; h < 65536; h++) {
    veb16 *c = t->high[h];
    if (!c)
      continue;
    for (int i = 0; i < 256; i++)
      if (c->low[i]) {
        free(c->low[i]->hop);
        free(c->low[i]);
      }
    free(c);
  }
  for (int i = 0; i < 256; i++)
    free(t->summary.low[i]);
  v32_init(t);
}

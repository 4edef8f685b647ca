/* Longest prefix match over per-length Bloomier filters, in the manner of
 * Chisel (Hasan et al.). For every prefix length L in 1..32 the prefixes of
 * that length are kept in a plain array (key = the top L address bits) and
 * a Bloomier filter maps each key to its position in that array: the key
 * hashes to three cells, one in each third of a cell vector, and the XOR
 * of the three cells is the position + 1. The cells are found by peeling
 * the 3-hypergraph of keys (a cell touched by one remaining key fixes that
 * key last), then assigning in the reverse peeling order; a failed peel
 * retries with the next seed.
 *
 * A filter answers something for any key, so a lookup checks the array
 * entry it points at against the key: no false positives survive. Lookup
 * tries the lengths present from the longest down and falls back to the
 * default route. Label: lpm. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef uint64_t u64;
typedef uint32_t u32;

struct chisel_level {
  u32 n, cap;
  u32 *key;   /* after build: unique keys, indexed by position */
  u32 *hop;
  u64 *stage; /* before build: key << 32 | insertion number */
  u32 third;  /* cells per third */
  u32 *cell;  /* 3 * third cells */
  u64 seed;
};

struct chisel {
  struct chisel_level lv[33]; /* index = prefix length, 0 unused */
  u32 lengths;                /* bit L-1 set when length L holds keys */
  u32 default_hop;
  int has_default;
};

u64 chisel_mix(u64 x)
{
  x ^= x >> 31;
  x *= 0x7fb5d329728ea185ull;
  x ^= x >> 27;
  x *= 0x81dadef4bc2dd44dull;
  x ^= x >> 33;
  return x;
}

#define REDUCE(h32, range) ((u32)(((u64)(u32)(h32) * (u64)(range)) >> 32))

static void chisel_cells(const struct chisel_level *lv, unsigned len, u32 key,
                         u32 pos[3])
{
  u64 h = chisel_mix(((u64)len << 32 | key) ^ lv->seed);
  pos[0] = REDUCE(h, lv->third);
  pos[1] = lv->third + REDUCE(h >> 21, lv->third);
  pos[2] = 2 * lv->third + REDUCE(h >> 42 ^ h << 11, lv->third);
}

void chisel_init(struct chisel *c)
{
  memset(c, 0, sizeof *c);
}

void chisel_free(struct chisel *c)
{
  unsigned l;
  for (l = 1; l <= 32; l++) {
    free(c->lv[l].key);
    free(c->lv[l].hop);
    free(c->lv[l].stage);
    free(c->lv[l].cell);
  }
  memset(c, 0, sizeof *c);
}

int chisel_add(struct chisel *c, u32 prefix, unsigned len, u32 hop)
{
  struct chisel_level *lv;
  if (len > 32)
    return -1;
  if (len == 0) {
    c->default_hop = hop;
    c->has_default = 1;
    return 0;
  }
  lv = &c->lv[len];
  if (!lv->stage && lv->n) { /* built already: stage the keys again */
    u32 i;
    lv->stage = malloc(lv->cap * sizeof *lv->stage);
    if (!lv->stage)
      return -1;
    for (i = 0; i < lv->n; i++)
      lv->stage[i] = (u64)lv->key[i] << 32 | i;
  }
  if (lv->n == lv->cap) {
    u32 ncap = lv->cap ? lv->cap * 2 : 8;
    u64 *ns = realloc(lv->stage, ncap * sizeof *ns);
    u32 *nh;
    if (!ns)
      return -1;
    lv->stage = ns;
    nh = realloc(lv->hop, ncap * sizeof *nh);
    if (!nh)
      return -1;
    lv->hop = nh;
    lv->cap = ncap;
  }
  lv->stage[lv->n] = (u64)(prefix >> (32 - len)) << 32 | lv->n;
  lv->hop[lv->n] = hop;
  lv->n++;
  return 0;
}

static int stage_cmp(const void *a, const void *b)
{
  u64 x = *(const u64 *)a, y = *(const u64 *)b;
  return (x > y) - (x < y);
}

/* sorts the staged keys, keeps the last hop given for each key */
static int level_compact(struct chisel_level *lv)
{
  u32 i, out = 0;
  u32 *key, *hop;
  if (lv->n == 0)
    return 0;
  qsort(lv->stage, lv->n, sizeof *lv->stage, stage_cmp);
  key = malloc(lv->n * sizeof *key);
  hop = malloc(lv->n * sizeof *hop);
  if (!key || !hop) {
    free(key);
    free(hop);
    return -1;
  }
  for (i = 0; i < lv->n; i++) {
    u32 k = (u32)(lv->stage[i] >> 32);
    if (i + 1 < lv->n && (u32)(lv->stage[i + 1] >> 32) == k)
      continue; /* a later insertion of the same key wins */
    key[out] = k;
    hop[out] = lv->hop[(u32)lv->stage[i]];
    out++;
  }
  free(lv->key);
  free(lv->hop);
  free(lv->stage);
  lv->key = key;
  lv->hop = hop;
  lv->stage = NULL;
  lv->n = lv->cap = out;
  return 0;
}

/* builds the Bloomier filter of one length by hypergraph peeling */
static int level_peel(struct chisel_level *lv, unsigned len)
{
  u32 m, i, head, tail, done;
  u32 *count = NULL, *xidx = NULL, *queue = NULL, *order_key = NULL,
      *order_cell = NULL;
  int rc = -1;

  lv->third = (u32)(((u64)lv->n * 41) / 100) + 11; /* 1.23 n cells in all */
  m = 3 * lv->third;
  free(lv->cell);
  lv->cell = calloc(m, sizeof *lv->cell);
  count = malloc(m * sizeof *count);
  xidx = malloc(m * sizeof *xidx);
  queue = malloc(m * sizeof *queue);
  order_key = malloc((lv->n + 1) * sizeof *order_key);
  order_cell = malloc((lv->n + 1) * sizeof *order_cell);
  if (!lv->cell || !count || !xidx || !queue || !order_key || !order_cell)
    goto out;

retry:
  memset(count, 0, m * sizeof *count);
  memset(xidx, 0, m * sizeof *xidx);
  for (i = 0; i < lv->n; i++) {
    u32 p[3];
    int j;
    chisel_cells(lv, len, lv->key[i], p);
    for (j = 0; j < 3; j++) {
      count[p[j]]++;
      xidx[p[j]] ^= i;
    }
  }
  head = tail = 0;
  for (i = 0; i < m; i++)
    if (count[i] == 1)
      queue[tail++] = i;
  done = 0;
  while (head < tail) {
    u32 c = queue[head++], k, p[3];
    int j;
    if (count[c] != 1)
      continue;
    k = xidx[c];
    order_key[done] = k;
    order_cell[done] = c;
    done++;
    chisel_cells(lv, len, lv->key[k], p);
    for (j = 0; j < 3; j++) {
      count[p[j]]--;
      xidx[p[j]] ^= k;
      if (count[p[j]] == 1)
        queue[tail++] = p[j];
    }
  }
  if (done < lv->n) {
    lv->seed = chisel_mix(lv->seed + 0x9e3779b97f4a7c15ull);
    goto retry;
  }
  memset(lv->cell, 0, m * sizeof *lv->cell);
  while (done-- > 0) {
    u32 k = order_key[done], c = order_cell[done], p[3];
    chisel_cells(lv, len, lv->key[k], p);
    lv->cell[c] = (k + 1) ^ lv->cell[p[0]] ^ lv->cell[p[1]] ^ lv->cell[p[2]];
  }
  rc = 0;
out:
  free(count);
  free(xidx);
  free(queue);
  free(order_key);
  free(order_cell);
  return rc;
}

int chisel_build(struct chisel *c)
{
  unsigned len;
  c->lengths = 0;
  for (len = 1; len <= 32; len++) {
    struct chisel_level *lv = &c->lv[len];
    if (lv->stage && level_compact(lv))
      return -1;
    if (lv->n == 0)
      continue;
    if (level_peel(lv, len))
      return -1;
    c->lengths |= 1u << (len - 1);
  }
  return 0;
}

/* hop of the longest prefix covering addr; 0 if none, else 1 and *hop */
int chisel_lookup(const struct chisel *c, u32 addr, u32 *hop)
{
  u32 todo = c->lengths;
  while (todo) {
    unsigned len = 32 - (unsigned)__builtin_clz(todo);
    const struct chisel_level *lv = &c->lv[len];
    u32 key = (u32)((u64)addr >> (32 - len)), p[3], v;
    chisel_cells(lv, len, key, p);
    v = lv->cell[p[0]] ^ lv->cell[p[1]] ^ lv->cell[p[2]];
    if (v - 1 < lv->n && lv->key[v - 1] == key) {
      *hop = lv->hop[v - 1];
      return 1;
    }
    todo &= ~(1u << (len - 1));
  }
  if (c->has_default) {
    *hop = c->default_hop;
    return 1;
  }
  return 0;
}

/* Least-cost routing of dialled numbers: the longest matching number
 * prefix ("+4420", "1212", "33") selects a trunk. The prefixes are kept in
 * a double-array trie (Aoe): state s moves on digit code c (digit + 1) to
 * t = base[s] + c, and the move exists when check[t] == s; a node with no
 * children yet has base 0. Adding a child that collides with another
 * node's slot relocates the colliding node's siblings, i.e. all children
 * of the current state, to the first base where every one of their codes
 * is free, fixing the check of each moved node's own children. The lookup
 * walks the number once and remembers the last state that carries a trunk.
 * Label: lpm. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define DA_ROOT 1
#define DA_CODES 10
#define DA_NONE (-1)

struct dial_da {
  int32_t *base;
  int32_t *check;
  int32_t *trunk;
  int32_t cap;
  int32_t scan_from; /* first base worth trying when searching */
};

static int da_reserve(struct dial_da *d, int32_t need) {
  if (need < d->cap)
    return 0;
  int32_t ncap = d->cap ? d->cap : 64;
  while (ncap <= need)
    ncap *= 2;
  int32_t *b = realloc(d->base, (size_t)ncap * sizeof *b);
  if (!b)
    return -1;
  d->base = b;
  int32_t *c = realloc(d->check, (size_t)ncap * sizeof *c);
  if (!c)
    return -1;
  d->check = c;
  int32_t *v = realloc(d->trunk, (size_t)ncap * sizeof *v);
  if (!v)
    return -1;
  d->trunk = v;
  for (int32_t i = d->cap; i < ncap; i++) {
    d->base[i] = 0;
    d->check[i] = 0;
    d->trunk[i] = DA_NONE;
  }
  d->cap = ncap;
  return 0;
}

int dial_da_init(struct dial_da *d) {
  memset(d, 0, sizeof *d);
  if (da_reserve(d, 256) < 0)
    return -1;
  d->check[DA_ROOT] = -1; /* occupied, parent of nothing */
  d->scan_from = 1;
  return 0;
}

/* First base b >= 1 such that b + codes[i] is free for every i. */
static int32_t da_find_base(struct dial_da *d, const int *codes, int n) {
  while (d->scan_from + 1 < d->cap && d->check[d->scan_from + 1] != 0)
    d->scan_from++; /* slots below are all taken: no base there can hold
                       code 1, and skipping only costs density */
  for (int32_t b = d->scan_from;; b++) {
    if (da_reserve(d, b + DA_CODES + 1) < 0)
      return -1;
    int i = 0;
    while (i < n && d->check[b + codes[i]] == 0)
      i++;
    if (i == n)
      return b;
  }
}

/* Gives state s a base under which its current children and code `extra`
 * all fit, moving the children. */
static int da_rebase(struct dial_da *d, int32_t s, int extra) {
  int codes[DA_CODES + 1];
  int n = 0;
  int32_t old = d->base[s];
  if (old > 0)
    for (int c = 1; c <= DA_CODES; c++)
      if (old + c < d->cap && d->check[old + c] == s)
        codes[n++] = c;
  codes[n++] = extra;
  int32_t nb = da_find_base(d, codes, n);
  if (nb < 0)
    return -1;
  for (int i = 0; i + 1 < n; i++) {
    int32_t from = old + codes[i], to = nb + codes[i];
    d->check[to] = s;
    d->base[to] = d->base[from];
    d->trunk[to] = d->trunk[from];
    int32_t gb = d->base[from];
    if (gb > 0)
      for (int c = 1; c <= DA_CODES; c++)
        if (gb + c < d->cap && d->check[gb + c] == from)
          d->check[gb + c] = to;
    d->check[from] = 0;
    d->base[from] = 0;
    d->trunk[from] = DA_NONE;
  }
  d->base[s] = nb;
  return 0;
}

/* Adds or replaces the trunk of a digit prefix (a leading '+' is skipped). */
int dial_da_add(struct dial_da *d, const char *prefix, int32_t trunk) {
  const char *p = prefix;
  int32_t s = DA_ROOT;
  if (*p == '+')
    p++;
  for (; *p; p++) {
    if (*p < '0' || *p > '9')
      return -1;
    int c = *p - '0' + 1;
    int32_t t = d->base[s] + c;
    if (d->base[s] > 0 && t < d->cap && d->check[t] == s) {
      s = t;
      continue;
    }
    if (d->base[s] == 0 || t >= d->cap || d->check[t] != 0) {
      if (da_rebase(d, s, c) < 0)
        return -1;
      t = d->base[s] + c;
    }
    d->check[t] = s;
    d->base[t] = 0;
    d->trunk[t] = DA_NONE;
    s = t;
  }
  d->trunk[s] = trunk;
  return 0;
}

/* Trunk of the longest prefix of `number` that has one, or DA_NONE. Stops
 * at the first character that is not a digit. */
int32_t dial_da_route(const struct dial_da *d, const char *number) {
  const unsigned char *p = (const unsigned char *)number;
  int32_t s = DA_ROOT;
  int32_t best = d->trunk[DA_ROOT];
  if (*p == '+')
    p++;
  while (*p >= '0' && *p <= '9') {
    if (d->base[s] <= 0)
      break;
    int32_t t = d->base[s] + (*p - '0' + 1);
    if (t >= d->cap || d->check[t] != s)
      break;
    s = t;
    if (d->trunk[s] != DA_NONE)
      best = d->trunk[s];
    p++;
  }
  return best;
}

void dial_da_free(struct dial_da *d) {
  free(d->base);
  free(d->check);
  free(d->trunk);
  memset(d, 0, sizeof *d);
}

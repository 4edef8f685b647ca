/* A chained hash table keyed by strings; the bucket comes from a caller's
 * hash value, the work here is chaining, comparison and resizing.
 * Label: none. */
#include <stdlib.h>
#include <string.h>

struct sentry {
  char *key;
  int value;
  unsigned hash;
  struct sentry *next;
};

struct stable {
  struct sentry **b;
  unsigned nb, count;
};

int st_get(const struct stable *t, const char *k, unsigned h, int *out) {
  for (struct sentry *e = t->b[h % t->nb]; e; e = e->next)
    if (e->hash == h && strcmp(e->key, k) == 0) {
      *out = e->value;
      return 1;
    }
  return 0;
}

int st_grow(struct stable *t) {
  unsigned nb = t->nb * 2;
  struct sentry **nbk = calloc(nb, sizeof *nbk);
  if (!nbk)
    return -1;
  for (unsigned i = 0; i < t->nb; i++) {
    struct sentry *e = t->b[i];
    while (e) {
      struct sentry *next = e->next;
      e->next = nbk[e->hash % nb];
      nbk[e->hash % nb] = e;
      e = next;
    }
  }
  free(t->b);
  t->b = nbk;
  t->nb = nb;
  return 0;
}

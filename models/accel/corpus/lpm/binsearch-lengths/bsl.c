/* Binary search on prefix lengths with one hash table per length
 * (Waldvogel et al.), markers guide the search. Label: lpm. */
#include <stdint.h>

struct hent { uint32_t key; int len; int hop; int best; int used; };
struct ltab { struct hent *slots; uint32_t mask; };

int bsl_lookup(const struct ltab *tabs, const int *lengths, int nlen,
               uint32_t addr) {
  int lo = 0, hi = nlen - 1, best = -1;
  while (lo <= hi) {
    int mid = (lo + hi) / 2;
    int L = lengths[mid];
    uint32_t k = L ? addr & (0xFFFFFFFFu << (32 - L)) : 0;
    const struct ltab *t = &tabs[mid];
    uint32_t h = (k * 2654435761u) & t->mask;
    int s = -1;
    for (uint32_t i = 0; i <= t->mask; i++) {
      const struct hent *e = &t->slots[(h + i) & t->mask];
      if (!e->used)
        break;
      if (e->key == k && e->len == L) {
        s = (int)((h + i) & t->mask);
        break;
      }
    }
    if (s >= 0) {
      best = tabs[mid].slots[s].best;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  return best;
}

/* The same search over sorted arrays per length instead of hash tables. */
struct lenarr { const uint32_t *keys; const int *best; int n; };

int bsl_sorted(const struct lenarr *a, const int *lens, int nlen, uint32_t ip) {
  int lo = 0, hi = nlen - 1, res = -1;
  while (lo <= hi) {
    int mid = (lo + hi) >> 1;
    uint32_t k = lens[mid] ? ip & ~((1u << (32 - lens[mid])) - 1) : 0;
    int l = 0, h = a[mid].n - 1, hit = -1;
    while (l <= h) {
      int m = (l + h) / 2;
      if (a[mid].keys[m] == k) { hit = m; break; }
      if (a[mid].keys[m] < k) l = m + 1; else h = m - 1;
    }
    if (hit >= 0) { res = a[mid].best[hit]; lo = mid + 1; }
    else hi = mid - 1;
  }
  return res;
}

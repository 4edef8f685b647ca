/* Disjoint-set forest (union-find) and two users of it.
 *   - union by size, find with path halving (iterative) or with full path
 *     compression (recursive); canonical relabelling of the sets;
 *   - Kruskal's minimum spanning forest: edge indices sorted by weight with
 *     a bottom-up merge sort, then accepted when they join two sets;
 *   - two-pass connected-component labelling of a 1-bit image stored as
 *     32-bit row words (4-connectivity): provisional labels joined by
 *     union, then resolved.
 * Index arrays and parent chasing, no hashing, no prefixes. Label: none. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
  int32_t n;
  int32_t sets;
  int32_t *parent;
  int32_t *size;
} dsu_t;

typedef struct {
  int32_t u, v;
  uint32_t w;
} wedge_t;

#define DSU_IS_ROOT(d, x) ((d)->parent[(x)] == (x))
#define DSU_SWAP(a, b)                                                         \
  do {                                                                         \
    int32_t t_ = (a);                                                          \
    (a) = (b);                                                                 \
    (b) = t_;                                                                  \
  } while (0)

int dsu_init(dsu_t *d, int32_t n) {
  int32_t i;
  d->parent = (int32_t *)malloc(sizeof(int32_t) * (size_t)(n > 0 ? n : 1));
  d->size = (int32_t *)malloc(sizeof(int32_t) * (size_t)(n > 0 ? n : 1));
  if (!d->parent || !d->size) {
    free(d->parent);
    free(d->size);
    return -1;
  }
  for (i = 0; i < n; i++) {
    d->parent[i] = i;
    d->size[i] = 1;
  }
  d->n = d->sets = n;
  return 0;
}

void dsu_free(dsu_t *d) {
  free(d->parent);
  free(d->size);
  d->parent = d->size = NULL;
  d->n = d->sets = 0;
}

int32_t dsu_find(dsu_t *d, int32_t x) {
  while (!DSU_IS_ROOT(d, x)) {
    d->parent[x] = d->parent[d->parent[x]];
    x = d->parent[x];
  }
  return x;
}

int32_t dsu_find_compress(dsu_t *d, int32_t x) {
  if (DSU_IS_ROOT(d, x))
    return x;
  return d->parent[x] = dsu_find_compress(d, d->parent[x]);
}

int dsu_union(dsu_t *d, int32_t a, int32_t b) {
  a = dsu_find(d, a);
  b = dsu_find(d, b);
  if (a == b)
    return 0;
  if (d->size[a] < d->size[b])
    DSU_SWAP(a, b);
  d->parent[b] = a;
  d->size[a] += d->size[b];
  d->sets--;
  return 1;
}

/* labels[i] = index of i's set in order of first appearance; returns the
 * number of sets. */
int32_t dsu_relabel(dsu_t *d, int32_t *labels) {
  int32_t *map = (int32_t *)malloc(sizeof(int32_t) * (size_t)(d->n ? d->n : 1));
  int32_t i, next = 0;
  if (!map)
    return -1;
  for (i = 0; i < d->n; i++)
    map[i] = -1;
  for (i = 0; i < d->n; i++) {
    int32_t r = dsu_find_compress(d, i);
    if (map[r] < 0)
      map[r] = next++;
    labels[i] = map[r];
  }
  free(map);
  return next;
}

/* Stable bottom-up merge sort of idx[0..m) by edges[idx].w. */
static void sort_edges(const wedge_t *e, int32_t *idx, int32_t *tmp,
                       int32_t m) {
  int32_t width, lo;
  int32_t *src = idx, *dst = tmp;
  for (width = 1; width < m; width *= 2) {
    for (lo = 0; lo < m; lo += 2 * width) {
      int32_t mid = lo + width < m ? lo + width : m;
      int32_t hi = lo + 2 * width < m ? lo + 2 * width : m;
      int32_t i = lo, j = mid, k = lo;
      while (i < mid && j < hi)
        dst[k++] = e[src[j]].w < e[src[i]].w ? src[j++] : src[i++];
      while (i < mid)
        dst[k++] = src[i++];
      while (j < hi)
        dst[k++] = src[j++];
    }
    int32_t *t = src;
    src = dst;
    dst = t;
  }
  if (src != idx)
    memcpy(idx, src, sizeof(int32_t) * (size_t)m);
}

/* Minimum spanning forest of n vertices: chosen edge indices go to out
 * (n-1 at most); returns how many, and the total weight in *total. */
int32_t kruskal(int32_t n, const wedge_t *edges, int32_t m, int32_t *out,
                uint64_t *total) {
  dsu_t d;
  int32_t *idx, *tmp, i, taken = 0;
  *total = 0;
  if (dsu_init(&d, n) < 0)
    return -1;
  idx = (int32_t *)malloc(sizeof(int32_t) * (size_t)(m ? m : 1));
  tmp = (int32_t *)malloc(sizeof(int32_t) * (size_t)(m ? m : 1));
  if (!idx || !tmp) {
    free(idx);
    free(tmp);
    dsu_free(&d);
    return -1;
  }
  for (i = 0; i < m; i++)
    idx[i] = i;
  sort_edges(edges, idx, tmp, m);
  for (i = 0; i < m && d.sets > 1; i++) {
    const wedge_t *e = &edges[idx[i]];
    if (dsu_union(&d, e->u, e->v)) {
      out[taken++] = idx[i];
      *total += e->w;
    }
  }
  free(idx);
  free(tmp);
  dsu_free(&d);
  return taken;
}

/* 4-connected components of a w x h bitmap (w <= 32 per row word, bit x
 * of rows[y] is pixel (x, y)). labels[y*w+x] = 0 for background, else
 * 1 + component number in raster order of first pixel. Returns the number
 * of components. */
int32_t ccl_label(const uint32_t *rows, int32_t w, int32_t h,
                  int32_t *labels) {
  dsu_t d;
  int32_t x, y, next = 0, ncomp;
  int32_t *canon;
  if (w <= 0 || w > 32 || h <= 0)
    return 0;
  if (dsu_init(&d, w * h) < 0)
    return -1;
  for (y = 0; y < h; y++) {
    uint32_t row = rows[y];
    uint32_t up = y ? rows[y - 1] : 0;
    for (x = 0; x < w; x++) {
      int32_t at = y * w + x;
      if (!((row >> x) & 1u)) {
        labels[at] = -1;
        continue;
      }
      int left = x > 0 && ((row >> (x - 1)) & 1u);
      int above = (up >> x) & 1u;
      if (left && above) {
        labels[at] = labels[at - 1];
        dsu_union(&d, labels[at - 1], labels[at - w]);
      } else if (left) {
        labels[at] = labels[at - 1];
      } else if (above) {
        labels[at] = labels[at - w];
      } else {
        labels[at] = next++;
      }
    }
  }
  canon = (int32_t *)malloc(sizeof(int32_t) * (size_t)(next ? next : 1));
  if (!canon) {
    dsu_free(&d);
    return -1;
  }
  for (x = 0; x < next; x++)
    canon[x] = -1;
  ncomp = 0;
  for (x = 0; x < w * h; x++) {
    if (labels[x] < 0) {
      labels[x] = 0;
      continue;
    }
    int32_t r = dsu_find(&d, labels[x]);
    if (canon[r] < 0)
      canon[r] = ++ncomp;
    labels[x] = canon[r];
  }
  free(canon);
  dsu_free(&d);
  return ncomp;
}

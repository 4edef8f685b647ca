/* Hilbert space-filling curve on a 2^order x 2^order grid: the index of a
 * cell along the curve and back, in two forms. The first descends one
 * level at a time and folds the remaining coordinates into the sub-square's
 * frame (reflect about the anti-diagonal, or transpose). The second keeps
 * that frame as one of four states and reads digit and next state from a
 * 16-entry table (derived from the first form by enumerating the quadrant
 * moves), two bits per level. Used to order points so that neighbours on
 * the curve are neighbours in the plane (spatial batching of lookups,
 * cache-friendly tile order). Not a hash: the map is a bijection that
 * preserves locality. Label: none. */
#include <stdint.h>
#include <stddef.h>

typedef struct {
  uint32_t x, y;
} hpoint_t;

/* Fold (x, y) into the frame of the quadrant (rx, ry) of a side-s square. */
void hilbert_fold(uint32_t s, uint32_t *x, uint32_t *y, uint32_t rx,
                  uint32_t ry) {
  if (ry == 0) {
    if (rx == 1) {
      *x = s - 1 - *x;
      *y = s - 1 - *y;
    }
    uint32_t t = *x;
    *x = *y;
    *y = t;
  }
}

uint64_t hilbert_xy2d(unsigned order, uint32_t x, uint32_t y) {
  uint64_t d = 0;
  uint32_t s;
  if (order == 0)
    return 0;
  for (s = 1u << (order - 1); s > 0; s >>= 1) {
    uint32_t rx = (x & s) ? 1u : 0u;
    uint32_t ry = (y & s) ? 1u : 0u;
    d += (uint64_t)s * s * ((3u * rx) ^ ry);
    hilbert_fold(s, &x, &y, rx, ry);
  }
  return d;
}

void hilbert_d2xy(unsigned order, uint64_t d, uint32_t *px, uint32_t *py) {
  uint32_t x = 0, y = 0;
  uint64_t t = d;
  uint32_t n = 1u << order;
  uint32_t s;
  for (s = 1; s < n; s <<= 1) {
    uint32_t rx = (uint32_t)(1u & (t >> 1));
    uint32_t ry = (uint32_t)(1u & (t ^ rx));
    hilbert_fold(s, &x, &y, rx, ry);
    x += s * rx;
    y += s * ry;
    t >>= 2;
  }
  *px = x;
  *py = y;
}

/* [state*4 + (xbit<<1 | ybit)] = next_state << 2 | digit */
static const uint8_t HILB_FWD[16] = {4,  1, 11, 2, 0,  15, 5,  6,
                                     10, 9, 3,  12, 14, 7, 13, 8};
/* [state*4 + digit] = next_state << 2 | (xbit<<1 | ybit) */
static const uint8_t HILB_INV[16] = {4,  1, 3, 10, 0,  6,  7,  13,
                                     15, 9, 8, 2,  11, 14, 12, 5};

uint64_t hilbert_key_fsm(unsigned order, uint32_t x, uint32_t y) {
  unsigned st = 0;
  uint64_t key = 0;
  int lvl;
  for (lvl = (int)order - 1; lvl >= 0; lvl--) {
    unsigned q = (((x >> lvl) & 1u) << 1) | ((y >> lvl) & 1u);
    unsigned e = HILB_FWD[(st << 2) | q];
    key = (key << 2) | (e & 3u);
    st = e >> 2;
  }
  return key;
}

hpoint_t hilbert_point_fsm(unsigned order, uint64_t key) {
  hpoint_t p = {0, 0};
  unsigned st = 0;
  unsigned shift = 2 * order;
  while (shift) {
    shift -= 2;
    unsigned e = HILB_INV[(st << 2) | (unsigned)((key >> shift) & 3u)];
    p.x = (p.x << 1) | ((e >> 1) & 1u);
    p.y = (p.y << 1) | (e & 1u);
    st = e >> 2;
  }
  return p;
}

/* Sort points along the curve: keys computed once, then a Shell sort with
 * Ciura's gaps moving key and point together. keys must hold n entries. */
void hilbert_sort(hpoint_t *pts, uint64_t *keys, size_t n, unsigned order) {
  static const size_t gaps[] = {701, 301, 132, 57, 23, 10, 4, 1};
  size_t g, i;
  for (i = 0; i < n; i++)
    keys[i] = hilbert_key_fsm(order, pts[i].x, pts[i].y);
  for (g = 0; g < sizeof gaps / sizeof gaps[0]; g++) {
    size_t gap = gaps[g];
    for (i = gap; i < n; i++) {
      uint64_t k = keys[i];
      hpoint_t p = pts[i];
      size_t j = i;
      while (j >= gap && keys[j - gap] > k) {
        keys[j] = keys[j - gap];
        pts[j] = pts[j - gap];
        j -= gap;
      }
      keys[j] = k;
      pts[j] = p;
    }
  }
}

/* Manhattan length of the tour that visits pts in order. */
uint64_t hilbert_tour_length(const hpoint_t *pts, size_t n) {
  uint64_t len = 0;
  const hpoint_t *p = pts, *end = pts + n;
  if (n < 2)
    return 0;
  for (; p + 1 < end; p++) {
    uint32_t dx = p[1].x > p->x ? p[1].x - p->x : p->x - p[1].x;
    uint32_t dy = p[1].y > p->y ? p[1].y - p->y : p->y - p[1].y;
    len += (uint64_t)dx + dy;
  }
  return len;
}

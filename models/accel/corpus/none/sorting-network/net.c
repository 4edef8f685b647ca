/* Data-oblivious sorting networks, as used for small fixed-size batches
 * (e.g. ordering 8 queue timestamps, median of a window): Batcher's
 * odd-even merge network for 8 keys written out comparator by comparator,
 * an iterative bitonic sorter for power-of-two sizes, odd-even
 * transposition sort, and a median-of-9 by the same exchanges.
 * Label: none. */
#include <stddef.h>
#include <stdint.h>

#define CX(a, b)                                                               \
  do {                                                                         \
    if (v[a] > v[b]) {                                                         \
      uint16_t t_ = v[a];                                                      \
      v[a] = v[b];                                                             \
      v[b] = t_;                                                               \
    }                                                                          \
  } while (0)

void net8(uint16_t *v) {
  /* sort pairs, merge into quads, merge into eight */
  CX(0, 1);
  CX(2, 3);
  CX(4, 5);
  CX(6, 7);
  CX(0, 2);
  CX(1, 3);
  CX(4, 6);
  CX(5, 7);
  CX(1, 2);
  CX(5, 6);
  CX(0, 4);
  CX(1, 5);
  CX(2, 6);
  CX(3, 7);
  CX(2, 4);
  CX(3, 5);
  CX(1, 2);
  CX(3, 4);
  CX(5, 6);
}

/* n must be a power of two. Ascending. */
void bitonic(int32_t *a, size_t n) {
  for (size_t k = 2; k <= n; k <<= 1) {
    for (size_t j = k >> 1; j > 0; j >>= 1) {
      for (size_t i = 0; i < n; i++) {
        size_t l = i ^ j;
        if (l <= i)
          continue;
        int up = (i & k) == 0;
        if ((a[i] > a[l]) == up) {
          int32_t t = a[i];
          a[i] = a[l];
          a[l] = t;
        }
      }
    }
  }
}

void transposition_sort(uint64_t *a, int n) {
  /* stop after an even and an odd phase in a row without exchanges */
  int quiet = 0;
  for (int round = 0; round < n && quiet < 2; round++) {
    int swapped = 0;
    uint64_t *p = a + (round & 1);
    uint64_t *end = a + n - 1;
    while (p < end) {
      if (p[0] > p[1]) {
        uint64_t t = p[0];
        p[0] = p[1];
        p[1] = t;
        swapped = 1;
      }
      p += 2;
    }
    quiet = swapped ? 0 : quiet + 1;
  }
}

#define MX(x, y)                                                               \
  do {                                                                         \
    if ((x) > (y)) {                                                           \
      uint8_t t_ = (x);                                                        \
      (x) = (y);                                                               \
      (y) = t_;                                                                \
    }                                                                          \
  } while (0)

/* Median of 9 bytes (a 3x3 window), 19 exchanges. */
uint8_t median9(const uint8_t *w) {
  uint8_t p0 = w[0], p1 = w[1], p2 = w[2], p3 = w[3], p4 = w[4], p5 = w[5],
          p6 = w[6], p7 = w[7], p8 = w[8];
  MX(p1, p2);
  MX(p4, p5);
  MX(p7, p8);
  MX(p0, p1);
  MX(p3, p4);
  MX(p6, p7);
  MX(p1, p2);
  MX(p4, p5);
  MX(p7, p8);
  MX(p0, p3);
  MX(p5, p8);
  MX(p4, p7);
  MX(p3, p6);
  MX(p1, p4);
  MX(p2, p5);
  MX(p4, p7);
  MX(p4, p2);
  MX(p6, p4);
  MX(p4, p2);
  return p4;
}

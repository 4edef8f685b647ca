/* Bitmaps and bit fields. Label: none. */
#include <stdint.h>

int first_set(const uint64_t *w, int nwords) {
  for (int i = 0; i < nwords; i++)
    if (w[i]) {
      uint64_t x = w[i];
      int b = 0;
      while (!(x & 1)) {
        x >>= 1;
        b++;
      }
      return i * 64 + b;
    }
  return -1;
}

void set_range(uint32_t *m, int from, int to) {
  for (int i = from; i < to; i++)
    m[i >> 5] |= 1u << (i & 31);
}

/* Bloom-filter membership with precomputed bit positions. */
int bloom_has(const uint8_t *bits, const uint32_t *pos, int k, uint32_t nbits) {
  for (int i = 0; i < k; i++) {
    uint32_t p = pos[i] % nbits;
    if (!(bits[p >> 3] & (1 << (p & 7))))
      return 0;
  }
  return 1;
}

/* Pack flags into a bit field word and unpack. */
uint32_t pack_flags(const uint8_t *f, int n) {
  uint32_t w = 0;
  for (int i = 0; i < n && i < 32; i++)
    w |= (uint32_t)(f[i] != 0) << i;
  return w;
}

/* Sequence-number window check (anti-replay) with a shifting bitmap. */
int replay_check(uint64_t *win, uint32_t *top, uint32_t seq) {
  if (seq > *top) {
    uint32_t d = seq - *top;
    *win = d < 64 ? (*win << d) | 1 : 1;
    *top = seq;
    return 1;
  }
  uint32_t d = *top - seq;
  if (d >= 64 || (*win >> d) & 1)
    return 0;
  *win |= 1ull << d;
  return 1;
}

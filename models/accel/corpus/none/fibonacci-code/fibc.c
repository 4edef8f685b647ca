/* Fibonacci universal code for positive 64-bit integers: the Zeckendorf
 * representation (a sum of non-consecutive Fibonacci numbers 1, 2, 3, 5,
 * 8, ...), written smallest term first as one bit per Fibonacci number,
 * followed by an extra 1 so that every code word ends in "11". Bits go
 * MSB-first into a byte buffer. Robust to bit errors (resynchronises at the
 * next "11"), used for compressed index lists and telemetry counters.
 * Label: none. */
#include <stddef.h>
#include <stdint.h>

#define NFIB 92 /* 1, 2, 3, ..., F(93) = 12200160415121876738 < 2^64 */

static uint64_t fibs[NFIB];

static void fib_fill(void) {
  if (fibs[0])
    return;
  uint64_t a = 1, b = 2;
  for (int i = 0; i < NFIB; i++) {
    fibs[i] = a;
    uint64_t c = a + b;
    a = b;
    b = c; /* wraps only after the last entry is stored */
  }
}

typedef struct {
  uint8_t *buf;
  size_t cap_bits, pos;
} fbits;

static int put_bit(fbits *w, unsigned b) {
  if (w->pos >= w->cap_bits)
    return -1;
  uint8_t m = (uint8_t)(0x80u >> (w->pos & 7));
  if (b)
    w->buf[w->pos >> 3] |= m;
  else
    w->buf[w->pos >> 3] &= (uint8_t)~m;
  w->pos++;
  return 0;
}

/* Appends the code of n (n >= 1); returns its length in bits or -1. */
int fc_put(fbits *w, uint64_t n) {
  uint8_t used[NFIB];
  int top;
  if (n == 0)
    return -1;
  fib_fill();
  for (top = NFIB - 1; fibs[top] > n; top--)
    ;
  for (int i = 0; i <= top; i++)
    used[i] = 0;
  uint64_t rest = n;
  for (int i = top; i >= 0 && rest; i--) {
    if (fibs[i] <= rest) {
      used[i] = 1;
      rest -= fibs[i];
      i--; /* Zeckendorf: the next smaller term cannot be used */
    }
  }
  for (int i = 0; i <= top; i++)
    if (put_bit(w, used[i]))
      return -1;
  if (put_bit(w, 1))
    return -1;
  return top + 2;
}

/* Reads one code word; 1 on success, 0 at a clean end of the stream, -1
 * for a truncated or overlong code word. */
int fc_get(const uint8_t *buf, size_t nbits, size_t *pos, uint64_t *out) {
  uint64_t v = 0;
  unsigned prev = 0;
  int k = 0;
  size_t p = *pos;
  if (p >= nbits)
    return 0;
  fib_fill();
  while (p < nbits) {
    unsigned b = (buf[p >> 3] >> (7 - (p & 7))) & 1u;
    p++;
    if (b && prev) {
      *pos = p;
      *out = v;
      return 1;
    }
    if (b) {
      if (k >= NFIB || v + fibs[k] < v)
        return -1;
      v += fibs[k];
    }
    prev = b;
    k++;
  }
  return -1;
}

/* Encodes gaps between sorted, distinct values (first value + 1, then
 * differences), as for a posting list. Returns bits used or -1. */
long fc_pack_sorted(const uint32_t *vals, size_t n, uint8_t *out, size_t cap) {
  fbits w = {out, cap * 8, 0};
  uint32_t prev = 0;
  for (size_t i = 0; i < n; i++) {
    uint64_t gap = i == 0 ? (uint64_t)vals[0] + 1 : vals[i] - prev;
    if (i && vals[i] <= prev)
      return -1;
    if (fc_put(&w, gap) < 0)
      return -1;
    prev = vals[i];
  }
  return (long)w.pos;
}

/* Golomb-Rice and Elias-gamma coding of non-negative integers into an
 * MSB-first bit stream (a 64-bit accumulator in a small writer/reader
 * context), as used by lossless audio and sensor-telemetry codecs.
 * Rice(k): quotient v >> k in unary (ones, terminated by a zero), then the
 * k low bits. Elias gamma: for v >= 1, floor(log2 v) zeros, then v's bits.
 * Label: none. */
#include <stddef.h>
#include <stdint.h>

typedef struct {
  uint8_t *buf;
  size_t cap;
  size_t pos; /* bytes written */
  uint64_t acc;
  int nacc; /* bits held in acc (low end) */
} bitsink;

typedef struct {
  const uint8_t *buf;
  size_t len;
  size_t pos;
  uint64_t acc;
  int nacc;
} bitsrc;

static int sink_put(bitsink *s, uint32_t bits, int n) {
  s->acc = (s->acc << n) | (bits & ((n == 32) ? 0xffffffffu : ((1u << n) - 1)));
  s->nacc += n;
  while (s->nacc >= 8) {
    if (s->pos >= s->cap)
      return -1;
    s->nacc -= 8;
    s->buf[s->pos++] = (uint8_t)(s->acc >> s->nacc);
  }
  return 0;
}

/* Pads the last byte with zero bits; returns the number of bytes used. */
long sink_flush(bitsink *s) {
  if (s->nacc > 0) {
    if (s->pos >= s->cap)
      return -1;
    s->buf[s->pos++] = (uint8_t)(s->acc << (8 - s->nacc));
    s->nacc = 0;
  }
  return (long)s->pos;
}

static int src_bit(bitsrc *r) {
  if (r->nacc == 0) {
    if (r->pos >= r->len)
      return -1;
    r->acc = r->buf[r->pos++];
    r->nacc = 8;
  }
  r->nacc--;
  return (int)((r->acc >> r->nacc) & 1);
}

int encode_residuals(bitsink *s, const uint32_t *v, size_t n, int k) {
  for (size_t i = 0; i < n; i++) {
    uint32_t q = v[i] >> k;
    while (q >= 16) {
      if (sink_put(s, 0xffff, 16))
        return -1;
      q -= 16;
    }
    /* q ones followed by the terminating zero */
    if (sink_put(s, ((1u << q) - 1) << 1, (int)q + 1))
      return -1;
    if (k > 0 && sink_put(s, v[i], k))
      return -1;
  }
  return 0;
}

int decode_residuals(bitsrc *r, uint32_t *out, size_t n, int k) {
  size_t i = 0;
  while (i < n) {
    uint32_t q = 0;
    int b;
    while ((b = src_bit(r)) == 1)
      q++;
    if (b < 0)
      return -1;
    uint32_t low = 0;
    for (int j = 0; j < k; j++) {
      b = src_bit(r);
      if (b < 0)
        return -1;
      low = (low << 1) | (uint32_t)b;
    }
    out[i++] = (q << k) | low;
  }
  return 0;
}

int gamma_put(bitsink *s, uint32_t v) {
  if (v == 0)
    return -1;
  int nb = 0;
  uint32_t t = v;
  do {
    nb++;
    t >>= 1;
  } while (t);
  /* nb - 1 zeros, then the nb significant bits (leading one included) */
  if (nb > 1 && sink_put(s, 0, nb - 1))
    return -1;
  return sink_put(s, v, nb);
}

long gamma_get(bitsrc *r) {
  int zeros = 0;
  int b;
  for (;;) {
    b = src_bit(r);
    if (b < 0)
      return -1;
    if (b)
      break;
    if (++zeros > 31)
      return -1;
  }
  uint32_t v = 1;
  for (int i = 0; i < zeros; i++) {
    b = src_bit(r);
    if (b < 0)
      return -1;
    v = v << 1 | (uint32_t)b;
  }
  return (long)v;
}

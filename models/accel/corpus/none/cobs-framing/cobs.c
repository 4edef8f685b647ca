/* Consistent Overhead Byte Stuffing (Cheshire and Baker, 1997) for framing
 * packets on a serial link with 0x00 as the frame delimiter: the payload
 * is cut at its zero bytes into blocks, each led by a code byte giving the
 * distance to the next zero (0xFF: 254 data bytes and no zero), so the
 * encoded frame holds no zero and grows by at most one byte per 254.
 * Buffer-to-buffer encode and decode walk begin/end pointers; the receive
 * side is a byte-at-a-time state machine that defers each implied zero
 * until it knows another block follows. Byte stuffing, not a checksum.
 * Label: none. */
#include <stdint.h>
#include <stddef.h>

#define COBS_DELIM 0x00u
#define COBS_RUN_MAX 0xFFu

size_t cobs_max_encoded(size_t n) { return n + n / 254u + 1u; }

/* Encode src[0..n) into dst (at least cobs_max_encoded(n) bytes), no
 * delimiter. Returns the encoded length. */
size_t cobs_encode(const uint8_t *src, size_t n, uint8_t *dst) {
  const uint8_t *in = src, *end = src + n;
  uint8_t *code_at = dst, *out = dst + 1;
  uint8_t code = 1;
  while (in < end) {
    uint8_t b = *in++;
    if (b == COBS_DELIM) {
      *code_at = code;
      code_at = out++;
      code = 1;
      continue;
    }
    *out++ = b;
    if (++code == COBS_RUN_MAX && in < end) {
      *code_at = code;
      code_at = out++;
      code = 1;
    }
  }
  *code_at = code;
  return (size_t)(out - dst);
}

/* Encode and append the delimiter. */
size_t cobs_frame(const uint8_t *src, size_t n, uint8_t *dst) {
  size_t len = cobs_encode(src, n, dst);
  dst[len] = COBS_DELIM;
  return len + 1;
}

/* Decode src[0..n) (no delimiter) into dst (at least n bytes). Returns the
 * decoded length, or -1 for a zero byte or a block running past the end. */
long cobs_decode(const uint8_t *src, size_t n, uint8_t *dst) {
  const uint8_t *in = src, *end = src + n;
  uint8_t *out = dst;
  while (in < end) {
    unsigned code = *in++;
    unsigned i;
    if (code == COBS_DELIM)
      return -1;
    if ((size_t)(end - in) < code - 1u)
      return -1;
    for (i = 1; i < code; i++) {
      if (*in == COBS_DELIM)
        return -1;
      *out++ = *in++;
    }
    if (code != COBS_RUN_MAX && in < end)
      *out++ = 0;
  }
  return (long)(out - dst);
}

enum cobs_rx_state { RX_IDLE, RX_CODE, RX_DATA, RX_DISCARD };

typedef struct {
  enum cobs_rx_state state;
  uint8_t code;      /* code byte of the current block */
  uint8_t left;      /* data bytes still due in the block */
  uint8_t zero_due;  /* previous block ended in an implied zero */
  uint8_t *buf;
  size_t cap, len;
  unsigned long frames, errors;
} cobs_rx_t;

void cobs_rx_init(cobs_rx_t *rx, uint8_t *buf, size_t cap) {
  rx->state = RX_IDLE;
  rx->code = rx->left = rx->zero_due = 0;
  rx->buf = buf;
  rx->cap = cap;
  rx->len = 0;
  rx->frames = rx->errors = 0;
}

static int rx_put(cobs_rx_t *rx, uint8_t b) {
  if (rx->len == rx->cap)
    return -1;
  rx->buf[rx->len++] = b;
  return 0;
}

/* Feed one line byte. Returns 1 when a frame is complete (rx->buf holds
 * rx->len bytes until the next call), -1 when a frame was dropped, 0
 * otherwise. */
int cobs_rx_byte(cobs_rx_t *rx, uint8_t b) {
  if (b == COBS_DELIM) {
    int r = 0;
    switch (rx->state) {
    case RX_CODE:
      rx->frames++;
      r = 1;
      break;
    case RX_DATA:
    case RX_DISCARD:
      rx->errors++;
      r = -1;
      break;
    case RX_IDLE:
      break; /* back-to-back delimiters: empty gap, not a frame */
    }
    rx->state = RX_IDLE;
    rx->zero_due = 0;
    if (r != 1)
      rx->len = 0;
    return r;
  }
  switch (rx->state) {
  case RX_IDLE:
    rx->len = 0;
    /* fall through */
  case RX_CODE:
    if (rx->zero_due && rx_put(rx, 0) < 0)
      goto overflow;
    rx->code = b;
    rx->left = (uint8_t)(b - 1u);
    rx->zero_due = b != COBS_RUN_MAX;
    rx->state = rx->left ? RX_DATA : RX_CODE;
    return 0;
  case RX_DATA:
    if (rx_put(rx, b) < 0)
      goto overflow;
    if (--rx->left == 0)
      rx->state = RX_CODE;
    return 0;
  case RX_DISCARD:
    return 0;
  }
  return 0;
overflow:
  rx->state = RX_DISCARD;
  return 0;
}

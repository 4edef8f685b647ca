/*
 * HDLC bit-synchronous framing (ISO/IEC 13239): zero-bit insertion.
 *
 * Octets go on the line least significant bit first. Between flags
 * (01111110) the sender inserts a 0 after every run of five 1 bits, so the
 * payload can never look like a flag; seven or more 1 bits in a row mean
 * "abort". The line is packed into bytes LSB first as well; idle time after
 * the last flag is filled with 1 bits (mark idle).
 *
 * The receiver is a streaming state machine fed whole line bytes; completed
 * frames are appended to a caller-supplied arena.
 */
#include <stddef.h>
#include <stdint.h>

#define HDLC_FLAG 0x7Eu

/* ---------------- transmitter ---------------- */

struct hdlc_tx {
  uint8_t *line;
  size_t cap_bytes;
  size_t nbits;     /* bits written so far */
  unsigned ones;    /* consecutive 1s of stuffed data */
  int last_was_flag;
  int overflow;
};

void hdlc_tx_init(struct hdlc_tx *tx, uint8_t *line, size_t cap_bytes) {
  tx->line = line;
  tx->cap_bytes = cap_bytes;
  tx->nbits = 0;
  tx->ones = 0;
  tx->last_was_flag = 0;
  tx->overflow = 0;
}

static void tx_raw_bit(struct hdlc_tx *tx, unsigned b) {
  size_t byte = tx->nbits >> 3;
  unsigned sh = (unsigned)(tx->nbits & 7);
  if (byte >= tx->cap_bytes) {
    tx->overflow = 1;
    return;
  }
  if (sh == 0)
    tx->line[byte] = 0;
  tx->line[byte] |= (uint8_t)((b & 1u) << sh);
  tx->nbits++;
}

static void tx_flag(struct hdlc_tx *tx) {
  unsigned v = HDLC_FLAG;
  int k;
  for (k = 0; k < 8; k++, v >>= 1)
    tx_raw_bit(tx, v & 1u);
  tx->ones = 0;
  tx->last_was_flag = 1;
}

/* One frame: opening flag (unless the previous frame's closing flag can be
 * shared), stuffed payload, closing flag. */
void hdlc_tx_frame(struct hdlc_tx *tx, const uint8_t *data, size_t n) {
  size_t i;
  if (!tx->last_was_flag)
    tx_flag(tx);
  tx->ones = 0;
  for (i = 0; i < n; i++) {
    unsigned octet = data[i];
    unsigned k;
    for (k = 0; k < 8; k++) {
      unsigned b = (octet >> k) & 1u;
      tx_raw_bit(tx, b);
      if (!b) {
        tx->ones = 0;
        continue;
      }
      if (++tx->ones == 5) {
        tx_raw_bit(tx, 0); /* the inserted zero */
        tx->ones = 0;
      }
    }
  }
  tx_flag(tx);
}

/* Sends an abort sequence (seven 1s, as in the standard's "abort") and
 * forces the next frame to start with a fresh flag. */
void hdlc_tx_abort(struct hdlc_tx *tx) {
  int k;
  for (k = 0; k < 7; k++)
    tx_raw_bit(tx, 1);
  tx->last_was_flag = 0;
}

/* Pads to a byte boundary with mark-idle 1s; returns the bytes used. */
size_t hdlc_tx_finish(struct hdlc_tx *tx) {
  while (tx->nbits & 7u)
    tx_raw_bit(tx, 1);
  if (tx->overflow)
    return 0;
  return tx->nbits >> 3;
}

/* ---------------- receiver ---------------- */

enum hdlc_rx_state { RX_HUNT = 0, RX_IN_FRAME = 1 };

struct hdlc_rx {
  /* arena for completed frames */
  uint8_t *arena;
  size_t arena_cap;
  size_t arena_used;
  size_t *frame_len;
  unsigned max_frames;
  unsigned nframes;
  /* bit engine */
  unsigned ones;    /* current run of 1s on the line */
  int zero_was_data; /* the 0 before the current run of 1s was a data bit */
  enum hdlc_rx_state state;
  size_t cur_start; /* arena offset of the frame being built */
  size_t cur_bits;  /* de-stuffed data bits collected */
  uint8_t acc;
  /* statistics */
  unsigned aborts;
  unsigned bad_length;
  unsigned overruns;
};

void hdlc_rx_init(struct hdlc_rx *rx, uint8_t *arena, size_t cap,
                  size_t *frame_len, unsigned max_frames) {
  rx->arena = arena;
  rx->arena_cap = cap;
  rx->arena_used = 0;
  rx->frame_len = frame_len;
  rx->max_frames = max_frames;
  rx->nframes = 0;
  rx->ones = 0;
  rx->zero_was_data = 0;
  rx->state = RX_HUNT;
  rx->cur_start = 0;
  rx->cur_bits = 0;
  rx->acc = 0;
  rx->aborts = 0;
  rx->bad_length = 0;
  rx->overruns = 0;
}

static void rx_begin(struct hdlc_rx *rx) {
  rx->state = RX_IN_FRAME;
  rx->cur_start = rx->arena_used;
  rx->cur_bits = 0;
  rx->acc = 0;
}

/* Flag seen: close the frame being built. The flag's six 1s, and its
 * leading 0 unless that 0 had been taken for a stuffed bit, were collected
 * as data bits; take them back off. */
static void rx_flag(struct hdlc_rx *rx) {
  if (rx->state == RX_IN_FRAME) {
    size_t strip = 6u + (rx->zero_was_data ? 1u : 0u);
    size_t bits = rx->cur_bits >= strip ? rx->cur_bits - strip : 0;
    if (bits >= 8 && (bits & 7) == 0 && rx->nframes < rx->max_frames &&
        rx->cur_start + (bits >> 3) <= rx->arena_cap) {
      rx->frame_len[rx->nframes++] = bits >> 3;
      rx->arena_used = rx->cur_start + (bits >> 3);
    } else if (bits != 0) {
      if ((bits & 7) != 0 || bits < 8)
        rx->bad_length++;
      else
        rx->overruns++;
    }
  }
  rx_begin(rx);
}

static void rx_data_bit(struct hdlc_rx *rx, unsigned b) {
  size_t pos;
  rx->acc = (uint8_t)(rx->acc | (b << (rx->cur_bits & 7)));
  rx->cur_bits++;
  if ((rx->cur_bits & 7) != 0)
    return;
  pos = rx->cur_start + (rx->cur_bits >> 3) - 1;
  if (pos < rx->arena_cap)
    rx->arena[pos] = rx->acc;
  rx->acc = 0;
}

static void rx_line_bit(struct hdlc_rx *rx, unsigned b) {
  if (b) {
    rx->ones++;
    if (rx->ones == 7) { /* abort (or idle): drop whatever was building */
      if (rx->state == RX_IN_FRAME && rx->cur_bits > 7)
        rx->aborts++;
      rx->state = RX_HUNT;
    }
    if (rx->state == RX_IN_FRAME)
      rx_data_bit(rx, 1);
    return;
  }
  /* a zero */
  if (rx->ones == 6) {
    rx->ones = 0;
    rx_flag(rx);
    rx->zero_was_data = 0; /* the flag's closing 0 is not data */
    return;
  }
  if (rx->ones == 5) { /* stuffed zero: discard */
    rx->ones = 0;
    rx->zero_was_data = 0;
    return;
  }
  rx->ones = 0;
  rx->zero_was_data = (rx->state == RX_IN_FRAME);
  if (rx->state == RX_IN_FRAME)
    rx_data_bit(rx, 0);
}

void hdlc_rx_feed(struct hdlc_rx *rx, const uint8_t *line, size_t n) {
  size_t i;
  for (i = 0; i < n; i++) {
    unsigned v = line[i];
    unsigned k;
    for (k = 0; k < 8; k++)
      rx_line_bit(rx, (v >> k) & 1u);
  }
}

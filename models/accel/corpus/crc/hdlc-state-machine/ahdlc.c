/* Receive side of asynchronous HDLC framing (as PPP uses it, RFC 1662):
 * a state machine (hunt for a flag, inside a frame, after an escape) that
 * removes the 0x7D escapes and runs the frame check sequence over the
 * unescaped bytes as they arrive. FCS-16 (CRC-16/X-25: reflected generator
 * 0x8408, all-ones seed) is kept bit by bit with the eight steps driven by
 * a second small switch-based state machine, and a good frame leaves the
 * magic residue 0xF0B8. The 32-bit FCS (reflected 0xEDB88320, residue
 * 0xDEBB20E3) is a loop written with goto. Label: crc. */
#include <stddef.h>
#include <stdint.h>

enum rx_state { RX_HUNT, RX_DATA, RX_ESC };

struct ahdlc_rx {
  enum rx_state st;
  uint16_t fcs;
  uint16_t len;
  uint16_t good, bad;
  uint8_t buf[1600];
};

/* FCS-16 over one byte: the byte's eight bits are consumed by a switch
 * whose case is the number of bits still to go. */
uint16_t fcs16_octet(uint16_t fcs, uint8_t c) {
  int left = 8;
  uint16_t x = fcs ^ c;
  while (left) {
    switch (x & 1u) {
    case 0:
      x >>= 1;
      break;
    case 1:
      x = (uint16_t)((x >> 1) ^ 0x8408u);
      break;
    }
    left--;
  }
  return x;
}

static void rx_deliver(struct ahdlc_rx *rx) {
  if (rx->len >= 4 && rx->fcs == 0xF0B8u)
    rx->good++;
  else if (rx->len > 0)
    rx->bad++;
}

/* Feed received octets; returns the number of good frames seen so far. */
unsigned ahdlc_input(struct ahdlc_rx *rx, const uint8_t *in, size_t n) {
  for (size_t i = 0; i < n; i++) {
    uint8_t c = in[i];
    switch (rx->st) {
    case RX_HUNT:
      if (c == 0x7E) {
        rx->st = RX_DATA;
        rx->fcs = 0xFFFF;
        rx->len = 0;
      }
      break;
    case RX_ESC:
      if (c == 0x7E) { /* abort sequence */
        rx->fcs = 0xFFFF;
        rx->len = 0;
        rx->st = RX_DATA;
        break;
      }
      c ^= 0x20;
      rx->st = RX_DATA;
      goto store;
    case RX_DATA:
      if (c == 0x7E) {
        rx_deliver(rx);
        rx->fcs = 0xFFFF;
        rx->len = 0;
        break;
      }
      if (c == 0x7D) {
        rx->st = RX_ESC;
        break;
      }
    store:
      if (rx->len >= sizeof rx->buf) {
        rx->st = RX_HUNT;
        rx->bad++;
        break;
      }
      rx->buf[rx->len++] = c;
      rx->fcs = fcs16_octet(rx->fcs, c);
      break;
    }
  }
  return rx->good;
}

/* 32-bit FCS register over a buffer (seed and check by the caller). */
uint32_t fcs32_run(uint32_t fcs, const uint8_t *p, size_t n) {
  int bit;
  if (n == 0)
    goto done;
next_byte:
  fcs ^= *p++;
  bit = 0;
next_bit:
  if (fcs & 1u)
    fcs = (fcs >> 1) ^ 0xEDB88320u;
  else
    fcs >>= 1;
  if (++bit < 8)
    goto next_bit;
  if (--n)
    goto next_byte;
done:
  return fcs;
}

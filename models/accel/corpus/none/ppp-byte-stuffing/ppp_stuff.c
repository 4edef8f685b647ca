/* Asynchronous HDLC-like framing for PPP (RFC 1662 section 4): flag
 * delimiting, control-escape byte stuffing with an Async-Control-Character
 * -Map, and a streaming receiver that undoes it. The FCS is handled by a
 * separate layer and is not part of this code. */
#include <stddef.h>
#include <stdint.h>

#define PPP_FLAG 0x7E
#define PPP_ESC 0x7D
#define PPP_XOR 0x20

static int ppp_must_escape(uint32_t accm, uint8_t c) {
  if (c == PPP_FLAG || c == PPP_ESC)
    return 1;
  return c < 0x20 && ((accm >> c) & 1u);
}

/* Exact stuffed length of a frame, including both flags. */
size_t ppp_stuffed_len(const uint8_t *in, size_t n, uint32_t accm) {
  size_t len = 2;
  for (size_t i = 0; i < n; i++)
    len += ppp_must_escape(accm, in[i]) ? 2 : 1;
  return len;
}

/* Stuff one frame into out. Returns bytes written or 0 if cap is short. */
size_t ppp_stuff(const uint8_t *in, size_t n, uint32_t accm, uint8_t *out,
                 size_t cap) {
  size_t o = 0;
  if (cap < 2)
    return 0;
  out[o++] = PPP_FLAG;
  for (size_t i = 0; i < n; i++) {
    uint8_t c = in[i];
    if (ppp_must_escape(accm, c)) {
      if (o + 2 > cap - 1)
        return 0;
      out[o++] = PPP_ESC;
      out[o++] = (uint8_t)(c ^ PPP_XOR);
    } else {
      if (o + 1 > cap - 1)
        return 0;
      out[o++] = c;
    }
  }
  out[o++] = PPP_FLAG;
  return o;
}

struct ppp_rx {
  uint32_t accm;      /* characters the peer may have inserted: drop them */
  uint8_t *buf;
  size_t cap;
  size_t len;
  int escaped;
  int overflow;
  unsigned frames, aborts, runts, overruns;
  void (*deliver)(void *ctx, const uint8_t *frame, size_t len);
  void *ctx;
};

void ppp_rx_init(struct ppp_rx *rx, uint32_t accm, uint8_t *buf, size_t cap,
                 void (*deliver)(void *, const uint8_t *, size_t), void *ctx) {
  rx->accm = accm;
  rx->buf = buf;
  rx->cap = cap;
  rx->len = 0;
  rx->escaped = 0;
  rx->overflow = 0;
  rx->frames = rx->aborts = rx->runts = rx->overruns = 0;
  rx->deliver = deliver;
  rx->ctx = ctx;
}

/* Feed received bytes; complete frames are delivered through the callback.
 * An escape immediately followed by a flag aborts the frame. Frames shorter
 * than min_len are counted as runts and dropped. */
void ppp_rx_feed(struct ppp_rx *rx, const uint8_t *data, size_t n,
                 size_t min_len) {
  for (size_t i = 0; i < n; i++) {
    uint8_t c = data[i];
    if (c == PPP_FLAG) {
      if (rx->escaped) {
        rx->aborts++;
      } else if (rx->overflow) {
        rx->overruns++;
      } else if (rx->len > 0) {
        if (rx->len < min_len)
          rx->runts++;
        else {
          rx->frames++;
          rx->deliver(rx->ctx, rx->buf, rx->len);
        }
      }
      rx->len = 0;
      rx->escaped = 0;
      rx->overflow = 0;
      continue;
    }
    if (c < 0x20 && ((rx->accm >> c) & 1u))
      continue; /* inserted by a modem or link; not data */
    if (c == PPP_ESC) {
      rx->escaped = 1;
      continue;
    }
    if (rx->escaped) {
      c ^= PPP_XOR;
      rx->escaped = 0;
    }
    if (rx->len < rx->cap)
      rx->buf[rx->len++] = c;
    else
      rx->overflow = 1;
  }
}

/* Bit-interleaved parity (BIP-8 / BIP-N as used for SONET/SDH B1/B2 and
 * OTN section monitoring) and XOR stripe parity for erasure recovery.
 * All of it is plain even parity: XOR reductions, no polynomial division. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* BIP-8: even parity of each bit position over all bytes. Processes eight
 * bytes at a time and folds the 64-bit accumulator down to one byte. */
uint8_t bip8(const uint8_t *buf, size_t n) {
  uint64_t acc = 0;
  size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    uint64_t w;
    memcpy(&w, buf + i, 8);
    acc ^= w;
  }
  acc ^= acc >> 32;
  acc ^= acc >> 16;
  acc ^= acc >> 8;
  uint8_t p = (uint8_t)acc;
  for (; i < n; i++)
    p ^= buf[i];
  return p;
}

/* BIP-(8*width): byte k of the result is the parity of bytes whose index
 * is congruent to k modulo width (e.g. width 3 for an STS-3 B2). */
void bip_interleaved(const uint8_t *buf, size_t n, size_t width, uint8_t *out) {
  memset(out, 0, width);
  size_t col = 0;
  for (size_t i = 0; i < n; i++) {
    out[col] ^= buf[i];
    if (++col == width)
      col = 0;
  }
}

/* Number of bit positions in which two parity words disagree (each is one
 * BIP violation). */
unsigned bip_violations(const uint8_t *expect, const uint8_t *got, size_t width) {
  unsigned errs = 0;
  for (size_t k = 0; k < width; k++) {
    uint8_t d = (uint8_t)(expect[k] ^ got[k]);
    while (d) {
      d &= (uint8_t)(d - 1);
      errs++;
    }
  }
  return errs;
}

struct bip_monitor {
  size_t frame_len;
  size_t b1_offset;  /* where each frame carries the BIP-8 of the previous */
  int have_prev;
  uint8_t prev_bip;
  uint64_t frames;
  uint64_t errored_frames;
  uint64_t bit_violations;
};

void bip_monitor_init(struct bip_monitor *m, size_t frame_len, size_t b1_offset) {
  memset(m, 0, sizeof(*m));
  m->frame_len = frame_len;
  m->b1_offset = b1_offset;
}

/* Feed one complete frame. The B1 byte of frame k must equal the BIP-8
 * of frame k-1 as transmitted (including its own B1 byte). Returns the
 * number of violations found in this frame's check, or -1 on bad length. */
int bip_monitor_frame(struct bip_monitor *m, const uint8_t *frame, size_t len) {
  if (len != m->frame_len || m->b1_offset >= len)
    return -1;
  int v = 0;
  if (m->have_prev) {
    uint8_t carried = frame[m->b1_offset];
    v = (int)bip_violations(&m->prev_bip, &carried, 1);
    if (v) {
      m->errored_frames++;
      m->bit_violations += (uint64_t)v;
    }
  }
  m->prev_bip = bip8(frame, len);
  m->have_prev = 1;
  m->frames++;
  return v;
}

/* XOR parity across nblocks equal blocks of len bytes. */
void stripe_parity(const uint8_t *const *blocks, size_t nblocks, size_t len,
                   uint8_t *parity) {
  memset(parity, 0, len);
  for (size_t b = 0; b < nblocks; b++) {
    const uint8_t *src = blocks[b];
    size_t i = 0;
    for (; i + 4 <= len; i += 4) {
      parity[i] ^= src[i];
      parity[i + 1] ^= src[i + 1];
      parity[i + 2] ^= src[i + 2];
      parity[i + 3] ^= src[i + 3];
    }
    for (; i < len; i++)
      parity[i] ^= src[i];
  }
}

/* Rebuild block `missing` from the others and the parity. */
void stripe_rebuild(const uint8_t *const *blocks, size_t nblocks, size_t len,
                    const uint8_t *parity, size_t missing, uint8_t *out) {
  memcpy(out, parity, len);
  for (size_t b = 0; b < nblocks; b++) {
    if (b == missing)
      continue;
    for (size_t i = 0; i < len; i++)
      out[i] ^= blocks[b][i];
  }
}

/* 8b/10b line code (Widmer & Franaszek, as used by Fibre Channel, Gigabit
 * Ethernet 1000BASE-X, PCIe 1.x/2.x, SATA). A byte HGF EDCBA is sent as
 * the 6-bit sub-block abcdei of its low five bits followed by the 4-bit
 * sub-block fghj of its high three bits; the running disparity (RD) picks
 * between a code and its complement so that the line stays DC-balanced,
 * and the alternate x.A7 code avoids runs of five equal bits across the
 * sub-block boundary. Control symbols K28.0-7, K23.7, K27.7, K29.7 and
 * K30.7 are supported. Symbols are 10-bit values with `a` in bit 9
 * (transmitted first). Also here: a decoder with per-RD inverse tables
 * built from the encoder, a serializer that packs symbols LSB-first into
 * bytes, and a comma aligner that finds K28.5 in a raw bit stream.
 * Label: none. */
#include <stdint.h>
#include <stddef.h>
#include <string.h>

/* 5b/6b codes for RD-; RD+ uses the complement when the code is
 * unbalanced, and D.07 (balanced 111000) flips to 000111 too. */
static const uint8_t six_minus[32] = {
    0x27, 0x1D, 0x2D, 0x31, 0x35, 0x29, 0x19, 0x38,
    0x39, 0x25, 0x15, 0x34, 0x0D, 0x2C, 0x1C, 0x17,
    0x1B, 0x23, 0x13, 0x32, 0x0B, 0x2A, 0x1A, 0x3A,
    0x33, 0x26, 0x16, 0x36, 0x0E, 0x2E, 0x1E, 0x2B};
/* 3b/4b codes for RD- (index 7 = primary P7, index 8 = alternate A7). */
static const uint8_t four_minus_d[9] = {0xB, 0x9, 0x5, 0xC, 0xD, 0xA, 0x6, 0xE, 0x7};
static const uint8_t four_minus_k[8] = {0xB, 0x6, 0xA, 0xC, 0xD, 0x5, 0x9, 0x7};

#define K28_6B_MINUS 0x0F
#define ONES6(v) (__builtin_popcount((unsigned)(v) & 0x3F))
#define ONES4(v) (__builtin_popcount((unsigned)(v) & 0x0F))
#define SYM_K28_5_MINUS 0x0FA
#define SYM_K28_5_PLUS 0x305

struct enc8b10b {
  int rd; /* -1 or +1 */
};

struct dec8b10b {
  int rd;
  /* inverse tables: 0x000-0x0FF data, 0x100 | byte for controls, -1 bad */
  int16_t inv[2][1024];
  unsigned long code_errors, disparity_errors;
};

int is_control_8b10b(uint8_t b) {
  unsigned x = b & 31, y = b >> 5;
  return x == 28 || (y == 7 && (x == 23 || x == 27 || x == 29 || x == 30));
}

/* One 6-bit sub-block at disparity *rd (updated). */
static unsigned sub6(unsigned x, int ctrl28, int *rd) {
  unsigned c = ctrl28 ? K28_6B_MINUS : six_minus[x];
  int ones = ONES6(c);
  if (*rd > 0 && (ones != 3 || c == 0x38))
    c = ~c & 0x3F;
  ones = ONES6(c);
  if (ones != 3)
    *rd = -*rd;
  return c;
}

static unsigned sub4(unsigned x, unsigned y, int ctrl, int *rd) {
  unsigned c;
  if (ctrl) {
    c = four_minus_k[y];
  } else if (y == 7 && ((*rd < 0 && (x == 17 || x == 18 || x == 20)) ||
                        (*rd > 0 && (x == 11 || x == 13 || x == 14)))) {
    c = four_minus_d[8];
  } else {
    c = four_minus_d[y];
  }
  if (*rd > 0 && (ONES4(c) != 2 || c == 0xC || (ctrl && (y == 1 || y == 2 || y == 5 || y == 6))))
    c = ~c & 0xF;
  if (ONES4(c) != 2)
    *rd = -*rd;
  return c;
}

/* Encode one byte (ctrl != 0: the control symbol K.x.y); -1 if ctrl names
 * no control symbol. */
int encode_8b10b(struct enc8b10b *e, uint8_t byte, int ctrl) {
  unsigned x = byte & 31, y = byte >> 5;
  if (ctrl && !is_control_8b10b(byte))
    return -1;
  unsigned hi = sub6(x, ctrl && x == 28, &e->rd);
  unsigned lo = sub4(x, y, ctrl, &e->rd);
  return (int)(hi << 4 | lo);
}

/* Encode a buffer of data bytes into 10-bit symbols; returns the count. */
size_t encode_block_8b10b(struct enc8b10b *e, const uint8_t *in, size_t n,
                          uint16_t *out) {
  const uint8_t *end = in + n;
  uint16_t *o = out;
  while (in != end)
    *o++ = (uint16_t)encode_8b10b(e, *in++, 0);
  return (size_t)(o - out);
}

void dec8b10b_init(struct dec8b10b *d) {
  struct enc8b10b e;
  int side, b, ctrl;
  memset(d->inv, 0xFF, sizeof d->inv);
  for (side = 0; side < 2; side++)
    for (ctrl = 0; ctrl < 2; ctrl++)
      for (b = 0; b < 256; b++) {
        int s;
        e.rd = side ? 1 : -1;
        s = encode_8b10b(&e, (uint8_t)b, ctrl);
        if (s >= 0)
          d->inv[side][s] = (int16_t)(ctrl << 8 | b);
      }
  d->rd = -1;
  d->code_errors = d->disparity_errors = 0;
}

/* Decode one symbol: the byte, 0x100 | byte for a control, or -1. A code
 * valid only at the other disparity counts as a disparity error and is
 * still decoded; RD then follows the symbol's own balance. */
int decode_8b10b(struct dec8b10b *d, unsigned sym) {
  int side = d->rd > 0;
  int v = d->inv[side][sym & 0x3FF];
  int ones;
  if (v < 0) {
    v = d->inv[!side][sym & 0x3FF];
    if (v < 0) {
      d->code_errors++;
      return -1;
    }
    d->disparity_errors++;
    side = !side;
  }
  ones = ONES6(sym >> 4) + ONES4(sym);
  d->rd = side ? 1 : -1;
  if (ones != 5)
    d->rd = -d->rd;
  return v;
}

/* Serialize symbols onto the wire order (bit a first) as LSB-first bytes;
 * returns the number of bytes written (last one zero-padded). */
size_t serialize_8b10b(const uint16_t *sym, size_t n, uint8_t *out) {
  uint32_t acc = 0;
  int nbits = 0;
  size_t o = 0, i;
  for (i = 0; i < n; i++) {
    unsigned s = sym[i], k;
    for (k = 0; k < 10; k++) /* a (bit 9) goes first */
      acc |= ((s >> (9 - k)) & 1u) << (nbits + (int)k);
    nbits += 10;
    while (nbits >= 8) {
      out[o++] = (uint8_t)acc;
      acc >>= 8;
      nbits -= 8;
    }
  }
  if (nbits > 0)
    out[o++] = (uint8_t)acc;
  return o;
}

/* Bit offset of the first K28.5 symbol in an LSB-first bit stream, or -1.
 * The window holds the last ten bits with the earliest in bit 9. */
long comma_align_8b10b(const uint8_t *bits, size_t nbytes) {
  unsigned win = 0;
  size_t pos;
  for (pos = 0; pos < nbytes * 8; pos++) {
    win = ((win << 1) | ((bits[pos >> 3] >> (pos & 7)) & 1u)) & 0x3FF;
    if (pos >= 9 && (win == SYM_K28_5_MINUS || win == SYM_K28_5_PLUS))
      return (long)(pos - 9);
  }
  return -1;
}

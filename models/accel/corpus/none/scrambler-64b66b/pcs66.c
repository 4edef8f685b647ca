/* 64B/66B physical coding sublayer pieces (IEEE 802.3 clause 49, 10GBASE-R):
 * the self-synchronizing payload scrambler G(x) = 1 + x^39 + x^58, its
 * descrambler, 66-bit block framing with the 2-bit sync header (01 data,
 * 10 control) and the receive block-lock state machine that slips one bit
 * at a time until 64 consecutive valid sync headers are seen, and drops
 * lock after 16 invalid headers within a window of 64. Bits go out LSB
 * first; a scrambler word holds the last 64 line bits, bit k being the
 * (64-k)-th most recent. The word-wide form uses the fact that every tap
 * reaches back at least 39 bits: bits 0..38 of a block depend only on the
 * previous block, and the later ones only on those. A bit-serial form is
 * kept as the reference. Not an error-detecting code: nothing here is a
 * CRC. Label: none. */
#include <stdint.h>
#include <stddef.h>

typedef struct {
  uint64_t last; /* last 64 scrambled bits, newest in bit 63 */
} scr58_t;

typedef struct {
  uint8_t sync;     /* 2-bit header, first-sent bit in bit 0 */
  uint64_t payload; /* scrambled */
} block66_t;

enum { SH_DATA = 0x1 /* line bits 1,0 */, SH_CTRL = 0x2 };

typedef struct {
  int locked;
  unsigned offset;     /* candidate bit offset of a block start */
  unsigned sh_cnt;     /* headers examined in this window */
  unsigned sh_invld;   /* invalid headers in this window */
  unsigned long slips;
} blocklock_t;

uint64_t scramble_serial(scr58_t *st, uint64_t data, int nbits) {
  uint64_t out = 0, s = st->last;
  int i;
  for (i = 0; i < nbits; i++) {
    unsigned b = (unsigned)(data >> i) & 1u;
    b ^= (unsigned)(s >> 25) & 1u; /* 39 bits back */
    b ^= (unsigned)(s >> 6) & 1u;  /* 58 bits back */
    s = (s >> 1) | ((uint64_t)b << 63);
    out |= (uint64_t)b << i;
  }
  st->last = s;
  return out;
}

uint64_t descramble_serial(scr58_t *st, uint64_t line, int nbits) {
  uint64_t out = 0, s = st->last;
  int i;
  for (i = 0; i < nbits; i++) {
    unsigned b = (unsigned)(line >> i) & 1u;
    unsigned d = b ^ ((unsigned)(s >> 25) & 1u) ^ ((unsigned)(s >> 6) & 1u);
    s = (s >> 1) | ((uint64_t)b << 63);
    out |= (uint64_t)d << i;
  }
  st->last = s;
  return out;
}

uint64_t scramble64(scr58_t *st, uint64_t data) {
  uint64_t t = data ^ (st->last >> 25) ^ (st->last >> 6);
  uint64_t o = t ^ (t << 39) ^ (t << 58);
  st->last = o;
  return o;
}

uint64_t descramble64(scr58_t *st, uint64_t line) {
  uint64_t p = st->last;
  st->last = line;
  return line ^ (line << 39) ^ (line << 58) ^ (p >> 25) ^ (p >> 6);
}

block66_t encode66(scr58_t *st, uint64_t payload, int is_control) {
  block66_t b;
  b.sync = is_control ? SH_CTRL : SH_DATA;
  b.payload = scramble64(st, payload);
  return b;
}

/* Write n blocks as a contiguous LSB-first bit stream; returns bits. */
size_t pack66(const block66_t *blk, size_t n, uint8_t *out) {
  size_t bit = 0, i;
  int k;
  for (i = 0; i < n; i++) {
    for (k = 0; k < 2; k++, bit++) {
      if (((blk[i].sync >> k) & 1) != 0)
        out[bit >> 3] |= (uint8_t)(1u << (bit & 7));
      else
        out[bit >> 3] &= (uint8_t)~(1u << (bit & 7));
    }
    for (k = 0; k < 64; k++, bit++) {
      if ((blk[i].payload >> k) & 1)
        out[bit >> 3] |= (uint8_t)(1u << (bit & 7));
      else
        out[bit >> 3] &= (uint8_t)~(1u << (bit & 7));
    }
  }
  return bit;
}

/* Read n <= 64 bits starting at bit position pos. */
uint64_t get_bits66(const uint8_t *s, size_t pos, int n) {
  uint64_t v = 0;
  int k;
  for (k = 0; k < n; k++, pos++)
    v |= (uint64_t)((s[pos >> 3] >> (pos & 7)) & 1u) << k;
  return v;
}

void blocklock_init(blocklock_t *bl) {
  bl->locked = 0;
  bl->offset = 0;
  bl->sh_cnt = 0;
  bl->sh_invld = 0;
  bl->slips = 0;
}

/* Feed the two header bits found at the candidate offset of the next
 * block; returns 1 while locked. */
int blocklock_step(blocklock_t *bl, unsigned sh) {
  int valid = (sh == SH_DATA || sh == SH_CTRL);
  bl->sh_cnt++;
  if (!valid)
    bl->sh_invld++;
  if (!bl->locked) {
    if (!valid) {
      bl->offset = (bl->offset + 1) % 66; /* slip */
      bl->slips++;
      bl->sh_cnt = bl->sh_invld = 0;
    } else if (bl->sh_cnt == 64) {
      bl->locked = 1;
      bl->sh_cnt = bl->sh_invld = 0;
    }
    return bl->locked;
  }
  if (bl->sh_invld >= 16) {
    bl->locked = 0;
    bl->offset = (bl->offset + 1) % 66;
    bl->slips++;
    bl->sh_cnt = bl->sh_invld = 0;
  } else if (bl->sh_cnt == 64) {
    bl->sh_cnt = bl->sh_invld = 0;
  }
  return bl->locked;
}

/* Run block lock over a raw stream; returns the locked offset or -1. */
long blocklock_search(const uint8_t *s, size_t nbits) {
  blocklock_t bl;
  size_t base = 0;
  blocklock_init(&bl);
  while (base + bl.offset + 66 <= nbits) {
    unsigned before = bl.offset;
    int locked = blocklock_step(&bl, (unsigned)get_bits66(s, base + bl.offset, 2));
    if (locked)
      return (long)((base + bl.offset) % 66);
    if (bl.offset == before)
      base += 66;
  }
  return -1;
}

/* BLAKE-256 (the SHA-3 finalist, 14 rounds; not BLAKE2s): 16-word state
 * from the chaining value, a zero salt and the bit counter xored into the
 * pi constants, G mixing written as a macro over the column and diagonal
 * steps, message words selected through the ten sigma permutations, and
 * padding with the 0x01/0x81 marker byte before the 64-bit bit length.
 * Streaming interface over a context struct. Label: crypto. */
#include <stdint.h>
#include <string.h>

struct dctx {
  uint32_t h[8];
  uint32_t cnt_lo, cnt_hi; /* message bits compressed so far */
  uint8_t buf[64];
  unsigned fill;
  int nullt; /* final block carries no message bits */
};

static const uint32_t PI_C[16] = {
    0x243F6A88, 0x85A308D3, 0x13198A2E, 0x03707344, 0xA4093822, 0x299F31D0,
    0x082EFA98, 0xEC4E6C89, 0x452821E6, 0x38D01377, 0xBE5466CF, 0x34E90C6C,
    0xC0AC29B7, 0xC97C50DD, 0x3F84D5B5, 0xB5470917};

static const uint8_t SIG[10][16] = {
    {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15},
    {14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3},
    {11, 8, 12, 0, 5, 2, 15, 13, 10, 14, 3, 6, 7, 1, 9, 4},
    {7, 9, 3, 1, 13, 12, 11, 14, 2, 6, 5, 10, 4, 0, 15, 8},
    {9, 0, 5, 7, 2, 4, 10, 15, 14, 1, 11, 12, 6, 8, 3, 13},
    {2, 12, 6, 10, 0, 11, 8, 3, 4, 13, 7, 5, 15, 14, 1, 9},
    {12, 5, 1, 15, 14, 13, 4, 10, 0, 7, 6, 3, 9, 2, 8, 11},
    {13, 11, 7, 14, 12, 1, 3, 9, 5, 0, 15, 4, 8, 6, 2, 10},
    {6, 15, 14, 9, 11, 3, 0, 8, 12, 2, 13, 7, 1, 4, 10, 5},
    {10, 2, 8, 4, 7, 6, 1, 5, 15, 11, 9, 14, 3, 12, 13, 0}};

#define ROTR(x, n) (((x) >> (n)) | ((x) << (32 - (n))))
#define MIX(a, b, c, d, e)                                                     \
  do {                                                                         \
    v[a] += v[b] + (m[s[e]] ^ PI_C[s[e + 1]]);                                 \
    v[d] = ROTR(v[d] ^ v[a], 16);                                              \
    v[c] += v[d];                                                              \
    v[b] = ROTR(v[b] ^ v[c], 12);                                              \
    v[a] += v[b] + (m[s[e + 1]] ^ PI_C[s[e]]);                                 \
    v[d] = ROTR(v[d] ^ v[a], 8);                                               \
    v[c] += v[d];                                                              \
    v[b] = ROTR(v[b] ^ v[c], 7);                                               \
  } while (0)

static void squeeze_block(struct dctx *c, const uint8_t *p) {
  uint32_t m[16], v[16];
  int i, r;
  for (i = 0; i < 16; i++, p += 4)
    m[i] = (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 |
           p[3];
  for (i = 0; i < 8; i++)
    v[i] = c->h[i];
  for (i = 0; i < 4; i++)
    v[8 + i] = PI_C[i]; /* salt is zero */
  if (c->nullt) {
    v[12] = PI_C[4];
    v[13] = PI_C[5];
    v[14] = PI_C[6];
    v[15] = PI_C[7];
  } else {
    v[12] = c->cnt_lo ^ PI_C[4];
    v[13] = c->cnt_lo ^ PI_C[5];
    v[14] = c->cnt_hi ^ PI_C[6];
    v[15] = c->cnt_hi ^ PI_C[7];
  }
  for (r = 0; r < 14; r++) {
    const uint8_t *s = SIG[r % 10];
    MIX(0, 4, 8, 12, 0);
    MIX(1, 5, 9, 13, 2);
    MIX(2, 6, 10, 14, 4);
    MIX(3, 7, 11, 15, 6);
    MIX(0, 5, 10, 15, 8);
    MIX(1, 6, 11, 12, 10);
    MIX(2, 7, 8, 13, 12);
    MIX(3, 4, 9, 14, 14);
  }
  for (i = 0; i < 8; i++)
    c->h[i] ^= v[i] ^ v[i + 8];
}

void dg_start(struct dctx *c) {
  static const uint32_t iv[8] = {0x6A09E667, 0xBB67AE85, 0x3C6EF372,
                                 0xA54FF53A, 0x510E527F, 0x9B05688C,
                                 0x1F83D9AB, 0x5BE0CD19};
  memcpy(c->h, iv, sizeof iv);
  c->cnt_lo = c->cnt_hi = 0;
  c->fill = 0;
  c->nullt = 0;
}

static void bump(struct dctx *c, uint32_t bits) {
  c->cnt_lo += bits;
  if (c->cnt_lo < bits)
    c->cnt_hi++;
}

void dg_feed(struct dctx *c, const uint8_t *in, size_t n) {
  while (n > 0) {
    if (c->fill == 0 && n >= 64) {
      bump(c, 512);
      squeeze_block(c, in);
      in += 64;
      n -= 64;
      continue;
    }
    unsigned take = 64 - c->fill;
    if (take > n)
      take = (unsigned)n;
    memcpy(c->buf + c->fill, in, take);
    c->fill += take;
    in += take;
    n -= take;
    if (c->fill == 64) {
      bump(c, 512);
      squeeze_block(c, c->buf);
      c->fill = 0;
    }
  }
}

void dg_end(struct dctx *c, uint8_t out[32]) {
  uint32_t lo = c->cnt_lo + (uint32_t)c->fill * 8;
  uint32_t hi = c->cnt_hi + (lo < c->cnt_lo);
  unsigned used = c->fill;
  uint8_t len[8];
  int k;
  for (k = 0; k < 4; k++) {
    len[k] = (uint8_t)(hi >> (24 - 8 * k));
    len[4 + k] = (uint8_t)(lo >> (24 - 8 * k));
  }
  c->buf[used] = 0x80;
  if (used <= 55) {
    memset(c->buf + used + 1, 0, 55 - used);
    c->buf[55] |= 0x01;
    memcpy(c->buf + 56, len, 8);
    if (used == 0)
      c->nullt = 1;
    bump(c, used * 8);
    squeeze_block(c, c->buf);
  } else {
    memset(c->buf + used + 1, 0, 63 - used);
    bump(c, used * 8);
    squeeze_block(c, c->buf);
    memset(c->buf, 0, 55);
    c->buf[55] = 0x01;
    memcpy(c->buf + 56, len, 8);
    c->nullt = 1;
    squeeze_block(c, c->buf);
  }
  for (k = 0; k < 32; k++)
    out[k] = (uint8_t)(c->h[k / 4] >> (24 - 8 * (k % 4)));
}

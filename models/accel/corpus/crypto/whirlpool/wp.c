/* Whirlpool hash (ISO/IEC 10118-3): the 8x8-byte state kept as eight
 * 64-bit rows; the S-box derived from the 4-bit E, E^-1 and R mini-boxes,
 * eight row tables combining SubBytes with the circulant (1,1,4,1,8,5,2,9)
 * MixRows over GF(2^8)/0x11D, ShiftColumns folded into the row gather,
 * ten rounds with the key schedule run in parallel, Miyaguchi-Preneel
 * chaining and 256-bit length padding. Label: crypto. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

static uint64_t rowtab[8][256];
static uint64_t rconst[11];

void build_row_tables(void) {
  static const uint8_t e[16] = {1,   0xB, 9, 0xC, 0xD, 6, 0xF, 3,
                                0xE, 8,   7, 4,   0xA, 2, 5,   0};
  static const uint8_t r[16] = {7, 0xC, 0xB, 0xD, 0xE, 4, 9, 0xF,
                                6, 3,   8,   0xA, 2,   5, 1, 0};
  static const uint8_t circ[8] = {1, 1, 4, 1, 8, 5, 2, 9};
  uint8_t einv[16], sbox[256];
  unsigned x, i;
  for (i = 0; i < 16; i++)
    einv[e[i]] = (uint8_t)i;
  for (x = 0; x < 256; x++) {
    uint8_t u = e[x >> 4], l = einv[x & 15];
    uint8_t t = r[u ^ l];
    sbox[x] = (uint8_t)(e[u ^ t] << 4 | einv[l ^ t]);
  }
  for (x = 0; x < 256; x++) {
    uint8_t mul[10];
    unsigned v = sbox[x];
    mul[1] = (uint8_t)v;
    for (i = 2; i <= 9; i++) {
      unsigned d =
          (i & 1) ? (unsigned)mul[i - 1] ^ v : (unsigned)mul[i / 2] << 1;
      if (d & 0x100)
        d ^= 0x11D;
      mul[i] = (uint8_t)d;
    }
    uint64_t row = 0;
    for (i = 0; i < 8; i++)
      row = row << 8 | mul[circ[i]];
    for (i = 0; i < 8; i++)
      rowtab[i][x] = i ? (row >> (8 * i)) | (row << (64 - 8 * i)) : row;
  }
  for (i = 1; i <= 10; i++) {
    uint64_t c = 0;
    for (x = 0; x < 8; x++)
      c = c << 8 | sbox[8 * (i - 1) + x];
    rconst[i] = c;
  }
}

static void rho(const uint64_t in[8], uint64_t out[8], const uint64_t key[8]) {
  for (int i = 0; i < 8; i++) {
    uint64_t acc = key[i];
    for (int k = 0; k < 8; k++)
      acc ^= rowtab[k][(in[(i - k) & 7] >> (56 - 8 * k)) & 0xFF];
    out[i] = acc;
  }
}

void compress512(uint64_t hash[8], const uint8_t blk[64]) {
  uint64_t m[8], st[8], k[8], tmp[8], zero[8] = {0};
  for (int i = 0; i < 8; i++) {
    uint64_t w = 0;
    for (int j = 0; j < 8; j++)
      w = w << 8 | blk[8 * i + j];
    m[i] = w;
    k[i] = hash[i];
    st[i] = w ^ hash[i];
  }
  for (int r = 1; r <= 10; r++) {
    zero[0] = rconst[r];
    rho(k, tmp, zero);
    memcpy(k, tmp, sizeof k);
    rho(st, tmp, k);
    memcpy(st, tmp, sizeof st);
  }
  for (int i = 0; i < 8; i++)
    hash[i] ^= st[i] ^ m[i];
}

void digest512(const uint8_t *msg, size_t len, uint8_t out[64]) {
  uint64_t h[8] = {0};
  uint8_t last[128];
  size_t full = len & ~(size_t)63, rest = len - full, i;
  if (!rowtab[0][0])
    build_row_tables();
  for (i = 0; i < full; i += 64)
    compress512(h, msg + i);
  memset(last, 0, sizeof last);
  memcpy(last, msg + full, rest);
  last[rest] = 0x80;
  size_t tot = rest < 32 ? 64 : 128;
  uint64_t bits = (uint64_t)len * 8;
  for (i = 0; i < 8; i++)
    last[tot - 1 - i] = (uint8_t)(bits >> (8 * i));
  for (i = 0; i < tot; i += 64)
    compress512(h, last + i);
  for (i = 0; i < 64; i++)
    out[i] = (uint8_t)(h[i / 8] >> (56 - 8 * (i % 8)));
}

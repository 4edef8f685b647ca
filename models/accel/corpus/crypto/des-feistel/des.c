/* DES-style Feistel network: the round function expands the right half,
 * xors a subkey, substitutes six bits at a time through eight S-box tables
 * and permutes the bits by a table; 16 rounds swap the halves. Tables are
 * parameters. Label: crypto. */
#include <stdint.h>

struct des_tables {
  uint8_t sbox[8][64];
  uint8_t perm[32];   /* P: source bit of each output bit */
  uint8_t expand[48]; /* E */
};

static uint32_t feistel(const struct des_tables *t, uint32_t r, uint64_t k) {
  uint64_t e = 0;
  for (int i = 0; i < 48; i++)
    e = (e << 1) | ((r >> (32 - t->expand[i])) & 1);
  e ^= k;
  uint32_t s = 0;
  for (int box = 0; box < 8; box++) {
    unsigned six = (unsigned)(e >> (42 - 6 * box)) & 0x3F;
    unsigned row = ((six & 0x20) >> 4) | (six & 1), col = (six >> 1) & 0xF;
    s = (s << 4) | t->sbox[box][row * 16 + col];
  }
  uint32_t p = 0;
  for (int i = 0; i < 32; i++)
    p = (p << 1) | ((s >> (32 - t->perm[i])) & 1);
  return p;
}

uint64_t des_rounds(const struct des_tables *t, uint64_t block,
                    const uint64_t sub[16]) {
  uint32_t l = (uint32_t)(block >> 32), r = (uint32_t)block;
  for (int i = 0; i < 16; i++) {
    uint32_t n = l ^ feistel(t, r, sub[i]);
    l = r;
    r = n;
  }
  return ((uint64_t)r << 32) | l;
}

/* LED lightweight block cipher (Guo, Peyrin, Poschmann, Robshaw, CHES
 * 2011), 64-bit block with 64- or 128-bit keys: a 4x4 array of nibbles,
 * AddConstants from a 6-bit LFSR and the key length, the PRESENT S-box,
 * ShiftRows, MixColumnsSerial as four applications of the companion matrix
 * over GF(2^4)/x^4+x+1, and key addition once per step of four rounds with
 * no key schedule. Label: crypto. */
#include <stdint.h>

typedef uint8_t cell_t;

static const cell_t box[16] = {0xC, 0x5, 0x6, 0xB, 0x9, 0x0, 0xA, 0xD,
                               0x3, 0xE, 0xF, 0x8, 0x4, 0x7, 0x1, 0x2};

static cell_t nib_mul(cell_t a, cell_t b) {
  cell_t r = 0;
  for (int i = 0; i < 4; i++) {
    if (b & 1)
      r ^= a;
    b >>= 1;
    a = (cell_t)(a << 1);
    if (a & 0x10)
      a ^= 0x13;
  }
  return r;
}

/* one column at a time: four serial steps of the last-row-feedback LFSR */
static void mix_serial(cell_t s[4][4]) {
  static const cell_t last[4] = {4, 1, 2, 2};
  for (int c = 0; c < 4; c++) {
    for (int step = 0; step < 4; step++) {
      cell_t fb = 0;
      for (int r = 0; r < 4; r++)
        fb ^= nib_mul(last[r], s[r][c]);
      s[0][c] = s[1][c];
      s[1][c] = s[2][c];
      s[2][c] = s[3][c];
      s[3][c] = fb;
    }
  }
}

static void four_rounds(cell_t s[4][4], unsigned *rc, unsigned keybits) {
  cell_t row[4];
  for (int n = 0; n < 4; n++) {
    *rc = ((*rc << 1) & 0x3F) | (((*rc >> 5) ^ (*rc >> 4) ^ 1) & 1);
    s[0][0] ^= (cell_t)(0 ^ ((keybits >> 4) & 0xF));
    s[1][0] ^= (cell_t)(1 ^ ((keybits >> 4) & 0xF));
    s[2][0] ^= (cell_t)(2 ^ (keybits & 0xF));
    s[3][0] ^= (cell_t)(3 ^ (keybits & 0xF));
    s[0][1] ^= (cell_t)((*rc >> 3) & 7);
    s[1][1] ^= (cell_t)(*rc & 7);
    s[2][1] ^= (cell_t)((*rc >> 3) & 7);
    s[3][1] ^= (cell_t)(*rc & 7);
    for (int r = 0; r < 4; r++)
      for (int c = 0; c < 4; c++)
        s[r][c] = box[s[r][c]];
    for (int r = 1; r < 4; r++) {
      for (int c = 0; c < 4; c++)
        row[c] = s[r][(c + r) & 3];
      for (int c = 0; c < 4; c++)
        s[r][c] = row[c];
    }
    mix_serial(s);
  }
}

/* keylen 64 or 128; key is 8 or 16 bytes, nibbles taken high first */
uint64_t nib_encrypt(uint64_t block, const uint8_t *key, unsigned keylen) {
  cell_t s[4][4], k[32];
  unsigned rc = 0, steps = keylen == 64 ? 8 : 12, knib = keylen / 4;
  for (unsigned i = 0; i < knib; i++)
    k[i] = (cell_t)((key[i / 2] >> ((i & 1) ? 0 : 4)) & 0xF);
  for (int i = 0; i < 16; i++)
    s[i / 4][i % 4] = (cell_t)((block >> (60 - 4 * i)) & 0xF);
  for (unsigned st = 0; st <= steps; st++) {
    const cell_t *kk = k + ((keylen == 128 && (st & 1)) ? 16 : 0);
    for (int i = 0; i < 16; i++)
      s[i / 4][i % 4] ^= kk[i];
    if (st < steps)
      four_rounds(s, &rc, keylen);
  }
  uint64_t out = 0;
  for (int i = 0; i < 16; i++)
    out = out << 4 | s[i / 4][i % 4];
  return out;
}

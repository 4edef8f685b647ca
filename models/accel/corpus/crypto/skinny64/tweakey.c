/* SKINNY-64-64 tweakable block cipher (Beierle et al., CRYPTO 2016), one
 * TK1 tweakey: the state is sixteen 4-bit cells in a byte array, 32 rounds
 * of SubCells (4-bit box), AddConstants from a 6-bit LFSR, AddRoundTweakey
 * on the first two rows, ShiftRows right and the binary MixColumns; the
 * tweakey cells are permuted every round. Label: crypto. */
#include <stdint.h>

static const uint8_t cell_box[16] = {0xC, 0x6, 0x9, 0x0, 0x1, 0xA, 0x2, 0xB,
                                     0x3, 0x8, 0x5, 0xD, 0x4, 0xE, 0x7, 0xF};
static const uint8_t tk_perm[16] = {9, 15, 8, 13, 10, 14, 12, 11,
                                    0, 1,  2, 3,  4,  5,  6,  7};

/* One round on cells[16] (row-major); tk is the current tweakey, rc the
 * 6-bit constant. */
void cell_round(uint8_t cells[16], const uint8_t tk[16], unsigned rc) {
  for (int i = 0; i < 16; i++)
    cells[i] = cell_box[cells[i]];
  cells[0] ^= rc & 0xF;
  cells[4] ^= (rc >> 4) & 0x3;
  cells[8] ^= 0x2;
  for (int i = 0; i < 8; i++)
    cells[i] ^= tk[i];
  /* Row r rotates right by r cells. */
  for (int r = 1; r < 4; r++) {
    uint8_t row[4];
    for (int c = 0; c < 4; c++)
      row[c] = cells[4 * r + c];
    for (int c = 0; c < 4; c++)
      cells[4 * r + ((c + r) & 3)] = row[c];
  }
  for (int c = 0; c < 4; c++) {
    uint8_t a = cells[c], b = cells[4 + c], d = cells[8 + c], e = cells[12 + c];
    cells[c] = a ^ d ^ e;
    cells[4 + c] = a;
    cells[8 + c] = b ^ d;
    cells[12 + c] = a ^ d;
  }
}

uint64_t tbc_encrypt(uint64_t block, uint64_t key) {
  uint8_t s[16], tk[16], nt[16];
  for (int i = 0; i < 16; i++) {
    s[i] = (uint8_t)((block >> (60 - 4 * i)) & 0xF);
    tk[i] = (uint8_t)((key >> (60 - 4 * i)) & 0xF);
  }
  unsigned rc = 0;
  int round = 0;
  do {
    rc = ((rc << 1) & 0x3F) | (((rc >> 5) ^ (rc >> 4) ^ 1) & 1);
    cell_round(s, tk, rc);
    for (int i = 0; i < 16; i++)
      nt[i] = tk[tk_perm[i]];
    for (int i = 0; i < 16; i++)
      tk[i] = nt[i];
  } while (++round < 32);
  uint64_t out = 0;
  for (int i = 0; i < 16; i++)
    out = (out << 4) | s[i];
  return out;
}

/* CRC-32 (ISO-HDLC, reflected generator 0xEDB88320) with four independent
 * 32-bit register lanes ("braiding"): the input is taken four little-endian
 * words at a time and lane k owns every fourth word. A lane's word is
 * pushed across the 16 bytes to the same lane's word in the next block in
 * one go, through four tables: braid[j][v] is the register after v placed
 * in byte j of the register has been run over 16 zero bytes. The lanes do
 * not depend on each other, so their lookups can overlap. At the last
 * block the lanes are folded back in order with the ordinary byte-at-a-time
 * update. Tables are derived at start-up by running zero bytes through the
 * bitwise register. Label: crc. */
#include <stddef.h>
#include <stdint.h>

#define LANES 4

static uint32_t bytewise[256];
static uint32_t braid[4][256];

/* Run nzero zero bytes through a raw register. */
static uint32_t zeros_through(uint32_t r, int nzero) {
  for (int i = 0; i < nzero * 8; i++)
    r = (r >> 1) ^ (0xEDB88320u & -(r & 1u));
  return r;
}

void braid_tables(void) {
  for (uint32_t v = 0; v < 256; v++) {
    bytewise[v] = zeros_through(v, 1);
    for (int j = 0; j < 4; j++)
      braid[j][v] = zeros_through(v << (8 * j), 4 * LANES);
  }
}

static uint32_t word_le(const unsigned char *p) {
  return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
         (uint32_t)p[3] << 24;
}

uint32_t braided_update(uint32_t crc, const unsigned char *buf, size_t len) {
  uint32_t lane[LANES];
  size_t blocks = len / (4 * LANES);
  crc = ~crc;
  if (blocks > 0) {
    lane[0] = crc;
    lane[1] = lane[2] = lane[3] = 0;
    /* all blocks but the last */
    while (--blocks > 0) {
      for (int k = 0; k < LANES; k++) {
        uint32_t w = lane[k] ^ word_le(buf + 4 * k);
        lane[k] = braid[0][w & 0xFF] ^ braid[1][(w >> 8) & 0xFF] ^
                  braid[2][(w >> 16) & 0xFF] ^ braid[3][w >> 24];
      }
      buf += 4 * LANES;
    }
    /* last block: fold the lanes into one register, word by word */
    crc = 0;
    for (int k = 0; k < LANES; k++) {
      crc ^= lane[k] ^ word_le(buf + 4 * k);
      for (int b = 0; b < 4; b++)
        crc = (crc >> 8) ^ bytewise[crc & 0xFF];
    }
    buf += 4 * LANES;
    len %= 4 * LANES;
  }
  while (len--)
    crc = (crc >> 8) ^ bytewise[(crc ^ *buf++) & 0xFF];
  return ~crc;
}

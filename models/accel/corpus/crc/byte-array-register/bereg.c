/* MSB-first CRC-32 (poly 0x04C11DB7) whose register is an array of four
 * bytes in big-endian order, updated through a byte pointer, with a table
 * of 4-byte big-endian entries: the register is "shifted" by moving bytes
 * down one place. CRC-32/BZIP2 and the POSIX cksum variant (seed 0, the
 * message length appended low byte first). Label: crc. */
#include <stddef.h>
#include <stdint.h>

static uint8_t be_tab[256][4];

void be_table_fill(void) {
  for (int i = 0; i < 256; i++) {
    uint32_t v = (uint32_t)i << 24;
    for (int b = 0; b < 8; b++)
      v = (v << 1) ^ (0x04C11DB7u & (0u - (v >> 31)));
    uint8_t *e = be_tab[i];
    e[0] = (uint8_t)(v >> 24);
    e[1] = (uint8_t)(v >> 16);
    e[2] = (uint8_t)(v >> 8);
    e[3] = (uint8_t)v;
  }
}

/* reg[0] holds the top eight bits of the remainder. */
void be_reg_feed(uint8_t *reg, const uint8_t *src, size_t n) {
  while (n-- > 0) {
    const uint8_t *e = be_tab[reg[0] ^ *src++];
    reg[0] = reg[1] ^ e[0];
    reg[1] = reg[2] ^ e[1];
    reg[2] = reg[3] ^ e[2];
    reg[3] = e[3];
  }
}

/* cksum(1): CRC of the data followed by its length in as few bytes as
 * needed, least significant first, then complemented. */
uint32_t posix_sum(const uint8_t *data, size_t len) {
  uint8_t r[4] = {0, 0, 0, 0};
  be_reg_feed(r, data, len);
  for (size_t left = len; left != 0; left >>= 8) {
    const uint8_t *e = be_tab[r[0] ^ (uint8_t)(left & 0xFF)];
    uint8_t *d = r;
    for (int k = 0; k < 3; k++, d++)
      d[0] = d[1] ^ e[k];
    r[3] = e[3];
  }
  return ~((uint32_t)r[0] << 24 | (uint32_t)r[1] << 16 | (uint32_t)r[2] << 8 |
           r[3]);
}

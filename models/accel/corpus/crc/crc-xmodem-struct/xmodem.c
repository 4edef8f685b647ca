/* CRC-16/XMODEM (poly 0x1021, MSB first), table kept in a protocol state
 * structure and built by its constructor; frames are checked per block.
 * Label: crc. */
#include <stdint.h>

struct xm_state {
  uint16_t table[256];
  unsigned blocks, bad;
};

void xm_init(struct xm_state *st) {
  for (int i = 0; i < 256; i++) {
    uint16_t c = (uint16_t)(i << 8);
    for (int j = 0; j < 8; j++)
      c = (uint16_t)((c << 1) ^ ((c & 0x8000) ? 0x1021 : 0));
    st->table[i] = c;
  }
  st->blocks = st->bad = 0;
}

uint16_t xm_block_crc(const struct xm_state *st, const uint8_t *blk, int n) {
  uint16_t crc = 0;
  for (int i = 0; i < n; i++)
    crc = (uint16_t)((crc << 8) ^ st->table[((crc >> 8) ^ blk[i]) & 0xFF]);
  return crc;
}

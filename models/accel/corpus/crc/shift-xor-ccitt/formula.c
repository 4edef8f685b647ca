/* CRC-16 with poly 0x1021 computed a byte at a time without a table or a
 * bit loop: the byte's contribution is folded in with the closed-form
 * shift-xor expression that the polynomial x^16 + x^12 + x^5 + 1 allows
 * (x ^= x >> 4; crc = (crc << 8) ^ (x << 12) ^ (x << 5) ^ x), MSB first
 * (CRC-16/IBM-3740, XMODEM, GENIBUS) and its mirror image for the
 * reflected variants (KERMIT, MCRF4XX). Label: crc. */
#include <stddef.h>
#include <stdint.h>

/* MSB-first: seed 0xFFFF gives IBM-3740 ("CCITT-FALSE"), seed 0 XMODEM. */
uint16_t link_update(uint16_t crc, const uint8_t *buf, size_t len) {
  while (len--) {
    uint8_t x = (uint8_t)(crc >> 8) ^ *buf++;
    x ^= x >> 4;
    crc = (uint16_t)((crc << 8) ^ ((uint16_t)x << 12) ^ ((uint16_t)x << 5) ^ x);
  }
  return crc;
}

/* Reflected form: low byte out, mirrored shifts. Seed 0 is KERMIT,
 * 0xFFFF is MCRF4XX. */
unsigned short tag_fcs(unsigned short fcs, const unsigned char *p, int n) {
  int i;
  for (i = 0; i < n; ++i) {
    unsigned int t = (fcs ^ p[i]) & 0xffu;
    t ^= (t << 4) & 0xffu;
    fcs = (unsigned short)((fcs >> 8) ^ (t << 8) ^ (t << 3) ^ (t >> 4));
  }
  return fcs;
}

/* GENIBUS-style frame trailer: the same MSB-first formula over a frame
 * given as a start/end pointer pair, with inverted seed and result, written
 * with a 32-bit scratch register. */
uint32_t frame_trailer(const uint8_t *start, const uint8_t *end) {
  uint32_t r = 0xFFFFu;
  for (const uint8_t *q = start; q != end; q++) {
    uint32_t h = ((r >> 8) ^ *q) & 0xFFu;
    h ^= h >> 4;
    r = ((r << 8) ^ (h << 12) ^ (h << 5) ^ h) & 0xFFFFu;
  }
  return r ^ 0xFFFFu;
}

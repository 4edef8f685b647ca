/* A CRC shift register simulated cell by cell, one array element per
 * register bit, the way a schematic of the hardware LFSR reads: every
 * clock the cells move one place and the feedback bit is added into the
 * cells named by the polynomial's taps. CRC-16/IBM-3740 (poly 0x1021,
 * init 0xFFFF) with the taps hard-wired, CRC-8/DVB-S2 (poly 0xD5) with a
 * tap list, and the read-out of a register into an integer. Label: crc. */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* cell[0] is x^0, cell[15] is x^15 (the output end). */
uint16_t cells_ccitt(const uint8_t *octets, size_t count) {
  uint8_t cell[16];
  for (int k = 0; k < 16; k++)
    cell[k] = 1;
  for (size_t n = 0; n < count; n++) {
    for (int b = 7; b >= 0; b--) {
      uint8_t fb = cell[15] ^ ((octets[n] >> b) & 1);
      for (int k = 15; k > 0; k--)
        cell[k] = cell[k - 1];
      cell[0] = fb;
      cell[5] ^= fb;
      cell[12] ^= fb;
    }
  }
  uint16_t out = 0;
  for (int k = 15; k >= 0; k--)
    out = (uint16_t)((out << 1) | cell[k]);
  return out;
}

static const int dvb_taps[] = {2, 4, 6, 7}; /* 0xD5 = x^7+x^6+x^4+x^2+1 */

/* Register in a bool array, taps looked up in a list; the message is given
 * as one bit per byte of `bits` (a demodulator's output). */
void cells_clock(bool reg[8], const uint8_t *bits, int nbits) {
  for (int i = 0; i < nbits; i++) {
    bool fb = reg[7] != (bits[i] != 0);
    for (int k = 7; k >= 1; k--)
      reg[k] = reg[k - 1];
    reg[0] = fb;
    for (unsigned t = 0; t < sizeof dvb_taps / sizeof dvb_taps[0]; t++)
      reg[dvb_taps[t]] = reg[dvb_taps[t]] != fb;
  }
}

/* Packs a cell array (cell i = coefficient of x^i) into a word. */
uint32_t cells_value(const bool *reg, int width) {
  uint32_t v = 0;
  int i = width;
  while (i-- > 0) {
    v <<= 1;
    if (reg[i])
      v |= 1u;
  }
  return v;
}

/* Bit-serial CRC as a hardware LFSR: one message bit per step, the feedback
 * bit is the register's top bit xor the input bit. Label: crc. */
#include <stdint.h>

uint32_t lfsr_crc32(const uint8_t *msg, int nbytes) {
  uint32_t reg = 0xFFFFFFFFu;
  for (int i = 0; i < nbytes * 8; i++) {
    unsigned in = (msg[i >> 3] >> (7 - (i & 7))) & 1u;
    unsigned fb = (reg >> 31) ^ in;
    reg <<= 1;
    if (fb)
      reg ^= 0x04C11DB7u;
  }
  return reg;
}

/* CRC-16/CCITT over a bit array (one bit per byte, as from a demodulator). */
uint16_t lfsr_ccitt_bits(const uint8_t *bits, unsigned nbits) {
  uint16_t reg = 0xFFFF;
  for (unsigned i = 0; i < nbits; ++i) {
    uint16_t fb = (uint16_t)(((reg >> 15) ^ bits[i]) & 1u);
    reg = (uint16_t)((reg << 1) ^ (fb ? 0x1021u : 0u));
  }
  return reg;
}

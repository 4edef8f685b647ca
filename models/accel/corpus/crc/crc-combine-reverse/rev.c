/* CRC-16/ARC computed from the end of the buffer backwards with a pointer,
 * and CRC-32/BZIP2 (MSB first table) updated one 32-bit word at a time by a
 * helper that returns the new register. Label: crc. */
#include <stddef.h>
#include <stdint.h>

uint16_t arc_backwards(const uint8_t *buf, size_t n) {
  uint16_t reg = 0;
  const uint8_t *p = buf;
  const uint8_t *q = buf + n;
  while (p < q) {
    reg ^= *p++;
    for (int i = 0; i < 8; i++)
      reg = (uint16_t)((reg >> 1) ^ (-(int)(reg & 1) & 0xA001));
  }
  return reg;
}

extern uint32_t bzip_tab[256];

uint32_t bzip_word(uint32_t crc, uint32_t word) {
  for (int k = 0; k < 4; k++) {
    uint8_t b = (uint8_t)(word >> 24);
    crc = (crc << 8) ^ bzip_tab[(crc >> 24) ^ b];
    word <<= 8;
  }
  return crc;
}

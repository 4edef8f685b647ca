/* CRC-24 (OpenPGP, poly 0x864CFB, init 0xB704CE) and CRC-10/ATM, MSB first
 * in a wider int with explicit masks. Label: crc. */
#include <stddef.h>
#include <stdint.h>

int32_t radix64_crc(const unsigned char *octets, size_t len) {
  int32_t crc = 0xB704CEL;
  int i;
  while (len--) {
    crc ^= (*octets++) << 16;
    for (i = 0; i < 8; i++) {
      crc <<= 1;
      if (crc & 0x1000000)
        crc ^= 0x864CFBL;
    }
  }
  return crc & 0xFFFFFFL;
}

uint16_t atm_crc10(const uint8_t *cell, int n) {
  uint32_t acc = 0;
  for (int i = 0; i < n; i++) {
    acc ^= (uint32_t)cell[i] << 2;
    for (int b = 0; b < 8; b++) {
      acc <<= 1;
      if (acc & 0x400)
        acc ^= 0x633;
    }
  }
  return (uint16_t)(acc & 0x3FF);
}

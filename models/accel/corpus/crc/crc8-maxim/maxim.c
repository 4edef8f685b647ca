/* CRC-8/MAXIM (1-Wire): reflected poly 0x8C, bit loop with a mix bit.
 * Label: crc. */
#include <stdint.h>

uint8_t onewire_crc(const uint8_t *addr, uint8_t len) {
  uint8_t crc = 0;
  while (len--) {
    uint8_t inbyte = *addr++;
    for (uint8_t i = 8; i; i--) {
      uint8_t mix = (crc ^ inbyte) & 0x01;
      crc >>= 1;
      if (mix)
        crc ^= 0x8C;
      inbyte >>= 1;
    }
  }
  return crc;
}

/* CRC-8/SMBUS (poly 0x07, MSB first) with a 16-bit accumulator trick. */
uint8_t smbus_pec(const uint8_t *p, int count) {
  uint16_t data = 0;
  uint8_t crc = 0;
  for (int n = 0; n < count; n++) {
    data = (uint16_t)((crc ^ p[n]) << 8);
    for (int i = 0; i < 8; i++) {
      if (data & 0x8000)
        data = data ^ (0x1070U << 3);
      data = (uint16_t)(data << 1);
    }
    crc = (uint8_t)(data >> 8);
  }
  return crc;
}

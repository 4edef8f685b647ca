/* Small CRCs: CRC-7 (SD/MMC commands, poly 0x09), CRC-5/USB tokens
 * (reflected poly 0x14), CRC-4/ITU. Masks keep the register narrow.
 * Label: crc. */
#include <stdint.h>

uint8_t sd_crc7(const uint8_t *cmd, int n) {
  uint8_t crc = 0;
  for (int i = 0; i < n; i++) {
    uint8_t d = cmd[i];
    for (int b = 0; b < 8; b++) {
      crc <<= 1;
      if ((d & 0x80) ^ (crc & 0x80))
        crc ^= 0x09;
      d <<= 1;
    }
    crc &= 0x7F;
  }
  return (uint8_t)((crc << 1) | 1);
}

uint8_t usb_crc5(uint16_t token11) {
  uint8_t crc = 0x1F;
  for (int i = 0; i < 11; i++) {
    uint8_t bit = (uint8_t)((token11 >> i) & 1);
    uint8_t fb = (uint8_t)((crc ^ bit) & 1);
    crc >>= 1;
    if (fb)
      crc ^= 0x14;
  }
  return (uint8_t)(~crc & 0x1F);
}

uint8_t itu_crc4(const uint8_t *nibbles, int n) {
  uint8_t r = 0;
  for (int i = 0; i < n; i++) {
    r ^= (uint8_t)(nibbles[i] & 0x0F);
    for (int k = 0; k < 4; k++)
      r = (r & 1) ? (uint8_t)((r >> 1) ^ 0x0C) : (uint8_t)(r >> 1);
  }
  return r & 0x0F;
}

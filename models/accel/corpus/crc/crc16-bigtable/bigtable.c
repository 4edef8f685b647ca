/* CRC-16/CCITT processing 16 bits per lookup with a 65536-entry table
 * computed at start-up. Label: crc. */
#include <stddef.h>
#include <stdint.h>

static uint16_t t16[65536];

void wide_init(void) {
  for (uint32_t v = 0; v < 65536; v++) {
    uint16_t r = (uint16_t)v;
    for (int b = 0; b < 16; b++)
      r = (uint16_t)((r & 0x8000) ? (r << 1) ^ 0x1021 : (r << 1));
    t16[v] = r;
  }
}

uint16_t wide_crc(uint16_t crc, const uint16_t *halfwords, size_t count) {
  for (size_t i = 0; i < count; i++) {
    uint16_t w = (uint16_t)((halfwords[i] >> 8) | (halfwords[i] << 8));
    crc = t16[(uint16_t)(crc ^ w)];
  }
  return crc;
}

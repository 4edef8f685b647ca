/* CRC-64/ECMA-182 MSB first (poly 0x42F0E1EBA9EA3693), bitwise, and its
 * table-driven form. Label: crc. */
#include <stddef.h>
#include <stdint.h>

#define ECMA 0x42F0E1EBA9EA3693ull

uint64_t ecma_bitwise(const uint8_t *s, size_t l) {
  uint64_t crc = 0;
  for (size_t j = 0; j < l; j++) {
    crc ^= (uint64_t)s[j] << 56;
    for (int i = 0; i < 8; i++)
      crc = (crc & 0x8000000000000000ull) ? (crc << 1) ^ ECMA : crc << 1;
  }
  return crc;
}

static uint64_t ecma_tab[256];

void ecma_table_init(void) {
  for (int i = 0; i < 256; i++) {
    uint64_t crc = (uint64_t)i << 56;
    for (int k = 0; k < 8; k++)
      crc = (crc << 1) ^ ((crc >> 63) ? ECMA : 0);
    ecma_tab[i] = crc;
  }
}

uint64_t ecma_table(const uint8_t *s, size_t l) {
  uint64_t crc = 0;
  for (size_t j = 0; j < l; j++)
    crc = ecma_tab[((crc >> 56) ^ s[j]) & 0xff] ^ (crc << 8);
  return crc;
}

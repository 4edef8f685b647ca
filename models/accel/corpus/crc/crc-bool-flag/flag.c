/* CRC with an explicit boolean feedback variable, as in textbook pseudo
 * code: top bit saved, register shifted, data bit compared. Label: crc. */
#include <stdbool.h>
#include <stdint.h>

uint16_t kermit_like(const uint8_t *data, unsigned len) {
  uint16_t crc = 0;
  for (unsigned i = 0; i < len; i++) {
    uint8_t byte = data[i];
    for (unsigned b = 0; b < 8; b++) {
      bool carry = (crc & 1) != 0;
      bool in = (byte & 1) != 0;
      crc >>= 1;
      byte >>= 1;
      if (carry != in)
        crc ^= 0x8408;
    }
  }
  return crc;
}

uint32_t bool_crc32(const uint8_t *data, unsigned len) {
  uint32_t crc = ~0u;
  for (unsigned i = 0; i < len; i++) {
    for (int b = 7; b >= 0; b--) {
      bool msb = (crc >> 31) != 0;
      bool in = ((data[i] >> b) & 1) != 0;
      crc <<= 1;
      if (msb ^ in)
        crc ^= 0x04C11DB7;
    }
  }
  return ~crc;
}

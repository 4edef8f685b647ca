/* CRC-16/MODBUS (reflected poly 0xA001) with a table built on first use and
 * a while-loop update. Label: crc. */
#include <stdint.h>

static uint16_t mb_table[256];
static int mb_ready;

void mb_build(void) {
  unsigned n = 0;
  while (n < 256) {
    uint16_t v = (uint16_t)n;
    int k = 8;
    while (k-- > 0)
      v = (v & 1) ? (uint16_t)((v >> 1) ^ 0xA001u) : (uint16_t)(v >> 1);
    mb_table[n++] = v;
  }
  mb_ready = 1;
}

uint16_t mb_crc(const uint8_t *frame, unsigned len) {
  if (!mb_ready)
    mb_build();
  uint16_t crc = 0xFFFF;
  const uint8_t *end = frame + len;
  while (frame != end) {
    uint8_t idx = (uint8_t)(crc ^ *frame++);
    crc = (uint16_t)((crc >> 8) ^ mb_table[idx]);
  }
  return crc;
}

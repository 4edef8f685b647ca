/* CRCs with the eight bit steps written out (no inner loop). Label: crc. */
#include <stdint.h>

#define STEP(c) c = (c >> 1) ^ (0xEDB88320u & (0u - (c & 1u)))

uint32_t step_byte(uint32_t c, uint8_t b) {
  c ^= b;
  STEP(c); STEP(c); STEP(c); STEP(c);
  STEP(c); STEP(c); STEP(c); STEP(c);
  return c;
}

uint32_t over(const uint8_t *p, unsigned n) {
  uint32_t c = 0xFFFFFFFFu;
  for (unsigned i = 0; i < n; i++) {
    c ^= p[i];
    STEP(c); STEP(c); STEP(c); STEP(c);
    STEP(c); STEP(c); STEP(c); STEP(c);
  }
  return ~c;
}

/* CRC-8/ATM MSB-first, unrolled with explicit branches. */
uint8_t hec(const uint8_t *h, int n) {
  uint8_t c = 0;
  for (int i = 0; i < n; i++) {
    c ^= h[i];
    if (c & 0x80) c = (uint8_t)((c << 1) ^ 0x07); else c = (uint8_t)(c << 1);
    if (c & 0x80) c = (uint8_t)((c << 1) ^ 0x07); else c = (uint8_t)(c << 1);
    if (c & 0x80) c = (uint8_t)((c << 1) ^ 0x07); else c = (uint8_t)(c << 1);
    if (c & 0x80) c = (uint8_t)((c << 1) ^ 0x07); else c = (uint8_t)(c << 1);
    if (c & 0x80) c = (uint8_t)((c << 1) ^ 0x07); else c = (uint8_t)(c << 1);
    if (c & 0x80) c = (uint8_t)((c << 1) ^ 0x07); else c = (uint8_t)(c << 1);
    if (c & 0x80) c = (uint8_t)((c << 1) ^ 0x07); else c = (uint8_t)(c << 1);
    if (c & 0x80) c = (uint8_t)((c << 1) ^ 0x07); else c = (uint8_t)(c << 1);
  }
  return c ^ 0x55;
}

/* CRC-16/CCITT byte update with the shift-xor identity (no table, no loop). */
uint16_t upd(uint16_t crc, uint8_t data) {
  uint8_t x = (uint8_t)((crc >> 8) ^ data);
  x ^= x >> 4;
  return (uint16_t)((crc << 8) ^ ((uint16_t)x << 12) ^ ((uint16_t)x << 5) ^
                    (uint16_t)x);
}

/* CRC-32C (Castagnoli, reflected poly 0x82F63B78) with a step macro expanded
 * eight times per byte. Label: crc. */
#include <stddef.h>
#include <stdint.h>

#define POLY_C 0x82F63B78u
#define STEP(c) ((c) = ((c) & 1u) ? (((c) >> 1) ^ POLY_C) : ((c) >> 1))

uint32_t castagnoli_update(uint32_t c, const void *data, size_t n) {
  const unsigned char *p = (const unsigned char *)data;
  c = ~c;
  while (n--) {
    c ^= *p++;
    STEP(c);
    STEP(c);
    STEP(c);
    STEP(c);
    STEP(c);
    STEP(c);
    STEP(c);
    STEP(c);
  }
  return ~c;
}

#define STEP16(r)                                                              \
  ((r) = (uint16_t)(((r) << 1) ^ (((r) & 0x8000u) ? 0x8005u : 0u)))

/* CRC-16/BUYPASS (poly 0x8005, MSB first), macro steps. */
uint16_t buypass(const uint8_t *m, int len) {
  uint16_t r = 0;
  for (int i = 0; i < len; ++i) {
    r ^= (uint16_t)(m[i] << 8);
    STEP16(r);
    STEP16(r);
    STEP16(r);
    STEP16(r);
    STEP16(r);
    STEP16(r);
    STEP16(r);
    STEP16(r);
  }
  return r;
}

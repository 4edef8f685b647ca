/* Reflected (LSB-first) bitwise CRCs. Label: crc. */
#include <stddef.h>
#include <stdint.h>

/* CRC-32 (IEEE), if-based. */
uint32_t ether_fcs(const void *data, size_t n) {
  const uint8_t *q = data;
  uint32_t v = ~0u;
  while (n--) {
    v ^= *q++;
    for (int i = 0; i < 8; i++) {
      if (v & 1)
        v = (v >> 1) ^ 0xEDB88320u;
      else
        v = v >> 1;
    }
  }
  return ~v;
}

/* CRC-32C (Castagnoli) with the -(crc & 1) mask, branch-free. */
uint32_t update_c(uint32_t state, const uint8_t *p, size_t len) {
  state = ~state;
  for (size_t i = 0; i < len; i++) {
    state ^= p[i];
    for (int k = 0; k < 8; k++)
      state = (state >> 1) ^ (0x82F63B78u & (0u - (state & 1u)));
  }
  return ~state;
}

/* CRC-16/IBM (ARC), poly 0xA001 reflected. */
unsigned short arc16(const unsigned char *s, unsigned int len) {
  unsigned short c = 0;
  unsigned int i;
  for (i = 0; i < len; i++) {
    c ^= s[i];
    for (int j = 8; j > 0; j--)
      c = (c & 1) ? (c >> 1) ^ 0xA001 : c >> 1;
  }
  return c;
}

/* CRC-64/XZ (ECMA-182 reflected), mask form with a signed negate. */
uint64_t do_sum64(uint64_t h, const unsigned char *b, long len) {
  h = ~h;
  for (long i = 0; i < len; ++i) {
    h ^= (uint64_t)b[i];
    for (int bit = 0; bit < 8; ++bit) {
      int64_t m = -(int64_t)(h & 1);
      h = (h >> 1) ^ (0xC96C5795D7870F42ull & (uint64_t)m);
    }
  }
  return ~h;
}

/* CRC-16/X-25 bit by bit over the bits of each byte (data bit feeds in). */
uint16_t x25(const uint8_t *d, int len) {
  uint16_t reg = 0xFFFF;
  for (int i = 0; i < len; i++) {
    uint8_t byte = d[i];
    for (int b = 0; b < 8; b++) {
      int mix = (reg ^ byte) & 1;
      reg >>= 1;
      if (mix)
        reg ^= 0x8408;
      byte >>= 1;
    }
  }
  return (uint16_t)~reg;
}

/* CRC-32 reflected, two 16-entry nibble tables combined per byte ("half
 * byte, two tables" variant) and a 4-bit-at-a-time computed form.
 * Label: crc. */
#include <stddef.h>
#include <stdint.h>

static uint32_t lo_t[16], hi_t[16];

void halves_init(void) {
  for (uint32_t n = 0; n < 16; n++) {
    uint32_t a = n, b = n << 4;
    for (int k = 0; k < 8; k++) {
      a = (a >> 1) ^ (0xEDB88320u & (0u - (a & 1u)));
      b = (b >> 1) ^ (0xEDB88320u & (0u - (b & 1u)));
    }
    lo_t[n] = a;
    hi_t[n] = b;
  }
}

uint32_t halves_crc(const uint8_t *p, size_t n) {
  uint32_t c = 0xFFFFFFFFu;
  for (size_t i = 0; i < n; i++) {
    uint32_t x = (c ^ p[i]) & 0xFF;
    c = (c >> 8) ^ lo_t[x & 0xF] ^ hi_t[x >> 4];
  }
  return ~c;
}

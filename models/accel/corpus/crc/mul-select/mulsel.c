/* Bitwise CRCs that pick the polynomial by multiplying with the low bit or
 * by indexing a two-entry array. Label: crc. */
#include <stddef.h>
#include <stdint.h>

uint32_t mul_crc32(const uint8_t *p, size_t n) {
  uint32_t c = 0xFFFFFFFFu;
  for (size_t i = 0; i < n; ++i) {
    c ^= p[i];
    for (unsigned k = 0; k < 8; ++k)
      c = (c >> 1) ^ ((c & 1u) * 0xEDB88320u);
  }
  return ~c;
}

static const uint32_t pick[2] = {0u, 0x82F63B78u};

uint32_t pick_crc32c(const uint8_t *p, size_t n) {
  uint32_t c = ~0u;
  for (size_t i = 0; i < n; ++i) {
    c ^= p[i];
    for (unsigned k = 0; k < 8; ++k)
      c = (c >> 1) ^ pick[c & 1u];
  }
  return ~c;
}

/* Slicing-by-4 and slicing-by-8 CRC-32 (tables derived at start-up from the
 * byte table). Label: crc. */
#include <stddef.h>
#include <stdint.h>

static uint32_t T[8][256];

void slice_init(void) {
  for (uint32_t i = 0; i < 256; i++) {
    uint32_t c = i;
    for (int k = 0; k < 8; k++)
      c = (c >> 1) ^ (0xEDB88320u & -(c & 1));
    T[0][i] = c;
  }
  for (uint32_t i = 0; i < 256; i++)
    for (int s = 1; s < 8; s++)
      T[s][i] = (T[s - 1][i] >> 8) ^ T[0][T[s - 1][i] & 0xFF];
}

uint32_t by4(uint32_t crc, const uint8_t *p, size_t len) {
  crc = ~crc;
  while (len >= 4) {
    uint32_t w = crc ^ ((uint32_t)p[0] | (uint32_t)p[1] << 8 |
                        (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24);
    crc = T[3][w & 0xFF] ^ T[2][(w >> 8) & 0xFF] ^ T[1][(w >> 16) & 0xFF] ^
          T[0][w >> 24];
    p += 4;
    len -= 4;
  }
  while (len--)
    crc = T[0][(crc ^ *p++) & 0xFF] ^ (crc >> 8);
  return ~crc;
}

uint32_t by8(uint32_t crc, const uint8_t *p, size_t len) {
  crc = ~crc;
  for (; len >= 8; len -= 8, p += 8) {
    uint32_t lo = crc ^ (p[0] | p[1] << 8 | p[2] << 16 | (uint32_t)p[3] << 24);
    uint32_t hi = p[4] | p[5] << 8 | p[6] << 16 | (uint32_t)p[7] << 24;
    crc = T[7][lo & 0xFF] ^ T[6][(lo >> 8) & 0xFF] ^ T[5][(lo >> 16) & 0xFF] ^
          T[4][lo >> 24] ^ T[3][hi & 0xFF] ^ T[2][(hi >> 8) & 0xFF] ^
          T[1][(hi >> 16) & 0xFF] ^ T[0][hi >> 24];
  }
  for (; len; len--, p++)
    crc = T[0][(crc ^ *p) & 0xFF] ^ (crc >> 8);
  return ~crc;
}

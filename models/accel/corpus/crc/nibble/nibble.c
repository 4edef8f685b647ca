/* Half-byte (nibble) table CRCs. Label: crc. */
#include <stdint.h>

static const uint32_t n32[16] = {
    0x00000000, 0x1DB71064, 0x3B6E20C8, 0x26D930AC, 0x76DC4190, 0x6B6B51F4,
    0x4DB26158, 0x5005713C, 0xEDB88320, 0xF00F9344, 0xD6D6A3E8, 0xCB61B38C,
    0x9B64C2B0, 0x86D3D2D4, 0xA00AE278, 0xBDBDF21C};

uint32_t small_crc(const unsigned char *b, unsigned n) {
  uint32_t c = ~0u;
  for (unsigned i = 0; i < n; i++) {
    c ^= b[i];
    c = (c >> 4) ^ n32[c & 15];
    c = (c >> 4) ^ n32[c & 15];
  }
  return ~c;
}

/* CRC-16/CCITT MSB-first nibble table, computed on first use. */
static uint16_t n16[16];

uint16_t tiny16(const uint8_t *d, int len) {
  if (n16[1] == 0)
    for (int i = 0; i < 16; i++) {
      uint16_t r = (uint16_t)(i << 12);
      for (int k = 0; k < 4; k++)
        r = (r & 0x8000) ? (uint16_t)((r << 1) ^ 0x1021) : (uint16_t)(r << 1);
      n16[i] = r;
    }
  uint16_t r = 0xFFFF;
  for (int i = 0; i < len; i++) {
    r = (uint16_t)((r << 4) ^ n16[(r >> 12) ^ (d[i] >> 4)]);
    r = (uint16_t)((r << 4) ^ n16[(r >> 12) ^ (d[i] & 0x0F)]);
  }
  return r;
}

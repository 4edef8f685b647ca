/* Narrow CRCs kept left-justified in a byte or halfword: the polynomial and
 * seed are pre-shifted so that the register's top bit is the machine
 * word's top bit, the message byte is added without shifting, and the
 * result is shifted down once at the end. CRC-3/GSM, CRC-6/CDMA2000-A
 * (table of left-aligned remainders) and CRC-11/FLEXRAY. Label: crc. */
#include <stdint.h>

#define GSM3_POLY (0x3u << 5)

uint8_t ctl_crc3(const uint8_t *hdr, int n) {
  uint8_t r = 0;
  for (int i = 0; i < n; i++) {
    r ^= hdr[i];
    for (int j = 0; j < 8; j++) {
      if (r & 0x80)
        r = (uint8_t)((r << 1) ^ GSM3_POLY);
      else
        r = (uint8_t)(r << 1);
    }
  }
  return (uint8_t)((r >> 5) ^ 0x7);
}

static uint8_t six[256];

void six_build(void) {
  int v = 0;
  while (v < 256) {
    unsigned acc = (unsigned)v;
    for (int j = 0; j < 8; j++)
      acc = (acc << 1) ^ ((acc & 0x80u) ? 0x9Cu : 0u); /* 0x27 << 2 */
    six[v] = (uint8_t)acc;
    v++;
  }
}

/* CRC-6/CDMA2000-A: seed 0x3F, stored as 0xFC. */
uint8_t frame_quality6(const uint8_t *bits, unsigned len) {
  uint8_t reg = 0xFC;
  const uint8_t *stop = bits + len;
  while (bits < stop)
    reg = six[reg ^ *bits++];
  return (uint8_t)(reg >> 2);
}

/* CRC-11/FLEXRAY header CRC: poly 0x385, seed 0x01A, 16-bit register. */
uint16_t hdr_crc11(const uint8_t *p, unsigned n) {
  uint16_t r = 0x01A << 5;
  while (n) {
    r ^= (uint16_t)(*p << 8);
    int k = 8;
    do {
      uint16_t top = r & 0x8000u;
      r = (uint16_t)(r << 1);
      if (top)
        r ^= 0x385 << 5;
    } while (--k);
    p++;
    n--;
  }
  return (uint16_t)(r >> 5);
}

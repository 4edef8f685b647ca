/* CRC, most-significant bit first, one bit per step (written from the
 * polynomial-division definition). Label: crc. */
#include <stddef.h>
#include <stdint.h>

/* CRC-32/MPEG-2 style: poly 0x04C11DB7, no reflection, if-based. */
uint32_t crc32_msb_if(const uint8_t *buf, size_t len) {
  uint32_t r = 0xFFFFFFFFu;
  for (size_t i = 0; i < len; i++) {
    r ^= (uint32_t)buf[i] << 24;
    for (int b = 0; b < 8; b++) {
      if (r & 0x80000000u)
        r = (r << 1) ^ 0x04C11DB7u;
      else
        r <<= 1;
    }
  }
  return r;
}

/* CRC-16/CCITT-FALSE, poly 0x1021, init 0xFFFF, ternary form. */
uint16_t ccitt16(const unsigned char *p, int n) {
  unsigned short acc = 0xFFFF;
  while (n-- > 0) {
    acc ^= (unsigned short)(*p++ << 8);
    int k = 8;
    while (k--)
      acc = (acc & 0x8000) ? (unsigned short)((acc << 1) ^ 0x1021)
                           : (unsigned short)(acc << 1);
  }
  return acc;
}

/* CRC-8 (poly 0x07) branch-free: the top bit selects the polynomial by a
 * multiply. */
uint8_t sum8(const uint8_t *data, unsigned count) {
  uint8_t s = 0;
  for (unsigned i = 0; i != count; ++i) {
    s = s ^ data[i];
    for (unsigned j = 0; j < 8; ++j)
      s = (uint8_t)((s << 1) ^ ((s >> 7) * 0x07));
  }
  return s;
}

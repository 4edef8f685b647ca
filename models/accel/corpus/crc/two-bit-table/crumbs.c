/* CRCs that consume two message bits per step through a four-entry table
 * (a "crumb" table: the remainder of each 2-bit value times x^32), a
 * middle ground between the bit loop and the nibble/byte tables.
 * Reflected CRC-32 (ISO-HDLC) with a constant table and the step written
 * out four times, and MSB-first CRC-32/MPEG-2 with a table derived at
 * start-up. Label: crc. */
#include <stddef.h>
#include <stdint.h>

static const uint32_t q4[4] = {0x00000000u, 0x76DC4190u, 0xEDB88320u,
                               0x9B64C2B0u};

uint32_t crumb_fcs32(uint32_t acc, const void *data, size_t size) {
  const uint8_t *b = (const uint8_t *)data;
  acc = ~acc;
  for (size_t i = 0; i < size; i++) {
    acc ^= b[i];
    acc = (acc >> 2) ^ q4[acc & 3];
    acc = (acc >> 2) ^ q4[acc & 3];
    acc = (acc >> 2) ^ q4[acc & 3];
    acc = (acc >> 2) ^ q4[acc & 3];
  }
  return ~acc;
}

static uint32_t m4[4];

void crumbs_init(void) {
  for (uint32_t v = 0; v < 4; v++) {
    uint32_t r = v << 30;
    int k = 2;
    while (k-- > 0)
      r = (r & 0x80000000u) ? (r << 1) ^ 0x04C11DB7u : (r << 1);
    m4[v] = r;
  }
}

/* MSB first: the top two bits of the register select the entry. */
uint32_t mpeg_crumbs(const unsigned char *s, unsigned int n) {
  uint32_t r = 0xFFFFFFFFu;
  while (n) {
    unsigned int steps = 4;
    r ^= (uint32_t)*s << 24;
    do {
      r = (r << 2) ^ m4[r >> 30];
    } while (--steps);
    s++;
    n--;
  }
  return r;
}

/* DECT A-field R-CRC (ETSI EN 300 175-3): a 16-bit CRC with generator
 * x^16 + x^10 + x^8 + x^7 + x^3 + 1 (0x0589), MSB first, zero seed, over
 * the 8-bit header and 40-bit tail, with the last bit inverted (the
 * catalogue's CRC-16/DECT-R; DECT-X is the same without the inversion).
 * A 16-entry table of 16-bit remainders of each nibble times x^16 is built
 * at start-up and looked up twice per octet, high nibble then low nibble.
 * Label: crc. */
#include <stdint.h>

static uint16_t rcrc_nib[16];

void rcrc_setup(void) {
  for (unsigned v = 0; v < 16; v++) {
    uint16_t r = (uint16_t)(v << 12);
    unsigned k = 4;
    while (k--) {
      if (r & 0x8000u)
        r = (uint16_t)((r << 1) ^ 0x0589u);
      else
        r = (uint16_t)(r << 1);
    }
    rcrc_nib[v] = r;
  }
}

#define NIB(r, n)                                                              \
  ((uint16_t)(((r) << 4) ^ rcrc_nib[(((r) >> 12) ^ (n)) & 0xFu]))

uint16_t dect_x_sum(const uint8_t *octets, int count) {
  uint16_t reg = 0;
  int i = 0;
  while (i < count) {
    uint8_t o = octets[i++];
    reg = NIB(reg, o >> 4);
    reg = NIB(reg, o & 0x0Fu);
  }
  return reg;
}

/* A-field: octet 0 header, octets 1..5 tail, octets 6..7 R-CRC sent
 * high octet first. Returns 1 if the received R-CRC matches. */
int afield_ok(const uint8_t a[8]) {
  uint16_t reg = 0;
  const uint8_t *p = a;
  const uint8_t *stop = a + 6;
  do {
    unsigned hi = *p >> 4, lo = *p & 15u;
    reg = (uint16_t)((reg << 4) ^ rcrc_nib[(reg >> 12) ^ hi]);
    reg = (uint16_t)((reg << 4) ^ rcrc_nib[((reg >> 12) ^ lo) & 15u]);
  } while (++p != stop);
  reg ^= 0x0001u; /* the inverted last bit */
  return reg == (uint16_t)(a[6] << 8 | a[7]);
}

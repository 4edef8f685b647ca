/* CRCs wider than a machine word. CRC-82/DARC (reflected; the 82-bit
 * register is split into a 64-bit low half and an 18-bit high half that
 * shift into each other) bit by bit and with a 256-entry table of two-word
 * entries, and CRC-40/GSM (MSB first) in the top of a 64-bit register.
 * Label: crc. */
#include <stddef.h>
#include <stdint.h>

/* Reflected CRC-82/DARC polynomial, bits 81..64 and 63..0. */
#define DARC_HI 0x22080u
#define DARC_LO 0x8A00A2022200C430ull

struct r82 {
  uint64_t lo;
  uint32_t hi;
};

struct r82 darc_bits(const uint8_t *p, size_t n) {
  struct r82 s = {0, 0};
  while (n--) {
    s.lo ^= *p++;
    for (int k = 0; k < 8; k++) {
      uint64_t out = s.lo & 1;
      s.lo = (s.lo >> 1) | ((uint64_t)(s.hi & 1) << 63);
      s.hi >>= 1;
      if (out) {
        s.lo ^= DARC_LO;
        s.hi ^= DARC_HI;
      }
    }
  }
  return s;
}

static struct r82 darc_tab[256];

void darc_tab_init(void) {
  for (unsigned i = 0; i < 256; i++) {
    uint64_t lo = i;
    uint32_t hi = 0;
    for (int k = 8; k > 0; k--) {
      int carry = (int)(lo & 1);
      lo = (lo >> 1) | ((uint64_t)hi << 63);
      hi >>= 1;
      if (carry) {
        lo ^= DARC_LO;
        hi ^= DARC_HI;
      }
    }
    darc_tab[i].lo = lo;
    darc_tab[i].hi = hi;
  }
}

/* One lookup per byte: the 82-bit register moves down 8 places across the
 * two words and the entry is added to both. */
void darc_update(struct r82 *st, const uint8_t *p, size_t n) {
  uint64_t lo = st->lo;
  uint32_t hi = st->hi;
  for (size_t i = 0; i < n; i++) {
    const struct r82 *e = &darc_tab[(lo ^ p[i]) & 0xFF];
    lo = (lo >> 8) | ((uint64_t)(hi & 0xFF) << 56);
    hi >>= 8;
    lo ^= e->lo;
    hi ^= e->hi;
  }
  st->lo = lo;
  st->hi = hi;
}

/* CRC-40/GSM (poly 0x0004820009, final xor all ones), left-justified in a
 * 64-bit register so the top bit is bit 63. */
uint64_t gsm40(const uint8_t *p, size_t n) {
  const uint64_t poly = 0x0004820009ull << 24;
  uint64_t r = 0;
  for (size_t i = 0; i < n; i++) {
    r ^= (uint64_t)p[i] << 56;
    for (int k = 0; k < 8; k++)
      r = (r & (1ull << 63)) ? (r << 1) ^ poly : r << 1;
  }
  return (r >> 24) ^ 0xFFFFFFFFFFull;
}

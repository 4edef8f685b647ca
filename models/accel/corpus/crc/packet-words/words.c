/* CRCs over packet words rather than bytes. Label: crc. */
#include <stdint.h>

/* CRC-32 MSB-first over 32-bit big-endian words: 32 steps per word. */
uint32_t word_check(const uint32_t *w, int nwords) {
  uint32_t r = 0xFFFFFFFF;
  for (int i = 0; i < nwords; i++) {
    r ^= w[i];
    for (int b = 0; b < 32; b++)
      r = (r & 0x80000000) ? (r << 1) ^ 0x04C11DB7 : (r << 1);
  }
  return ~r;
}

struct pkt { uint16_t len; uint16_t flags; uint16_t words[64]; };

/* CRC-16/IBM reflected over the 16-bit words of a packet body. */
uint16_t pkt_check(const struct pkt *p) {
  uint16_t c = 0;
  for (int i = 0; i < p->len / 2 && i < 64; i++) {
    c ^= p->words[i];
    for (int k = 0; k < 16; k++) {
      uint16_t lsb = c & 1;
      c >>= 1;
      c ^= (uint16_t)(-lsb) & 0xA001;
    }
  }
  return c;
}

/* CRC-32C over 64-bit words, reflected, 64 shifts per word. */
uint32_t qword_c(uint32_t c, const uint64_t *q, unsigned n) {
  for (unsigned i = 0; i < n; i++) {
    uint64_t v = q[i] ^ c;
    for (int b = 0; b < 64; b++)
      v = (v & 1) ? (v >> 1) ^ 0x82F63B78ull : (v >> 1);
    c = (uint32_t)v;
  }
  return c;
}

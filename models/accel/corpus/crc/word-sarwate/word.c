/* CRC-32 over 32-bit packet words, each word fed as four table lookups
 * written out (Sarwate per byte, little-endian words). The table is
 * generated at start-up. Label: crc. */
#include <stdint.h>

struct crc_tab {
  uint32_t e[256];
};

void tab_fill(struct crc_tab *t) {
  for (uint32_t i = 0; i < 256; i++) {
    uint32_t c = i;
    for (int j = 0; j < 8; j++)
      c = (c >> 1) ^ ((c & 1) ? 0xEDB88320u : 0);
    t->e[i] = c;
  }
}

uint32_t words_fcs(const struct crc_tab *t, const uint32_t *w, int nwords) {
  uint32_t c = 0xFFFFFFFFu;
  for (int i = 0; i < nwords; i++) {
    uint32_t x = w[i];
    c = t->e[(c ^ x) & 0xFF] ^ (c >> 8);
    c = t->e[(c ^ (x >> 8)) & 0xFF] ^ (c >> 8);
    c = t->e[(c ^ (x >> 16)) & 0xFF] ^ (c >> 8);
    c = t->e[(c ^ (x >> 24)) & 0xFF] ^ (c >> 8);
  }
  return ~c;
}

/* Lulea-style level one: a bit vector of 2^16 bits (one per /16 slot) in
 * 16-bit chunks; a codeword per chunk gives the number of ones before it;
 * the next-hop pointer index is that base plus the ones inside the chunk up
 * to the address's bit. Label: lpm. */
#include <stdint.h>

struct lulea {
  uint16_t bitvec[4096];
  uint16_t base[4096];
  uint16_t ptr[65536];
};

static unsigned ones16(uint16_t v) {
  v = (uint16_t)(v - ((v >> 1) & 0x5555));
  v = (uint16_t)((v & 0x3333) + ((v >> 2) & 0x3333));
  v = (uint16_t)((v + (v >> 4)) & 0x0F0F);
  return (v + (v >> 8)) & 0x1F;
}

int lulea_lookup(const struct lulea *t, uint32_t ip) {
  unsigned ix = ip >> 20;         /* chunk */
  unsigned bit = (ip >> 16) & 15; /* bit within the chunk */
  uint16_t chunk = t->bitvec[ix];
  uint16_t upto = (uint16_t)(chunk >> (15 - bit));
  unsigned pix = t->base[ix] + ones16(upto) - 1;
  return t->ptr[pix];
}

/* CRC over a chain of packet segments (an mbuf-like list); the per-byte
 * work is the reflected table form, the table is a parameter. Label: crc. */
#include <stdint.h>

struct seg {
  const uint8_t *data;
  unsigned len;
  struct seg *next;
};

uint32_t chain_crc(const struct seg *s, const uint32_t *table) {
  uint32_t r = 0xFFFFFFFFu;
  for (; s; s = s->next) {
    const uint8_t *p = s->data;
    for (unsigned i = 0; i < s->len; i++)
      r = table[(r ^ p[i]) & 0xffu] ^ (r >> 8);
  }
  return r ^ 0xFFFFFFFFu;
}

/* The same over segments, bitwise with a mask. */
uint32_t chain_crc_bitwise(const struct seg *s) {
  uint32_t r = ~0u;
  while (s) {
    for (unsigned i = 0; i < s->len; i++) {
      r ^= s->data[i];
      for (int k = 0; k < 8; k++) {
        uint32_t m = 0u - (r & 1u);
        r = (r >> 1) ^ (0xEDB88320u & m);
      }
    }
    s = s->next;
  }
  return ~r;
}

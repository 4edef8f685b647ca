/* DIR-24-8-BASIC style two-level direct tables. Label: lpm. */
#include <stdint.h>

struct dir { uint16_t *tbl24; uint16_t *tbl8; };

uint16_t dir_lookup(const struct dir *d, uint32_t ip) {
  uint16_t e = d->tbl24[ip >> 8];
  if (e & 0x8000)
    e = d->tbl8[((uint32_t)(e & 0x7FFF) << 8) | (ip & 0xFF)];
  return e;
}

/* Batch version over a burst of addresses. */
void dir_burst(const uint32_t *t24, const uint32_t *t8, const uint32_t *ips,
               uint32_t *hops, int n) {
  for (int i = 0; i < n; i++) {
    uint32_t v = t24[ips[i] >> 8];
    if (v >> 31)
      v = t8[((v & 0xFFFFFF) * 256) + (ips[i] & 255)];
    hops[i] = v & 0xFFFF;
  }
}

/* Insert a prefix: fill the covered tbl24 range (prefixes up to /24). */
void dir_insert24(uint16_t *tbl24, uint8_t *lens, uint32_t pfx, int len,
                  uint16_t hop) {
  uint32_t first = (pfx >> 8) & (0xFFFFFFu << (24 - len)) ;
  uint32_t count = 1u << (24 - len);
  for (uint32_t i = first; i < first + count; i++)
    if (lens[i] <= len) {
      tbl24[i] = hop;
      lens[i] = (uint8_t)len;
    }
}

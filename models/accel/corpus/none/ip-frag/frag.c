/* IPv4 fragmentation bookkeeping: fragment offsets and flags, and a hole
 * list for reassembly. Label: none. */
#include <stdint.h>

struct hole {
  uint16_t first, last;
};

int frag_offsets(uint16_t total, uint16_t mtu, uint16_t *offs, uint8_t *more) {
  uint16_t chunk = (uint16_t)((mtu - 20) & ~7);
  int n = 0;
  for (uint16_t off = 0; off < total; off = (uint16_t)(off + chunk)) {
    offs[n] = (uint16_t)(off >> 3);
    more[n] = (uint8_t)(off + chunk < total);
    n++;
  }
  return n;
}

int fill_hole(struct hole *h, int n, uint16_t first, uint16_t last) {
  for (int i = 0; i < n; i++) {
    if (first > h[i].last || last < h[i].first)
      continue;
    struct hole old = h[i];
    h[i] = h[--n];
    if (first > old.first)
      h[n++] = (struct hole){old.first, (uint16_t)(first - 1)};
    if (last < old.last)
      h[n++] = (struct hole){(uint16_t)(last + 1), old.last};
    i = -1;
  }
  return n;
}

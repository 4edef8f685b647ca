/* A forwarding table whose masks come from a precomputed table of 33
 * netmasks, scanned entirely while keeping the longest match found.
 * Label: lpm. */
#include <stdint.h>

static const uint32_t netmask_of[33] = {
    0x00000000, 0x80000000, 0xC0000000, 0xE0000000, 0xF0000000, 0xF8000000,
    0xFC000000, 0xFE000000, 0xFF000000, 0xFF800000, 0xFFC00000, 0xFFE00000,
    0xFFF00000, 0xFFF80000, 0xFFFC0000, 0xFFFE0000, 0xFFFF0000, 0xFFFF8000,
    0xFFFFC000, 0xFFFFE000, 0xFFFFF000, 0xFFFFF800, 0xFFFFFC00, 0xFFFFFE00,
    0xFFFFFF00, 0xFFFFFF80, 0xFFFFFFC0, 0xFFFFFFE0, 0xFFFFFFF0, 0xFFFFFFF8,
    0xFFFFFFFC, 0xFFFFFFFE, 0xFFFFFFFF};

struct fwd {
  uint32_t dest;
  int plen;
  int gw;
};

int masktab_lookup(const struct fwd *t, unsigned n, uint32_t ip) {
  int best_len = -1, gw = -1;
  for (unsigned i = 0; i < n; i++) {
    uint32_t m = netmask_of[t[i].plen];
    if ((ip & m) == t[i].dest && t[i].plen > best_len) {
      best_len = t[i].plen;
      gw = t[i].gw;
    }
  }
  return gw;
}

/* Routes kept sorted by decreasing prefix length; the scan stops at the
 * first route whose masked prefix equals the masked address (the longest).
 * Masks are derived from the length each time. Label: lpm. */
#include <stdint.h>

struct route_s {
  uint32_t net;
  uint8_t len;
  uint16_t port;
};

int bylen_lookup(const struct route_s *r, int n, uint32_t dst) {
  for (int i = 0; i < n; i++) {
    uint32_t m = r[i].len == 0 ? 0 : ~0u << (32 - r[i].len);
    if (((dst ^ r[i].net) & m) == 0)
      return r[i].port;
  }
  return -1;
}

/* Insertion keeping the order: shift shorter prefixes down. */
int bylen_insert(struct route_s *r, int n, uint32_t net, uint8_t len,
                 uint16_t port) {
  int i = n;
  while (i > 0 && r[i - 1].len < len) {
    r[i] = r[i - 1];
    i--;
  }
  r[i].net = len ? net & (~0u << (32 - len)) : 0;
  r[i].len = len;
  r[i].port = port;
  return n + 1;
}

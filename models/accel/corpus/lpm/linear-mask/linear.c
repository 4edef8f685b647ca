/* Linear scans over a prefix list with masks. Label: lpm. */
#include <stdint.h>

struct pfx { uint32_t net; uint32_t mask; int len; int hop; };

int scan_best(const struct pfx *t, int n, uint32_t a) {
  int best = -1, bl = -1;
  for (int i = 0; i < n; i++)
    if ((a & t[i].mask) == t[i].net && t[i].len > bl) {
      bl = t[i].len;
      best = t[i].hop;
    }
  return best;
}

/* Table sorted by decreasing length: the first match wins; the mask is
 * rebuilt from the length. */
struct rt { uint32_t dst; uint8_t plen; uint8_t port; };

int first_match(const struct rt *r, unsigned n, uint32_t ip) {
  for (unsigned i = 0; i < n; i++) {
    uint32_t m = r[i].plen == 0 ? 0 : (uint32_t)(-1) << (32 - r[i].plen);
    if (((ip ^ r[i].dst) & m) == 0)
      return r[i].port;
  }
  return 255;
}

/* IPv6 prefixes as four words, compared word by word under the length. */
struct p6 { uint32_t w[4]; int len; int out; };

int scan6(const struct p6 *t, int n, const uint32_t *a) {
  int best = -1, bestlen = -1;
  for (int i = 0; i < n; i++) {
    int left = t[i].len, ok = 1;
    for (int k = 0; k < 4 && left > 0; k++, left -= 32) {
      uint32_t m = left >= 32 ? 0xFFFFFFFFu : ~(0xFFFFFFFFu >> left);
      if ((a[k] & m) != (t[i].w[k] & m)) {
        ok = 0;
        break;
      }
    }
    if (ok && t[i].len > bestlen) {
      bestlen = t[i].len;
      best = t[i].out;
    }
  }
  return best;
}

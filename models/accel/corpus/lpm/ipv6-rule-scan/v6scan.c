/* IPv6 longest prefix match by scanning a rule array: each rule has a
 * 128-bit prefix as four words and a length; the longest rule whose masked
 * words equal the address wins. Label: lpm. */
#include <stdint.h>

struct v6rule {
  uint32_t w[4];
  uint8_t len;
  uint16_t port;
};

static uint32_t word_mask(int len, int word) {
  int bits = len - 32 * word;
  if (bits <= 0)
    return 0;
  if (bits >= 32)
    return 0xffffffffu;
  return ~(0xffffffffu >> bits);
}

int v6_scan(const struct v6rule *r, int n, const uint32_t a[4]) {
  int best = -1, best_len = -1;
  for (int i = 0; i < n; i++) {
    if (r[i].len <= best_len)
      continue;
    int ok = 1;
    for (int w = 0; w < 4 && ok; w++) {
      uint32_t m = word_mask(r[i].len, w);
      if ((a[w] & m) != (r[i].w[w] & m))
        ok = 0;
    }
    if (ok) {
      best = r[i].port;
      best_len = r[i].len;
    }
  }
  return best;
}

/* The same with the rules sorted by decreasing length: first hit wins, and
 * whole words are compared before the partial one. */
int v6_scan_sorted(const struct v6rule *r, int n, const uint32_t a[4]) {
  for (int i = 0; i < n; i++) {
    int full = r[i].len >> 5, rest = r[i].len & 31, w = 0;
    while (w < full && a[w] == r[i].w[w])
      w++;
    if (w < full)
      continue;
    if (rest && ((a[w] ^ r[i].w[w]) >> (32 - rest)) != 0)
      continue;
    return r[i].port;
  }
  return -1;
}

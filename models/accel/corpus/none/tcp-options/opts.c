/* Walking TCP options: find the MSS and window scale, skip unknown kinds
 * by their length byte. Label: none. */
#include <stdint.h>

struct tcp_opts {
  uint16_t mss;
  uint8_t wscale;
  uint8_t sack_ok;
};

int parse_tcp_options(const uint8_t *p, int len, struct tcp_opts *o) {
  int i = 0;
  while (i < len) {
    uint8_t kind = p[i];
    if (kind == 0)
      break;
    if (kind == 1) {
      i++;
      continue;
    }
    if (i + 1 >= len)
      return -1;
    uint8_t olen = p[i + 1];
    if (olen < 2 || i + olen > len)
      return -1;
    if (kind == 2 && olen == 4)
      o->mss = (uint16_t)((p[i + 2] << 8) | p[i + 3]);
    else if (kind == 3 && olen == 3)
      o->wscale = p[i + 2];
    else if (kind == 4)
      o->sack_ok = 1;
    i += olen;
  }
  return 0;
}

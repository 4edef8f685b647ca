/* Port-range rules: the first rule whose source and destination port
 * ranges contain the packet's ports decides (a firewall's service match).
 * Label: none. */
#include <stdint.h>

struct port_rule {
  uint16_t sp_lo, sp_hi, dp_lo, dp_hi;
  uint8_t proto; /* 0 = any */
  uint8_t action;
};

int match_ports(const struct port_rule *r, int n, uint8_t proto, uint16_t sp,
                uint16_t dp) {
  for (int i = 0; i < n; i++) {
    if (r[i].proto && r[i].proto != proto)
      continue;
    if (sp < r[i].sp_lo || sp > r[i].sp_hi)
      continue;
    if (dp < r[i].dp_lo || dp > r[i].dp_hi)
      continue;
    return r[i].action;
  }
  return -1;
}

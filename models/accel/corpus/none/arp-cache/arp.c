/* An ARP cache in a small array with ageing by timestamps and
 * least-recently-used replacement. Label: none. */
#include <stdint.h>

struct arp_entry {
  uint32_t ip;
  uint8_t mac[6];
  uint32_t stamp;
  uint8_t valid;
};

int arp_find(const struct arp_entry *c, int n, uint32_t ip, uint32_t now,
             uint32_t max_age) {
  for (int i = 0; i < n; i++)
    if (c[i].valid && c[i].ip == ip && now - c[i].stamp <= max_age)
      return i;
  return -1;
}

void arp_learn(struct arp_entry *c, int n, uint32_t ip, const uint8_t *mac,
               uint32_t now) {
  int victim = 0;
  for (int i = 0; i < n; i++) {
    if (!c[i].valid || c[i].ip == ip) {
      victim = i;
      break;
    }
    if (c[i].stamp < c[victim].stamp)
      victim = i;
  }
  c[victim].ip = ip;
  for (int k = 0; k < 6; k++)
    c[victim].mac[k] = mac[k];
  c[victim].stamp = now;
  c[victim].valid = 1;
}

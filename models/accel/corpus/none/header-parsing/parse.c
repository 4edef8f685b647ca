/* Header parsing. Label: none. */
#include <stdint.h>

struct ip4 { uint8_t vhl, tos; uint16_t len, id, off; uint8_t ttl, proto;
             uint16_t sum; uint32_t src, dst; };

int parse_ipv4(const uint8_t *p, int caplen, struct ip4 *h) {
  if (caplen < 20)
    return -1;
  h->vhl = p[0];
  if ((h->vhl >> 4) != 4)
    return -2;
  int hl = (h->vhl & 0x0f) * 4;
  if (hl < 20 || hl > caplen)
    return -3;
  h->tos = p[1];
  h->len = (uint16_t)(p[2] << 8 | p[3]);
  h->id = (uint16_t)(p[4] << 8 | p[5]);
  h->off = (uint16_t)(p[6] << 8 | p[7]);
  h->ttl = p[8];
  h->proto = p[9];
  h->sum = (uint16_t)(p[10] << 8 | p[11]);
  h->src = (uint32_t)p[12] << 24 | (uint32_t)p[13] << 16 | p[14] << 8 | p[15];
  h->dst = (uint32_t)p[16] << 24 | (uint32_t)p[17] << 16 | p[18] << 8 | p[19];
  return hl;
}

/* TCP option walk: find the MSS option. */
int tcp_mss(const uint8_t *opt, int len) {
  int i = 0;
  while (i < len) {
    uint8_t kind = opt[i];
    if (kind == 0)
      break;
    if (kind == 1) {
      i++;
      continue;
    }
    if (i + 1 >= len || opt[i + 1] < 2)
      return -1;
    if (kind == 2 && opt[i + 1] == 4 && i + 3 < len)
      return opt[i + 2] << 8 | opt[i + 3];
    i += opt[i + 1];
  }
  return 0;
}

/* IPv6 extension header chain walk to the upper-layer protocol. */
int l4_proto(const uint8_t *p, int len, int *off) {
  int nh = p[6], o = 40;
  while (o + 2 <= len) {
    if (nh != 0 && nh != 43 && nh != 60 && nh != 44)
      break;
    int next = p[o];
    int hl = nh == 44 ? 8 : (p[o + 1] + 1) * 8;
    nh = next;
    o += hl;
  }
  *off = o;
  return nh;
}

/* Ethernet + VLAN tags. */
int eth_type(const uint8_t *f, int n, int *vlan) {
  int off = 12;
  *vlan = -1;
  uint16_t t = (uint16_t)(f[off] << 8 | f[off + 1]);
  while ((t == 0x8100 || t == 0x88a8) && off + 6 <= n) {
    *vlan = ((f[off + 2] & 0x0f) << 8) | f[off + 3];
    off += 4;
    t = (uint16_t)(f[off] << 8 | f[off + 1]);
  }
  return t;
}

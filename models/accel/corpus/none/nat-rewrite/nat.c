/* Address and port rewriting with incremental checksum fix-up.
 * Label: none. */
#include <stdint.h>

struct hdr { uint32_t src, dst; uint16_t sport, dport; uint16_t ipsum, l4sum; };
struct map { uint32_t inside, outside; uint16_t in_port, out_port; };

static uint16_t fold(uint32_t s) {
  while (s >> 16) s = (s & 0xffff) + (s >> 16);
  return (uint16_t)s;
}

void snat(struct hdr *h, const struct map *m) {
  uint32_t s = (uint16_t)~h->ipsum;
  s += (uint16_t)~(h->src >> 16) + (uint16_t)~(h->src & 0xffff);
  s += (m->outside >> 16) + (m->outside & 0xffff);
  h->ipsum = (uint16_t)~fold(s);
  uint32_t t = (uint16_t)~h->l4sum;
  t += (uint16_t)~(h->src >> 16) + (uint16_t)~(h->src & 0xffff);
  t += (m->outside >> 16) + (m->outside & 0xffff);
  t += (uint16_t)~h->sport + m->out_port;
  h->l4sum = (uint16_t)~fold(t);
  h->src = m->outside;
  h->sport = m->out_port;
}

int reverse_nat(struct hdr *h, const struct map *maps, int n) {
  for (int i = 0; i < n; i++)
    if (maps[i].outside == h->dst && maps[i].out_port == h->dport) {
      h->dst = maps[i].inside;
      h->dport = maps[i].in_port;
      h->ipsum = 0;
      h->l4sum = 0;
      return i;
    }
  return -1;
}

/* Port allocation from a bitmap of free ports. */
int alloc_port(uint32_t *freemap, int words, int start) {
  for (int k = 0; k < words; k++) {
    int w = (start / 32 + k) % words;
    if (freemap[w] != 0xFFFFFFFFu)
      for (int b = 0; b < 32; b++)
        if (!(freemap[w] & (1u << b))) {
          freemap[w] |= 1u << b;
          return w * 32 + b + 1024;
        }
  }
  return -1;
}

// Symmetric ECMP next-hop selection for IPv6: both directions of a flow
// must take the same path through a stateful middlebox pair, so the two
// addresses are put in canonical order (lexicographic byte comparison,
// ports swapped along with them) before hashing. The hash folds the four
// big-endian 64-bit address halves and a word of ports and next header
// into a 64-bit state by xor, multiply by an odd constant and xor-shift,
// with a final avalanche; the next hop is chosen by multiply-high range
// reduction. A 32-bit-only variant derives a symmetric 20-bit flow label.
// Label: hash.
#include <click/config.h>
#include <click/element.hh>
#include <click/packet.hh>
#include <clicknet/ip6.h>

class Ecmp6Select : public Element {
public:
  Ecmp6Select() : _basis(0x6a09e667f3bcc909ULL) {}

  const char *class_name() const override { return "Ecmp6Select"; }
  const char *port_count() const override { return "1/1-16"; }
  const char *processing() const override { return PUSH; }

  static void canonical_pair(const click_ip6 *ip6, const uint8_t *l4,
                             uint64_t words[4], uint32_t *ports);
  uint64_t path_hash(const click_ip6 *ip6, const uint8_t *l4) const;
  static uint32_t label_hash32(const click_ip6 *ip6, const uint8_t *l4);
  void push(int port, Packet *p) override;

private:
  uint64_t _basis;

  static uint64_t be64(const uint8_t *b) {
    uint64_t v = 0;
    for (int i = 0; i < 8; i++)
      v = v << 8 | b[i];
    return v;
  }
};

void Ecmp6Select::canonical_pair(const click_ip6 *ip6, const uint8_t *l4,
                                 uint64_t words[4], uint32_t *ports) {
  const uint8_t *a = ip6->ip6_src.s6_addr, *b = ip6->ip6_dst.s6_addr;
  uint16_t pa = 0, pb = 0;
  if (l4 && (ip6->ip6_nxt == 6 || ip6->ip6_nxt == 17)) {
    pa = (uint16_t)(l4[0] << 8 | l4[1]);
    pb = (uint16_t)(l4[2] << 8 | l4[3]);
  }
  int i = 0;
  while (i < 16 && a[i] == b[i])
    i++;
  bool swap = i < 16 ? a[i] > b[i] : pa > pb;
  if (swap) {
    const uint8_t *t = a;
    a = b;
    b = t;
    uint16_t tp = pa;
    pa = pb;
    pb = tp;
  }
  words[0] = be64(a);
  words[1] = be64(a + 8);
  words[2] = be64(b);
  words[3] = be64(b + 8);
  *ports = (uint32_t)pa << 16 | pb;
}

uint64_t Ecmp6Select::path_hash(const click_ip6 *ip6, const uint8_t *l4) const {
  uint64_t w[4];
  uint32_t ports;
  canonical_pair(ip6, l4, w, &ports);
  uint64_t h = _basis;
  for (int k = 0; k < 4; k++) {
    h ^= w[k];
    h *= 0x9fb21c651e98df25ULL;
    h ^= h >> 28;
  }
  h ^= (uint64_t)ports << 8 | ip6->ip6_nxt;
  h *= 0x9fb21c651e98df25ULL;
  h ^= h >> 32;
  h *= 0xd6e8feb86659fd93ULL;
  h ^= h >> 32;
  return h;
}

// A 20-bit flow label from the same canonical tuple with 32-bit arithmetic
// only (for a core without a 64-bit multiplier): eight address words and
// the port word, each xored in, multiplied and xor-shifted, then folded to
// 20 bits; 0 ("no label") is avoided.
uint32_t Ecmp6Select::label_hash32(const click_ip6 *ip6, const uint8_t *l4) {
  uint64_t w[4];
  uint32_t ports;
  canonical_pair(ip6, l4, w, &ports);
  uint32_t h = 0x811c9dc5u ^ ip6->ip6_nxt;
  for (int k = 0; k < 8; k++) {
    uint32_t half = (k & 1) ? (uint32_t)w[k >> 1] : (uint32_t)(w[k >> 1] >> 32);
    h ^= half;
    h *= 0x2c1b3c6du;
    h ^= h >> 15;
  }
  h ^= ports;
  h *= 0x297a2d39u;
  h ^= h >> 16;
  uint32_t label = (h ^ (h >> 20)) & 0xFFFFFu;
  return label ? label : 1u;
}

void Ecmp6Select::push(int, Packet *p) {
  const click_ip6 *ip6 = p->ip6_header();
  const uint8_t *l4 = p->network_header() + 40;
  if (l4 + 4 > p->end_data())
    l4 = 0;
  uint64_t h = path_hash(ip6, l4);
  int hop = (int)(((h >> 32) * (uint64_t)noutputs()) >> 32);
  output(hop).push(p);
}

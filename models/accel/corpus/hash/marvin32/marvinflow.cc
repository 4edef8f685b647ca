// Marvin32 (the seeded string hash of .NET) in a Click element that keys a
// per-flow counter table with a secret per-instance seed, so that remote
// hosts cannot aim many flows at one bucket. Two 32-bit halves p0, p1 start
// as the seed; each little-endian 32-bit word is added to p0 and followed by
// the block function (xor, rotate by 20/9/27/19, add); the tail is padded
// with a 0x80 byte, then two more blocks. The 64-bit result is p1:p0 and
// the 32-bit one p0 ^ p1. Label: hash.
#include <click/config.h>
#include <click/element.hh>
#include <click/packet.hh>
#include <clicknet/ip.h>

class MarvinFlowCount : public Element {
public:
  MarvinFlowCount() : _seed(0x004fb61a001bdbccULL) {
    for (int i = 0; i < NBUCKETS; i++)
      _count[i] = 0;
  }

  const char *class_name() const override { return "MarvinFlowCount"; }
  const char *port_count() const override { return "1/1"; }

  static uint64_t marvin(const unsigned char *data, size_t count,
                         uint64_t seed);
  uint32_t flow_slot(const click_ip *iph) const;
  Packet *simple_action(Packet *p) override;

private:
  enum { NBUCKETS = 4096 };
  uint64_t _seed;
  uint32_t _count[NBUCKETS];

  static inline uint32_t rol(uint32_t v, int s) {
    return (v << s) | (v >> (32 - s));
  }
  static void mix_block(uint32_t &lo, uint32_t &hi);
  static uint32_t le32(const unsigned char *b) {
    return (uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 |
           (uint32_t)b[3] << 24;
  }
};

void MarvinFlowCount::mix_block(uint32_t &lo, uint32_t &hi) {
  uint32_t a = lo, b = hi;
  b ^= a;
  a = rol(a, 20);
  a += b;
  b = rol(b, 9);
  b ^= a;
  a = rol(a, 27);
  a += b;
  b = rol(b, 19);
  lo = a;
  hi = b;
}

uint64_t MarvinFlowCount::marvin(const unsigned char *data, size_t count,
                                 uint64_t seed) {
  uint32_t p0 = (uint32_t)seed, p1 = (uint32_t)(seed >> 32);
  for (; count >= 4; count -= 4, data += 4) {
    p0 += le32(data);
    mix_block(p0, p1);
  }
  uint32_t last;
  switch (count) {
  case 0:
    last = 0x80u;
    break;
  case 1:
    last = 0x8000u | data[0];
    break;
  case 2:
    last = 0x800000u | data[1] << 8 | data[0];
    break;
  default:
    last = 0x80000000u | (uint32_t)data[2] << 16 | data[1] << 8 | data[0];
    break;
  }
  p0 += last;
  mix_block(p0, p1);
  mix_block(p0, p1);
  return (uint64_t)p1 << 32 | p0;
}

// The 12 bytes of addresses and ports (a TCP/UDP header follows the IP
// header) hashed as one string, folded to 32 bits.
uint32_t MarvinFlowCount::flow_slot(const click_ip *iph) const {
  unsigned char key[12];
  const unsigned char *ip = reinterpret_cast<const unsigned char *>(iph);
  const unsigned char *l4 = ip + iph->ip_hl * 4;
  for (int i = 0; i < 8; i++)
    key[i] = ip[12 + i];
  for (int i = 0; i < 4; i++)
    key[8 + i] = l4[i];
  uint64_t h = marvin(key, sizeof(key), _seed);
  uint32_t folded = (uint32_t)h ^ (uint32_t)(h >> 32);
  return folded & (NBUCKETS - 1);
}

Packet *MarvinFlowCount::simple_action(Packet *p) {
  if (p->has_network_header())
    _count[flow_slot(p->ip_header())]++;
  return p;
}

// Receive-queue steering with a PCG-style flow hash: the 5-tuple is
// absorbed into a 64-bit state by two steps of PCG's LCG
// (s = s * 6364136223846793005 + 1442695040888963407, adding or xoring a
// tuple word first) and each state is scrambled by PCG's RXS-M-XS output
// permutation: w = ((s >> ((s >> 59) + 5)) ^ s) * 12605985483714917081,
// out = (w >> 43) ^ w. The queue is picked by a multiply-high range
// reduction and counted per queue. Label: hash.
#include <click/config.h>
#include <click/element.hh>
#include <click/packet.hh>
#include <clicknet/ip.h>

#define LCG_MUL 6364136223846793005ULL
#define LCG_INC 1442695040888963407ULL

class PcgSteer : public Element {
public:
  PcgSteer() : _nqueues(8) {
    for (int i = 0; i < 16; i++)
      _per_queue[i] = 0;
  }

  const char *class_name() const override { return "PcgSteer"; }
  const char *port_count() const override { return "1/1"; }

  static uint64_t rxs_m_xs(uint64_t state);
  static uint64_t absorb(uint32_t saddr, uint32_t daddr, uint32_t ports,
                         uint8_t proto);
  unsigned queue_of(const click_ip *iph);
  Packet *simple_action(Packet *p) override;

private:
  unsigned _nqueues;
  uint64_t _per_queue[16];
};

uint64_t PcgSteer::rxs_m_xs(uint64_t state) {
  unsigned shift = (unsigned)(state >> 59u) + 5u;
  uint64_t word = ((state >> shift) ^ state) * 12605985483714917081ULL;
  return (word >> 43u) ^ word;
}

uint64_t PcgSteer::absorb(uint32_t saddr, uint32_t daddr, uint32_t ports,
                          uint8_t proto) {
  uint64_t s = ((uint64_t)saddr << 32 | daddr) + (uint64_t)proto;
  s = s * LCG_MUL + LCG_INC;
  uint64_t out = rxs_m_xs(s);
  s = (s ^ ((uint64_t)ports << 16 | proto)) * LCG_MUL + LCG_INC;
  return out ^ rxs_m_xs(s);
}

unsigned PcgSteer::queue_of(const click_ip *iph) {
  const uint8_t *b = reinterpret_cast<const uint8_t *>(iph);
  uint32_t sa = (uint32_t)b[12] << 24 | (uint32_t)b[13] << 16 |
                (uint32_t)b[14] << 8 | b[15];
  uint32_t da = (uint32_t)b[16] << 24 | (uint32_t)b[17] << 16 |
                (uint32_t)b[18] << 8 | b[19];
  uint32_t ports = 0;
  if (iph->ip_p == IP_PROTO_TCP || iph->ip_p == IP_PROTO_UDP) {
    const uint8_t *t = b + iph->ip_hl * 4;
    ports = (uint32_t)t[0] << 24 | (uint32_t)t[1] << 16 | (uint32_t)t[2] << 8 |
            t[3];
  }
  uint64_t h = absorb(sa, da, ports, iph->ip_p);
  unsigned q = (unsigned)(((h >> 32) * (uint64_t)_nqueues) >> 32);
  _per_queue[q & 15]++;
  return q;
}

Packet *PcgSteer::simple_action(Packet *p) {
  p->set_anno_u8(0, (uint8_t)queue_of(p->ip_header()));
  return p;
}

// MoremurECMP: multipath next-hop selection by hash-threshold (RFC 2992).
//
// The IPv4 5-tuple is packed into two 64-bit words and run through Pelle
// Evensen's "moremur" mixer (xorshift-multiply-xorshift-multiply-xorshift,
// shifts 27/33/27) twice, Merkle-Damgard style with a configurable seed. The
// top 32 bits of the result are split into N equal regions, one per output,
// so adding or removing a path only moves flows at region boundaries.
// SYMMETRIC true orders the (address, port) endpoints first, so both
// directions of a connection take the same path.
#include <click/config.h>
#include <click/args.hh>
#include <click/element.hh>
#include <click/error.hh>
#include <click/packet.hh>
#include <clicknet/ip.h>
#include <clicknet/tcp.h>
#include <clicknet/udp.h>

CLICK_DECLS

class MoremurECMP : public Element {
public:
  MoremurECMP() : _seed(0x5851f42d4c957f2dULL), _symmetric(false) {}

  const char *class_name() const override { return "MoremurECMP"; }
  const char *port_count() const override { return "1/1-"; }
  const char *processing() const override { return PUSH; }

  int configure(Vector<String> &conf, ErrorHandler *errh) override;
  void push(int port, Packet *p) override;

  static uint64_t flow_hash(uint32_t saddr, uint32_t daddr, uint16_t sport,
                            uint16_t dport, uint8_t proto, uint64_t seed,
                            bool symmetric);

private:
  uint64_t _seed;
  bool _symmetric;
};

uint64_t MoremurECMP::flow_hash(uint32_t saddr, uint32_t daddr, uint16_t sport,
                                uint16_t dport, uint8_t proto, uint64_t seed,
                                bool symmetric) {
  if (symmetric && (saddr > daddr || (saddr == daddr && sport > dport))) {
    uint32_t ta = saddr; saddr = daddr; daddr = ta;
    uint16_t tp = sport; sport = dport; dport = tp;
  }
  uint64_t words[2];
  words[0] = (uint64_t(saddr) << 32) | daddr;
  words[1] = (uint64_t(proto) << 32) | (uint32_t(sport) << 16) | dport;
  uint64_t x = seed;
  for (int i = 0; i < 2; i++) {
    x ^= words[i];
    x ^= x >> 27;
    x *= 0x3C79AC492BA7B653ULL;
    x ^= x >> 33;
    x *= 0x1C69B3F74AC4AE35ULL;
    x ^= x >> 27;
  }
  return x;
}

int MoremurECMP::configure(Vector<String> &conf, ErrorHandler *errh) {
  uint32_t seed_lo = uint32_t(_seed), seed_hi = uint32_t(_seed >> 32);
  bool sym = _symmetric;
  if (Args(conf, this, errh)
          .read("SEED", seed_lo)
          .read("SEED_HI", seed_hi)
          .read("SYMMETRIC", sym)
          .complete() < 0)
    return -1;
  _seed = (uint64_t(seed_hi) << 32) | seed_lo;
  _symmetric = sym;
  return 0;
}

void MoremurECMP::push(int, Packet *p) {
  const click_ip *iph = p->ip_header();
  int n = noutputs();
  if (!iph || n <= 1) {
    output(0).push(p);
    return;
  }
  uint16_t sport = 0, dport = 0;
  const unsigned char *th = (const unsigned char *)iph + (iph->ip_hl << 2);
  if ((iph->ip_p == IP_PROTO_TCP || iph->ip_p == IP_PROTO_UDP) &&
      IP_FIRSTFRAG(iph) && th + 4 <= p->end_data()) {
    sport = uint16_t((th[0] << 8) | th[1]);
    dport = uint16_t((th[2] << 8) | th[3]);
  }
  uint64_t h = flow_hash(ntohl(iph->ip_src.s_addr), ntohl(iph->ip_dst.s_addr),
                         sport, dport, iph->ip_p, _seed, _symmetric);
  uint32_t region = uint32_t(((h >> 32) * uint64_t(n)) >> 32);
  output(region).push(p);
}

CLICK_ENDDECLS
EXPORT_ELEMENT(MoremurECMP)

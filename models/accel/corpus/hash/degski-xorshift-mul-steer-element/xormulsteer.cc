// XorMulSteer: spreads IPv4 flows over the element's outputs.
//
// The flow key (addresses, ports, protocol) is absorbed one 32-bit word at a
// time into a running state with the xorshift-multiply integer finaliser
// attributed to degski / Thomas Mueller:
//     x = ((x >> 16) ^ x) * 0x45d9f3b;  x = ((x >> 16) ^ x) * 0x45d9f3b;
//     x = (x >> 16) ^ x;
// With SYMMETRIC true, the two endpoints are put in a canonical order first so
// both directions of a connection reach the same output.
//
// XorMulSteer([SEED s, SYMMETRIC bool]); needs ip_header() set upstream.

#include <click/config.h>
#include <click/args.hh>
#include <click/element.hh>
#include <click/error.hh>
#include <click/packet.hh>
#include <clicknet/ip.h>
#include <clicknet/tcp.h>
#include <clicknet/udp.h>

class XorMulSteer : public Element {
public:
  XorMulSteer() : _seed(0x2545f491u), _symmetric(false), _nonflow(0) {}

  const char *class_name() const override { return "XorMulSteer"; }
  const char *port_count() const override { return "1/1-"; }
  const char *processing() const override { return PUSH; }
  int configure(Vector<String> &conf, ErrorHandler *errh) override;
  void push(int port, Packet *p) override;

  static uint32_t avalanche(uint32_t x);
  uint32_t flow_hash(uint32_t saddr, uint32_t daddr, uint16_t sport,
                     uint16_t dport, uint8_t proto) const;

private:
  uint32_t _seed;
  bool _symmetric;
  uint64_t _nonflow;
};

uint32_t XorMulSteer::avalanche(uint32_t x) {
  x = ((x >> 16) ^ x) * 0x45d9f3bU;
  x = ((x >> 16) ^ x) * 0x45d9f3bU;
  x = (x >> 16) ^ x;
  return x;
}

uint32_t XorMulSteer::flow_hash(uint32_t saddr, uint32_t daddr,
                                uint16_t sport, uint16_t dport,
                                uint8_t proto) const {
  if (_symmetric && (saddr > daddr || (saddr == daddr && sport > dport))) {
    uint32_t ta = saddr;
    saddr = daddr;
    daddr = ta;
    uint16_t tp = sport;
    sport = dport;
    dport = tp;
  }
  uint32_t h = avalanche(_seed ^ 0x9e3779b9U);
  h = avalanche(h ^ saddr);
  h = avalanche(h + daddr);
  h = avalanche(h ^ (((uint32_t)sport << 16) | dport));
  h = avalanche(h + ((uint32_t)proto << 24 | 13U));
  return h;
}

int XorMulSteer::configure(Vector<String> &conf, ErrorHandler *errh) {
  uint32_t seed = _seed;
  bool sym = false;
  if (Args(conf, this, errh)
          .read("SEED", seed)
          .read("SYMMETRIC", sym)
          .complete() < 0)
    return -1;
  _seed = seed;
  _symmetric = sym;
  return 0;
}

void XorMulSteer::push(int, Packet *p) {
  const click_ip *iph = p->ip_header();
  int n = noutputs();
  if (!iph || n <= 0) {
    _nonflow++;
    checked_output_push(0, p);
    return;
  }
  uint16_t sport = 0, dport = 0;
  const unsigned char *l4 = p->transport_header();
  bool ports = (iph->ip_p == IP_PROTO_TCP || iph->ip_p == IP_PROTO_UDP) &&
               !IP_ISFRAG(iph) && l4 && l4 + 4 <= p->end_data();
  if (ports) {
    sport = (uint16_t)((l4[0] << 8) | l4[1]);
    dport = (uint16_t)((l4[2] << 8) | l4[3]);
  } else
    _nonflow++;
  uint32_t h = flow_hash(ntohl(iph->ip_src.s_addr), ntohl(iph->ip_dst.s_addr),
                         sport, dport, iph->ip_p);
  p->set_anno_u32(4, h);
  output((int)(h % (uint32_t)n)).push(p);
}

CLICK_ENDDECLS
EXPORT_ELEMENT(XorMulSteer)

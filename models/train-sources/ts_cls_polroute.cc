// Training source for the instruction models (models/README.md): policy-
// based routing. Policies match on ingress port, source prefix, DSCP range,
// protocol and a destination-port bitmap and name a next-hop group; a group
// spreads flows over weighted members by a flow hash (modulo the live
// weight), skipping members marked down. Packets no policy takes fall back
// to a main table searched by longest prefix. The chosen gateway goes to
// the destination-address annotation, the member's port picks the output.
// Written for training only; not part of the NF corpus.
#include <click/clara.hh>
#include <click/config.h>
#include <click/element.hh>
#include <click/ipaddress.hh>
#include <click/packet.hh>
#include <click/packet_anno.hh>
#include <click/vector.hh>
#include <clicknet/ip.h>
#include <clicknet/tcp.h>
#include <clicknet/udp.h>

struct PbrPolicy {
  uint32_t src, mask;
  uint8_t ingress; // 0xff: any
  uint8_t dscp_lo, dscp_hi;
  uint8_t proto;         // 0: any
  uint32_t port_bits[2]; // destination ports 0..63 of interest; 0,0: any
  uint16_t group;
  uint32_t hits;
};

struct PbrMember {
  uint32_t gateway;
  uint16_t weight;
  uint8_t port;
  bool up;
};

struct PbrRoute {
  uint32_t prefix, mask;
  uint32_t gateway;
  uint8_t plen, port;
};

class TrainPolicyRouter : public Element {
public:
  enum { NGROUPS = 4, MAXMEMBERS = 6 };
  TrainPolicyRouter() : _nomatch(0), _noroute(0) {
    PbrPolicy p = {0x0a000000u, 0xffff0000u, 0xff, 40, 63, 0, {0, 0}, 0, 0};
    _pol.push_back(p); // high-priority DSCP from 10.0/16 -> group 0
    PbrPolicy q = {0, 0, 1, 0, 63, IP_PROTO_UDP, {0, 1u << 21 | 1u << 22},
                   1, 0};
    _pol.push_back(q); // ingress 1, UDP to ports 53/54 -> group 1
    PbrPolicy r = {0x0a000000u,  0xff000000u, 0xff, 0, 63,
                   IP_PROTO_TCP, {0, 0},      2,    0};
    _pol.push_back(r); // other TCP from 10/8 -> group 2
    for (int g = 0; g < NGROUPS; ++g) {
      _nmembers[g] = 0;
      for (int m = 0; m < 2 + g; ++m)
        add_member(g, 0xac100001u + (uint32_t)(g << 8 | m),
                   (uint16_t)(1 + m * (g + 1)), (uint8_t)(m % 3));
    }
    _members[1][1].up = false;
    add_route(0xc0a80000u, 24, 0xac1000feu, 1);
    add_route(0xc0a80000u, 16, 0xac1000fdu, 2);
    add_route(0, 0, 0xac100001u, 0);
  }
  const char *class_name() const override { return "TrainPolicyRouter"; }
  const char *port_count() const override { return "1/4"; }
  void push(int port, Packet *p) override;

private:
  void add_member(int g, uint32_t gw, uint16_t weight, uint8_t port) {
    PbrMember &m = _members[g][_nmembers[g]++];
    m.gateway = gw;
    m.weight = weight;
    m.port = port;
    m.up = true;
  }
  void add_route(uint32_t prefix, int plen, uint32_t gw, uint8_t port) {
    PbrRoute r;
    r.mask = plen ? ~0u << (32 - plen) : 0;
    r.prefix = prefix & r.mask;
    r.gateway = gw;
    r.plen = (uint8_t)plen;
    r.port = port;
    _routes.push_back(r);
  }
  static bool port_in(const uint32_t *bits, uint16_t dport) {
    if (!bits[0] && !bits[1])
      return true;
    if (dport >= 64)
      return false;
    return (bits[dport >> 5] >> (dport & 31)) & 1;
  }
  int match_policy(const click_ip *iph, uint16_t dport, int ingress);
  int pick_member(int g, uint32_t flowhash) const;
  int lpm(uint32_t dst) const {
    int best = -1, best_len = -1;
    for (int i = 0; i < _routes.size(); ++i) {
      const PbrRoute &r = _routes[i];
      if ((dst & r.mask) == r.prefix && (int)r.plen > best_len) {
        best = i;
        best_len = r.plen;
      }
    }
    return best;
  }
  static uint32_t flow_hash(const click_ip *iph, uint32_t ports) {
    uint32_t h = iph->ip_src.s_addr ^ (iph->ip_dst.s_addr * 31u);
    h ^= ports + 0x9e3779b9u + (h << 6) + (h >> 2);
    h ^= iph->ip_p;
    return h ^ (h >> 15);
  }

  Vector<PbrPolicy, 16> _pol;
  Vector<PbrRoute, 32> _routes;
  PbrMember _members[NGROUPS][MAXMEMBERS];
  int _nmembers[NGROUPS];
  uint32_t _nomatch, _noroute;
};

int TrainPolicyRouter::match_policy(const click_ip *iph, uint16_t dport,
                                    int ingress) {
  uint32_t src = ntohl(iph->ip_src.s_addr);
  uint8_t dscp = iph->ip_tos >> 2;
  for (int i = 0; i < _pol.size(); ++i) {
    PbrPolicy &p = _pol[i];
    if (p.ingress != 0xff && p.ingress != ingress)
      continue;
    if ((src & p.mask) != p.src || dscp < p.dscp_lo || dscp > p.dscp_hi)
      continue;
    if (p.proto && (p.proto != iph->ip_p || !port_in(p.port_bits, dport)))
      continue;
    p.hits++;
    return p.group;
  }
  return -1;
}

int TrainPolicyRouter::pick_member(int g, uint32_t flowhash) const {
  uint32_t total = 0;
  for (int m = 0; m < _nmembers[g]; ++m)
    if (_members[g][m].up)
      total += _members[g][m].weight;
  if (total == 0)
    return -1;
  uint32_t point = flowhash % total;
  for (int m = 0; m < _nmembers[g]; ++m) {
    const PbrMember &mb = _members[g][m];
    if (!mb.up)
      continue;
    if (point < mb.weight)
      return m;
    point -= mb.weight;
  }
  return -1;
}

void TrainPolicyRouter::push(int, Packet *p) {
  const click_ip *iph = p->ip_header();
  if (!iph) {
    checked_output_push(3, p);
    return;
  }
  uint32_t ports = 0;
  uint16_t dport = 0;
  if ((iph->ip_p == IP_PROTO_TCP || iph->ip_p == IP_PROTO_UDP) &&
      IP_FIRSTFRAG(iph) && p->transport_length() >= 4) {
    const click_udp *uh = p->udp_header();
    dport = ntohs(uh->uh_dport);
    ports = (uint32_t)uh->uh_sport << 16 | uh->uh_dport;
  }
  int g = match_policy(iph, dport, PAINT_ANNO(p));
  if (g >= 0 && g < NGROUPS) {
    int m = pick_member(g, flow_hash(iph, ports));
    if (m >= 0) {
      const PbrMember &mb = _members[g][m];
      p->set_dst_ip_anno(IPAddress(htonl(mb.gateway)));
      checked_output_push(mb.port, p);
      return;
    }
  }
  _nomatch++;
  int r = lpm(ntohl(iph->ip_dst.s_addr));
  if (r < 0) {
    _noroute++;
    checked_output_push(3, p);
    return;
  }
  p->set_dst_ip_anno(IPAddress(htonl(_routes[r].gateway)));
  checked_output_push(_routes[r].port, p);
}

extern "C" Element *clara_nf_create(const char *config) {
  Element *e = new TrainPolicyRouter;
  if (clara_element_setup(e, config ? String(config) : String(), 1, 4) < 0)
    return 0;
  return e;
}

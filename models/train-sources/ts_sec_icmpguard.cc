// Training source for the instruction models (models/README.md): an ICMP
// guard: per-destination token buckets for echo requests (64-bit scaled
// tokens refilled from the packet timestamps), smurf protection (echo
// requests to directed broadcast addresses of the protected subnets, and
// echo replies that answer no request seen from the destination),
// oversized or fragmented ICMP (ping of death), and a type/code policy
// switch that drops redirects, source quench and timestamp requests.
// Written for training only; not part of the NF corpus.
#include <click/clara.hh>
#include <click/config.h>
#include <click/element.hh>
#include <click/hashtable.hh>
#include <click/packet.hh>
#include <click/packet_anno.hh>
#include <clicknet/icmp.h>
#include <clicknet/ip.h>

enum IcmpVerdict {
  V_PASS = 0,
  V_RATE = 1,
  V_SMURF = 2,
  V_ORPHAN = 3,
  V_GIANT = 4,
  V_POLICY = 5,
  V_NVERDICT = 6
};

struct EchoBucket {
  uint64_t tokens; // scaled by TOKEN_SCALE
  uint64_t last_us;
  uint16_t ids[4]; // identifiers of the host's recent outgoing requests
  uint8_t next_id;
};

struct Subnet {
  uint32_t net;
  uint8_t plen;
};

class TrainIcmpGuard : public Element {
public:
  enum { NSUBNETS = 3 };
  static const uint64_t TOKEN_SCALE = 1024;
  TrainIcmpGuard() : _rate_pps(50), _burst(20) {
    _subnets[0] = {0xc0a80000u, 24};
    _subnets[1] = {0xc0a80100u, 24};
    _subnets[2] = {0xac100000u, 12};
    memset(_verdicts, 0, sizeof(_verdicts));
  }
  const char *class_name() const override { return "TrainIcmpGuard"; }
  const char *port_count() const override { return PORTS_1_1X2; }
  const char *processing() const override { return PUSH; }
  void push(int port, Packet *p) override;

private:
  bool directed_broadcast(uint32_t dst) const;
  EchoBucket *bucket(uint32_t host, uint64_t now_us);
  bool take_token(EchoBucket *b, uint64_t now_us);
  void remember_request(uint32_t src, uint16_t id, uint64_t now_us);
  bool answers_request(uint32_t dst, uint16_t id);
  int policy(uint8_t type, uint8_t code) const;
  int classify(const Packet *p, uint64_t now_us);

  Subnet _subnets[NSUBNETS];
  HashTable<uint32_t, EchoBucket, 256, 4> _hosts;
  uint32_t _rate_pps, _burst;
  uint64_t _verdicts[V_NVERDICT];
};

bool TrainIcmpGuard::directed_broadcast(uint32_t dst) const {
  for (int i = 0; i < NSUBNETS; ++i) {
    uint32_t mask = _subnets[i].plen ? ~0u << (32 - _subnets[i].plen) : 0;
    if ((dst & mask) != _subnets[i].net)
      continue;
    uint32_t host = dst & ~mask;
    return host == ~mask || host == 0;
  }
  return (dst & 0xff) == 0xff; // outside: any .255 is suspicious
}

EchoBucket *TrainIcmpGuard::bucket(uint32_t host, uint64_t now_us) {
  EchoBucket *b = _hosts.get_pointer(host);
  if (b)
    return b;
  EchoBucket fresh;
  memset(&fresh, 0, sizeof(fresh));
  fresh.tokens = (uint64_t)_burst * TOKEN_SCALE;
  fresh.last_us = now_us;
  if (!_hosts.insert(host, fresh))
    return 0;
  return _hosts.get_pointer(host);
}

bool TrainIcmpGuard::take_token(EchoBucket *b, uint64_t now_us) {
  uint64_t elapsed = now_us > b->last_us ? now_us - b->last_us : 0;
  uint64_t add = elapsed * _rate_pps * TOKEN_SCALE / 1000000u;
  uint64_t cap = (uint64_t)_burst * TOKEN_SCALE;
  if (add) {
    b->tokens = b->tokens + add > cap ? cap : b->tokens + add;
    b->last_us = now_us;
  }
  if (b->tokens < TOKEN_SCALE)
    return false;
  b->tokens -= TOKEN_SCALE;
  return true;
}

void TrainIcmpGuard::remember_request(uint32_t src, uint16_t id,
                                      uint64_t now_us) {
  EchoBucket *b = bucket(src, now_us);
  if (!b)
    return;
  b->ids[b->next_id & 3] = id;
  b->next_id++;
}

bool TrainIcmpGuard::answers_request(uint32_t dst, uint16_t id) {
  EchoBucket *b = _hosts.get_pointer(dst);
  if (!b)
    return false;
  for (int i = 0; i < 4; ++i)
    if (b->ids[i] == id)
      return true;
  return false;
}

int TrainIcmpGuard::policy(uint8_t type, uint8_t code) const {
  switch (type) {
  case ICMP_ECHO:
  case ICMP_ECHOREPLY:
    return code == 0 ? V_PASS : V_POLICY;
  case ICMP_UNREACH:
    return code <= 15 ? V_PASS : V_POLICY;
  case ICMP_TIMXCEED:
    return code <= 1 ? V_PASS : V_POLICY;
  case ICMP_PARAMPROB:
    return V_PASS;
  case ICMP_REDIRECT:
  case ICMP_SOURCEQUENCH:
  case ICMP_TSTAMP:
  case ICMP_ROUTERADVERT:
  case ICMP_ROUTERSOLICIT:
  default:
    return V_POLICY;
  }
}

int TrainIcmpGuard::classify(const Packet *p, uint64_t now_us) {
  const click_ip *iph = p->ip_header();
  uint32_t tot = ntohs(iph->ip_len);
  uint32_t off = (ntohs(iph->ip_off) & IP_OFFMASK) * 8u;
  if (off + tot - (iph->ip_hl << 2) > IP_MAXPACKET)
    return V_GIANT;
  if (off != 0 || (iph->ip_off & htons(IP_MF)))
    return tot > 576 ? V_GIANT : V_PASS; // later fragments: size only
  if (p->transport_length() < (int)sizeof(click_icmp_echo))
    return V_GIANT;
  const click_icmp_echo *ic =
      reinterpret_cast<const click_icmp_echo *>(p->icmp_header());
  int v = policy(ic->icmp_type, ic->icmp_code);
  if (v != V_PASS)
    return v;
  uint32_t src = ntohl(iph->ip_src.s_addr), dst = ntohl(iph->ip_dst.s_addr);
  if (ic->icmp_type == ICMP_ECHO) {
    if (directed_broadcast(dst))
      return V_SMURF;
    EchoBucket *b = bucket(dst, now_us);
    if (b && !take_token(b, now_us))
      return V_RATE;
    remember_request(src, ic->icmp_identifier, now_us);
  } else if (ic->icmp_type == ICMP_ECHOREPLY) {
    if (!answers_request(dst, ic->icmp_identifier))
      return V_ORPHAN;
  }
  return V_PASS;
}

void TrainIcmpGuard::push(int, Packet *p) {
  const click_ip *iph = p->ip_header();
  if (!p->has_network_header() || iph->ip_p != IP_PROTO_ICMP) {
    output(0).push(p);
    return;
  }
  const Timestamp &ts = p->timestamp_anno();
  uint64_t now_us = (uint64_t)ts.sec() * 1000000u + ts.usec();
  int v = classify(p, now_us);
  _verdicts[v]++;
  if (v == V_PASS) {
    output(0).push(p);
    return;
  }
  SET_PAINT_ANNO(p, (uint8_t)v);
  output(1).push(p);
}

extern "C" Element *clara_nf_create(const char *config) {
  Element *e = new TrainIcmpGuard;
  if (clara_element_setup(e, config ? String(config) : String(), 1, 2) < 0)
    return 0;
  return e;
}

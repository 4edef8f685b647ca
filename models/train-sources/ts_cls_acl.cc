// Training source for the instruction models (models/README.md): an ordered
// access-control list (source/destination prefixes, protocol, port ranges,
// TCP flag mask/value, fragment and ICMP type tests) matched first-hit with
// early exit; per-rule packet and byte counters, a default action, and a
// "log" action that marks the packet's paint annotation.
// Written for training only; not part of the NF corpus.
#include <click/clara.hh>
#include <click/config.h>
#include <click/element.hh>
#include <click/packet.hh>
#include <click/packet_anno.hh>
#include <clicknet/icmp.h>
#include <clicknet/ip.h>
#include <clicknet/tcp.h>
#include <clicknet/udp.h>

enum AclAction { ACL_PERMIT = 0, ACL_DENY = 1, ACL_LOG = 2, ACL_REJECT = 3 };

struct AclEntry {
  uint32_t src, src_mask;
  uint32_t dst, dst_mask;
  uint16_t sport_lo, sport_hi;
  uint16_t dport_lo, dport_hi;
  uint8_t proto;     // 0: any
  uint8_t flag_mask; // TCP flags that must equal flag_value
  uint8_t flag_value;
  uint8_t icmp_type; // 255: any
  unsigned frag : 2; // 0 any, 1 non-fragments only, 2 fragments only
  unsigned action : 2;
  unsigned established : 1; // TCP ACK or RST set
};

struct AclCounter {
  uint64_t packets;
  uint64_t bytes;
};

// Fields pulled out of the packet once, compared by every rule.
struct AclKey {
  uint32_t src, dst;
  uint16_t sport, dport;
  uint8_t proto, flags, icmp_type;
  bool frag;
};

class TrainAcl : public Element {
public:
  enum { MAXRULES = 24 };
  TrainAcl() : _n(0), _default(ACL_PERMIT), _short(0), _logged(0) {
    add(0x0a000000, 8, 0, 0, IP_PROTO_TCP, 22, 22, ACL_DENY);
    add(0, 0, 0xc0a80000, 24, IP_PROTO_UDP, 53, 53, ACL_PERMIT);
    add(0, 0, 0xc0a80000, 24, IP_PROTO_TCP, 80, 80, ACL_LOG);
    add(0x0a000100, 24, 0, 0, IP_PROTO_TCP, 443, 443, ACL_PERMIT);
    add(0, 0, 0, 0, IP_PROTO_UDP, 123, 123, ACL_REJECT);
    add(0, 0, 0, 0, IP_PROTO_ICMP, 0, 0, ACL_PERMIT);
    _rules[_n - 1].icmp_type = ICMP_ECHO;
    add(0, 0, 0, 0, IP_PROTO_TCP, 1024, 65535, ACL_PERMIT);
    _rules[_n - 1].established = 1;
    add(0, 0, 0, 0, IP_PROTO_TCP, 0, 65535, ACL_DENY);
    _rules[_n - 1].flag_mask = TH_SYN | TH_FIN;
    _rules[_n - 1].flag_value = TH_SYN | TH_FIN;
    add(0, 0, 0, 0, 0, 0, 65535, ACL_DENY);
    _rules[_n - 1].frag = 2;
    for (int i = 0; i < MAXRULES; ++i)
      _count[i].packets = _count[i].bytes = 0;
    _default_count.packets = _default_count.bytes = 0;
  }
  const char *class_name() const override { return "TrainAcl"; }
  const char *port_count() const override { return "1/3"; }
  void push(int port, Packet *p) override;

private:
  static uint32_t prefix_mask(int len) {
    return len <= 0 ? 0 : len >= 32 ? 0xffffffffu : ~0u << (32 - len);
  }
  void add(uint32_t src, int slen, uint32_t dst, int dlen, uint8_t proto,
           uint16_t lo, uint16_t hi, int action) {
    if (_n >= MAXRULES)
      return;
    AclEntry &e = _rules[_n++];
    e.src_mask = prefix_mask(slen);
    e.src = src & e.src_mask;
    e.dst_mask = prefix_mask(dlen);
    e.dst = dst & e.dst_mask;
    e.sport_lo = 0;
    e.sport_hi = 65535;
    e.dport_lo = lo;
    e.dport_hi = hi;
    e.proto = proto;
    e.flag_mask = e.flag_value = 0;
    e.icmp_type = 255;
    e.frag = 0;
    e.action = action & 3;
    e.established = 0;
  }
  bool extract(Packet *p, AclKey *k) const;
  bool ports_ok(const AclEntry &e, const AclKey &k) const {
    if (k.proto != IP_PROTO_TCP && k.proto != IP_PROTO_UDP)
      return true;
    return k.sport >= e.sport_lo && k.sport <= e.sport_hi &&
           k.dport >= e.dport_lo && k.dport <= e.dport_hi;
  }
  bool entry_matches(const AclEntry &e, const AclKey &k) const;
  int lookup(const AclKey &k, uint32_t len);

  AclEntry _rules[MAXRULES];
  AclCounter _count[MAXRULES];
  AclCounter _default_count;
  int _n;
  int _default;
  uint32_t _short;
  uint32_t _logged;
};

bool TrainAcl::extract(Packet *p, AclKey *k) const {
  const click_ip *iph = p->ip_header();
  if (!iph || p->network_length() < (int)sizeof(click_ip))
    return false;
  k->src = ntohl(iph->ip_src.s_addr);
  k->dst = ntohl(iph->ip_dst.s_addr);
  k->proto = iph->ip_p;
  k->frag = IP_ISFRAG(iph);
  k->sport = k->dport = 0;
  k->flags = 0;
  k->icmp_type = 255;
  if (!IP_FIRSTFRAG(iph))
    return true; // later fragments carry no transport header
  int tlen = p->transport_length();
  switch (iph->ip_p) {
  case IP_PROTO_TCP:
    if (tlen < (int)sizeof(click_tcp))
      return false;
    k->sport = ntohs(p->tcp_header()->th_sport);
    k->dport = ntohs(p->tcp_header()->th_dport);
    k->flags = p->tcp_header()->th_flags;
    break;
  case IP_PROTO_UDP:
    if (tlen < (int)sizeof(click_udp))
      return false;
    k->sport = ntohs(p->udp_header()->uh_sport);
    k->dport = ntohs(p->udp_header()->uh_dport);
    break;
  case IP_PROTO_ICMP:
    if (tlen < 4)
      return false;
    k->icmp_type = p->icmp_header()->icmp_type;
    break;
  default:
    break;
  }
  return true;
}

bool TrainAcl::entry_matches(const AclEntry &e, const AclKey &k) const {
  if (e.proto && e.proto != k.proto)
    return false;
  if ((k.src & e.src_mask) != e.src || (k.dst & e.dst_mask) != e.dst)
    return false;
  if ((e.frag == 1 && k.frag) || (e.frag == 2 && !k.frag))
    return false;
  if (!ports_ok(e, k))
    return false;
  if (k.proto == IP_PROTO_TCP) {
    if ((k.flags & e.flag_mask) != e.flag_value)
      return false;
    if (e.established && !(k.flags & (TH_ACK | TH_RST)))
      return false;
  }
  return e.icmp_type == 255 || e.icmp_type == k.icmp_type;
}

int TrainAcl::lookup(const AclKey &k, uint32_t len) {
  for (int i = 0; i < _n; ++i)
    if (entry_matches(_rules[i], k)) {
      _count[i].packets++;
      _count[i].bytes += len;
      return i;
    }
  _default_count.packets++;
  _default_count.bytes += len;
  return -1;
}

void TrainAcl::push(int, Packet *p) {
  AclKey k;
  if (!extract(p, &k)) {
    _short++;
    checked_output_push(2, p);
    return;
  }
  int r = lookup(k, p->length());
  int action = r < 0 ? _default : _rules[r].action;
  switch (action) {
  case ACL_LOG:
    _logged++;
    SET_PAINT_ANNO(p, (uint8_t)(r + 1));
    output(0).push(p);
    break;
  case ACL_PERMIT:
    output(0).push(p);
    break;
  case ACL_REJECT:
    SET_PAINT_ANNO(p, 0xff);
    checked_output_push(2, p);
    break;
  default:
    checked_output_push(1, p);
    break;
  }
}

extern "C" Element *clara_nf_create(const char *config) {
  Element *e = new TrainAcl;
  if (clara_element_setup(e, config ? String(config) : String(), 1, 3) < 0)
    return 0;
  return e;
}

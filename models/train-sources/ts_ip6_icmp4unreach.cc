// Training source for the instruction models (models/README.md): ICMP
// destination-unreachable generation for IPv4 at a filtering gateway: UDP to
// a port that is not open gets "port unreachable", TCP to a blocked port
// range gets "communication administratively prohibited", an unsupported
// protocol gets "protocol unreachable". The error quotes the offending IP
// header and as much payload as fits in 576 bytes (RFC 1812 4.3.2.3), and
// the RFC 1812 4.3.2.7 rules suppress errors about errors, fragments,
// broadcasts and bogus sources. Written for training only; not part of the
// NF corpus.
#include <click/args.hh>
#include <click/clara.hh>
#include <click/config.h>
#include <click/confparse.hh>
#include <click/element.hh>
#include <click/error.hh>
#include <click/packet.hh>
#include <click/packet_anno.hh>
#include <click/vector.hh>
#include <clicknet/ether.h>
#include <clicknet/icmp.h>
#include <clicknet/ip.h>
#include <clicknet/udp.h>

struct PortRange {
  uint16_t lo, hi;
};

class ICMPUnreachGen : public Element {
public:
  ICMPUnreachGen() : _ttl(64), _max_quote(576), _passed(0), _suppressed(0) {
    _addr = IPAddress();
    for (int i = 0; i < 16; ++i)
      _sent[i] = 0;
  }
  const char *class_name() const override { return "ICMPUnreachGen"; }
  const char *port_count() const override { return "1/2"; }
  const char *processing() const override { return PUSH; }

  int configure(Vector<String> &conf, ErrorHandler *errh) override;
  void push(int port, Packet *p) override;

private:
  static bool parse_ranges(const String &s, Vector<PortRange> &v);
  static bool in_ranges(const Vector<PortRange> &v, uint16_t port);
  static bool bogus_source(uint32_t src_host);
  static bool link_broadcast(const Packet *p);
  bool may_answer(const Packet *p, const click_ip *iph) const;
  int verdict(const click_ip *iph, const uint8_t *l4, uint32_t l4len) const;
  WritablePacket *make_error(const Packet *p, const click_ip *iph, int code);

  Vector<PortRange> _udp_open;
  Vector<PortRange> _tcp_blocked;
  IPAddress _addr; // source of the errors; the packet's destination if unset
  uint8_t _ttl;
  uint32_t _max_quote;
  uint64_t _passed;
  uint64_t _suppressed;
  uint64_t _sent[16];
};

bool ICMPUnreachGen::parse_ranges(const String &s, Vector<PortRange> &v) {
  Vector<String> words;
  cp_spacevec(s, words);
  for (int i = 0; i < words.size(); ++i) {
    const char *w = words[i].c_str();
    const char *dash = strchr(w, '-');
    int lo = atoi(w), hi = dash ? atoi(dash + 1) : lo;
    if (lo < 0 || hi > 65535 || hi < lo)
      return false;
    PortRange r;
    r.lo = (uint16_t)lo;
    r.hi = (uint16_t)hi;
    v.push_back(r);
  }
  return true;
}

int ICMPUnreachGen::configure(Vector<String> &conf, ErrorHandler *errh) {
  String udp_open = "53 67-68 123 443 500 4500";
  String tcp_blocked = "135-139 445 3389";
  if (Args(conf, this, errh)
          .read("UDP_OPEN", AnyArg(), udp_open)
          .read("TCP_BLOCKED", AnyArg(), tcp_blocked)
          .read("SRC", _addr)
          .read("TTL", _ttl)
          .read("MAX_QUOTE", _max_quote)
          .complete() < 0)
    return -1;
  if (!parse_ranges(udp_open, _udp_open) ||
      !parse_ranges(tcp_blocked, _tcp_blocked))
    return errh->error("bad port range");
  if (_max_quote < 68)
    _max_quote = 68;
  return 0;
}

bool ICMPUnreachGen::in_ranges(const Vector<PortRange> &v, uint16_t port) {
  for (int i = 0; i < v.size(); ++i)
    if (port >= v[i].lo && port <= v[i].hi)
      return true;
  return false;
}

// 0/8, 127/8, class D and E sources never get an ICMP error.
bool ICMPUnreachGen::bogus_source(uint32_t src_host) {
  uint8_t first = (uint8_t)(src_host >> 24);
  return first == 0 || first == 127 || first >= 224;
}

bool ICMPUnreachGen::link_broadcast(const Packet *p) {
  const uint8_t *mac = p->data();
  return (mac[0] & 1) != 0; // broadcast or multicast frame
}

bool ICMPUnreachGen::may_answer(const Packet *p, const click_ip *iph) const {
  uint32_t dst = ntohl(iph->ip_dst.s_addr);
  if (link_broadcast(p) || bogus_source(ntohl(iph->ip_src.s_addr)))
    return false;
  if (dst == 0xffffffffU || (dst >> 28) == 0xe)
    return false;
  if ((ntohs(iph->ip_off) & IP_OFFMASK) != 0)
    return false;
  return true;
}

// -1 to pass the packet, otherwise the ICMP unreachable code.
int ICMPUnreachGen::verdict(const click_ip *iph, const uint8_t *l4,
                            uint32_t l4len) const {
  switch (iph->ip_p) {
  case IP_PROTO_UDP: {
    if (l4len < sizeof(click_udp))
      return -1;
    uint16_t dport = (uint16_t)(l4[2] << 8 | l4[3]);
    return in_ranges(_udp_open, dport) ? -1 : ICMP_UNREACH_PORT;
  }
  case IP_PROTO_TCP: {
    if (l4len < 4)
      return -1;
    uint16_t dport = (uint16_t)(l4[2] << 8 | l4[3]);
    return in_ranges(_tcp_blocked, dport) ? ICMP_UNREACH_FILTER_PROHIB : -1;
  }
  case IP_PROTO_ICMP:
  case IP_PROTO_ESP:
  case IP_PROTO_AH:
  case IP_PROTO_GRE:
  case IP_PROTO_IPV6:
  case IP_PROTO_SCTP:
    return -1;
  default:
    return ICMP_UNREACH_PROTOCOL;
  }
}

WritablePacket *ICMPUnreachGen::make_error(const Packet *p,
                                           const click_ip *iph, int code) {
  uint32_t hl = iph->ip_hl * 4u;
  uint32_t avail = p->length() - 14;
  uint32_t tot = ntohs(iph->ip_len);
  if (tot < avail)
    avail = tot;
  uint32_t quote = avail;
  if (20 + 8 + quote > _max_quote)
    quote = _max_quote - 28;
  if (quote < hl + 8 && avail >= hl + 8)
    quote = hl + 8;

  WritablePacket *q = Packet::make(Packet::default_headroom, 0,
                                   14 + 20 + 8 + quote, 0);
  if (!q)
    return 0;
  uint8_t *d = q->data();
  memcpy(d, p->data() + 6, 6);
  memcpy(d + 6, p->data(), 6);
  d[12] = 0x08;
  d[13] = 0x00;

  click_ip *nip = reinterpret_cast<click_ip *>(d + 14);
  nip->ip_v = 4;
  nip->ip_hl = 5;
  nip->ip_tos = 0xc0; // internetwork control
  nip->ip_len = htons((uint16_t)(20 + 8 + quote));
  nip->ip_id = htons((uint16_t)(_sent[code & 15] + code));
  nip->ip_off = 0;
  nip->ip_ttl = _ttl;
  nip->ip_p = IP_PROTO_ICMP;
  nip->ip_src = _addr.empty() ? iph->ip_dst : _addr.in_addr();
  nip->ip_dst = iph->ip_src;
  nip->ip_sum = 0;
  nip->ip_sum = click_in_cksum(reinterpret_cast<uint8_t *>(nip), 20);

  click_icmp_unreach *icmp = reinterpret_cast<click_icmp_unreach *>(d + 34);
  icmp->icmp_type = ICMP_UNREACH;
  icmp->icmp_code = (uint8_t)code;
  icmp->padding = 0;
  icmp->icmp_nextmtu = 0;
  memcpy(d + 42, iph, quote);
  icmp->icmp_cksum = 0;
  icmp->icmp_cksum = click_in_cksum(d + 34, 8 + quote);

  q->set_mac_header(d, 14);
  q->set_ip_header(nip, 20);
  q->set_timestamp_anno(p->timestamp_anno());
  return q;
}

void ICMPUnreachGen::push(int, Packet *p) {
  const uint8_t *d = p->data();
  if (p->length() < 14 + 20 || d[12] != 0x08 || d[13] != 0x00) {
    output(0).push(p);
    return;
  }
  const click_ip *iph = reinterpret_cast<const click_ip *>(d + 14);
  uint32_t hl = iph->ip_hl * 4u;
  if (iph->ip_v != 4 || hl < 20 || p->length() < 14 + hl) {
    output(0).push(p);
    return;
  }
  uint32_t l4len = p->length() - 14 - hl;
  int code = IP_FIRSTFRAG(iph) ? verdict(iph, d + 14 + hl, l4len) : -1;
  if (code < 0) {
    _passed++;
    output(0).push(p);
    return;
  }
  if (!may_answer(p, iph)) {
    _suppressed++;
    p->kill();
    return;
  }
  WritablePacket *q = make_error(p, iph, code);
  p->kill();
  if (q) {
    _sent[code & 15]++;
    output(1).push(q);
  }
}

extern "C" Element *clara_nf_create(const char *config) {
  Element *e = new ICMPUnreachGen;
  if (clara_element_setup(e, config ? String(config) : String(), 1, 2) < 0)
    return 0;
  return e;
}

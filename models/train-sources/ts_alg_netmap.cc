// Training source for the instruction models (models/README.md): a 1:1
// prefix NAT ("netmap") that also translates ICMP errors: a Vector of
// inside/outside prefix rules (longest prefix first), source rewriting
// outbound and destination rewriting inbound with incremental IP and
// TCP/UDP pseudo-header checksum updates, and for inbound ICMP errors the
// quoted inner header (inner source, inner IP checksum, inner UDP/TCP
// checksum when quoted) plus the ICMP checksum over the changed words.
// Written for training only; not part of the NF corpus.
#include <click/clara.hh>
#include <click/config.h>
#include <click/element.hh>
#include <click/packet.hh>
#include <click/packet_anno.hh>
#include <click/vector.hh>
#include <clicknet/icmp.h>
#include <clicknet/ip.h>
#include <clicknet/tcp.h>
#include <clicknet/udp.h>

struct NetmapRule {
  uint32_t inside;  // host order
  uint32_t outside; // host order
  uint32_t mask;
  uint32_t hits;
};

// Replace a 32-bit address (network order) and update up to two checksums.
static void swap_addr(uint32_t *field, uint32_t now, uint16_t *s1,
                      uint16_t *s2) {
  uint32_t old = *field;
  *field = now;
  for (int half = 0; half < 2; ++half) {
    uint16_t o = (uint16_t)(old >> (16 * half)),
             n = (uint16_t)(now >> (16 * half));
    if (s1)
      click_update_in_cksum(s1, o, n);
    if (s2)
      click_update_zero_in_cksum(s2, o, n);
  }
}

class TrainNetmap : public Element {
public:
  TrainNetmap() : _translated(0), _icmp_inner(0), _untranslatable(0) {
    add_rule(0x0A000000u, 0xCB007100u, 24); // 10.0.0.0/24 <-> 203.0.113.0/24
    add_rule(0x0A000000u, 0xC6336400u, 16);
    add_rule(0xC0A80000u, 0x64400000u, 24);
  }
  const char *class_name() const override { return "TrainNetmap"; }
  const char *port_count() const override { return PORTS_1_1; }
  Packet *simple_action(Packet *p) override;

private:
  void add_rule(uint32_t in, uint32_t out, int plen) {
    NetmapRule r = {in, out, plen ? 0xFFFFFFFFu << (32 - plen) : 0, 0};
    int i = _rules.size();
    _rules.push_back(r);
    while (i > 0 && _rules[i - 1].mask < _rules[i].mask) { // longest first
      NetmapRule t = _rules[i - 1];
      _rules[i - 1] = _rules[i];
      _rules[i] = t;
      i--;
    }
  }
  // The rule whose inside (outbound) or outside (inbound) prefix has addr.
  int match(uint32_t addr, bool outbound) const {
    for (int i = 0; i < _rules.size(); ++i) {
      const NetmapRule &r = _rules[i];
      if ((addr & r.mask) == (outbound ? r.inside : r.outside))
        return i;
    }
    return -1;
  }
  uint32_t map_addr(uint32_t addr_n, int rule, bool outbound) {
    NetmapRule &r = _rules[rule];
    r.hits++;
    uint32_t a = ntohl(addr_n);
    uint32_t base = outbound ? r.outside : r.inside;
    return htonl(base | (a & ~r.mask));
  }
  static uint16_t *l4_sum(uint8_t *l4, int proto, int avail) {
    if (proto == IP_PROTO_TCP && avail >= 18)
      return &reinterpret_cast<click_tcp *>(l4)->th_sum;
    if (proto == IP_PROTO_UDP && avail >= 8)
      return &reinterpret_cast<click_udp *>(l4)->uh_sum;
    return 0;
  }
  int translate_icmp_error(WritablePacket *q, int avail);

  Vector<NetmapRule, 16> _rules;
  uint64_t _translated;
  uint32_t _icmp_inner, _untranslatable;
};

// Inbound ICMP error: the quoted datagram went out with an outside source.
int TrainNetmap::translate_icmp_error(WritablePacket *q, int avail) {
  click_icmp *icmp =
      reinterpret_cast<click_icmp *>(q->data() + q->transport_header_offset());
  if (avail < 8 + 20)
    return -1;
  click_ip *inner = reinterpret_cast<click_ip *>(icmp + 1);
  int ihl = inner->ip_hl << 2;
  if (inner->ip_v != 4 || ihl < 20 || 8 + ihl > avail)
    return -1;
  int rule = match(ntohl(inner->ip_src.s_addr), false);
  if (rule < 0)
    return 0;
  uint8_t *il4 = reinterpret_cast<uint8_t *>(inner) + ihl;
  uint16_t *isum =
      IP_FIRSTFRAG(inner) ? l4_sum(il4, inner->ip_p, avail - 8 - ihl) : 0;
  uint16_t old_ipsum = inner->ip_sum, old_l4 = isum ? *isum : 0;
  uint32_t old_src = inner->ip_src.s_addr;
  uint32_t now = map_addr(old_src, rule, false);
  swap_addr(&inner->ip_src.s_addr, now, &inner->ip_sum, isum);
  // The ICMP checksum covers all of it: address halves and both sums.
  swap_addr(&old_src, now, &icmp->icmp_cksum, 0);
  click_update_in_cksum(&icmp->icmp_cksum, old_ipsum, inner->ip_sum);
  if (isum)
    click_update_in_cksum(&icmp->icmp_cksum, old_l4, *isum);
  _icmp_inner++;
  return 1;
}

Packet *TrainNetmap::simple_action(Packet *p) {
  const click_ip *ciph = p->ip_header();
  if (!ciph || ciph->ip_v != 4)
    return p;
  bool outbound;
  int rule = match(ntohl(ciph->ip_src.s_addr), true);
  if (rule >= 0)
    outbound = true;
  else if ((rule = match(ntohl(ciph->ip_dst.s_addr), false)) >= 0)
    outbound = false;
  else
    return p;
  WritablePacket *q = p->uniqueify();
  if (!q)
    return 0;
  click_ip *iph = q->ip_header();
  int avail = (int)ntohs(iph->ip_len) - (iph->ip_hl << 2);
  if (avail > q->transport_length())
    avail = q->transport_length();
  uint8_t *l4 = q->data() + q->transport_header_offset();
  uint16_t *sum = IP_FIRSTFRAG(iph) ? l4_sum(l4, iph->ip_p, avail) : 0;
  uint32_t *field = outbound ? &iph->ip_src.s_addr : &iph->ip_dst.s_addr;
  uint32_t old_addr = *field;
  uint32_t now = map_addr(old_addr, rule, outbound);
  swap_addr(field, now, &iph->ip_sum, iph->ip_p == IP_PROTO_UDP ? sum : 0);
  if (sum && iph->ip_p == IP_PROTO_TCP)
    swap_addr(&old_addr, now, sum, 0);
  _translated++;
  if (!outbound && iph->ip_p == IP_PROTO_ICMP && IP_FIRSTFRAG(iph) &&
      avail >= 8) {
    uint8_t type = l4[0];
    if (type == ICMP_UNREACH || type == ICMP_TIMXCEED ||
        type == ICMP_PARAMPROB) {
      if (translate_icmp_error(q, avail) < 0) {
        _untranslatable++;
        SET_PAINT_ANNO(q, 4);
      }
    }
  }
  return q;
}

extern "C" Element *clara_nf_create(const char *config) {
  Element *e = new TrainNetmap;
  String conf = config ? String(config) : String();
  if (clara_element_setup(e, conf, 1, 1) < 0)
    return 0;
  return e;
}

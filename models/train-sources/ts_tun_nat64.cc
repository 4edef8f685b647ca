// Training source for the instruction models (models/README.md): stateless
// IPv4/IPv6 translation (SIIT with explicit address mappings and the
// 64:ff9b::/96 prefix, as in front of a NAT64 gateway): header rebuilds in
// both directions, hop limit/TTL, traffic class, DF; TCP/UDP checksum
// adjustment by the pseudo-header difference; ICMPv6/ICMP echo type mapping
// with the ICMPv6 pseudo-header removed or added; and Ethernet re-framing.
// Written for training only; not part of the NF corpus.
#include <click/clara.hh>
#include <click/config.h>
#include <click/element.hh>
#include <click/packet.hh>
#include <click/packet_anno.hh>
#include <clicknet/ether.h>
#include <clicknet/icmp.h>
#include <clicknet/ip.h>
#include <clicknet/ip6.h>
#include <clicknet/tcp.h>
#include <clicknet/udp.h>

// One's complement sum of N bytes (N even), unfolded.
template <int N> static uint32_t sum_bytes(const uint8_t *b) {
  uint32_t s = 0;
  for (int i = 0; i < N; i += 2)
    s += (uint32_t)(b[i] << 8 | b[i + 1]);
  return s;
}

static uint16_t fold(uint32_t s) {
  while (s >> 16)
    s = (s & 0xffff) + (s >> 16);
  return (uint16_t)s;
}

// Checksum (network order in memory) after removing `out` and adding `in`.
static void adjust(uint8_t *field, uint32_t out, uint32_t in) {
  uint32_t old = (uint32_t)(field[0] << 8 | field[1]);
  uint32_t s = (uint16_t)~old;
  s += (uint16_t)~fold(out);
  s += fold(in);
  uint16_t n = (uint16_t)~fold(s);
  field[0] = (uint8_t)(n >> 8);
  field[1] = (uint8_t)n;
}

struct AddrMap {
  uint8_t v6[16];
  uint32_t v4; // host order
};

class TrainSiit : public Element {
public:
  enum { NMAP = 16 };
  TrainSiit() : _v6to4(0), _v4to6(0), _untranslatable(0), _gone(false) {
    static const uint8_t wkp[12] = {0x00, 0x64, 0xff, 0x9b};
    memcpy(_prefix, wkp, 12);
    for (int i = 0; i < NMAP; ++i) {
      memset(_map[i].v6, 0, 16);
      _map[i].v6[0] = 0x20;
      _map[i].v6[1] = 0x01;
      _map[i].v6[2] = 0x0d;
      _map[i].v6[3] = 0xb8;
      _map[i].v6[15] = (uint8_t)(i + 1);
      _map[i].v4 = 0xcb007100u + (uint32_t)i; // 203.0.113.x
    }
  }
  const char *class_name() const override { return "TrainSiit"; }
  const char *port_count() const override { return "1/2"; }
  const char *processing() const override { return PUSH; }
  void push(int port, Packet *p) override;

private:
  int map_v6(const uint8_t *a) const {
    for (int i = 0; i < NMAP; ++i)
      if (memcmp(a, _map[i].v6, 16) == 0)
        return i;
    return -1;
  }
  int map_v4(uint32_t a) const {
    uint32_t i = a - 0xcb007100u;
    return i < NMAP && _map[i].v4 == a ? (int)i : -1;
  }
  static int fix_l4(uint8_t proto, uint8_t *l4, uint32_t len, uint32_t out,
                    uint32_t in);
  Packet *to_v4(Packet *p);
  Packet *to_v6(Packet *p);

  uint8_t _prefix[12];
  AddrMap _map[NMAP];
  uint64_t _v6to4;
  uint64_t _v4to6;
  uint32_t _untranslatable;
  bool _gone; // the packet was freed (out of memory)
};

// proto is the *new* protocol number. Returns -1 if not translatable.
int TrainSiit::fix_l4(uint8_t proto, uint8_t *l4, uint32_t len, uint32_t out,
                      uint32_t in) {
  switch (proto) {
  case IP_PROTO_TCP:
    if (len < 20)
      return -1;
    adjust(l4 + 16, out, in);
    return 0;
  case IP_PROTO_UDP:
    if (len < 8)
      return -1;
    if (l4[6] == 0 && l4[7] == 0)
      return -1; // zero UDP checksum cannot go to IPv6 without recomputing
    adjust(l4 + 6, out, in);
    return 0;
  case IP_PROTO_ICMP: // from ICMPv6: pseudo-header leaves the sum
  case IP_PROTO_ICMP6: {
    if (len < 8)
      return -1;
    uint8_t t = l4[0], nt;
    if (proto == IP_PROTO_ICMP)
      nt = t == 128 ? ICMP_ECHO : (t == 129 ? ICMP_ECHOREPLY : 0xff);
    else
      nt = t == ICMP_ECHO ? 128 : (t == ICMP_ECHOREPLY ? 129 : 0xff);
    if (nt == 0xff)
      return -1;
    l4[0] = nt;
    adjust(l4 + 2, out + ((uint32_t)t << 8), in + ((uint32_t)nt << 8));
    return 0;
  }
  default:
    return -1;
  }
}

Packet *TrainSiit::to_v4(Packet *p) {
  const click_ip6 *ip6 = reinterpret_cast<const click_ip6 *>(p->data() + 14);
  const uint8_t *src = reinterpret_cast<const uint8_t *>(&ip6->ip6_src);
  const uint8_t *dst = reinterpret_cast<const uint8_t *>(&ip6->ip6_dst);
  int m = map_v6(src);
  uint32_t plen = ntohs(ip6->ip6_plen);
  if (m < 0 || memcmp(dst, _prefix, 12) != 0 || ip6->ip6_hlim <= 1 ||
      plen + 54 > p->length())
    return 0;
  uint8_t proto = ip6->ip6_nxt == IP_PROTO_ICMP6 ? IP_PROTO_ICMP : ip6->ip6_nxt;
  uint32_t flow = ntohl(ip6->ip6_flow);
  // old pseudo-header (ICMPv6 has one, ICMP none) and new one
  uint32_t out = sum_bytes<16>(src) + sum_bytes<16>(dst) + plen + ip6->ip6_nxt;
  uint32_t v4src = htonl(_map[m].v4);
  const uint8_t *v4dst = dst + 12;
  uint32_t in = proto == IP_PROTO_ICMP
                    ? 0
                    : sum_bytes<4>(reinterpret_cast<const uint8_t *>(&v4src)) +
                          sum_bytes<4>(v4dst) + plen + proto;
  uint8_t hdr[34];
  memcpy(hdr, p->data(), 12);
  hdr[12] = 0x08;
  hdr[13] = 0x00;
  click_ip iph;
  iph.ip_v = 4;
  iph.ip_hl = 5;
  iph.ip_tos = (uint8_t)(flow >> 20);
  iph.ip_len = htons((uint16_t)(plen + 20));
  iph.ip_id = 0;
  iph.ip_off = htons(IP_DF);
  iph.ip_ttl = (uint8_t)(ip6->ip6_hlim - 1);
  iph.ip_p = proto;
  iph.ip_sum = 0;
  iph.ip_src.s_addr = v4src;
  memcpy(&iph.ip_dst.s_addr, v4dst, 4);
  iph.ip_sum = click_in_cksum(reinterpret_cast<unsigned char *>(&iph), 20);
  memcpy(hdr + 14, &iph, 20);
  WritablePacket *q = p->uniqueify();
  if (!q) {
    _gone = true;
    return 0;
  }
  if (fix_l4(proto, q->data() + 54, plen, out, in) < 0)
    return q; // caller sees the same length: untranslatable
  q->take(q->length() - 54 - plen);
  q->pull(20);
  memcpy(q->data(), hdr, 34);
  q->set_mac_header(q->data(), 14);
  q->set_ip_header(reinterpret_cast<click_ip *>(q->data() + 14), 20);
  return q;
}

Packet *TrainSiit::to_v6(Packet *p) {
  const click_ip *iph = p->ip_header();
  if (!iph || iph->ip_hl != 5 || IP_ISFRAG(iph) || iph->ip_ttl <= 1)
    return 0;
  int m = map_v4(ntohl(iph->ip_dst.s_addr));
  uint32_t plen = ntohs(iph->ip_len) - 20;
  if (m < 0 || plen + 34 > p->length())
    return 0;
  uint8_t proto = iph->ip_p == IP_PROTO_ICMP ? IP_PROTO_ICMP6 : iph->ip_p;
  uint8_t v6src[16];
  memcpy(v6src, _prefix, 12);
  memcpy(v6src + 12, &iph->ip_src.s_addr, 4);
  const uint8_t *s4 = reinterpret_cast<const uint8_t *>(&iph->ip_src);
  uint32_t out =
      iph->ip_p == IP_PROTO_ICMP
          ? 0
          : sum_bytes<4>(s4) + sum_bytes<4>(s4 + 4) + plen + iph->ip_p;
  uint32_t in = sum_bytes<16>(v6src) + sum_bytes<16>(_map[m].v6) + plen + proto;
  uint8_t tos = iph->ip_tos, ttl = iph->ip_ttl;
  WritablePacket *q = p->uniqueify();
  if (!q) {
    _gone = true;
    return 0;
  }
  if (fix_l4(proto, q->data() + 34, plen, out, in) < 0)
    return q;
  q->take(q->length() - 34 - plen);
  uint8_t macs[12];
  memcpy(macs, q->data(), 12);
  q = q->push(20);
  if (!q) {
    _gone = true;
    return 0;
  }
  uint8_t *d = q->data();
  memcpy(d, macs, 12);
  d[12] = 0x86;
  d[13] = 0xdd;
  click_ip6 *ip6 = reinterpret_cast<click_ip6 *>(d + 14);
  ip6->ip6_flow = htonl(6u << 28 | (uint32_t)tos << 20);
  ip6->ip6_plen = htons((uint16_t)plen);
  ip6->ip6_nxt = proto;
  ip6->ip6_hlim = (uint8_t)(ttl - 1);
  memcpy(&ip6->ip6_src, v6src, 16);
  memcpy(&ip6->ip6_dst, _map[m].v6, 16);
  q->set_mac_header(d, 14);
  q->set_ip6_header(ip6);
  return q;
}

void TrainSiit::push(int, Packet *p) {
  uint32_t before = p->length();
  const uint8_t *d = p->data();
  Packet *q = 0;
  bool v6 = before >= 54 && d[12] == 0x86 && d[13] == 0xdd;
  if (v6)
    q = to_v4(p);
  else if (before >= 34 && d[12] == 0x08 && d[13] == 0x00)
    q = to_v6(p);
  if (_gone) {
    _gone = false;
  } else if (!q) {
    _untranslatable++;
    checked_output_push(1, p);
  } else if ((v6 && q->data()[12] != 0x08) || (!v6 && q->data()[12] != 0x86)) {
    _untranslatable++;
    checked_output_push(1, q);
  } else {
    if (v6)
      _v6to4++;
    else
      _v4to6++;
    output(0).push(q);
  }
}

extern "C" Element *clara_nf_create(const char *config) {
  TrainSiit *e = new TrainSiit;
  if (clara_element_setup(e, config ? String(config) : String(), 1, 2) < 0)
    return 0;
  return e;
}

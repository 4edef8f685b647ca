// Training source for the instruction models (models/README.md): the MTU
// guard at a tunnel ingress: a per-destination tunnel MTU table (longest
// match over a few prefix lengths), TCP MSS clamping on SYNs for IPv4 and
// IPv6 with incremental checksum updates, and ICMPv6 Packet Too Big built
// with a copy-and-sum loop over the quoted packet and the pseudo-header.
// Written for training only; not part of the NF corpus.
#include <click/clara.hh>
#include <click/config.h>
#include <click/element.hh>
#include <click/packet.hh>
#include <click/packet_anno.hh>
#include <clicknet/ether.h>
#include <clicknet/ip.h>
#include <clicknet/ip6.h>
#include <clicknet/tcp.h>

#define TCPOPT_MSS_KIND 2
#define ICMP6_PACKET_TOO_BIG 2
#define IPV6_MIN_MTU 1280

struct MtuRoute {
  uint32_t prefix; // first 32 bits of the destination (v4 address or v6)
  uint8_t plen;
  uint8_t v6;
  uint16_t mtu;
};

class TrainTunnelMtuGuard : public Element {
public:
  enum { NROUTE = 12 };
  TrainTunnelMtuGuard() : _clamped(0), _ptb(0), _passed(0), _nroute(0) {
    add_route(0xc0a80000u, 24, 0, 1400);
    add_route(0xc0a80000u, 28, 0, 1280);
    add_route(0x0a000000u, 8, 0, 1476);
    add_route(0x20010db8u, 32, 1, 1420);
    add_route(0x20010db8u, 16, 1, 1500);
    add_route(0x00000000u, 0, 0, 1500);
    memset(_self, 0, 16);
    _self[0] = 0xfe;
    _self[1] = 0x80;
    _self[15] = 1;
  }
  const char *class_name() const override { return "TrainTunnelMtuGuard"; }
  const char *port_count() const override { return "1/2"; }
  const char *processing() const override { return PUSH; }
  void push(int port, Packet *p) override;

private:
  void add_route(uint32_t prefix, uint8_t plen, uint8_t v6, uint16_t mtu) {
    MtuRoute &r = _routes[_nroute++];
    r.prefix = prefix;
    r.plen = plen;
    r.v6 = v6;
    r.mtu = mtu;
  }
  uint16_t lookup_mtu(uint32_t dst32, bool v6) const;
  bool clamp_mss(uint8_t *tcp, uint32_t avail, uint16_t limit);
  Packet *packet_too_big(const Packet *p, uint16_t mtu);

  uint8_t _self[16];
  MtuRoute _routes[NROUTE];
  uint64_t _clamped;
  uint32_t _ptb;
  uint64_t _passed;
  int _nroute;
};

uint16_t TrainTunnelMtuGuard::lookup_mtu(uint32_t dst32, bool v6) const {
  int best = -1;
  for (int i = 0; i < _nroute; ++i) {
    const MtuRoute &r = _routes[i];
    if (r.v6 != v6 && r.plen != 0)
      continue;
    uint32_t mask = r.plen == 0 ? 0 : 0xffffffffu << (32 - r.plen);
    if ((dst32 & mask) == r.prefix && (best < 0 || r.plen > _routes[best].plen))
      best = i;
  }
  return best < 0 ? 1500 : _routes[best].mtu;
}

// Lower the MSS option of a SYN to limit. True if the packet changed.
bool TrainTunnelMtuGuard::clamp_mss(uint8_t *tcp, uint32_t avail,
                                    uint16_t limit) {
  click_tcp *th = reinterpret_cast<click_tcp *>(tcp);
  uint32_t doff = th->th_off * 4u;
  if (!(th->th_flags & TH_SYN) || doff < 20 || doff > avail)
    return false;
  uint32_t i = 20;
  while (i < doff) {
    uint8_t kind = tcp[i];
    if (kind == 0)
      break;
    if (kind == 1) {
      i++;
      continue;
    }
    if (i + 1 >= doff || tcp[i + 1] < 2 || i + tcp[i + 1] > doff)
      return false;
    if (kind == TCPOPT_MSS_KIND && tcp[i + 1] == 4) {
      uint16_t mss = (uint16_t)(tcp[i + 2] << 8 | tcp[i + 3]);
      if (mss <= limit)
        return false;
      // the option may start at an odd offset: update the checksum over
      // the aligned 16-bit words it touches
      bool odd = (i & 1) != 0;
      uint32_t w = (i + 2) & ~1u;
      uint32_t nw = odd ? 2 : 1;
      uint16_t before[2], after[2];
      for (uint32_t k = 0; k < nw; ++k)
        before[k] = (uint16_t)(tcp[w + 2 * k] << 8 | tcp[w + 2 * k + 1]);
      tcp[i + 2] = (uint8_t)(limit >> 8);
      tcp[i + 3] = (uint8_t)limit;
      for (uint32_t k = 0; k < nw; ++k)
        after[k] = (uint16_t)(tcp[w + 2 * k] << 8 | tcp[w + 2 * k + 1]);
      uint16_t sum = ntohs(th->th_sum);
      uint32_t s = (uint16_t)~sum;
      for (uint32_t k = 0; k < nw; ++k)
        s += (uint16_t)~before[k] + (uint32_t)after[k];
      s = (s & 0xffff) + (s >> 16);
      s = (s & 0xffff) + (s >> 16);
      th->th_sum = htons((uint16_t)~s);
      return true;
    }
    i += tcp[i + 1];
  }
  return false;
}

Packet *TrainTunnelMtuGuard::packet_too_big(const Packet *p, uint16_t mtu) {
  const uint8_t *orig = p->data() + 14;
  uint32_t quote = p->length() - 14;
  if (quote > IPV6_MIN_MTU - 48)
    quote = IPV6_MIN_MTU - 48;
  WritablePacket *q = Packet::make(50, 0, 14 + 48 + quote, 0);
  if (!q)
    return 0;
  uint8_t *d = q->data();
  memcpy(d, p->data() + 6, 6);
  memcpy(d + 6, p->data(), 6);
  d[12] = 0x86;
  d[13] = 0xdd;
  click_ip6 *ip6 = reinterpret_cast<click_ip6 *>(d + 14);
  ip6->ip6_flow = htonl(6u << 28);
  ip6->ip6_plen = htons((uint16_t)(8 + quote));
  ip6->ip6_nxt = IP_PROTO_ICMP6;
  ip6->ip6_hlim = 255;
  memcpy(&ip6->ip6_src, _self, 16);
  memcpy(&ip6->ip6_dst, orig + 8, 16);
  uint8_t *icmp = d + 54;
  icmp[0] = ICMP6_PACKET_TOO_BIG;
  icmp[1] = 0;
  icmp[2] = icmp[3] = 0;
  icmp[4] = icmp[5] = 0;
  icmp[6] = (uint8_t)(mtu >> 8);
  icmp[7] = (uint8_t)mtu;
  // pseudo-header: addresses, upper-layer length, next header
  uint32_t sum = 0;
  const uint8_t *a = reinterpret_cast<const uint8_t *>(&ip6->ip6_src);
  for (int k = 0; k < 32; k += 2)
    sum += (uint32_t)(a[k] << 8 | a[k + 1]);
  sum += 8 + quote + IP_PROTO_ICMP6;
  sum += (uint32_t)(icmp[0] << 8) + mtu;
  uint8_t *dst = icmp + 8;
  for (uint32_t k = 0; k < quote; ++k) {
    dst[k] = orig[k];
    sum += (k & 1) ? orig[k] : (uint32_t)orig[k] << 8;
  }
  while (sum >> 16)
    sum = (sum & 0xffff) + (sum >> 16);
  uint16_t c = (uint16_t)~sum;
  icmp[2] = (uint8_t)(c >> 8);
  icmp[3] = (uint8_t)c;
  q->set_mac_header(d, 14);
  q->set_ip6_header(ip6);
  _ptb++;
  return q;
}

void TrainTunnelMtuGuard::push(int, Packet *p) {
  const uint8_t *d = p->data();
  uint32_t len = p->length();
  if (len < 34) {
    output(0).push(p);
    return;
  }
  bool v6 = d[12] == 0x86 && d[13] == 0xdd && len >= 54;
  if (!v6 && !(d[12] == 0x08 && d[13] == 0x00)) {
    output(0).push(p);
    return;
  }
  const uint8_t *dst = d + (v6 ? 14 + 24 : 14 + 16);
  uint32_t dst32 = (uint32_t)dst[0] << 24 | dst[1] << 16 | dst[2] << 8 | dst[3];
  uint16_t mtu = lookup_mtu(dst32, v6);
  uint32_t l3len = v6 ? 40u + (uint32_t)(d[18] << 8 | d[19])
                      : (uint32_t)(d[16] << 8 | d[17]);
  if (v6 && l3len > mtu) {
    if (Packet *icmp = packet_too_big(p, mtu))
      checked_output_push(1, icmp);
    p->kill();
    return;
  }
  uint8_t proto = v6 ? d[20] : d[23];
  uint32_t l4off = v6 ? 54 : 14 + (d[14] & 15) * 4u;
  if (proto == IP_PROTO_TCP && l4off + 20 <= len &&
      (v6 || (d[20] & 0x1f) == 0)) {
    WritablePacket *q = p->uniqueify();
    if (!q)
      return;
    uint16_t limit = (uint16_t)(mtu - (v6 ? 60 : 40));
    if (clamp_mss(q->data() + l4off, len - l4off, limit))
      _clamped++;
    p = q;
  }
  _passed++;
  output(0).push(p);
}

extern "C" Element *clara_nf_create(const char *config) {
  TrainTunnelMtuGuard *e = new TrainTunnelMtuGuard;
  if (clara_element_setup(e, config ? String(config) : String(), 1, 2) < 0)
    return 0;
  return e;
}

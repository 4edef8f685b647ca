// Training source for the instruction models (models/README.md): a
// traceroute responder that emulates a chain of virtual routers for IPv4 and
// IPv6: a probe whose TTL / hop limit runs out inside the chain gets an ICMP
// time-exceeded (RFC 4884 length field, quote padded to 32-bit words) or an
// ICMPv6 time-exceeded from the address of that virtual hop; packets that
// survive leave with the TTL reduced by the chain length (checksum patched
// incrementally), and UDP probes to the traceroute port range for the
// emulated target get a port unreachable. Replies per prober are limited
// per second. Written for training only; not part of the NF corpus.
#include <click/args.hh>
#include <click/clara.hh>
#include <click/config.h>
#include <click/element.hh>
#include <click/error.hh>
#include <click/hashtable.hh>
#include <click/packet.hh>
#include <click/packet_anno.hh>
#include <clicknet/ether.h>
#include <clicknet/icmp.h>
#include <clicknet/ip.h>
#include <clicknet/ip6.h>
#include <clicknet/udp.h>

#define ICMP6_TIME_EXCEEDED 3

struct ProberState {
  Timestamp window;
  uint32_t replies;
  uint32_t probes;
};

class TracerouteHops : public Element {
public:
  TracerouteHops()
      : _hops(3), _port_lo(33434), _port_hi(33534), _max_per_sec(20),
        _quote(128) {
    _hop_base = IPAddress(htonl(0x64400001)); // 100.64.0.1
    static const uint8_t b6[16] = {0x20, 0x01, 0x0d, 0xb8, 0xff, 0xfe};
    memcpy(_hop_base6, b6, 16);
    memset(_stats, 0, sizeof(_stats));
  }
  const char *class_name() const override { return "TracerouteHops"; }
  const char *port_count() const override { return "1/2"; }
  const char *processing() const override { return PUSH; }

  int configure(Vector<String> &conf, ErrorHandler *errh) override {
    if (Args(conf, this, errh)
            .read_p("HOPS", _hops)
            .read("HOP_BASE", _hop_base)
            .read("TARGET", _target)
            .read("PORT_LO", _port_lo)
            .read("PORT_HI", _port_hi)
            .read("MAX_PER_SEC", _max_per_sec)
            .complete() < 0)
      return -1;
    if (_hops < 1 || _hops > 32)
      return errh->error("HOPS must be 1..32");
    return 0;
  }
  void push(int port, Packet *p) override;

private:
  enum { S_EXCEEDED, S_UNREACH, S_FORWARD, S_LIMITED, S_OTHER, NSTATS };

  bool allow_reply(const uint8_t *src, int alen, const Timestamp &now);
  static uint16_t fold_cksum(uint32_t s);
  WritablePacket *icmp4_reply(const Packet *p, uint32_t from, uint8_t type,
                              uint8_t code);
  WritablePacket *icmp6_reply(const Packet *p, uint32_t len, int hop,
                              uint8_t type, uint8_t code);
  void handle4(Packet *p);
  void handle6(Packet *p);
  void emit(Packet *reply, int stat) {
    if (reply) {
      _stats[stat]++;
      output(1).push(reply);
    }
  }

  uint32_t _hops;
  IPAddress _hop_base;
  IPAddress _target;
  uint8_t _hop_base6[16];
  uint16_t _port_lo, _port_hi;
  uint32_t _max_per_sec;
  uint32_t _quote;
  HashTable<uint64_t, ProberState, 256, 4> _probers;
  uint64_t _stats[NSTATS];
};

bool TracerouteHops::allow_reply(const uint8_t *src, int alen,
                                 const Timestamp &now) {
  uint64_t k = 0;
  for (int i = 0; i < alen; ++i)
    k = k * 131 + src[i];
  ProberState &ps = _probers[k];
  ps.probes++;
  if (ps.window.sec() != now.sec()) {
    ps.window = Timestamp(now.sec());
    ps.replies = 0;
  }
  if (ps.replies >= _max_per_sec) {
    _stats[S_LIMITED]++;
    return false;
  }
  ps.replies++;
  return true;
}

uint16_t TracerouteHops::fold_cksum(uint32_t s) {
  while (s >> 16)
    s = (s & 0xffff) + (s >> 16);
  return (uint16_t)~s;
}

WritablePacket *TracerouteHops::icmp4_reply(const Packet *p, uint32_t from,
                                            uint8_t type, uint8_t code) {
  const click_ip *oip = reinterpret_cast<const click_ip *>(p->data() + 14);
  uint32_t avail = p->length() - 14;
  uint32_t tot = ntohs(oip->ip_len);
  if (tot < avail)
    avail = tot;
  uint32_t q = avail < _quote ? avail : _quote;
  uint32_t padded = (q + 3) & ~3u; // RFC 4884: whole 32-bit words
  WritablePacket *r =
      Packet::make(Packet::default_headroom, 0, 14 + 28 + padded, 0);
  if (!r)
    return 0;
  uint8_t *d = r->data();
  memcpy(d, p->data() + 6, 6);
  memcpy(d + 6, p->data(), 6);
  d[12] = 0x08;
  d[13] = 0x00;
  click_ip *ip = reinterpret_cast<click_ip *>(d + 14);
  ip->ip_v = 4;
  ip->ip_hl = 5;
  ip->ip_len = htons((uint16_t)(28 + padded));
  ip->ip_id = htons((uint16_t)(_stats[S_EXCEEDED] + _stats[S_UNREACH]));
  ip->ip_ttl = 255;
  ip->ip_p = IP_PROTO_ICMP;
  ip->ip_src.s_addr = from;
  ip->ip_dst = oip->ip_src;
  ip->ip_sum = click_in_cksum(d + 14, 20);
  uint8_t *icmp = d + 34;
  icmp[0] = type;
  icmp[1] = code;
  icmp[5] = (uint8_t)(padded / 4); // original datagram length, in words
  memcpy(icmp + 8, oip, q);
  uint16_t c = click_in_cksum(icmp, 8 + padded);
  memcpy(icmp + 2, &c, 2);
  r->set_mac_header(d, 14);
  r->set_ip_header(ip, 20);
  return r;
}

WritablePacket *TracerouteHops::icmp6_reply(const Packet *p, uint32_t len,
                                            int hop, uint8_t type,
                                            uint8_t code) {
  uint32_t q = len < _quote ? len : _quote;
  uint32_t mlen = 8 + q;
  WritablePacket *r =
      Packet::make(Packet::default_headroom, 0, 14 + 40 + mlen, 0);
  if (!r)
    return 0;
  uint8_t *d = r->data();
  const uint8_t *o = p->data();
  memcpy(d, o + 6, 6);
  memcpy(d + 6, o, 6);
  d[12] = 0x86;
  d[13] = 0xdd;
  uint8_t *ip6 = d + 14;
  ip6[0] = 0x60;
  ip6[4] = (uint8_t)(mlen >> 8);
  ip6[5] = (uint8_t)mlen;
  ip6[6] = IP_PROTO_ICMP6;
  ip6[7] = 255;
  memcpy(ip6 + 8, _hop_base6, 16);
  ip6[23] = (uint8_t)hop;
  memcpy(ip6 + 24, o + 14 + 8, 16);
  uint8_t *icmp = ip6 + 40;
  icmp[0] = type;
  icmp[1] = code;
  memcpy(icmp + 8, o + 14, q);
  uint32_t s = mlen + IP_PROTO_ICMP6;
  for (int i = 8; i < 40; i += 2)
    s += (uint32_t)(ip6[i] << 8 | ip6[i + 1]);
  for (uint32_t i = 0; i + 1 < mlen; i += 2)
    s += (uint32_t)(icmp[i] << 8 | icmp[i + 1]);
  if (mlen & 1)
    s += (uint32_t)icmp[mlen - 1] << 8;
  uint16_t c = fold_cksum(s);
  icmp[2] = (uint8_t)(c >> 8);
  icmp[3] = (uint8_t)c;
  r->set_mac_header(d, 14);
  r->set_ip6_header(reinterpret_cast<click_ip6 *>(ip6));
  return r;
}

void TracerouteHops::handle4(Packet *p) {
  const click_ip *iph = reinterpret_cast<const click_ip *>(p->data() + 14);
  uint32_t hl = iph->ip_hl * 4u;
  if (hl < 20 || p->length() < 14 + hl || ntohs(iph->ip_len) < hl) {
    _stats[S_OTHER]++;
    output(0).push(p);
    return;
  }
  const Timestamp &now = p->timestamp_anno();
  uint32_t ttl = iph->ip_ttl ? iph->ip_ttl : 1;
  bool is_error = iph->ip_p == IP_PROTO_ICMP && p->length() >= 14 + hl + 1 &&
                  p->data()[14 + hl] != ICMP_ECHO &&
                  p->data()[14 + hl] != ICMP_ECHOREPLY;

  if (ttl <= _hops) {
    // expires at virtual hop number ttl (the hop that sees TTL 1)
    WritablePacket *r = 0;
    if (!is_error && allow_reply(p->data() + 26, 4, now))
      r = icmp4_reply(p, htonl(ntohl(_hop_base.addr()) + ttl - 1),
                      ICMP_TIMXCEED, ICMP_TIMXCEED_TRANSIT);
    p->kill();
    return emit(r, S_EXCEEDED);
  }

  if (!_target.empty() && iph->ip_dst.s_addr == _target.addr() &&
      iph->ip_p == IP_PROTO_UDP && IP_FIRSTFRAG(iph) &&
      p->length() >= 14 + hl + 8) {
    const click_udp *uh =
        reinterpret_cast<const click_udp *>(p->data() + 14 + hl);
    uint16_t dport = ntohs(uh->uh_dport);
    if (dport >= _port_lo && dport <= _port_hi) {
      WritablePacket *r = 0;
      if (allow_reply(p->data() + 26, 4, now))
        r = icmp4_reply(p, _target.addr(), ICMP_UNREACH, ICMP_UNREACH_PORT);
      p->kill();
      return emit(r, S_UNREACH);
    }
  }

  WritablePacket *q = p->uniqueify();
  if (!q)
    return;
  click_ip *w = reinterpret_cast<click_ip *>(q->data() + 14);
  uint16_t old = htons((uint16_t)(w->ip_ttl << 8 | w->ip_p));
  w->ip_ttl = (uint8_t)(ttl - _hops);
  click_update_in_cksum(&w->ip_sum, old,
                        htons((uint16_t)(w->ip_ttl << 8 | w->ip_p)));
  _stats[S_FORWARD]++;
  output(0).push(q);
}

void TracerouteHops::handle6(Packet *p) {
  const uint8_t *ip6 = p->data() + 14;
  uint32_t len = 40 + (uint32_t)(ip6[4] << 8 | ip6[5]);
  if (len > p->length() - 14 || ip6[8] == 0xff || ip6[24] == 0xff) {
    _stats[S_OTHER]++;
    output(0).push(p);
    return;
  }
  static const uint8_t unspec[16] = {0};
  if (memcmp(ip6 + 8, unspec, 16) == 0) {
    _stats[S_OTHER]++;
    p->kill();
    return;
  }
  uint32_t hlim = ip6[7] ? ip6[7] : 1; // 0 is bogus: the first hop saw it
  bool is_error = ip6[6] == IP_PROTO_ICMP6 && len > 40 && ip6[40] < 128;
  if (hlim <= _hops) {
    WritablePacket *r = 0;
    if (!is_error && allow_reply(ip6 + 8, 16, p->timestamp_anno()))
      r = icmp6_reply(p, len, (int)hlim, ICMP6_TIME_EXCEEDED, 0);
    p->kill();
    return emit(r, S_EXCEEDED);
  }
  WritablePacket *q = p->uniqueify();
  if (!q)
    return;
  q->data()[14 + 7] = (uint8_t)(hlim - _hops);
  _stats[S_FORWARD]++;
  output(0).push(q);
}

void TracerouteHops::push(int, Packet *p) {
  const uint8_t *d = p->data();
  if (p->length() >= 14 + 20 && d[12] == 0x08 && d[13] == 0x00 &&
      (d[14] >> 4) == 4)
    handle4(p);
  else if (p->length() >= 14 + 40 && d[12] == 0x86 && d[13] == 0xdd)
    handle6(p);
  else {
    _stats[S_OTHER]++;
    output(0).push(p);
  }
}

extern "C" Element *clara_nf_create(const char *config) {
  Element *e = new TracerouteHops;
  if (clara_element_setup(e, config ? String(config) : String(), 1, 2) < 0)
    return 0;
  return e;
}

// Training source for the instruction models (models/README.md): the
// downlink half of a mobile user plane function: a UE-address session
// lookup, packet detection rules with SDF port ranges selecting a QoS flow,
// forwarding actions (forward, buffer while idle, drop), per-session
// maximum bit rate meters, and GTP-U outer header creation with a PDU
// session container extension and sequence numbers.
// Written for training only; not part of the NF corpus.
#include <click/clara.hh>
#include <click/config.h>
#include <click/element.hh>
#include <click/hashtable.hh>
#include <click/packet.hh>
#include <click/packet_anno.hh>
#include <clicknet/ether.h>
#include <clicknet/ip.h>
#include <clicknet/tcp.h>
#include <clicknet/udp.h>

enum FarAction { FAR_FORWARD = 0, FAR_BUFFER = 1, FAR_DROP = 2 };

// A token bucket of width T: packets are metered in 32 bits, bytes in 64.
template <typename T> struct RateMeter {
  T tokens;
  T burst;
  T rate_per_ms;
  uint64_t last_ms;
  bool take(T amount, uint64_t now_ms) {
    if (now_ms > last_ms) {
      uint64_t add = (now_ms - last_ms) * (uint64_t)rate_per_ms;
      T room = burst - tokens;
      tokens = add >= (uint64_t)room ? burst : (T)(tokens + (T)add);
      last_ms = now_ms;
    }
    if (tokens < amount)
      return false;
    tokens -= amount;
    return true;
  }
};

struct SdfRule {
  uint8_t proto; // 0 = any
  uint8_t qfi;
  uint16_t port_lo;
  uint16_t port_hi;
};

struct DownlinkSession {
  uint32_t gnb_addr;
  uint32_t teid;
  uint16_t seq;
  uint8_t action;
  uint8_t nrules;
  SdfRule rules[4];
  RateMeter<uint64_t> mbr;
  RateMeter<uint32_t> pps;
  uint32_t buffered;
  uint32_t notified;
};

class TrainGtpuEncap : public Element {
public:
  enum { OUTER = 14 + 20 + 8 + 12 + 4, BUFFER_LIMIT = 16 };
  TrainGtpuEncap() : _n3_addr(0x0a640001u), _sent(0), _dropped(0), _ddn(0) {
    for (uint32_t i = 0; i < 256; ++i) {
      DownlinkSession s;
      memset(&s, 0, sizeof(s));
      s.gnb_addr = 0x0a640100u + (i & 15);
      s.teid = 0x20000000u | (i * 2654435761u >> 8);
      s.action = i % 11 == 0 ? FAR_BUFFER : (i % 13 == 0 ? FAR_DROP : 0);
      s.nrules = (uint8_t)(1 + i % 4);
      for (int r = 0; r < s.nrules; ++r) {
        s.rules[r].proto = r == 0 ? IP_PROTO_TCP : (r == 1 ? IP_PROTO_UDP : 0);
        s.rules[r].qfi = (uint8_t)(5 + r * 2);
        s.rules[r].port_lo = (uint16_t)(r == 0 ? 80 : 1);
        s.rules[r].port_hi = (uint16_t)(r == 0 ? 443 : 1023);
      }
      s.mbr.burst = s.mbr.tokens = 64000;
      s.mbr.rate_per_ms = 12500 + i * 100;
      s.pps.burst = s.pps.tokens = 40;
      s.pps.rate_per_ms = 2;
      _ue.set(0xc0a80000u | i, s);
    }
  }
  const char *class_name() const override { return "TrainGtpuEncap"; }
  const char *port_count() const override { return "1/3"; }
  const char *processing() const override { return PUSH; }
  void push(int port, Packet *p) override;

private:
  uint8_t classify(const DownlinkSession &s, const click_ip *iph,
                   uint32_t avail) const;
  bool police(DownlinkSession &s, uint32_t bytes, uint64_t now_ms);
  WritablePacket *encapsulate(Packet *p, DownlinkSession &s, uint8_t qfi);
  static void write_outer_ip(uint8_t *o, uint32_t src, uint32_t dst,
                             uint16_t total);

  uint32_t _n3_addr;
  HashTable<uint32_t, DownlinkSession, 256, 2> _ue;
  uint64_t _sent;
  uint32_t _dropped;
  uint32_t _ddn;
};

uint8_t TrainGtpuEncap::classify(const DownlinkSession &s, const click_ip *iph,
                                 uint32_t avail) const {
  uint32_t hl = iph->ip_hl << 2;
  uint16_t sport = 0;
  if ((iph->ip_p == IP_PROTO_TCP || iph->ip_p == IP_PROTO_UDP) &&
      avail >= hl + 4 && IP_FIRSTFRAG(iph)) {
    const uint8_t *l4 = reinterpret_cast<const uint8_t *>(iph) + hl;
    sport = (uint16_t)(l4[0] << 8 | l4[1]);
  }
  for (int r = 0; r < s.nrules; ++r) {
    const SdfRule &rule = s.rules[r];
    if (rule.proto && rule.proto != iph->ip_p)
      continue;
    if (rule.proto && (sport < rule.port_lo || sport > rule.port_hi))
      continue;
    return rule.qfi;
  }
  return 9; // default QoS flow
}

bool TrainGtpuEncap::police(DownlinkSession &s, uint32_t bytes,
                            uint64_t now_ms) {
  if (!s.pps.take(1, now_ms))
    return false;
  return s.mbr.take(bytes, now_ms);
}

void TrainGtpuEncap::write_outer_ip(uint8_t *o, uint32_t src, uint32_t dst,
                                    uint16_t total) {
  click_ip *oh = reinterpret_cast<click_ip *>(o);
  oh->ip_v = 4;
  oh->ip_hl = 5;
  oh->ip_tos = 0;
  oh->ip_len = htons(total);
  oh->ip_id = htons((uint16_t)(dst ^ total));
  oh->ip_off = htons(IP_DF);
  oh->ip_ttl = 64;
  oh->ip_p = IP_PROTO_UDP;
  oh->ip_src.s_addr = htonl(src);
  oh->ip_dst.s_addr = htonl(dst);
  oh->ip_sum = 0;
  oh->ip_sum = click_in_cksum(o, 20);
}

WritablePacket *TrainGtpuEncap::encapsulate(Packet *p, DownlinkSession &s,
                                            uint8_t qfi) {
  uint32_t inner_len = p->length() - 14;
  uint8_t macs[12];
  memcpy(macs, p->data(), 12);
  p->pull(14);
  WritablePacket *q = p->push(OUTER);
  if (!q)
    return 0;
  uint8_t *d = q->data();
  for (int i = 0; i < 6; ++i) {
    d[i] = macs[6 + i];
    d[6 + i] = macs[i];
  }
  d[12] = 0x08;
  d[13] = 0x00;
  uint16_t gtp_len = (uint16_t)(inner_len + 4 + 4);
  write_outer_ip(d + 14, _n3_addr, s.gnb_addr,
                 (uint16_t)(20 + 8 + 8 + gtp_len));
  click_udp *uh = reinterpret_cast<click_udp *>(d + 34);
  uh->uh_sport = htons((uint16_t)(0xc000 | (s.teid & 0x3fff)));
  uh->uh_dport = htons(2152);
  uh->uh_ulen = htons((uint16_t)(8 + 8 + gtp_len));
  uh->uh_sum = 0;
  uint8_t *g = d + 42;
  g[0] = 0x36; // version 1, PT, E, S
  g[1] = 255;
  g[2] = (uint8_t)(gtp_len >> 8);
  g[3] = (uint8_t)gtp_len;
  g[4] = (uint8_t)(s.teid >> 24);
  g[5] = (uint8_t)(s.teid >> 16);
  g[6] = (uint8_t)(s.teid >> 8);
  g[7] = (uint8_t)s.teid;
  s.seq++;
  g[8] = (uint8_t)(s.seq >> 8);
  g[9] = (uint8_t)s.seq;
  g[10] = 0;
  g[11] = 0x85;
  g[12] = 1;          // 4 bytes
  g[13] = 0x00;       // downlink PDU type 0
  g[14] = qfi & 0x3f; // no PPP, no RQI
  g[15] = 0;          // no further extension
  q->set_mac_header(d, 14);
  q->set_ip_header(reinterpret_cast<click_ip *>(d + 14), 20);
  return q;
}

void TrainGtpuEncap::push(int, Packet *p) {
  if (p->length() < 34 || p->data()[12] != 0x08 || p->data()[13] != 0) {
    checked_output_push(2, p);
    return;
  }
  const click_ip *iph = reinterpret_cast<const click_ip *>(p->data() + 14);
  DownlinkSession *s = _ue.get_pointer(ntohl(iph->ip_dst.s_addr));
  if (!s) {
    checked_output_push(2, p);
    return;
  }
  switch (s->action) {
  case FAR_DROP:
    _dropped++;
    p->kill();
    return;
  case FAR_BUFFER:
    // Idle UE: the first packet triggers a downlink data notification,
    // the next few are counted as buffered, the rest dropped.
    if (s->buffered++ == 0) {
      s->notified++;
      _ddn++;
      SET_PAINT_ANNO(p, 0xdd);
      checked_output_push(1, p);
    } else if (s->buffered > BUFFER_LIMIT) {
      _dropped++;
      p->kill();
    } else
      checked_output_push(1, p);
    return;
  default:
    break;
  }
  const Timestamp &ts = p->timestamp_anno();
  uint64_t now_ms = (uint64_t)ts.sec() * 1000 + ts.usec() / 1000;
  uint32_t ilen = ntohs(iph->ip_len);
  if (ilen + 14 > p->length() || !police(*s, ilen, now_ms)) {
    _dropped++;
    p->kill();
    return;
  }
  uint8_t qfi = classify(*s, iph, p->length() - 14);
  if (ilen + 14 < p->length())
    p->take(p->length() - 14 - ilen);
  WritablePacket *q = encapsulate(p, *s, qfi);
  if (!q)
    return;
  q->set_anno_u8(PAINT_ANNO_OFFSET, qfi);
  _sent++;
  output(0).push(q);
}

extern "C" Element *clara_nf_create(const char *config) {
  TrainGtpuEncap *e = new TrainGtpuEncap;
  if (clara_element_setup(e, config ? String(config) : String(), 1, 3) < 0)
    return 0;
  return e;
}

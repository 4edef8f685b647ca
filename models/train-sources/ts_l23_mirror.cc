// Training source for the instruction models (models/README.md): port
// mirroring with sampling: per-session filters (VLAN, protocol, address),
// 1-in-N deterministic or hash-based sampling, truncation of the copy, and
// an ERSPAN-like GRE header with a session id and a sequence number.
// Written for training only; not part of the NF corpus.
#include <click/clara.hh>
#include <click/config.h>
#include <click/element.hh>
#include <click/packet.hh>
#include <click/packet_anno.hh>
#include <clicknet/ether.h>
#include <clicknet/ip.h>

struct MirrorSession {
  uint16_t id;
  uint16_t vlan; // 0: any
  uint8_t proto; // 0: any
  uint8_t hashed;
  uint32_t net, mask;
  uint32_t rate; // 1 in rate
  uint32_t count;
  uint32_t seq;
  uint16_t trunc;
  uint64_t bytes;
};

template <typename CTR> class TrainPortMirror : public Element {
public:
  enum { NSESS = 4 };
  TrainPortMirror() : _mirrored(0), _sampled_out(0) {
    for (int i = 0; i < NSESS; ++i) {
      MirrorSession &s = _sess[i];
      s.id = (uint16_t)(100 + i);
      s.vlan = 0;
      s.proto = (uint8_t)(i == 1 ? IP_PROTO_TCP : i == 2 ? IP_PROTO_UDP : 0);
      s.hashed = (uint8_t)(i & 1);
      s.net = i == 3 ? 0xc0a80000u : 0;
      s.mask = i == 3 ? 0xffff0000u : 0;
      s.rate = (uint32_t)(2 + i * 3);
      s.count = s.seq = 0;
      s.trunc = (uint16_t)(i == 0 ? 0 : 64 * i);
      s.bytes = 0;
    }
  }
  const char *class_name() const override { return "TrainPortMirror"; }
  const char *port_count() const override { return "1/2"; }
  void push(int port, Packet *p) override;

private:
  static uint32_t pkt_hash(const click_ip *iph) {
    uint32_t a = iph->ip_src.s_addr, b = iph->ip_dst.s_addr;
    uint32_t h = (a < b ? a : b) * 31u + (a < b ? b : a);
    h ^= h >> 16;
    h *= 0x7feb352du;
    return h ^ (h >> 15);
  }
  bool selects(const MirrorSession &s, uint16_t vlan, const click_ip *iph) {
    if (s.vlan && s.vlan != vlan)
      return false;
    if (!iph)
      return !s.proto && !s.mask;
    if (s.proto && s.proto != iph->ip_p)
      return false;
    return (ntohl(iph->ip_src.s_addr) & s.mask) == s.net ||
           (ntohl(iph->ip_dst.s_addr) & s.mask) == s.net;
  }
  bool sample(MirrorSession &s, const click_ip *iph) {
    if (s.hashed && iph)
      return (CTR)pkt_hash(iph) % (CTR)s.rate == 0;
    CTR c = (CTR)++s.count;
    if (c >= (CTR)s.rate) {
      s.count = 0;
      return true;
    }
    return false;
  }
  WritablePacket *make_copy(Packet *p, MirrorSession &s);

  MirrorSession _sess[NSESS];
  uint64_t _mirrored;
  CTR _sampled_out;
};

template <typename CTR>
WritablePacket *TrainPortMirror<CTR>::make_copy(Packet *p, MirrorSession &s) {
  Packet *c = p->clone();
  if (!c)
    return 0;
  uint32_t len = c->length();
  if (s.trunc && len > s.trunc)
    c->take(len - s.trunc);
  WritablePacket *q = c->push(8);
  if (!q)
    return 0;
  uint8_t *g = q->data();
  uint32_t seq = ++s.seq;
  g[0] = 0x10; // sequence number present
  g[1] = 0;
  g[2] = 0x88;
  g[3] = 0xbe;
  g[4] = (uint8_t)(seq >> 24);
  g[5] = (uint8_t)(seq >> 16);
  g[6] = (uint8_t)(seq >> 8);
  g[7] = (uint8_t)seq;
  SET_AGGREGATE_ANNO(q, (uint32_t)s.id << 16 | (len > 0xffff ? 0xffff : len));
  s.bytes += q->length();
  return q;
}

template <typename CTR> void TrainPortMirror<CTR>::push(int, Packet *p) {
  if (p->length() < 14) {
    p->kill();
    return;
  }
  const uint8_t *d = p->data();
  uint16_t et = (uint16_t)(d[12] << 8 | d[13]);
  uint16_t vlan = 0;
  int l3 = 14;
  if (et == ETHERTYPE_8021Q && p->length() >= 18) {
    vlan = (uint16_t)((d[14] << 8 | d[15]) & 0x0fff);
    et = (uint16_t)(d[16] << 8 | d[17]);
    l3 = 18;
  }
  const click_ip *iph = 0;
  if (et == ETHERTYPE_IP && p->length() >= (uint32_t)l3 + 20 && l3 == 14)
    iph = reinterpret_cast<const click_ip *>(d + l3);
  for (int i = 0; i < NSESS; ++i) {
    MirrorSession &s = _sess[i];
    if (!selects(s, vlan, iph))
      continue;
    if (!sample(s, iph)) {
      _sampled_out++;
      continue;
    }
    if (WritablePacket *q = make_copy(p, s)) {
      _mirrored++;
      output(1).push(q);
    }
    break; // one copy per packet
  }
  output(0).push(p);
}

extern "C" Element *clara_nf_create(const char *config) {
  Element *e[3] = {new TrainPortMirror<uint16_t>, new TrainPortMirror<uint32_t>,
                   new TrainPortMirror<uint64_t>};
  String conf = config ? String(config) : String();
  for (int i = 0; i < 3; ++i)
    if (clara_element_setup(e[i], conf, 1, 2) < 0)
      return 0;
  for (int i = 0; i + 1 < 3; ++i)
    clara_connect(e[i], 0, e[i + 1], 0);
  return e[0];
}

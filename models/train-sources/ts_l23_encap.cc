// Training source for the instruction models (models/README.md): tunnel
// encapsulation (IP-in-IP, GRE with key and sequence, VXLAN over UDP with a
// flow-hash source port) chosen per destination, and the matching
// decapsulation with outer-header validation and inner TTL/ECN propagation.
// Written for training only; not part of the NF corpus.
#include <click/clara.hh>
#include <click/config.h>
#include <click/element.hh>
#include <click/packet.hh>
#include <click/packet_anno.hh>
#include <clicknet/ether.h>
#include <clicknet/ip.h>
#include <clicknet/udp.h>

enum TunnelKind { T_IPIP = 0, T_GRE = 1, T_VXLAN = 2 };

struct TunnelEnd {
  uint32_t remote;
  uint32_t vni_or_key;
  uint8_t kind;
  uint8_t ttl;
  uint32_t seq;
};

static uint32_t flow_hash(const click_ip *iph, int avail) {
  uint32_t h = iph->ip_src.s_addr * 0x85ebca6bu;
  h ^= iph->ip_dst.s_addr + 0x27d4eb2fu + (h << 6) + (h >> 2);
  h ^= iph->ip_p;
  int hl = iph->ip_hl << 2;
  if ((iph->ip_p == IP_PROTO_TCP || iph->ip_p == IP_PROTO_UDP) &&
      avail >= hl + 4) {
    const uint8_t *t = (const uint8_t *)iph + hl;
    h ^= ((uint32_t)t[0] << 24 | t[1] << 16 | t[2] << 8 | t[3]);
    h = (h << 13) | (h >> 19);
  }
  return h * 0xc2b2ae35u;
}

// The outer header is written byte by byte: with VXLAN the outer and inner
// IP headers cannot both be 4-byte aligned.
static void put32(uint8_t *d, uint32_t v) {
  d[0] = (uint8_t)(v >> 24);
  d[1] = (uint8_t)(v >> 16);
  d[2] = (uint8_t)(v >> 8);
  d[3] = (uint8_t)v;
}

static void fill_outer_ip(uint8_t *o, uint32_t src, uint32_t dst, uint16_t len,
                          const uint8_t tos_ttl_proto[3]) {
  o[0] = 0x45;
  o[1] = tos_ttl_proto[0];
  o[2] = (uint8_t)(len >> 8);
  o[3] = (uint8_t)len;
  o[4] = o[5] = 0;
  o[6] = IP_DF >> 8;
  o[7] = 0;
  o[8] = tos_ttl_proto[1];
  o[9] = tos_ttl_proto[2];
  o[10] = o[11] = 0;
  put32(o + 12, src);
  put32(o + 16, dst);
  uint16_t sum = click_in_cksum(o, 20);
  memcpy(o + 10, &sum, 2);
}

class TrainTunnelEncap : public Element {
public:
  enum { NEND = 4 };
  TrainTunnelEncap() : _local(0xac100001u), _encapped(0), _mtu_drops(0) {
    for (int i = 0; i < NEND; ++i) {
      _ends[i].remote = 0xac100100u + (uint32_t)i;
      _ends[i].vni_or_key = 5000u + (uint32_t)i;
      _ends[i].kind = (uint8_t)(i % 3);
      _ends[i].ttl = 64;
      _ends[i].seq = 0;
    }
  }
  const char *class_name() const override { return "TrainTunnelEncap"; }
  const char *port_count() const override { return PORTS_1_1X2; }
  Packet *simple_action(Packet *p) override;

private:
  static unsigned header_room(uint8_t kind) {
    switch (kind) {
    case T_IPIP:
      return 20;
    case T_GRE:
      return 20 + 12;
    default:
      return 20 + 8 + 8 + 14;
    }
  }
  uint16_t entropy_port(uint32_t h) const {
    return (uint16_t)(49152 + (h >> 16) % 16384);
  }
  int build(WritablePacket *q, TunnelEnd &t, uint32_t h, uint8_t inner_tos);

  uint32_t _local;
  TunnelEnd _ends[NEND];
  uint64_t _encapped;
  uint32_t _mtu_drops;
};

int TrainTunnelEncap::build(WritablePacket *q, TunnelEnd &t, uint32_t h,
                            uint8_t inner_tos) {
  unsigned room = header_room(t.kind);
  uint16_t total = (uint16_t)q->length();
  uint8_t *d = q->data();
  uint8_t tt[3] = {(uint8_t)(inner_tos & IPTOS_DSCP_MASK), t.ttl,
                   IP_PROTO_IPIP};
  if ((inner_tos & IP_ECNMASK) != IP_ECN_NOT_ECT)
    tt[0] |= IP_ECN_ECT2;
  if (t.kind == T_IPIP) {
    fill_outer_ip(d, _local, t.remote, total, tt);
  } else if (t.kind == T_GRE) {
    tt[2] = IP_PROTO_GRE;
    fill_outer_ip(d, _local, t.remote, total, tt);
    uint8_t *g = d + 20;
    g[0] = 0x30; // key and sequence present
    g[1] = 0;
    g[2] = ETHERTYPE_IP >> 8;
    g[3] = ETHERTYPE_IP & 0xff;
    put32(g + 4, t.vni_or_key);
    put32(g + 8, ++t.seq);
  } else {
    tt[2] = IP_PROTO_UDP;
    fill_outer_ip(d, _local, t.remote, total, tt);
    uint8_t *u = d + 20;
    put32(u, (uint32_t)entropy_port(h) << 16 | 4789);
    put32(u + 4, (uint32_t)(total - 20) << 16);
    uint8_t *v = d + 28;
    v[0] = 0x08;
    v[1] = v[2] = v[3] = 0;
    v[4] = (uint8_t)(t.vni_or_key >> 16);
    v[5] = (uint8_t)(t.vni_or_key >> 8);
    v[6] = (uint8_t)t.vni_or_key;
    v[7] = 0;
    uint8_t *ie = d + 36;
    for (int i = 0; i < 12; ++i)
      ie[i] = i == 5 || i == 11 ? (uint8_t)h : 0;
    ie[6] = 0x02;
    ie[12] = ETHERTYPE_IP >> 8;
    ie[13] = ETHERTYPE_IP & 0xff;
  }
  q->set_network_header(d, 20);
  return (int)room;
}

Packet *TrainTunnelEncap::simple_action(Packet *p) {
  if (p->length() < 34)
    return p;
  const click_ip *iph = reinterpret_cast<const click_ip *>(p->data() + 14);
  uint32_t dst = ntohl(iph->ip_dst.s_addr);
  TunnelEnd &t = _ends[(dst ^ (dst >> 8)) % NEND];
  unsigned room = header_room(t.kind);
  if (p->length() - 14 + room > 1500) {
    _mtu_drops++;
    checked_output_push(1, p);
    return 0;
  }
  uint32_t h = flow_hash(iph, (int)p->length() - 14);
  uint8_t tos = iph->ip_tos;
  p->pull(14); // the inner Ethernet header is not carried
  WritablePacket *q = p->push(room);
  if (!q)
    return 0;
  build(q, t, h, tos);
  _encapped++;
  return q;
}

class TrainTunnelDecap : public Element {
public:
  TrainTunnelDecap() : _ok(0), _bad(0) {}
  const char *class_name() const override { return "TrainTunnelDecap"; }
  const char *port_count() const override { return PORTS_1_1X2; }
  Packet *simple_action(Packet *p) override {
    const uint8_t *o = p->data();
    int hdr = outer_length(o, p->length());
    if (hdr < 0) {
      _bad++;
      checked_output_push(1, p);
      return 0;
    }
    uint8_t outer_ecn = o[1] & IP_ECNMASK;
    p->pull((uint32_t)hdr);
    WritablePacket *q = p->uniqueify();
    if (!q)
      return 0;
    click_ip *in = reinterpret_cast<click_ip *>(q->data());
    if (outer_ecn == IP_ECN_CE && (in->ip_tos & IP_ECNMASK) != 0) {
      uint16_t ow = (uint16_t)(in->ip_v << 12 | in->ip_hl << 8 | in->ip_tos);
      in->ip_tos |= IP_ECN_CE;
      click_update_in_cksum(&in->ip_sum, htons(ow),
                            htons((uint16_t)(ow | IP_ECN_CE)));
    }
    q->set_ip_header(in, in->ip_hl << 2);
    _ok++;
    return q;
  }

private:
  static int outer_length(const uint8_t *o, uint32_t len) {
    if (len < 40 || o[0] != 0x45 || (o[6] & 0x3f) || o[7])
      return -1;
    switch (o[9]) {
    case IP_PROTO_IPIP:
      return 20;
    case IP_PROTO_GRE: {
      const uint8_t *g = o + 20;
      int gl = 4 + (g[0] & 0x80 ? 4 : 0) + (g[0] & 0x20 ? 4 : 0) +
               (g[0] & 0x10 ? 4 : 0);
      return (g[1] & 7) == 0 ? 20 + gl : -1;
    }
    case IP_PROTO_UDP: {
      const uint8_t *u = o + 20;
      if (((u[2] << 8) | u[3]) != 4789 || len < 20 + 8 + 8 + 14 + 20)
        return -1;
      const uint8_t *v = u + 8;
      return (v[0] & 0x08) ? 20 + 8 + 8 + 14 : -1;
    }
    default:
      return -1;
    }
  }
  uint64_t _ok;
  uint32_t _bad;
};

extern "C" Element *clara_nf_create(const char *config) {
  TrainTunnelEncap *e = new TrainTunnelEncap;
  TrainTunnelDecap *d = new TrainTunnelDecap;
  String conf = config ? String(config) : String();
  if (clara_element_setup(e, conf, 1, 2) < 0 ||
      clara_element_setup(d, conf, 1, 2) < 0)
    return 0;
  clara_connect(e, 0, d, 0);
  return e;
}

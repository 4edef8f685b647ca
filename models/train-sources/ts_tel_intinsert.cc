// Training source for the instruction models (models/README.md): an in-band
// network telemetry (INT-MD over TCP/UDP, DSCP-signalled) source and transit
// node: on unmarked IPv4 TCP/UDP packets it inserts a shim, an INT metadata
// header and this hop's metadata after the L4 header and marks the DSCP; on
// marked packets it pushes another hop's metadata onto the stack, decrementing
// the remaining hop count, setting the E/M bits when it cannot; IP/UDP lengths
// and IP/L4 checksums are repaired. Written for training only; not part of the
// NF corpus.
#include <click/args.hh>
#include <click/clara.hh>
#include <click/config.h>
#include <click/element.hh>
#include <click/error.hh>
#include <click/packet.hh>
#include <click/packet_anno.hh>
#include <click/timestamp.hh>
#include <clicknet/ether.h>
#include <clicknet/ip.h>
#include <clicknet/tcp.h>
#include <clicknet/udp.h>

// Instruction bitmap bits (most significant first, as in the INT spec).
enum {
  INTI_NODE_ID = 0x8000,
  INTI_L1_PORTS = 0x4000,
  INTI_HOP_LATENCY = 0x2000,
  INTI_QUEUE = 0x1000,
  INTI_INGRESS_TS = 0x0800,
  INTI_EGRESS_TS = 0x0400,
  INTI_L2_PORTS = 0x0200,
  INTI_EGRESS_UTIL = 0x0100,
  INTI_KNOWN = 0xFF00
};

enum { INT_SHIM_LEN = 4, INT_MD_LEN = 12, INT_TYPE_MD = 1, INT_VERSION = 2 };

// Header flags in byte 0/1 of the metadata header.
enum { INT_MD_D = 0x08, INT_MD_E = 0x04, INT_MD_M = 0x02 };

static inline void wr16(uint8_t *b, uint16_t v) {
  b[0] = (uint8_t)(v >> 8);
  b[1] = (uint8_t)v;
}
static inline void wr32(uint8_t *b, uint32_t v) {
  wr16(b, (uint16_t)(v >> 16));
  wr16(b + 2, (uint16_t)v);
}
static inline uint16_t rd16(const uint8_t *b) {
  return (uint16_t)((b[0] << 8) | b[1]);
}

class INTMetadataInsert : public Element {
public:
  INTMetadataInsert()
      : _node_id(1), _instructions(INTI_NODE_ID | INTI_L1_PORTS |
                                   INTI_HOP_LATENCY | INTI_QUEUE),
        _max_hops(8), _dscp(0x17), _mtu(1500), _egress_port(1),
        _source(true), _queue_bytes(0), _inserted(0), _transited(0),
        _exceeded(0), _mtu_hits(0), _skipped(0) {}

  const char *class_name() const override { return "INTMetadataInsert"; }
  const char *port_count() const override { return PORTS_1_1; }
  const char *processing() const override { return AGNOSTIC; }

  int configure(Vector<String> &conf, ErrorHandler *errh) override {
    if (Args(conf, this, errh)
            .read("NODE_ID", _node_id)
            .read("INSTRUCTIONS", _instructions)
            .read("MAX_HOPS", _max_hops)
            .read("DSCP", _dscp)
            .read("MTU", _mtu)
            .read("EGRESS_PORT", _egress_port)
            .read("SOURCE", _source)
            .complete() < 0)
      return -1;
    if (_dscp > 63)
      return errh->error("DSCP must be below 64");
    if (_max_hops == 0 || _max_hops > 255)
      return errh->error("MAX_HOPS out of range");
    if ((_instructions & ~INTI_KNOWN) != 0)
      return errh->error("unsupported instruction bits");
    return 0;
  }

  Packet *simple_action(Packet *p) override;

private:
  uint32_t _node_id;
  uint16_t _instructions;
  unsigned _max_hops;
  unsigned _dscp;
  unsigned _mtu;
  unsigned _egress_port;
  bool _source;
  uint32_t _queue_bytes;
  Timestamp _last_tx;
  uint32_t _inserted, _transited, _exceeded, _mtu_hits, _skipped;

  // Words of metadata one hop contributes for the instruction bitmap.
  static unsigned hop_words(uint16_t ins) {
    unsigned w = 0;
    for (uint16_t bit = 0x8000; bit & INTI_KNOWN; bit >>= 1) {
      if (!(ins & bit))
        continue;
      switch (bit) {
      case INTI_INGRESS_TS:
      case INTI_EGRESS_TS:
      case INTI_L2_PORTS:
        w += 2;
        break;
      default:
        w += 1;
        break;
      }
    }
    return w;
  }

  uint32_t estimate_queue(const Packet *p, uint32_t len) {
    // Drain at 10 Gb/s since the previous packet, then enqueue this one.
    const Timestamp &now = p->timestamp_anno();
    if (_last_tx) {
      int64_t ns = (now - _last_tx).nsecval();
      uint64_t drained = ns > 0 ? (uint64_t)ns * 10 / 8 : 0;
      _queue_bytes = drained >= _queue_bytes ? 0 : _queue_bytes - (uint32_t)drained;
    }
    _last_tx = now;
    _queue_bytes += len;
    return _queue_bytes;
  }

  void fill_hop(uint8_t *m, const Packet *p, uint16_t ins, uint32_t qbytes) {
    Timestamp now = Timestamp::now();
    const Timestamp &rx = p->timestamp_anno();
    int64_t lat = (now - rx).nsecval();
    if (lat < 0)
      lat = 0;
    if (ins & INTI_NODE_ID) {
      wr32(m, _node_id);
      m += 4;
    }
    if (ins & INTI_L1_PORTS) {
      wr16(m, (uint16_t)PAINT_ANNO(p));
      wr16(m + 2, (uint16_t)_egress_port);
      m += 4;
    }
    if (ins & INTI_HOP_LATENCY) {
      wr32(m, lat > 0xFFFFFFFFLL ? 0xFFFFFFFFU : (uint32_t)lat);
      m += 4;
    }
    if (ins & INTI_QUEUE) {
      uint32_t cells = qbytes / 80;
      wr32(m, cells > 0xFFFFFF ? 0xFFFFFFU : cells);
      m += 4;
    }
    if (ins & INTI_INGRESS_TS) {
      wr32(m, (uint32_t)rx.sec());
      wr32(m + 4, rx.nsec());
      m += 8;
    }
    if (ins & INTI_EGRESS_TS) {
      wr32(m, (uint32_t)now.sec());
      wr32(m + 4, now.nsec());
      m += 8;
    }
    if (ins & INTI_L2_PORTS) {
      wr32(m, PAINT_ANNO(p));
      wr32(m + 4, _egress_port);
      m += 8;
    }
    if (ins & INTI_EGRESS_UTIL)
      wr32(m, qbytes > 0 ? 1 + qbytes / 1500 : 0);
  }

  // Opens len bytes at offset at within p (moving the bytes before it).
  WritablePacket *open_gap(Packet *p, unsigned at, unsigned len, int ip_off) {
    WritablePacket *q = p->push(len);
    if (!q)
      return 0;
    memmove(q->data(), q->data() + len, at);
    q->set_mac_header(q->data(), ip_off);
    return q;
  }

  static void repair(WritablePacket *q, int ip_off, unsigned hl, int grow) {
    click_ip *iph = reinterpret_cast<click_ip *>(q->data() + ip_off);
    uint16_t old_len = iph->ip_len;
    iph->ip_len = htons((uint16_t)(ntohs(old_len) + grow));
    iph->ip_sum = 0;
    iph->ip_sum = click_in_cksum(reinterpret_cast<unsigned char *>(iph), hl);
    q->set_ip_header(iph, hl);
    unsigned char *l4 = q->data() + ip_off + hl;
    int l4len = ntohs(iph->ip_len) - (int)hl;
    if (iph->ip_p == IP_PROTO_UDP) {
      click_udp *uh = reinterpret_cast<click_udp *>(l4);
      uh->uh_ulen = htons((uint16_t)l4len);
      if (uh->uh_sum == 0)
        return;
      uh->uh_sum = 0;
      uint16_t c = click_in_cksum(l4, l4len);
      uh->uh_sum = click_in_cksum_pseudohdr(c, iph, l4len);
      if (uh->uh_sum == 0)
        uh->uh_sum = 0xFFFF;
    } else {
      click_tcp *th = reinterpret_cast<click_tcp *>(l4);
      th->th_sum = 0;
      uint16_t c = click_in_cksum(l4, l4len);
      th->th_sum = click_in_cksum_pseudohdr(c, iph, l4len);
    }
  }

  Packet *insert_source(Packet *p, int ip_off, unsigned hl, unsigned l4hl);
  Packet *transit(Packet *p, int ip_off, unsigned hl, unsigned l4hl);
};

Packet *INTMetadataInsert::insert_source(Packet *p, int ip_off, unsigned hl,
                                         unsigned l4hl) {
  const click_ip *iph = reinterpret_cast<const click_ip *>(p->data() + ip_off);
  unsigned words = hop_words(_instructions);
  unsigned add = INT_SHIM_LEN + INT_MD_LEN + words * 4;
  if (ntohs(iph->ip_len) + add > _mtu) {
    _mtu_hits++;
    return p;
  }
  uint8_t orig_dscp = iph->ip_tos >> 2;
  uint32_t ip_len = ntohs(iph->ip_len);
  unsigned at = ip_off + hl + l4hl;
  WritablePacket *q = open_gap(p, at, add, ip_off);
  if (!q)
    return 0;
  uint8_t *shim = q->data() + at;
  shim[0] = (uint8_t)(INT_TYPE_MD << 4);
  shim[1] = (uint8_t)((add) / 4);
  wr16(shim + 2, (uint16_t)(orig_dscp << 2));
  uint8_t *md = shim + INT_SHIM_LEN;
  md[0] = (uint8_t)(INT_VERSION << 4);
  md[1] = 0;
  md[2] = (uint8_t)(words & 0x1F);
  md[3] = (uint8_t)(_max_hops - 1);
  wr16(md + 4, _instructions);
  wr16(md + 6, 0);
  wr16(md + 8, 0);
  wr16(md + 10, 0);
  fill_hop(md + INT_MD_LEN, q, _instructions, estimate_queue(q, ip_len));
  click_ip *wiph = reinterpret_cast<click_ip *>(q->data() + ip_off);
  uint8_t tos = (uint8_t)((_dscp << 2) | (wiph->ip_tos & IP_ECNMASK));
  wiph->ip_tos = tos;
  repair(q, ip_off, hl, (int)add);
  _inserted++;
  return q;
}

Packet *INTMetadataInsert::transit(Packet *p, int ip_off, unsigned hl,
                                   unsigned l4hl) {
  unsigned at = ip_off + hl + l4hl;
  if (p->length() < at + INT_SHIM_LEN + INT_MD_LEN) {
    _skipped++;
    return p;
  }
  const uint8_t *shim = p->data() + at;
  const uint8_t *md = shim + INT_SHIM_LEN;
  if ((shim[0] >> 4) != INT_TYPE_MD || (md[0] >> 4) != INT_VERSION) {
    _skipped++;
    return p;
  }
  unsigned words = md[2] & 0x1F;
  uint16_t ins = rd16(md + 4);
  if (words != hop_words(ins) || shim[1] * 4u < INT_SHIM_LEN + INT_MD_LEN ||
      at + shim[1] * 4u > p->length()) {
    _skipped++;
    return p;
  }
  const click_ip *iph = reinterpret_cast<const click_ip *>(p->data() + ip_off);
  uint32_t ip_len = ntohs(iph->ip_len);
  bool full = md[3] == 0;
  bool too_big = ip_len + words * 4 > _mtu ||
                 shim[1] + words > 255;
  if (full || too_big) {
    WritablePacket *q = p->uniqueify();
    if (!q)
      return 0;
    uint8_t *wmd = q->data() + at + INT_SHIM_LEN;
    if (full) {
      wmd[1] |= INT_MD_E;
      _exceeded++;
    } else {
      wmd[1] |= INT_MD_M;
      _mtu_hits++;
    }
    repair(q, ip_off, hl, 0);
    return q;
  }
  unsigned gap_at = at + INT_SHIM_LEN + INT_MD_LEN;
  WritablePacket *q = open_gap(p, gap_at, words * 4, ip_off);
  if (!q)
    return 0;
  uint8_t *wshim = q->data() + at;
  wshim[1] = (uint8_t)(wshim[1] + words);
  uint8_t *wmd = wshim + INT_SHIM_LEN;
  wmd[3]--;
  fill_hop(wmd + INT_MD_LEN, q, ins, estimate_queue(q, ip_len));
  repair(q, ip_off, hl, (int)(words * 4));
  _transited++;
  return q;
}

Packet *INTMetadataInsert::simple_action(Packet *p) {
  if (!p->has_network_header()) {
    _skipped++;
    return p;
  }
  int ip_off = p->network_header_offset();
  if (ip_off < 0 || p->network_length() < (int)sizeof(click_ip)) {
    _skipped++;
    return p;
  }
  const click_ip *iph = p->ip_header();
  unsigned hl = iph->ip_hl << 2;
  if (iph->ip_v != 4 || hl < sizeof(click_ip) || IP_ISFRAG(iph) ||
      ntohs(iph->ip_len) > p->network_length() ||
      ntohs(iph->ip_len) < hl + 8) {
    _skipped++;
    return p;
  }
  unsigned l4hl;
  const uint8_t *l4 = p->network_header() + hl;
  switch (iph->ip_p) {
  case IP_PROTO_UDP:
    l4hl = sizeof(click_udp);
    break;
  case IP_PROTO_TCP:
    if (ntohs(iph->ip_len) < hl + sizeof(click_tcp)) {
      _skipped++;
      return p;
    }
    l4hl = reinterpret_cast<const click_tcp *>(l4)->th_off << 2;
    if (l4hl < sizeof(click_tcp) || hl + l4hl > ntohs(iph->ip_len)) {
      _skipped++;
      return p;
    }
    break;
  default:
    _skipped++;
    return p;
  }
  // Drop any Ethernet padding so that lengths stay consistent after growth.
  unsigned trailer = p->network_length() - ntohs(iph->ip_len);
  if (trailer)
    p->take(trailer);
  if ((unsigned)(iph->ip_tos >> 2) == _dscp)
    return transit(p, ip_off, hl, l4hl);
  if (!_source) {
    _skipped++;
    return p;
  }
  return insert_source(p, ip_off, hl, l4hl);
}

extern "C" Element *clara_nf_create(const char *config) {
  Element *e = new INTMetadataInsert;
  if (clara_element_setup(e, config ? String(config) : String(), 1, 1) < 0)
    return 0;
  return e;
}

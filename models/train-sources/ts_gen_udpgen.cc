// Training source for the instruction models (models/README.md): a paced
// UDP traffic generator: a pull output that builds full Ethernet/IPv4/UDP
// frames for a set of flows in round robin, with IMIX-like frame sizes,
// per-flow sequence numbers and send timestamps in the payload, a byte
// token bucket refilled from the time of packets pushed on the input (clock
// ticks), and reflected test packets on the input feeding loss and
// reordering counters.
// Written for training only; not part of the NF corpus.
#include <click/clara.hh>
#include <click/config.h>
#include <click/element.hh>
#include <click/packet.hh>
#include <click/packet_anno.hh>
#include <clicknet/ether.h>
#include <clicknet/ip.h>
#include <clicknet/udp.h>

enum { GEN_FLOWS = 8, GEN_PORT_BASE = 9000, GEN_MAGIC = 0x47454e31 };

struct GenFlow {
  uint32_t saddr, daddr; // host order
  uint16_t sport, dport;
  uint32_t next_seq;  // next sequence number to send
  uint32_t rx_expect; // next sequence number expected back
  uint16_t ip_id;
  uint8_t tos;
  uint8_t active;
  uint64_t tx_bytes;
  uint32_t lost, reordered;
};

class TrainUdpGen : public Element {
public:
  TrainUdpGen()
      : _rate_Bps(12500000), _bucket_max(30000), _tokens(0), _last_ns(0),
        _rr(0), _imix(0), _sent(0), _refused(0), _rx_bad(0) {
    for (int i = 0; i < GEN_FLOWS; ++i) {
      GenFlow &f = _flows[i];
      f.saddr = 0x0a000001u + (uint32_t)i;
      f.daddr = 0x0a010001u + (uint32_t)(i & 3);
      f.sport = (uint16_t)(GEN_PORT_BASE + i);
      f.dport = 7;
      f.next_seq = f.rx_expect = 0;
      f.ip_id = (uint16_t)(i * 4099);
      f.tos = (i & 1) ? 0x28 : 0;
      f.active = i < 6;
      f.tx_bytes = 0;
      f.lost = f.reordered = 0;
    }
  }
  const char *class_name() const override { return "TrainUdpGen"; }
  const char *port_count() const override { return "1/1"; }
  const char *processing() const override { return "h/l"; }
  void push(int port, Packet *p) override;
  Packet *pull(int port) override;

private:
  static uint32_t imix_size(uint32_t pos) {
    // 7:4:1 mix of small, medium and large frames
    uint32_t k = pos % 12;
    if (k < 7)
      return 64;
    if (k < 11)
      return 594;
    return 1514;
  }
  void refill(uint64_t now_ns) {
    if (now_ns <= _last_ns)
      return;
    uint64_t dt = now_ns - _last_ns;
    _last_ns = now_ns;
    // bytes = dt[ns] * rate / 1e9, capped before multiplying
    if (dt > 1000000000ull)
      dt = 1000000000ull;
    uint64_t add = dt * _rate_Bps / 1000000000ull;
    _tokens += add;
    if (_tokens > _bucket_max)
      _tokens = _bucket_max;
  }
  int next_flow() {
    for (unsigned n = 0; n < GEN_FLOWS; ++n) {
      unsigned i = (_rr + n) % GEN_FLOWS;
      if (_flows[i].active) {
        _rr = (i + 1) % GEN_FLOWS;
        return (int)i;
      }
    }
    return -1;
  }
  WritablePacket *build(GenFlow &f, uint32_t frame_len, uint64_t now_ns);
  void account_reply(GenFlow &f, uint32_t seq);
  int flow_of(const click_udp *uh) const {
    uint16_t dp = ntohs(uh->uh_dport);
    if (dp < GEN_PORT_BASE || dp >= GEN_PORT_BASE + GEN_FLOWS)
      return -1;
    return dp - GEN_PORT_BASE;
  }

  GenFlow _flows[GEN_FLOWS];
  uint64_t _rate_Bps, _bucket_max, _tokens, _last_ns;
  unsigned _rr;
  uint32_t _imix;
  uint64_t _sent, _refused, _rx_bad;
};

WritablePacket *TrainUdpGen::build(GenFlow &f, uint32_t frame_len,
                                   uint64_t now_ns) {
  WritablePacket *q = Packet::make(Packet::default_headroom, 0, frame_len, 0);
  if (!q)
    return 0;
  uint8_t *d = q->data();
  click_ether *eh = reinterpret_cast<click_ether *>(d);
  for (int i = 0; i < 6; ++i) {
    eh->ether_dhost[i] = (uint8_t)(0x02 + i);
    eh->ether_shost[i] = (uint8_t)(0x12 + i);
  }
  eh->ether_type = htons(ETHERTYPE_IP);
  click_ip *iph = reinterpret_cast<click_ip *>(d + 14);
  uint32_t ip_len = frame_len - 14;
  iph->ip_v = 4;
  iph->ip_hl = 5;
  iph->ip_tos = f.tos;
  iph->ip_len = htons((uint16_t)ip_len);
  iph->ip_id = htons(f.ip_id++);
  iph->ip_off = htons(IP_DF);
  iph->ip_ttl = 64;
  iph->ip_p = IP_PROTO_UDP;
  iph->ip_src.s_addr = htonl(f.saddr);
  iph->ip_dst.s_addr = htonl(f.daddr);
  iph->ip_sum = 0;
  iph->ip_sum = click_in_cksum(reinterpret_cast<unsigned char *>(iph), 20);
  click_udp *uh = reinterpret_cast<click_udp *>(d + 34);
  uint32_t ulen = ip_len - 20;
  uh->uh_sport = htons(f.sport);
  uh->uh_dport = htons(f.dport);
  uh->uh_ulen = htons((uint16_t)ulen);
  uh->uh_sum = 0;
  // payload: magic, sequence number, 64-bit send time, then a pattern
  uint8_t *pl = d + 42;
  uint32_t w[4] = {htonl(GEN_MAGIC), htonl(f.next_seq),
                   htonl((uint32_t)(now_ns >> 32)), htonl((uint32_t)now_ns)};
  for (int i = 0; i < 16; ++i)
    pl[i] = reinterpret_cast<uint8_t *>(w)[i];
  for (uint32_t i = 16; i < ulen - 8; ++i)
    pl[i] = (uint8_t)(i ^ f.next_seq);
  uint16_t c = click_in_cksum(reinterpret_cast<unsigned char *>(uh), ulen);
  uh->uh_sum = click_in_cksum_pseudohdr_raw(
      c, iph->ip_src.s_addr, iph->ip_dst.s_addr, IP_PROTO_UDP, ulen);
  if (uh->uh_sum == 0)
    uh->uh_sum = 0xffff;
  q->set_mac_header(d, 14);
  q->set_network_header(d + 14, 20);
  f.next_seq++;
  f.tx_bytes += frame_len;
  return q;
}

void TrainUdpGen::account_reply(GenFlow &f, uint32_t seq) {
  if (seq == f.rx_expect) {
    f.rx_expect++;
  } else if ((int32_t)(seq - f.rx_expect) > 0) {
    // a gap: count the missing ones as lost until they show up
    f.lost += seq - f.rx_expect;
    f.rx_expect = seq + 1;
  } else {
    f.reordered++;
    if (f.lost)
      f.lost--;
  }
}

void TrainUdpGen::push(int, Packet *p) {
  uint64_t now = (uint64_t)p->timestamp_anno().nsecval();
  refill(now);
  if (p->has_network_header() && p->ip_header()->ip_p == IP_PROTO_UDP &&
      p->transport_length() >= 8 + 8) {
    const click_udp *uh = p->udp_header();
    int fi = flow_of(uh);
    const uint8_t *pl = reinterpret_cast<const uint8_t *>(uh + 1);
    uint32_t magic = (uint32_t)pl[0] << 24 | (uint32_t)pl[1] << 16 |
                     (uint32_t)pl[2] << 8 | pl[3];
    if (fi >= 0 && magic == GEN_MAGIC) {
      uint32_t seq = (uint32_t)pl[4] << 24 | (uint32_t)pl[5] << 16 |
                     (uint32_t)pl[6] << 8 | pl[7];
      account_reply(_flows[fi], seq);
    } else if (fi >= 0) {
      _rx_bad++;
    }
  }
  p->kill();
}

Packet *TrainUdpGen::pull(int) {
  uint32_t len = imix_size(_imix);
  if (_tokens < len) {
    _refused++;
    return 0;
  }
  int fi = next_flow();
  if (fi < 0)
    return 0;
  WritablePacket *q = build(_flows[fi], len, _last_ns);
  if (!q)
    return 0;
  _tokens -= len;
  _imix++;
  _sent++;
  q->set_timestamp_anno(Timestamp::make_nsec(
      (int64_t)(_last_ns / 1000000000), (uint32_t)(_last_ns % 1000000000)));
  SET_PAINT_ANNO(q, (uint8_t)fi);
  return q;
}

extern "C" Element *clara_nf_create(const char *config) {
  Element *e = new TrainUdpGen;
  if (clara_element_setup(e, config ? String(config) : String(), 1, 1) < 0)
    return 0;
  return e;
}

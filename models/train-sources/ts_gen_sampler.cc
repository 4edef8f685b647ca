// Training source for the instruction models (models/README.md): a packet
// sampler and duplicator: every packet goes out on output 0; a sample
// (1-in-N countdown with a random skip, or every packet of flows whose
// hash falls under a threshold) is copied up to a snap length into a new
// frame behind an Ethernet/IPv4/UDP export header with a sample record
// (sequence, rate, original length, timestamp) for a collector on output 1.
// Written for training only; not part of the NF corpus.
#include <click/clara.hh>
#include <click/config.h>
#include <click/element.hh>
#include <click/packet.hh>
#include <click/packet_anno.hh>
#include <clicknet/ether.h>
#include <clicknet/ip.h>
#include <clicknet/udp.h>

enum { SNAPLEN = 128, REC_LEN = 20, EXPORT_HDR = 14 + 20 + 8 + REC_LEN };

struct SampleRecord {
  uint32_t seq;
  uint16_t rate;
  uint8_t reason; // 1 count, 2 flow
  uint8_t paint;
  uint32_t orig_len;
  uint32_t ts_sec, ts_usec;
};

class TrainSampler : public Element {
public:
  TrainSampler()
      : _rate(16), _countdown(16), _flow_thresh(0x08000000u), _seq(0),
        _collector(0xc0a8640au), _exporter(0xc0a86401u), _ip_id(1), _samples(0),
        _failed(0) {}
  const char *class_name() const override { return "TrainSampler"; }
  const char *port_count() const override { return "1/2"; }
  const char *processing() const override { return PUSH; }
  void push(int port, Packet *p) override;

private:
  static uint32_t flow_hash(const click_ip *iph) {
    uint32_t a = ntohl(iph->ip_src.s_addr), b = ntohl(iph->ip_dst.s_addr);
    // symmetric: both directions of a conversation share the decision
    uint32_t h = (a ^ b) * 0x85ebca6bu;
    h ^= h >> 13;
    h += (uint32_t)iph->ip_p * 0xc2b2ae35u;
    return h ^ (h >> 16);
  }
  int want_sample(const Packet *p) {
    if (p->has_network_header() && flow_hash(p->ip_header()) < _flow_thresh)
      return 2;
    if (--_countdown > 0)
      return 0;
    // next gap uniform in [rate/2, 3*rate/2) keeps the mean at rate
    _countdown = _rate / 2 + click_random(0, _rate - 1);
    return 1;
  }
  void fill_record(uint8_t *d, const SampleRecord &r) const {
    uint32_t w[5] = {htonl(r.seq),
                     htonl((uint32_t)r.rate << 16 | r.reason << 8 | r.paint),
                     htonl(r.orig_len), htonl(r.ts_sec), htonl(r.ts_usec)};
    const uint8_t *s = reinterpret_cast<const uint8_t *>(w);
    for (int i = 0; i < REC_LEN; ++i)
      d[i] = s[i];
  }
  void fill_headers(WritablePacket *q, uint32_t ip_len);
  Packet *make_export(Packet *p, int reason);

  uint32_t _rate;
  int32_t _countdown;
  uint32_t _flow_thresh;
  uint32_t _seq;
  uint32_t _collector, _exporter;
  uint16_t _ip_id;
  uint64_t _samples, _failed;
};

void TrainSampler::fill_headers(WritablePacket *q, uint32_t ip_len) {
  uint8_t *d = q->data();
  click_ether *eh = reinterpret_cast<click_ether *>(d);
  for (int i = 0; i < 6; ++i) {
    eh->ether_dhost[i] = i == 0 ? 0x02 : (uint8_t)(0x10 * i);
    eh->ether_shost[i] = i == 0 ? 0x02 : (uint8_t)(0x11 * i);
  }
  eh->ether_type = htons(ETHERTYPE_IP);
  click_ip *iph = reinterpret_cast<click_ip *>(d + 14);
  iph->ip_v = 4;
  iph->ip_hl = 5;
  iph->ip_tos = 0x20;
  iph->ip_len = htons((uint16_t)ip_len);
  iph->ip_id = htons(_ip_id++);
  iph->ip_off = 0;
  iph->ip_ttl = 32;
  iph->ip_p = IP_PROTO_UDP;
  iph->ip_src.s_addr = htonl(_exporter);
  iph->ip_dst.s_addr = htonl(_collector);
  iph->ip_sum = 0;
  iph->ip_sum = click_in_cksum(reinterpret_cast<unsigned char *>(iph), 20);
  click_udp *uh = reinterpret_cast<click_udp *>(d + 34);
  uh->uh_sport = htons(6343);
  uh->uh_dport = htons(6343);
  uh->uh_ulen = htons((uint16_t)(ip_len - 20));
  uh->uh_sum = 0; // optional for UDP over IPv4
  q->set_mac_header(d, 14);
  q->set_network_header(d + 14, 20);
}

Packet *TrainSampler::make_export(Packet *p, int reason) {
  uint32_t orig = p->length();
  uint32_t snap = orig > SNAPLEN ? SNAPLEN : orig;
  // a fresh frame keeps the export IP header aligned
  WritablePacket *q =
      Packet::make(Packet::default_headroom, 0, EXPORT_HDR + snap, 0);
  if (!q)
    return 0;
  const uint8_t *src = p->data();
  uint8_t *dst = q->data() + EXPORT_HDR;
  for (uint32_t i = 0; i < SNAPLEN && i < snap; ++i)
    dst[i] = src[i];
  SampleRecord r;
  r.seq = _seq++;
  r.rate = (uint16_t)(reason == 1 ? _rate : 0);
  r.reason = (uint8_t)reason;
  r.paint = PAINT_ANNO(p);
  r.orig_len = orig;
  const Timestamp &ts = p->timestamp_anno();
  r.ts_sec = (uint32_t)ts.sec();
  r.ts_usec = ts.usec();
  fill_record(q->data() + 42, r);
  fill_headers(q, q->length() - 14);
  q->set_timestamp_anno(ts);
  return q;
}

void TrainSampler::push(int, Packet *p) {
  int reason = want_sample(p);
  if (reason) {
    Packet *q = make_export(p, reason);
    if (q) {
      _samples++;
      output(1).push(q);
    } else {
      _failed++;
    }
  }
  output(0).push(p);
}

extern "C" Element *clara_nf_create(const char *config) {
  Element *e = new TrainSampler;
  if (clara_element_setup(e, config ? String(config) : String(), 1, 2) < 0)
    return 0;
  return e;
}

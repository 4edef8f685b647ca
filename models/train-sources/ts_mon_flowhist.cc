// Training source for the instruction models (models/README.md): flow-size
// and timing histograms: a per-flow table (HashMap keyed by IPFlowID) with
// first/last timestamps and counts; log2-bucketed histograms of packet
// sizes, per-flow inter-arrival gaps, flow sizes in packets and bytes, and
// flow durations, filled when a flow ends (TCP FIN/RST or an idle gap seen on
// the flow's next packet); a running median estimate read from the
// histogram goes into the packet's annotations. The histogram is a template
// instantiated at three counter widths and bucket counts.
// Written for training only; not part of the NF corpus.
#include <click/clara.hh>
#include <click/config.h>
#include <click/element.hh>
#include <click/hashmap.hh>
#include <click/ipflowid.hh>
#include <click/packet.hh>
#include <click/packet_anno.hh>
#include <click/timestamp.hh>
#include <clicknet/ip.h>
#include <clicknet/tcp.h>

template <typename C, int NB> class Log2Hist {
public:
  Log2Hist() : _total(0) {
    for (int i = 0; i < NB; ++i)
      _bucket[i] = 0;
  }
  static int index(uint64_t v) {
    int b = 0;
    while (v > 1 && b < NB - 1) {
      v >>= 1;
      b++;
    }
    return b;
  }
  void add(uint64_t v) {
    int i = index(v);
    if (_bucket[i] != (C) ~(C)0)
      _bucket[i]++;
    _total++;
  }
  // Upper bound of the bucket holding the pct-th percentile.
  uint64_t percentile(unsigned pct) const {
    if (_total == 0)
      return 0;
    uint64_t want = (_total * pct + 99) / 100, seen = 0;
    for (int i = 0; i < NB; ++i) {
      seen += _bucket[i];
      if (seen >= want)
        return (uint64_t)2 << i;
    }
    return (uint64_t)2 << (NB - 1);
  }
  uint64_t total() const { return _total; }

private:
  C _bucket[NB];
  uint64_t _total;
};

struct FlowTiming {
  int64_t first_us;
  int64_t last_us;
  uint32_t packets;
  uint32_t bytes;
  uint32_t max_gap_us;
};

class TrainFlowHist : public Element {
public:
  TrainFlowHist() : _idle_us(2000), _closed(0), _evicted(0), _untracked(0) {}
  const char *class_name() const override { return "TrainFlowHist"; }
  const char *port_count() const override { return PORTS_1_1; }
  Packet *simple_action(Packet *p) override;

private:
  void close_flow(const FlowTiming *f) {
    _flow_pkts.add(f->packets);
    _flow_bytes.add(f->bytes);
    _duration.add((uint64_t)(f->last_us - f->first_us));
    _closed++;
  }
  static bool ends_flow(const Packet *p) {
    const click_ip *iph = p->ip_header();
    if (iph->ip_p != IP_PROTO_TCP || p->transport_length() < 20)
      return false;
    return (p->tcp_header()->th_flags & (TH_FIN | TH_RST)) != 0;
  }
  void start(FlowTiming *f, int64_t now) {
    f->first_us = f->last_us = now;
    f->packets = f->bytes = 0;
    f->max_gap_us = 0;
  }
  // Updates a flow with a packet; returns the gap since its previous one.
  uint32_t update(FlowTiming *f, int64_t now, uint32_t len) {
    uint32_t gap = 0;
    if (f->packets > 0 && now > f->last_us) {
      int64_t d = now - f->last_us;
      gap = d > 0x7fffffff ? 0x7fffffffu : (uint32_t)d;
      _gaps.add(gap);
      if (gap > f->max_gap_us)
        f->max_gap_us = gap;
    }
    f->last_us = now;
    f->packets++;
    f->bytes += len;
    return gap;
  }

  HashMap<IPFlowID, FlowTiming, 64, 4> _flows;
  Log2Hist<uint16_t, 12> _pkt_size;
  Log2Hist<uint32_t, 24> _gaps;
  Log2Hist<uint16_t, 16> _flow_pkts;
  Log2Hist<uint64_t, 32> _flow_bytes;
  Log2Hist<uint32_t, 32> _duration;
  int64_t _idle_us;
  uint32_t _closed, _evicted, _untracked;
};

Packet *TrainFlowHist::simple_action(Packet *p) {
  if (!p->has_network_header())
    return p;
  const click_ip *iph = p->ip_header();
  uint32_t len = ntohs(iph->ip_len);
  _pkt_size.add(len);
  int64_t now = p->timestamp_anno().usecval();

  IPFlowID id(p);
  FlowTiming *f = _flows.findp_force(id);
  if (!f) {
    _untracked++;
    return p;
  }
  if (f->packets == 0)
    start(f, now);
  else if (now - f->last_us > _idle_us) {
    _evicted++;
    close_flow(f);
    start(f, now);
  }
  uint32_t gap = update(f, now, len);

  if (ends_flow(p)) {
    close_flow(f);
    _flows.erase(id);
  }
  SET_EXTRA_LENGTH_ANNO(p, gap);
  SET_AGGREGATE_ANNO(p, (uint32_t)_gaps.percentile(50));
  SET_AGGREGATE_AUX_ANNO(p, (uint16_t)_pkt_size.percentile(90));
  if (_flow_pkts.total() > 0)
    SET_EXTRA_PACKETS_ANNO(p, (uint32_t)_flow_pkts.percentile(95));
  return p;
}

extern "C" Element *clara_nf_create(const char *config) {
  Element *e = new TrainFlowHist;
  if (clara_element_setup(e, config ? String(config) : String(), 1, 1) < 0)
    return 0;
  return e;
}

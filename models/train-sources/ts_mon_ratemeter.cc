// Training source for the instruction models (models/README.md): byte and
// packet rate meters with exponential decay, one per DSCP class plus an
// aggregate: on each packet the meter's scaled average decays by the
// elapsed time (in ticks of 2^TICK_SHIFT ns, one shift per tick, bounded)
// and adds the packet; rates are derived with 64-bit division; when a
// class's byte rate exceeds its configured ceiling, ECN-capable packets are
// marked CE (uniqueify, incremental IP checksum update) and the rest are
// counted as over-rate. The meter is a template over the accumulator type
// and the decay shift, instantiated three times.
// Written for training only; not part of the NF corpus.
#include <click/clara.hh>
#include <click/config.h>
#include <click/element.hh>
#include <click/packet.hh>
#include <click/packet_anno.hh>
#include <click/timestamp.hh>
#include <clicknet/ip.h>

template <typename A, int DECAY> struct DecayMeter {
  A bytes;   // scaled by 2^DECAY
  A packets; // scaled by 2^DECAY
  uint64_t last_tick;
};

template <typename A, int DECAY, int TICK_SHIFT>
class TrainRateMeter : public Element {
public:
  TrainRateMeter() : _marked(0), _over(0), _not_ect(0) {
    memset(_meter, 0, sizeof(_meter));
    memset(&_total, 0, sizeof(_total));
    for (int i = 0; i < 64; ++i)
      _ceiling[i] = (i >= 40 ? 4000u : 1000u) << DECAY;
  }
  const char *class_name() const override { return "TrainRateMeter"; }
  const char *port_count() const override { return PORTS_1_1; }
  Packet *simple_action(Packet *p) override;

private:
  typedef DecayMeter<A, DECAY> Meter;

  static A decay(A v, uint64_t ticks) {
    if (ticks >= sizeof(A) * 8)
      return 0;
    // Each tick removes 1/2^DECAY of the value.
    for (uint64_t t = 0; t < ticks && v != 0; ++t)
      v -= v >> DECAY ? v >> DECAY : 1;
    return v;
  }
  void update(Meter *m, uint64_t tick, uint32_t len) {
    if (tick > m->last_tick) {
      uint64_t n = tick - m->last_tick;
      m->bytes = decay(m->bytes, n);
      m->packets = decay(m->packets, n);
      m->last_tick = tick;
    }
    m->bytes += (A)len;
    m->packets += (A)1;
  }
  // Mean bytes per packet of the decayed window.
  static uint32_t mean_size(const Meter *m) {
    if (m->packets == 0)
      return 0;
    return (uint32_t)((uint64_t)m->bytes / (uint64_t)m->packets);
  }
  static uint32_t rate_per_tick(const Meter *m) {
    return (uint32_t)((uint64_t)m->bytes >> DECAY);
  }
  Packet *mark_ce(Packet *p) {
    WritablePacket *q = p->uniqueify();
    if (!q)
      return 0;
    click_ip *iph = reinterpret_cast<click_ip *>(q->network_header());
    uint16_t old_hw =
        htons((uint16_t)(iph->ip_v << 12 | iph->ip_hl << 8 | iph->ip_tos));
    iph->ip_tos |= IP_ECN_CE;
    uint16_t new_hw =
        htons((uint16_t)(iph->ip_v << 12 | iph->ip_hl << 8 | iph->ip_tos));
    click_update_in_cksum(&iph->ip_sum, old_hw, new_hw);
    return q;
  }

  Meter _meter[64];
  Meter _total;
  A _ceiling[64];
  uint32_t _marked, _over, _not_ect;
};

template <typename A, int DECAY, int TICK_SHIFT>
Packet *TrainRateMeter<A, DECAY, TICK_SHIFT>::simple_action(Packet *p) {
  if (!p->has_network_header())
    return p;
  const click_ip *iph = p->ip_header();
  uint64_t tick = (uint64_t)p->timestamp_anno().nsecval() >> TICK_SHIFT;
  uint32_t len = ntohs(iph->ip_len);
  int dscp = iph->ip_tos >> IPTOS_DSCP_SHIFT;
  Meter *m = &_meter[dscp];
  update(m, tick, len);
  update(&_total, tick, len);

  SET_FWD_RATE_ANNO(p, (int32_t)rate_per_tick(m));
  SET_REV_RATE_ANNO(p, (int32_t)mean_size(&_total));
  if (m->bytes <= _ceiling[dscp])
    return p;
  switch (iph->ip_tos & IP_ECNMASK) {
  case IP_ECN_NOT_ECT:
    _not_ect++;
    _over++;
    return p;
  case IP_ECN_CE:
    return p;
  default:
    _marked++;
    return mark_ce(p);
  }
}

extern "C" Element *clara_nf_create(const char *config) {
  Element *e[3] = {new TrainRateMeter<uint32_t, 4, 10>,
                   new TrainRateMeter<uint64_t, 6, 12>,
                   new TrainRateMeter<uint16_t, 2, 8>};
  String conf = config ? String(config) : String();
  for (int i = 0; i < 3; ++i)
    if (clara_element_setup(e[i], conf, 1, 1) < 0)
      return 0;
  for (int i = 0; i + 1 < 3; ++i)
    clara_connect(e[i], 0, e[i + 1], 0);
  return e[0];
}

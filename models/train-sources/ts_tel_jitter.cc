// Training source for the instruction models (models/README.md): RFC 3550 style
// interarrival jitter per flow: the sender clock is the nanosecond timestamp of
// a "TLM1" UDP probe header, or a TCP Timestamps option TSval (found by walking
// the TCP options, converted with a configured clock rate); the relative
// transit time difference D between consecutive packets feeds J += (|D| - J)/16
// in 1/16 fixed point, along with the last IP delay variation and the maximum
// |D|; flows whose jitter is above a threshold have their packets sent to
// output 1, and the current jitter (microseconds) is left in the FWD_RATE
// annotation. Written for training only; not part of the NF corpus.
#include <click/args.hh>
#include <click/clara.hh>
#include <click/config.h>
#include <click/element.hh>
#include <click/error.hh>
#include <click/hashtable.hh>
#include <click/ipflowid.hh>
#include <click/packet.hh>
#include <click/packet_anno.hh>
#include <click/timestamp.hh>
#include <clicknet/ip.h>
#include <clicknet/tcp.h>
#include <clicknet/udp.h>

struct JitterState {
  int64_t last_transit; // ns, arrival minus send, sender clock offset included
  uint64_t jitter16;    // jitter in ns, times 16
  int64_t last_ipdv;
  uint64_t max_d;
  uint32_t samples;
  uint32_t last_tsval;
  uint64_t ticks; // TSval unwrapped to 64 bits
  uint8_t clock; // 1: probe ns, 2: TCP TSval
};

class InterarrivalJitterMeter : public Element {
public:
  InterarrivalJitterMeter()
      : _tsval_hz(1000), _threshold_us(1000), _no_clock(0), _stale(0),
        _full(0) {}
  const char *class_name() const override { return "InterarrivalJitterMeter"; }
  const char *port_count() const override { return "1/2"; }
  const char *processing() const override { return PUSH; }
  int configure(Vector<String> &conf, ErrorHandler *errh) override {
    if (Args(conf, this, errh)
            .read("TSVAL_HZ", _tsval_hz)
            .read("THRESHOLD_US", _threshold_us)
            .complete() < 0)
      return -1;
    if (_tsval_hz == 0 || _tsval_hz > 1000000000)
      return errh->error("bad TSVAL_HZ");
    return 0;
  }
  void push(int, Packet *p) override;

private:
  uint32_t _tsval_hz, _threshold_us;
  uint32_t _no_clock, _stale, _full;
  HashTable<IPFlowID, JitterState, 128, 4> _flows;

  static uint32_t be32(const uint8_t *b) {
    return ((uint32_t)b[0] << 24) | ((uint32_t)b[1] << 16) |
           ((uint32_t)b[2] << 8) | b[3];
  }
  // TSval of a Timestamps option, if any.
  static bool tcp_tsval(const click_tcp *th, unsigned thl, uint32_t *tsval) {
    const uint8_t *o = reinterpret_cast<const uint8_t *>(th + 1);
    const uint8_t *end = reinterpret_cast<const uint8_t *>(th) + thl;
    while (o < end) {
      if (*o == TCPOPT_EOL)
        return false;
      if (*o == TCPOPT_NOP) {
        ++o;
        continue;
      }
      if (end - o < 2 || o[1] < 2 || o[1] > end - o)
        return false;
      if (*o == TCPOPT_TIMESTAMP && o[1] == TCPOLEN_TIMESTAMP) {
        *tsval = be32(o + 2);
        return true;
      }
      o += o[1];
    }
    return false;
  }
  int sender_clock(const Packet *p, const click_ip *iph, int64_t *send_ns,
                   uint32_t *tsval);
};

int InterarrivalJitterMeter::sender_clock(const Packet *p, const click_ip *iph,
                                          int64_t *send_ns, uint32_t *tsval) {
  unsigned hl = iph->ip_hl << 2;
  int l4len = p->network_length() - (int)hl;
  const uint8_t *l4 = p->network_header() + hl;
  if (!IP_FIRSTFRAG(iph) || hl < sizeof(click_ip))
    return 0;
  switch (iph->ip_p) {
  case IP_PROTO_UDP: {
    if (l4len < (int)sizeof(click_udp) + 20)
      return 0;
    const uint8_t *pl = l4 + sizeof(click_udp);
    if (memcmp(pl, "TLM1", 4) != 0)
      return 0;
    uint32_t nsec = be32(pl + 16);
    if (nsec >= 1000000000U)
      return 0;
    *send_ns = (int64_t)be32(pl + 12) * 1000000000 + nsec;
    return 1;
  }
  case IP_PROTO_TCP: {
    if (l4len < (int)sizeof(click_tcp))
      return 0;
    const click_tcp *th = reinterpret_cast<const click_tcp *>(l4);
    unsigned thl = th->th_off << 2;
    if (thl <= sizeof(click_tcp) || (int)thl > l4len ||
        !tcp_tsval(th, thl, tsval))
      return 0;
    return 2;
  }
  default:
    return 0;
  }
}

void InterarrivalJitterMeter::push(int, Packet *p) {
  if (!p->has_network_header() || p->network_length() < 20 ||
      p->ip_header()->ip_v != 4) {
    output(0).push(p);
    return;
  }
  const click_ip *iph = p->ip_header();
  int64_t send_ns = 0;
  uint32_t tsval = 0;
  int clock = sender_clock(p, iph, &send_ns, &tsval);
  if (!clock) {
    _no_clock++;
    output(0).push(p);
    return;
  }
  int64_t arrival = p->timestamp_anno().nsecval();
  IPFlowID id(p);
  JitterState *s = _flows.get_pointer(id);
  if (!s || s->clock != clock) {
    JitterState z;
    memset(&z, 0, sizeof(z));
    z.clock = (uint8_t)clock;
    if (!_flows.set(id, z)) {
      _full++;
      output(0).push(p);
      return;
    }
    s = _flows.get_pointer(id);
  }
  if (clock == 2) {
    // TSval ticks are coarse: only a new tick is a new sender time sample.
    if (s->samples && tsval == s->last_tsval) {
      _stale++;
      output(0).push(p);
      return;
    }
    if (s->samples && SEQ_LT(tsval, s->last_tsval)) {
      _stale++;
      output(0).push(p);
      return;
    }
    // Unwrap relative to the previous sample to keep 64-bit sender time.
    s->ticks = s->samples ? s->ticks + (uint32_t)(tsval - s->last_tsval) : tsval;
    s->last_tsval = tsval;
    send_ns = (int64_t)(s->ticks * 1000000000ULL / _tsval_hz);
  }
  int64_t transit = arrival - send_ns;
  if (s->samples) {
    int64_t d = transit - s->last_transit;
    uint64_t ad = d < 0 ? (uint64_t)-d : (uint64_t)d;
    // J = J + (|D| - J) / 16, kept scaled by 16 (RFC 3550 A.8).
    s->jitter16 += ad - ((s->jitter16 + 8) >> 4);
    s->last_ipdv = d;
    if (ad > s->max_d)
      s->max_d = ad;
  }
  s->last_transit = transit;
  s->samples++;
  uint64_t jitter_us = (s->jitter16 >> 4) / 1000;
  SET_FWD_RATE_ANNO(p, (int32_t)(jitter_us > 0x7FFFFFFF ? 0x7FFFFFFF : jitter_us));
  if (s->samples > 16 && jitter_us > _threshold_us)
    output(1).push(p);
  else
    output(0).push(p);
}

extern "C" Element *clara_nf_create(const char *config) {
  Element *e = new InterarrivalJitterMeter;
  if (clara_element_setup(e, config ? String(config) : String(), 1, 2) < 0)
    return 0;
  return e;
}

// Training source for the instruction models (models/README.md): a
// per-source rate limiter that keeps an exponentially weighted moving
// average of each source's byte rate in signed fixed point, drops with a
// probability that ramps between a soft and a hard limit, and forgets idle
// sources; the averaging filter is a template at two scales.
// Written for training only; not part of the NF corpus.
#include <click/clara.hh>
#include <click/config.h>
#include <click/element.hh>
#include <click/hashtable.hh>
#include <click/packet.hh>
#include <click/packet_anno.hh>
#include <clicknet/ip.h>

// Fixed-point EWMA with weight 2^-STABILITY and FRAC fraction bits.
template <int STABILITY, int FRAC> struct Ewma {
  int64_t avg; // scaled by 2^FRAC
  void update(int64_t sample) {
    int64_t diff = (sample << FRAC) - avg;
    avg += diff >> STABILITY; // arithmetic shift keeps the sign
  }
  void decay(unsigned steps) {
    for (unsigned i = 0; i < steps && avg != 0; ++i)
      avg -= avg >> STABILITY;
  }
  int64_t unscaled() const { return avg >> FRAC; }
};

struct SrcRate {
  Ewma<3, 10> fast;
  Ewma<6, 10> slow;
  uint32_t last_ms;
  uint32_t bytes_this_ms;
  int32_t credit; // bytes above (negative) or below the soft limit
  uint16_t drops;
};

class TrainEwmaLimiter : public Element {
public:
  TrainEwmaLimiter()
      : _soft(20000), _hard(60000), _idle_ms(2000), _now_ms(0), _passed(0),
        _dropped(0) {}
  const char *class_name() const override { return "TrainEwmaLimiter"; }
  const char *port_count() const override { return PORTS_1_1X2; }
  const char *processing() const override { return PUSH; }
  void push(int port, Packet *p) override;

private:
  SrcRate *state(uint32_t src);
  void roll(SrcRate *s, uint32_t now_ms);
  int drop_prob(int64_t rate, int64_t soft, int64_t hard) const;
  bool decide(SrcRate *s, uint32_t len);

  HashTable<uint32_t, SrcRate, 1024, 4> _rates;
  int64_t _soft, _hard; // bytes per second
  uint32_t _idle_ms, _now_ms;
  uint64_t _passed, _dropped;
};

SrcRate *TrainEwmaLimiter::state(uint32_t src) {
  SrcRate *s = _rates.get_pointer(src);
  if (s)
    return s;
  SrcRate fresh;
  memset(&fresh, 0, sizeof(fresh));
  fresh.last_ms = _now_ms;
  if (!_rates.insert(src, fresh))
    return 0; // bucket full: this source goes unmetered
  return _rates.get_pointer(src);
}

void TrainEwmaLimiter::roll(SrcRate *s, uint32_t now_ms) {
  int32_t gap = (int32_t)(now_ms - s->last_ms);
  if (gap <= 0)
    return;
  // close the current millisecond as one sample (bytes/ms * 1000 = B/s)
  int64_t sample = (int64_t)s->bytes_this_ms * 1000;
  s->fast.update(sample);
  s->slow.update(sample);
  if (gap > 1) {
    unsigned idle = gap > 64 ? 64u : (unsigned)(gap - 1);
    s->fast.decay(idle);
    s->slow.decay(idle);
  }
  s->bytes_this_ms = 0;
  s->last_ms = now_ms;
  if ((uint32_t)gap > _idle_ms)
    s->credit = 0;
}

int TrainEwmaLimiter::drop_prob(int64_t rate, int64_t soft,
                                int64_t hard) const {
  if (rate <= soft)
    return 0;
  if (rate >= hard)
    return 1024;
  // linear ramp in 1/1024 units; signed 64-bit division
  return (int)(((rate - soft) * 1024) / (hard - soft));
}

bool TrainEwmaLimiter::decide(SrcRate *s, uint32_t len) {
  int64_t f = s->fast.unscaled(), sl = s->slow.unscaled();
  int64_t rate = f > sl ? f : (f + 3 * sl) / 4; // react fast, relax slowly
  int prob = drop_prob(rate, _soft, _hard);
  s->credit += (int32_t)((_soft - rate) / 1000) - (int32_t)(len / 8);
  if (s->credit < -65536)
    s->credit = -65536;
  else if (s->credit > 65536)
    s->credit = 65536;
  if (prob == 0 || s->credit > 0)
    return true;
  return (int)(click_random() & 1023) >= prob;
}

void TrainEwmaLimiter::push(int, Packet *p) {
  if (!p->has_network_header()) {
    output(0).push(p);
    return;
  }
  const Timestamp &ts = p->timestamp_anno();
  _now_ms = (uint32_t)ts.msecval();
  const click_ip *iph = p->ip_header();
  SrcRate *s = state(ntohl(iph->ip_src.s_addr));
  if (!s) {
    output(0).push(p);
    return;
  }
  roll(s, _now_ms);
  uint32_t len = ntohs(iph->ip_len);
  s->bytes_this_ms += len;
  if (decide(s, len)) {
    _passed++;
    SET_AGGREGATE_ANNO(p, (uint32_t)(s->fast.unscaled() >> 10));
    output(0).push(p);
  } else {
    _dropped++;
    if (s->drops != 0xffff)
      s->drops++;
    output(1).push(p);
  }
}

extern "C" Element *clara_nf_create(const char *config) {
  Element *e = new TrainEwmaLimiter;
  if (clara_element_setup(e, config ? String(config) : String(), 1, 2) < 0)
    return 0;
  return e;
}

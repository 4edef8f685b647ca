// Training source for the instruction models (models/README.md): a
// time-window filter for capture and measurement taps: a list of windows
// (relative to the first packet or absolute, optionally repeating with a
// period) each with a protocol restriction and an action (pass, drop,
// count-only), checked in order with the first match winning; packets with
// timestamps that go backwards are counted and handled by a policy; matched
// packets go to output 0, the rest to output 1.
// Written for training only; not part of the NF corpus.
#include <click/clara.hh>
#include <click/config.h>
#include <click/element.hh>
#include <click/packet.hh>
#include <click/packet_anno.hh>
#include <click/timestamp.hh>
#include <click/vector.hh>
#include <clicknet/ip.h>

enum WindowAction { WA_PASS = 0, WA_DROP = 1, WA_COUNT = 2 };
enum WindowBase { WB_RELATIVE = 0, WB_ABSOLUTE = 1 };

struct TimeWindow {
  int64_t begin_us;
  int64_t end_us;
  uint32_t period_us; // 0: one-shot
  uint8_t proto;      // 0: any
  uint8_t action;
  uint8_t base;
  uint32_t hits;
  uint64_t hit_bytes;
  uint64_t byte_quota; // 0: none
  int64_t last_hit_us;
  uint32_t min_gap_us, max_gap_us;
};

class TrainTimeFilter : public Element {
public:
  TrainTimeFilter()
      : _first_us(-1), _last_us(0), _backwards(0), _max_backstep_us(0),
        _unmatched(0), _dropped(0), _clamp_backwards(true) {
    add_window(50, 250, 0, 0, WA_PASS, WB_RELATIVE);
    add_window(300, 340, 0, IP_PROTO_UDP, WA_DROP, WB_RELATIVE);
    add_window(0, 20, 100, IP_PROTO_TCP, WA_COUNT, WB_RELATIVE);
    add_window(0, 1000000, 0, 0, WA_PASS, WB_ABSOLUTE);
  }
  const char *class_name() const override { return "TrainTimeFilter"; }
  const char *port_count() const override { return "1/2"; }
  const char *processing() const override { return PUSH; }
  void push(int port, Packet *p) override;

private:
  void add_window(int64_t b, int64_t e, uint32_t period, uint8_t proto,
                  uint8_t action, uint8_t base) {
    TimeWindow w;
    w.begin_us = b;
    w.end_us = e;
    w.period_us = period;
    w.proto = proto;
    w.action = action;
    w.base = base;
    w.hits = 0;
    w.hit_bytes = 0;
    w.byte_quota = action == WA_PASS ? 16384 : 0;
    w.last_hit_us = -1;
    w.min_gap_us = 0xffffffffu;
    w.max_gap_us = 0;
    _windows.push_back(w);
  }
  // The packet time seen by window w (relative windows use the offset from
  // the first packet, absolute ones the time of day in microseconds).
  int64_t window_time(const TimeWindow &w, int64_t t_us) const {
    int64_t t = w.base == WB_RELATIVE
                    ? t_us - _first_us
                    : (int64_t)((uint64_t)t_us % 86400000000ULL);
    if (w.period_us != 0 && t >= 0)
      t = (int64_t)((uint64_t)t % w.period_us);
    return t;
  }
  bool matches(const TimeWindow &w, int64_t t_us, uint8_t proto) const {
    if (w.proto != 0 && w.proto != proto)
      return false;
    int64_t t = window_time(w, t_us);
    return t >= w.begin_us && t < w.end_us;
  }
  // Fixes up timestamps that step backwards; returns the time to use.
  int64_t monotonic_time(int64_t t_us) {
    if (_first_us < 0) {
      _first_us = t_us;
      _last_us = t_us;
      return t_us;
    }
    if (t_us < _last_us) {
      _backwards++;
      uint64_t step = (uint64_t)(_last_us - t_us);
      if (step > _max_backstep_us)
        _max_backstep_us = step;
      return _clamp_backwards ? _last_us : t_us;
    }
    _last_us = t_us;
    return t_us;
  }
  // Records a hit; returns false when the window's byte quota is used up.
  bool account(TimeWindow &w, int64_t t_us, uint32_t len) {
    if (w.last_hit_us >= 0 && t_us >= w.last_hit_us) {
      uint64_t gap = (uint64_t)(t_us - w.last_hit_us);
      uint32_t g = gap > 0xffffffffu ? 0xffffffffu : (uint32_t)gap;
      if (g < w.min_gap_us)
        w.min_gap_us = g;
      if (g > w.max_gap_us)
        w.max_gap_us = g;
    }
    w.last_hit_us = t_us;
    w.hits++;
    if (w.byte_quota != 0 && w.hit_bytes + len > w.byte_quota)
      return false;
    w.hit_bytes += len;
    return true;
  }
  int first_match(int64_t t_us, uint8_t proto) const {
    for (int i = 0; i < _windows.size(); ++i)
      if (matches(_windows[i], t_us, proto))
        return i;
    return -1;
  }

  Vector<TimeWindow, 8> _windows;
  int64_t _first_us, _last_us;
  uint32_t _backwards;
  uint64_t _max_backstep_us;
  uint32_t _unmatched, _dropped;
  bool _clamp_backwards;
};

void TrainTimeFilter::push(int, Packet *p) {
  int64_t t_us = monotonic_time(p->timestamp_anno().usecval());
  uint8_t proto = 0;
  if (p->has_network_header() && p->network_length() >= 20)
    proto = p->ip_header()->ip_p;

  int i = first_match(t_us, proto);
  if (i < 0) {
    _unmatched++;
    output(1).push(p);
    return;
  }
  TimeWindow &w = _windows[i];
  bool in_quota = account(w, t_us, p->length());
  SET_PAINT_ANNO(p, (uint8_t)(i | (in_quota ? 0 : 0x80)));
  if (!in_quota && w.action == WA_PASS) {
    output(1).push(p);
    return;
  }
  switch (w.action) {
  case WA_DROP:
    _dropped++;
    p->kill();
    return;
  case WA_COUNT:
    output(1).push(p);
    return;
  case WA_PASS:
  default:
    output(0).push(p);
    return;
  }
}

extern "C" Element *clara_nf_create(const char *config) {
  Element *e = new TrainTimeFilter;
  if (clara_element_setup(e, config ? String(config) : String(), 1, 2) < 0)
    return 0;
  return e;
}

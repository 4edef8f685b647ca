// Training source for the instruction models (models/README.md): a
// two-queue CoDel AQM: push input, pull output; each packet is stamped with
// its enqueue time, the dequeue side measures sojourn time against a target
// and, once it stays above for an interval, drops at the control-law rate
// interval/sqrt(count) (Newton inverse square root in 0.32 fixed point).
// A latency-sensitive queue (EF, small UDP) keeps microsecond 32-bit clocks,
// the bulk queue nanosecond 64-bit ones; the pull side serves them 3:1.
// Written for training only; not part of the NF corpus.
#include <click/clara.hh>
#include <click/config.h>
#include <click/element.hh>
#include <click/packet.hh>
#include <click/packet_anno.hh>
#include <click/timestamp.hh>
#include <clicknet/ip.h>
#include <clicknet/udp.h>

template <typename T> struct CodelVars {
  T first_above; // 0: sojourn below target
  T drop_next;
  uint32_t count, last_count;
  uint32_t rec_inv_sqrt; // 1/sqrt(count), 0.32 fixed point
  bool dropping;
  uint32_t drops;
};

template <typename T, unsigned CAP> class CodelQueue {
public:
  CodelQueue(T target, T interval)
      : _target(target), _interval(interval), _h(0), _t(0) {
    _v.first_above = _v.drop_next = 0;
    _v.count = _v.last_count = 0;
    _v.rec_inv_sqrt = ~0u;
    _v.dropping = false;
    _v.drops = 0;
  }
  bool enq(Packet *p, T now) {
    if (_t - _h >= CAP)
      return false;
    _pkt[_t % CAP] = p;
    _stamp[_t % CAP] = now;
    _t++;
    return true;
  }
  bool empty() const { return _h == _t; }
  Packet *deq(T now, Element *drop_to);
  uint32_t drops() const { return _v.drops; }

private:
  void newton_step() {
    // x' = x * (3 - count * x^2) / 2, all in 0.32
    uint64_t x = _v.rec_inv_sqrt;
    uint64_t x2 = (x * x) >> 32;
    uint64_t val = (3ull << 32) - (uint64_t)_v.count * x2;
    val >>= 2;
    _v.rec_inv_sqrt = (uint32_t)((val * x) >> 31);
  }
  T control_law(T t) const {
    return t + (T)(((uint64_t)_interval * _v.rec_inv_sqrt) >> 32);
  }
  Packet *take(T now, bool *ok_to_drop) {
    Packet *p = _pkt[_h % CAP];
    T sojourn = now - _stamp[_h % CAP];
    _h++;
    *ok_to_drop = false;
    if (sojourn < _target || _h == _t) {
      _v.first_above = 0;
    } else if (_v.first_above == 0) {
      _v.first_above = now + _interval;
    } else if (now >= _v.first_above) {
      *ok_to_drop = true;
    }
    return p;
  }

  T _target, _interval;
  Packet *_pkt[CAP];
  T _stamp[CAP];
  unsigned _h, _t;
  CodelVars<T> _v;
};

template <typename T, unsigned CAP>
Packet *CodelQueue<T, CAP>::deq(T now, Element *drop_to) {
  if (empty()) {
    _v.dropping = false;
    return 0;
  }
  bool drop;
  Packet *p = take(now, &drop);
  if (_v.dropping) {
    if (!drop) {
      _v.dropping = false;
      return p;
    }
    while (now >= _v.drop_next && _v.dropping) {
      _v.drops++;
      _v.count++;
      newton_step();
      drop_to->checked_output_push(1, p);
      if (empty()) {
        _v.dropping = false;
        return 0;
      }
      p = take(now, &drop);
      if (!drop)
        _v.dropping = false;
      else
        _v.drop_next = control_law(_v.drop_next);
    }
    return p;
  }
  if (drop) {
    _v.drops++;
    drop_to->checked_output_push(1, p);
    if (empty())
      return 0;
    p = take(now, &drop);
    _v.dropping = true;
    // restart near the previous drop rate if we left dropping recently
    uint32_t delta = _v.count - _v.last_count;
    if (delta > 1 && now - _v.drop_next < (T)(16 * _interval)) {
      _v.count = delta;
      newton_step();
    } else {
      _v.count = 1;
      _v.rec_inv_sqrt = ~0u;
    }
    _v.last_count = _v.count;
    _v.drop_next = control_law(now);
  }
  return p;
}

class TrainCodel : public Element {
public:
  TrainCodel()
      : _ll(1000u, 20000u), _bulk(5000000ull, 100000000ull), _turn(0),
        _tail_drops(0) {}
  const char *class_name() const override { return "TrainCodel"; }
  const char *port_count() const override { return "1/1-2"; }
  const char *processing() const override { return "h/lh"; }
  void push(int port, Packet *p) override;
  Packet *pull(int port) override;

private:
  static bool low_latency(const Packet *p) {
    if (!p->has_network_header())
      return false;
    const click_ip *iph = p->ip_header();
    if ((iph->ip_tos >> 2) == 46)
      return true;
    return iph->ip_p == IP_PROTO_UDP && ntohs(iph->ip_len) <= 256 &&
           !IP_ISFRAG(iph);
  }

  CodelQueue<uint32_t, 64> _ll;
  CodelQueue<uint64_t, 512> _bulk;
  unsigned _turn;
  uint32_t _tail_drops;
};

void TrainCodel::push(int, Packet *p) {
  const Timestamp &ts = p->timestamp_anno();
  bool ok;
  if (low_latency(p))
    ok = _ll.enq(p, (uint32_t)ts.usecval());
  else
    ok = _bulk.enq(p, (uint64_t)ts.nsecval());
  if (!ok) {
    _tail_drops++;
    checked_output_push(1, p);
  }
}

Packet *TrainCodel::pull(int) {
  Timestamp now = Timestamp::now();
  Packet *p = 0;
  // serve the latency queue three times out of four when both have work
  if ((_turn++ & 3) != 3 || _bulk.empty())
    p = _ll.deq((uint32_t)now.usecval(), this);
  if (!p)
    p = _bulk.deq((uint64_t)now.nsecval(), this);
  if (!p)
    p = _ll.deq((uint32_t)now.usecval(), this);
  return p;
}

extern "C" Element *clara_nf_create(const char *config) {
  Element *e = new TrainCodel;
  if (clara_element_setup(e, config ? String(config) : String(), 1, 2) < 0)
    return 0;
  return e;
}

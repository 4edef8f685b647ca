// Training source for the instruction models (models/README.md): a
// timestamp-based traffic shaper: per-class rings of packets stamped with
// a departure time from a virtual clock (rate, burst allowance), tail drop
// when a ring is full, and a pull side that releases the earliest due
// packet across classes; the push side drains what is due (as a timed
// unqueue would). Rings are a template at three capacities.
// Written for training only; not part of the NF corpus.
#include <click/clara.hh>
#include <click/config.h>
#include <click/element.hh>
#include <click/packet.hh>
#include <click/packet_anno.hh>
#include <clicknet/ip.h>
#include <clicknet/udp.h>

template <int CAP> class PktRing {
public:
  PktRing() : _head(0), _tail(0) {}
  bool empty() const { return _head == _tail; }
  bool full() const { return (uint32_t)(_tail - _head) >= CAP; }
  uint32_t size() const { return _tail - _head; }
  bool push(Packet *p, uint64_t due) {
    if (full())
      return false;
    _p[_tail % CAP] = p;
    _due[_tail % CAP] = due;
    _tail++;
    return true;
  }
  uint64_t head_due() const { return _due[_head % CAP]; }
  Packet *pop() {
    Packet *p = _p[_head % CAP];
    _head++;
    return p;
  }

private:
  Packet *_p[CAP];
  uint64_t _due[CAP];
  uint32_t _head, _tail;
};

struct ShapeClass {
  uint64_t next_free; // virtual departure clock, usec
  uint32_t rate_bps;  // bits per second
  uint32_t burst_usec;
  uint32_t sent, dropped;
};

class TrainShaper : public Element {
public:
  TrainShaper() : _now(0), _released(0) {
    static const uint32_t rates[3] = {50000000u, 10000000u, 2000000u};
    for (int c = 0; c < 3; ++c) {
      _cls[c].next_free = 0;
      _cls[c].rate_bps = rates[c];
      _cls[c].burst_usec = 2000u >> c;
      _cls[c].sent = _cls[c].dropped = 0;
    }
  }
  const char *class_name() const override { return "TrainShaper"; }
  const char *port_count() const override { return "1/1-2"; }
  const char *processing() const override { return "h/ah"; }
  void push(int port, Packet *p) override;
  Packet *pull(int port) override;

private:
  static int classify(const Packet *p) {
    if (!p->has_network_header())
      return 2;
    const click_ip *iph = p->ip_header();
    uint8_t dscp = iph->ip_tos >> 2;
    if (dscp >= 40)
      return 0;
    if (iph->ip_p == IP_PROTO_UDP && p->transport_length() >= 8) {
      uint16_t dp = ntohs(p->udp_header()->uh_dport);
      if (dp == 53 || dp == 123)
        return 0;
    }
    return ntohs(iph->ip_len) > 1000 ? 2 : 1;
  }
  static uint64_t tx_usec(uint32_t len, uint32_t rate_bps) {
    return rate_bps ? ((uint64_t)len * 8 * 1000000 + rate_bps - 1) / rate_bps
                    : 0;
  }
  uint64_t stamp(ShapeClass &c, uint32_t len, uint64_t now) {
    // idle classes may bank up to burst_usec of credit
    uint64_t floor = now > c.burst_usec ? now - c.burst_usec : 0;
    if (c.next_free < floor)
      c.next_free = floor;
    c.next_free += tx_usec(len, c.rate_bps);
    return c.next_free;
  }
  bool enqueue(int c, Packet *p, uint64_t due) {
    switch (c) {
    case 0:
      return _q0.push(p, due);
    case 1:
      return _q1.push(p, due);
    default:
      return _q2.push(p, due);
    }
  }
  int earliest(uint64_t now, uint64_t *due) const;

  PktRing<16> _q0;
  PktRing<64> _q1;
  PktRing<128> _q2;
  ShapeClass _cls[3];
  uint64_t _now;
  uint64_t _released;
};

int TrainShaper::earliest(uint64_t now, uint64_t *due) const {
  int best = -1;
  uint64_t t = ~(uint64_t)0;
  if (!_q0.empty() && _q0.head_due() < t) {
    t = _q0.head_due();
    best = 0;
  }
  if (!_q1.empty() && _q1.head_due() < t) {
    t = _q1.head_due();
    best = 1;
  }
  if (!_q2.empty() && _q2.head_due() < t) {
    t = _q2.head_due();
    best = 2;
  }
  *due = t;
  return best >= 0 && t <= now ? best : -1;
}

Packet *TrainShaper::pull(int) {
  uint64_t due;
  int c = earliest(_now, &due);
  if (c < 0)
    return 0;
  Packet *p = c == 0 ? _q0.pop() : c == 1 ? _q1.pop() : _q2.pop();
  _cls[c].sent++;
  _released++;
  SET_PAINT_ANNO(p, (uint8_t)c);
  return p;
}

void TrainShaper::push(int, Packet *p) {
  const Timestamp &ts = p->timestamp_anno();
  uint64_t now = (uint64_t)ts.usecval();
  if (now > _now)
    _now = now;
  int c = classify(p);
  uint64_t due = stamp(_cls[c], p->length(), _now);
  if (!enqueue(c, p, due)) {
    _cls[c].dropped++;
    // give back the time the dropped packet would have taken
    _cls[c].next_free -= tx_usec(p->length(), _cls[c].rate_bps);
    checked_output_push(1, p);
  }
  // release everything due now (this element also serves as its own
  // timed unqueue when nothing pulls from output 0)
  int budget = 32;
  while (budget-- > 0) {
    Packet *q = pull(0);
    if (!q)
      break;
    output(0).push(q);
  }
}

extern "C" Element *clara_nf_create(const char *config) {
  Element *e = new TrainShaper;
  if (clara_element_setup(e, config ? String(config) : String(), 1, 2) < 0)
    return 0;
  return e;
}

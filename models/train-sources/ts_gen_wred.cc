// Training source for the instruction models (models/README.md): a WRED
// queue with ECN: push input, pull output; an EWMA of the queue length in
// 16.16 fixed point (with the idle-period decay of the original RED paper),
// per-drop-precedence thresholds taken from the AF DSCP code points, the
// count-corrected marking probability, CE marking with an incremental IP
// checksum update instead of a drop for ECN-capable packets, and a small
// strict-priority bypass FIFO for network control traffic.
// Written for training only; not part of the NF corpus.
#include <click/clara.hh>
#include <click/config.h>
#include <click/element.hh>
#include <click/packet.hh>
#include <click/packet_anno.hh>
#include <clicknet/ip.h>

template <unsigned CAP> class Fifo {
public:
  Fifo() : _h(0), _t(0), _bytes(0) {}
  unsigned size() const { return _t - _h; }
  bool empty() const { return _h == _t; }
  uint32_t bytes() const { return _bytes; }
  bool enq(Packet *p) {
    if (_t - _h >= CAP)
      return false;
    _q[_t++ % CAP] = p;
    _bytes += p->length();
    return true;
  }
  Packet *deq() {
    if (_h == _t)
      return 0;
    Packet *p = _q[_h++ % CAP];
    _bytes -= p->length();
    return p;
  }

private:
  Packet *_q[CAP];
  unsigned _h, _t;
  uint32_t _bytes;
};

struct RedProfile {
  uint32_t min_th, max_th; // packets
  uint32_t max_p;          // probability * 2^16 at max_th
  uint32_t count;          // packets since the last mark/drop
  uint32_t marks, drops;
};

class TrainWred : public Element {
public:
  TrainWred()
      : _avg(0), _wshift(9), _idle_since(0), _pkt_time_us(12), _forced(0),
        _bypassed(0) {
    // drop precedence 1 (low) .. 3 (high): lower thresholds for higher
    static const uint32_t mins[3] = {40, 28, 16}, maxs[3] = {120, 90, 60};
    for (int i = 0; i < 3; ++i) {
      _prof[i].min_th = mins[i];
      _prof[i].max_th = maxs[i];
      _prof[i].max_p = 6554u << i; // 10 %, 20 %, 40 %
      _prof[i].count = 0;
      _prof[i].marks = _prof[i].drops = 0;
    }
  }
  const char *class_name() const override { return "TrainWred"; }
  const char *port_count() const override { return "1/1-2"; }
  const char *processing() const override { return "h/lh"; }
  void push(int port, Packet *p) override;
  Packet *pull(int port) override;

private:
  static int precedence(uint8_t tos) {
    uint8_t dscp = tos >> 2;
    // AFxy = 8x + 2y, x in 1..4, y in 1..3
    if (dscp >= 10 && dscp <= 38 && (dscp & 1) == 0 && ((dscp >> 1) & 3) != 0)
      return ((dscp >> 1) & 3) - 1;
    if (dscp == 0)
      return 2; // best effort is dropped first
    return 1;
  }
  static bool is_control(uint8_t tos) { return (tos >> 5) >= 6; }
  void update_avg(uint64_t now_us);
  uint32_t mark_prob(RedProfile &r, uint32_t avg_pkts) const;
  bool ecn_mark(Packet *&p);
  int decide(int dp, uint64_t now_us);

  Fifo<192> _q;
  Fifo<16> _ctl;
  RedProfile _prof[3];
  uint64_t _avg; // 16.16 fixed point, packets
  unsigned _wshift;
  uint64_t _idle_since;
  uint32_t _pkt_time_us;
  uint32_t _forced, _bypassed;
};

void TrainWred::update_avg(uint64_t now_us) {
  uint64_t qlen = (uint64_t)_q.size() << 16;
  if (_q.empty() && _idle_since && now_us > _idle_since) {
    // the queue was idle: decay as if m empty-queue samples had been seen
    uint64_t m = (now_us - _idle_since) / _pkt_time_us;
    if (m > 64)
      m = 64;
    while (m-- > 0)
      _avg -= _avg >> _wshift;
    _idle_since = now_us;
    return;
  }
  if (qlen >= _avg)
    _avg += (qlen - _avg) >> _wshift;
  else
    _avg -= (_avg - qlen) >> _wshift;
}

uint32_t TrainWred::mark_prob(RedProfile &r, uint32_t avg_pkts) const {
  uint32_t span = r.max_th - r.min_th;
  if (span == 0)
    return 65536;
  uint64_t pb = (uint64_t)r.max_p * (avg_pkts - r.min_th) / span;
  // pa = pb / (1 - count * pb), all in 2^-16 units
  uint64_t cpb = (uint64_t)r.count * pb;
  if (cpb >= 65536)
    return 65536;
  return (uint32_t)((pb << 16) / (65536 - cpb));
}

bool TrainWred::ecn_mark(Packet *&p) {
  if (!p->has_network_header())
    return false;
  const click_ip *ciph = p->ip_header();
  uint8_t ecn = ciph->ip_tos & IP_ECNMASK;
  if (ecn == IP_ECN_NOT_ECT)
    return false;
  if (ecn == IP_ECN_CE)
    return true;
  WritablePacket *q = p->uniqueify();
  if (!q) {
    p = 0;
    return false;
  }
  p = q;
  click_ip *iph = q->ip_header();
  uint16_t old_w =
      htons((uint16_t)(iph->ip_v << 12 | iph->ip_hl << 8) | iph->ip_tos);
  iph->ip_tos |= IP_ECN_CE;
  uint16_t new_w =
      htons((uint16_t)(iph->ip_v << 12 | iph->ip_hl << 8) | iph->ip_tos);
  // RFC 1624: HC' = ~(~HC + ~m + m')
  uint32_t sum = (uint16_t)~iph->ip_sum + (uint16_t)~old_w + new_w;
  sum = (sum & 0xffff) + (sum >> 16);
  sum = (sum & 0xffff) + (sum >> 16);
  iph->ip_sum = (uint16_t)~sum;
  return true;
}

// 0 enqueue, 1 mark (or drop if not ECN capable), 2 forced drop
int TrainWred::decide(int dp, uint64_t now_us) {
  update_avg(now_us);
  RedProfile &r = _prof[dp];
  uint32_t avg_pkts = (uint32_t)(_avg >> 16);
  if (avg_pkts < r.min_th) {
    r.count = 0;
    return 0;
  }
  if (avg_pkts >= r.max_th) {
    r.count = 0;
    return 2;
  }
  r.count++;
  uint32_t pa = mark_prob(r, avg_pkts);
  if ((click_random() & 0xffff) < pa) {
    r.count = 0;
    return 1;
  }
  return 0;
}

void TrainWred::push(int, Packet *p) {
  uint64_t now = (uint64_t)p->timestamp_anno().usecval();
  uint8_t tos = p->has_network_header() ? p->ip_header()->ip_tos : 0;
  if (is_control(tos) && _ctl.enq(p)) {
    _bypassed++;
    return;
  }
  int dp = precedence(tos);
  switch (decide(dp, now)) {
  case 0:
    break;
  case 1:
    if (ecn_mark(p)) {
      _prof[dp].marks++;
      break;
    }
    if (!p)
      return;
    _prof[dp].drops++;
    checked_output_push(1, p);
    return;
  default:
    _forced++;
    _prof[dp].drops++;
    checked_output_push(1, p);
    return;
  }
  if (!_q.enq(p)) {
    _forced++;
    checked_output_push(1, p);
  }
}

Packet *TrainWred::pull(int) {
  if (Packet *c = _ctl.deq())
    return c;
  Packet *p = _q.deq();
  if (p && _q.empty())
    _idle_since = (uint64_t)p->timestamp_anno().usecval();
  return p;
}

extern "C" Element *clara_nf_create(const char *config) {
  Element *e = new TrainWred;
  if (clara_element_setup(e, config ? String(config) : String(), 1, 2) < 0)
    return 0;
  return e;
}

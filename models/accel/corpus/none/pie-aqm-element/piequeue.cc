// PIEQueue: a push-to-pull queue with the Proportional Integral controller
// Enhanced active queue management of RFC 8033. The queueing delay is not
// stamped per packet: it is estimated from the backlog in bytes and the
// measured departure rate (the time to drain DQ_THRESHOLD bytes, averaged
// with weight 1/4). Every T_UPDATE the drop probability moves by
// alpha * (delay - target) + beta * (delay - previous delay), scaled down
// while the probability is small (the auto-tuning steps of section 5.2),
// capped at +2% per step above 10%, and decays by 2% per step when the
// queue stays empty. The probability is kept as an unsigned Q32 fraction
// in a 64-bit word and the gains as Q32 per second, so the controller is
// integer arithmetic throughout. A burst allowance lets new bursts in, and
// the work-conserving safeguard never drops from a short queue. Early
// drops draw from a xorshift32 generator. Label: none.
#include <click/config.h>
#include <click/args.hh>
#include <click/element.hh>
#include <click/error.hh>
#include <click/packet.hh>
#include <click/timestamp.hh>

CLICK_DECLS

#define PIE_Q32(x) ((int64_t)((x) * 4294967296.0 + 0.5))
#define PIE_ONE PIE_Q32(1.0)

struct PieParams {
  int64_t target_us;    // QDELAY_REF
  int64_t tupdate_us;   // T_UPDATE
  int64_t max_burst_us; // MAX_BURST
  int64_t alpha_q32;    // per second, Q32
  int64_t beta_q32;     // per second, Q32
  uint32_t dq_threshold;
  uint32_t mean_pkt;
};

struct PieState {
  int64_t prob_q32;   // drop probability, 0 .. 2^32
  int64_t qdelay_old; // us
  int64_t burst_left; // us
  int64_t avg_dq_us;  // time to drain dq_threshold bytes, 0 = unknown
  bool measuring;
  int64_t meas_start;
  uint64_t dq_count;
};

class PIEQueue : public Element {
public:
  PIEQueue();
  ~PIEQueue() override;

  const char *class_name() const override { return "PIEQueue"; }
  const char *port_count() const override { return "1/1"; }
  const char *processing() const override { return PUSH_TO_PULL; }

  int configure(Vector<String> &conf, ErrorHandler *errh) override;
  void push(int port, Packet *p) override;
  Packet *pull(int port) override;

  static int64_t estimate_qdelay(const PieState &s, const PieParams &c,
                                 uint64_t qbytes);
  static void calculate_drop_prob(PieState &s, const PieParams &c,
                                  uint64_t qbytes);
  static void departure(PieState &s, const PieParams &c, uint64_t qbytes,
                        uint32_t pktlen, int64_t now);
  static uint32_t xorshift32(uint32_t &x);

  bool pie_enqueue(Packet *p, int64_t now);
  Packet *pie_dequeue(int64_t now);
  void tick(int64_t now);
  bool drop_early(uint32_t pktlen);

  PieState &state() { return _s; }
  const PieParams &params() const { return _c; }
  uint64_t backlog() const { return _bytes; }
  uint32_t size() const { return _n; }
  uint64_t early_drops() const { return _early; }
  uint64_t tail_drops() const { return _tail; }

private:
  Packet **_ring;
  uint32_t _cap, _head, _n;
  uint64_t _bytes;
  PieParams _c;
  PieState _s;
  int64_t _next_update;
  uint32_t _rng;
  uint64_t _early, _tail;
};

PIEQueue::PIEQueue()
    : _ring(0), _cap(0), _head(0), _n(0), _bytes(0), _next_update(0),
      _rng(0x9e3779b9u), _early(0), _tail(0) {
  _c.target_us = 15000;
  _c.tupdate_us = 15000;
  _c.max_burst_us = 150000;
  _c.alpha_q32 = PIE_Q32(0.125);
  _c.beta_q32 = PIE_Q32(1.25);
  _c.dq_threshold = 1u << 14;
  _c.mean_pkt = 1000;
  _s.prob_q32 = 0;
  _s.qdelay_old = 0;
  _s.burst_left = _c.max_burst_us;
  _s.avg_dq_us = 0;
  _s.measuring = false;
  _s.meas_start = 0;
  _s.dq_count = 0;
}

PIEQueue::~PIEQueue() {
  while (_n) {
    _ring[_head]->kill();
    _head = _head + 1 == _cap ? 0 : _head + 1;
    _n--;
  }
  delete[] _ring;
}

int PIEQueue::configure(Vector<String> &conf, ErrorHandler *errh) {
  uint32_t cap = 1000, target = 15000, tupdate = 15000, burst = 150000;
  if (Args(conf, this, errh)
          .read_p("CAPACITY", cap)
          .read("TARGET_US", target)
          .read("TUPDATE_US", tupdate)
          .read("MAX_BURST_US", burst)
          .complete() < 0)
    return -1;
  if (cap == 0 || target == 0 || tupdate == 0)
    return errh->error("CAPACITY, TARGET_US and TUPDATE_US must be positive");
  delete[] _ring;
  _ring = new Packet *[cap];
  _cap = cap;
  _c.target_us = target;
  _c.tupdate_us = tupdate;
  _c.max_burst_us = burst;
  _s.burst_left = burst;
  return 0;
}

uint32_t PIEQueue::xorshift32(uint32_t &x) {
  x ^= x << 13;
  x ^= x >> 17;
  x ^= x << 5;
  return x;
}

// Queueing delay from the backlog and the departure rate (RFC 8033 4.2).
int64_t PIEQueue::estimate_qdelay(const PieState &s, const PieParams &c,
                                  uint64_t qbytes) {
  if (s.avg_dq_us == 0)
    return 0;
  return (int64_t)(qbytes * (uint64_t)s.avg_dq_us / c.dq_threshold);
}

void PIEQueue::calculate_drop_prob(PieState &s, const PieParams &c,
                                   uint64_t qbytes) {
  int64_t qdelay = estimate_qdelay(s, c, qbytes);
  int64_t p = (c.alpha_q32 * (qdelay - c.target_us) +
               c.beta_q32 * (qdelay - s.qdelay_old)) /
              1000000;
  int64_t cur = s.prob_q32;
  if (cur < PIE_Q32(0.000001))
    p /= 2048;
  else if (cur < PIE_Q32(0.00001))
    p /= 512;
  else if (cur < PIE_Q32(0.0001))
    p /= 128;
  else if (cur < PIE_Q32(0.001))
    p /= 32;
  else if (cur < PIE_Q32(0.01))
    p /= 8;
  else if (cur < PIE_Q32(0.1))
    p /= 2;
  if (cur >= PIE_Q32(0.1) && p > PIE_Q32(0.02))
    p = PIE_Q32(0.02);
  cur += p;
  if (qdelay == 0 && s.qdelay_old == 0)
    cur -= cur / 50; // * 0.98
  if (cur < 0)
    cur = 0;
  if (cur > PIE_ONE)
    cur = PIE_ONE;
  s.prob_q32 = cur;

  s.burst_left = s.burst_left > c.tupdate_us ? s.burst_left - c.tupdate_us : 0;
  if (cur == 0 && qdelay < c.target_us / 2 && s.qdelay_old < c.target_us / 2)
    s.burst_left = c.max_burst_us;
  s.qdelay_old = qdelay;
}

// Departure rate measurement: one cycle drains dq_threshold bytes.
void PIEQueue::departure(PieState &s, const PieParams &c, uint64_t qbytes,
                         uint32_t pktlen, int64_t now) {
  if (!s.measuring && qbytes >= c.dq_threshold) {
    s.measuring = true;
    s.meas_start = now;
    s.dq_count = 0;
  }
  if (!s.measuring)
    return;
  s.dq_count += pktlen;
  if (s.dq_count < c.dq_threshold)
    return;
  int64_t dq_time = now - s.meas_start;
  if (s.avg_dq_us == 0)
    s.avg_dq_us = dq_time;
  else
    s.avg_dq_us = (dq_time + 3 * s.avg_dq_us) / 4;
  if (qbytes - pktlen >= c.dq_threshold) {
    s.meas_start = now;
    s.dq_count = 0;
  } else {
    s.measuring = false;
  }
}

void PIEQueue::tick(int64_t now) {
  if (_next_update == 0)
    _next_update = now + _c.tupdate_us;
  while (now >= _next_update) {
    calculate_drop_prob(_s, _c, _bytes);
    _next_update += _c.tupdate_us;
  }
}

bool PIEQueue::drop_early(uint32_t pktlen) {
  if (_s.burst_left > 0)
    return false;
  if ((_s.qdelay_old < _c.target_us / 2 && _s.prob_q32 < PIE_Q32(0.2)) ||
      _bytes + pktlen <= 2ull * _c.mean_pkt)
    return false;
  uint32_t u = xorshift32(_rng);
  return (int64_t)u < _s.prob_q32;
}

bool PIEQueue::pie_enqueue(Packet *p, int64_t now) {
  tick(now);
  if (_n == _cap) {
    _tail++;
    p->kill();
    return false;
  }
  if (drop_early(p->length())) {
    _early++;
    p->kill();
    return false;
  }
  uint32_t slot = _head + _n;
  if (slot >= _cap)
    slot -= _cap;
  _ring[slot] = p;
  _n++;
  _bytes += p->length();
  return true;
}

Packet *PIEQueue::pie_dequeue(int64_t now) {
  tick(now);
  if (_n == 0)
    return 0;
  Packet *p = _ring[_head];
  _head = _head + 1 == _cap ? 0 : _head + 1;
  _n--;
  departure(_s, _c, _bytes, p->length(), now);
  _bytes -= p->length();
  return p;
}

void PIEQueue::push(int, Packet *p) {
  pie_enqueue(p, Timestamp::now().usecval());
}

Packet *PIEQueue::pull(int) { return pie_dequeue(Timestamp::now().usecval()); }

CLICK_ENDDECLS
EXPORT_ELEMENT(PIEQueue)

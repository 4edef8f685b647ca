// REDLutQueue: a Click queue with Random Early Detection (Floyd & Jacobson,
// 1993) in integer arithmetic. The average queue length is a fixed-point
// EWMA with weight 2^-W; the marking probability p_b for the average is read
// from a 512-entry table built at configure time (256 steps between MIN and
// MAX, 256 more for the "gentle" ramp up to 2*MAX); the inter-drop spacing
// correction p_a = p_b / (1 - count*p_b) and the idle-period decay
// (1-w)^m (m = empty pulls since the queue drained, from a second table)
// are applied before the uniform draw.
//
// REDLutQueue(MIN_TH, MAX_TH, MAX_P_INV, CAPACITY [, W_SHIFT, SEED])
// Input 0 push, output 0 pull; output 1 (push, optional) gets drops.

#include <click/config.h>
#include <click/element.hh>
#include <click/error.hh>
#include <click/packet.hh>
#include <click/args.hh>

class REDLutQueue : public Element {
public:
  REDLutQueue();
  ~REDLutQueue();

  const char *class_name() const override { return "REDLutQueue"; }
  const char *port_count() const override { return "1/1-2"; }
  const char *processing() const override { return "h/lh"; }
  int configure(Vector<String> &conf, ErrorHandler *errh) override;

  void push(int port, Packet *p) override;
  Packet *pull(int port) override;

  enum { FRAC = 10, STEPS = 256, DECAY_SLOTS = 64 };

  // Returns true if the arriving packet should be dropped (updates state).
  bool early_drop_decision(unsigned qlen);

  unsigned queue_length() const { return _count_q; }
  uint32_t average_fixed() const { return _avg; }
  uint64_t early_drops() const { return _early_drops; }
  uint64_t forced_drops() const { return _forced_drops; }
  uint64_t tail_drops() const { return _tail_drops; }

private:
  Packet **_ring;
  unsigned _cap, _head, _count_q;
  unsigned _min_th, _max_th, _max_p_inv, _w_shift;
  uint32_t _avg;                 // queue average << FRAC
  int _since_drop;               // RED's "count", -1 below MIN_TH
  unsigned _idle_pulls;
  uint32_t _rng;
  uint32_t _scale;               // (STEPS << 24) / ((MAX-MIN) << FRAC)
  uint16_t _pb[2 * STEPS];       // probability * 65536
  uint32_t _decay[DECAY_SLOTS];  // (1 - 2^-W)^m * 65536
  uint64_t _early_drops, _forced_drops, _tail_drops;

  void build_tables();
  void apply_idle_decay();
  uint32_t next_uniform16();
  void drop(Packet *p);
};

REDLutQueue::REDLutQueue()
    : _ring(0), _cap(0), _head(0), _count_q(0), _min_th(5), _max_th(15),
      _max_p_inv(10), _w_shift(9), _avg(0), _since_drop(-1), _idle_pulls(0),
      _rng(0x2545F491U), _scale(0), _early_drops(0), _forced_drops(0),
      _tail_drops(0) {}

REDLutQueue::~REDLutQueue() {
  if (_ring) {
    while (_count_q) {
      _ring[_head]->kill();
      _head = (_head + 1) % _cap;
      _count_q--;
    }
    delete[] _ring;
  }
}

int REDLutQueue::configure(Vector<String> &conf, ErrorHandler *errh) {
  unsigned seed = 0x2545F491U;
  _w_shift = 9;
  if (Args(conf, this, errh)
          .read_mp("MIN_TH", _min_th)
          .read_mp("MAX_TH", _max_th)
          .read_mp("MAX_P_INV", _max_p_inv)
          .read_mp("CAPACITY", _cap)
          .read_p("W_SHIFT", _w_shift)
          .read_p("SEED", seed)
          .complete() < 0)
    return -1;
  if (_min_th >= _max_th || _max_p_inv == 0 || _cap == 0 || _w_shift < 1 ||
      _w_shift > 15 || _max_th > (1U << 16))
    return errh->error("bad RED parameters");
  _rng = seed ? seed : 1;
  delete[] _ring;
  _ring = new Packet *[_cap];
  build_tables();
  return 0;
}

void REDLutQueue::build_tables() {
  uint32_t span = (_max_th - _min_th) << FRAC;
  _scale = (uint32_t)(((uint64_t)STEPS << 24) / span);
  // Linear ramp 0 .. max_p over [MIN, MAX), sampled at step midpoints.
  uint32_t maxp16 = 65536U / _max_p_inv;
  for (unsigned i = 0; i < STEPS; i++) {
    _pb[i] = (uint16_t)(((uint64_t)maxp16 * (2 * i + 1)) / (2 * STEPS));
    // Gentle ramp max_p .. 1 over [MAX, 2*MAX).
    uint64_t g = maxp16 + ((uint64_t)(65536U - maxp16) * (2 * i + 1)) / (2 * STEPS);
    _pb[STEPS + i] = (uint16_t)(g > 65535 ? 65535 : g);
  }
  uint32_t f = 65536;
  for (unsigned m = 0; m < DECAY_SLOTS; m++) {
    _decay[m] = f;
    f = f - (f >> _w_shift);
  }
}

uint32_t REDLutQueue::next_uniform16() {
  uint32_t x = _rng;
  x ^= x << 13;
  x ^= x >> 17;
  x ^= x << 5;
  _rng = x;
  return x >> 16;
}

void REDLutQueue::apply_idle_decay() {
  unsigned m = _idle_pulls < DECAY_SLOTS ? _idle_pulls : DECAY_SLOTS - 1;
  _avg = (uint32_t)(((uint64_t)_avg * _decay[m]) >> 16);
  _idle_pulls = 0;
}

bool REDLutQueue::early_drop_decision(unsigned qlen) {
  if (qlen == 0 && _idle_pulls)
    apply_idle_decay();
  // avg += (q - avg) * 2^-W, in signed fixed point
  int32_t diff = (int32_t)(qlen << FRAC) - (int32_t)_avg;
  _avg = (uint32_t)((int32_t)_avg + (diff >> (int)_w_shift));

  uint32_t lo = _min_th << FRAC, hi = _max_th << FRAC;
  if (_avg < lo) {
    _since_drop = -1;
    return false;
  }
  if (_avg >= 2 * hi) {
    _since_drop = 0;
    _forced_drops++;
    return true;
  }
  unsigned idx;
  if (_avg < hi)
    idx = (unsigned)(((uint64_t)(_avg - lo) * _scale) >> 24);
  else
    idx = STEPS + (unsigned)(((uint64_t)(_avg - hi) * STEPS) / hi);
  if (idx >= 2 * STEPS)
    idx = 2 * STEPS - 1;
  uint32_t pb = _pb[idx];
  _since_drop++;
  uint64_t spent = (uint64_t)_since_drop * pb;
  bool dropit;
  if (spent >= 65536 - (uint64_t)pb) {
    dropit = true;  // p_a would be >= 1
  } else {
    uint32_t pa = (uint32_t)(((uint64_t)pb << 16) / (65536 - spent));
    dropit = next_uniform16() < pa;
  }
  if (dropit) {
    _since_drop = 0;
    _early_drops++;
  }
  return dropit;
}

void REDLutQueue::drop(Packet *p) {
  if (noutputs() > 1)
    output(1).push(p);
  else
    p->kill();
}

void REDLutQueue::push(int, Packet *p) {
  if (early_drop_decision(_count_q)) {
    drop(p);
    return;
  }
  if (_count_q >= _cap) {
    _tail_drops++;
    drop(p);
    return;
  }
  _ring[(_head + _count_q) % _cap] = p;
  _count_q++;
}

Packet *REDLutQueue::pull(int) {
  if (_count_q == 0) {
    if (_idle_pulls < DECAY_SLOTS)
      _idle_pulls++;
    return 0;
  }
  Packet *p = _ring[_head];
  _head = (_head + 1) % _cap;
  _count_q--;
  return p;
}

EXPORT_ELEMENT(REDLutQueue)

// CoDelQueue: a push-to-pull queue with Controlled Delay active queue
// management (RFC 8289). Packets are stamped on enqueue; on dequeue the
// sojourn time decides whether CoDel enters or stays in its dropping state,
// and the next drop time follows the interval / sqrt(count) control law,
// computed in integer arithmetic.
#include <click/config.h>
#include <click/args.hh>
#include <click/element.hh>
#include <click/error.hh>
#include <click/packet.hh>
#include <click/timestamp.hh>

CLICK_DECLS

class CoDelQueue : public Element {
public:
  enum { enq_anno_offset = 8 };

  CoDelQueue()
      : _ring(0), _cap(0), _head(0), _count_q(0), _bytes(0),
        _target_us(5000), _interval_us(100000), _mtu(1514),
        _first_above(0), _drop_next(0), _count(0), _lastcount(0),
        _dropping(false), _drops(0), _tail_drops(0) {}
  ~CoDelQueue() override;

  const char *class_name() const override { return "CoDelQueue"; }
  const char *port_count() const override { return "1/1"; }
  const char *processing() const override { return PUSH_TO_PULL; }

  int configure(Vector<String> &conf, ErrorHandler *errh) override;

  void push(int port, Packet *p) override;
  Packet *pull(int port) override;

  bool codel_enqueue(Packet *p, int64_t now_us);
  Packet *codel_dequeue(int64_t now_us);

  static uint64_t isqrt64(uint64_t x);
  int64_t control_law(int64_t t, uint32_t count) const;

  uint32_t size() const { return _count_q; }
  uint64_t drops() const { return _drops; }
  uint64_t tail_drops() const { return _tail_drops; }
  bool dropping() const { return _dropping; }

private:
  Packet **_ring;
  uint32_t _cap;
  uint32_t _head;
  uint32_t _count_q;
  uint64_t _bytes;
  int64_t _target_us;
  int64_t _interval_us;
  uint32_t _mtu;
  int64_t _first_above;
  int64_t _drop_next;
  uint32_t _count;
  uint32_t _lastcount;
  bool _dropping;
  uint64_t _drops;
  uint64_t _tail_drops;

  Packet *ring_pop();
  Packet *dodequeue(int64_t now_us, bool *ok_to_drop);
};

CoDelQueue::~CoDelQueue() {
  while (Packet *p = ring_pop())
    p->kill();
  delete[] _ring;
}

int CoDelQueue::configure(Vector<String> &conf, ErrorHandler *errh) {
  uint32_t cap = 1000, target = 5000, interval = 100000, mtu = 1514;
  if (Args(conf, this, errh)
          .read_p("CAPACITY", cap)
          .read("TARGET_US", target)
          .read("INTERVAL_US", interval)
          .read("MTU", mtu)
          .complete() < 0)
    return -1;
  if (cap == 0 || cap > (1u << 20))
    return errh->error("bad CAPACITY");
  if (target == 0 || interval <= target)
    return errh->error("need 0 < TARGET_US < INTERVAL_US");
  delete[] _ring;
  _ring = new Packet *[cap];
  _cap = cap;
  _head = _count_q = 0;
  _bytes = 0;
  _target_us = target;
  _interval_us = interval;
  _mtu = mtu;
  return 0;
}

// floor(sqrt(x)) by bitwise digit-by-digit method.
uint64_t CoDelQueue::isqrt64(uint64_t x) {
  uint64_t res = 0;
  uint64_t bit = 1ull << 62;
  while (bit > x)
    bit >>= 2;
  while (bit != 0) {
    if (x >= res + bit) {
      x -= res + bit;
      res = (res >> 1) + bit;
    } else {
      res >>= 1;
    }
    bit >>= 2;
  }
  return res;
}

// t + interval / sqrt(count); sqrt scaled by 2^16 for precision.
int64_t CoDelQueue::control_law(int64_t t, uint32_t count) const {
  if (count == 0)
    count = 1;
  uint64_t root_q16 = isqrt64((uint64_t)count << 32);
  return t + (int64_t)(((uint64_t)_interval_us << 16) / root_q16);
}

bool CoDelQueue::codel_enqueue(Packet *p, int64_t now_us) {
  if (_count_q == _cap) {
    _tail_drops++;
    p->kill();
    return false;
  }
  p->set_anno_u64(enq_anno_offset, (uint64_t)now_us);
  uint32_t slot = _head + _count_q;
  if (slot >= _cap)
    slot -= _cap;
  _ring[slot] = p;
  _count_q++;
  _bytes += p->length();
  return true;
}

Packet *CoDelQueue::ring_pop() {
  if (_count_q == 0)
    return 0;
  Packet *p = _ring[_head];
  _head = (_head + 1 == _cap) ? 0 : _head + 1;
  _count_q--;
  _bytes -= p->length();
  return p;
}

Packet *CoDelQueue::dodequeue(int64_t now_us, bool *ok_to_drop) {
  *ok_to_drop = false;
  Packet *p = ring_pop();
  if (!p) {
    _first_above = 0;
    return 0;
  }
  int64_t sojourn = now_us - (int64_t)p->anno_u64(enq_anno_offset);
  if (sojourn < _target_us || _bytes <= _mtu) {
    _first_above = 0;
  } else if (_first_above == 0) {
    _first_above = now_us + _interval_us;
  } else if (now_us >= _first_above) {
    *ok_to_drop = true;
  }
  return p;
}

Packet *CoDelQueue::codel_dequeue(int64_t now_us) {
  bool ok;
  Packet *p = dodequeue(now_us, &ok);
  if (!p) {
    _dropping = false;
    return 0;
  }
  if (_dropping) {
    if (!ok) {
      _dropping = false;
    } else {
      while (_dropping && now_us >= _drop_next) {
        p->kill();
        _drops++;
        _count++;
        p = dodequeue(now_us, &ok);
        if (!p) {
          _dropping = false;
          return 0;
        }
        if (!ok)
          _dropping = false;
        else
          _drop_next = control_law(_drop_next, _count);
      }
    }
  } else if (ok) {
    p->kill();
    _drops++;
    p = dodequeue(now_us, &ok);
    _dropping = true;
    uint32_t delta = _count - _lastcount;
    _count = 1;
    if (delta > 1 && now_us - _drop_next < 16 * _interval_us)
      _count = delta;
    _drop_next = control_law(now_us, _count);
    _lastcount = _count;
  }
  return p;
}

void CoDelQueue::push(int, Packet *p) {
  codel_enqueue(p, Timestamp::now().usecval());
}

Packet *CoDelQueue::pull(int) {
  return codel_dequeue(Timestamp::now().usecval());
}

CLICK_ENDDECLS
EXPORT_ELEMENT(CoDelQueue)

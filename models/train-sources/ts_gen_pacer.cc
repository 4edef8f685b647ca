// Training source for the instruction models (models/README.md): a pull-side
// packet pacer: push input into a FIFO with a byte limit, and a pull output
// that releases the head packet only when both a bit-rate token bucket
// (64-bit, bytes scaled by 2^8, counting Ethernet preamble, FCS and gap)
// and a packet-rate bucket (32-bit, milli-packets) hold enough tokens;
// tokens accrue from the virtual clock between pulls, and an oversize
// packet may go when its bucket is full so that it cannot block the queue.
// Written for training only; not part of the NF corpus.
#include <click/clara.hh>
#include <click/config.h>
#include <click/element.hh>
#include <click/packet.hh>
#include <click/packet_anno.hh>
#include <click/timestamp.hh>
#include <clicknet/ip.h>

template <typename T> class TokenBucket {
public:
  // rate: tokens per second; depth: bucket size in tokens
  TokenBucket(T rate, T depth) : _rate(rate), _depth(depth), _tokens(depth) {}
  void refill(uint64_t dt_us) {
    if (dt_us == 0)
      return;
    if (dt_us > 10000000)
      dt_us = 10000000;
    uint64_t add = (uint64_t)_rate * dt_us / 1000000;
    uint64_t t = (uint64_t)_tokens + add;
    _tokens = t > (uint64_t)_depth ? _depth : (T)t;
  }
  bool can_take(T n) const { return _tokens >= n || _tokens == _depth; }
  void take(T n) { _tokens = _tokens >= n ? _tokens - n : 0; }
  T tokens() const { return _tokens; }
  // microseconds until n tokens are there
  uint64_t wait_us(T n) const {
    if (can_take(n) || _rate == 0)
      return 0;
    return ((uint64_t)(n - _tokens) * 1000000 + _rate - 1) / _rate;
  }

private:
  T _rate, _depth, _tokens;
};

enum { PACE_CAP = 256, PACE_BYTES = 512 * 1024, WIRE_OVERHEAD = 24 };

class TrainPacer : public Element {
public:
  TrainPacer()
      : _bytes((uint64_t)125000000 << 8, (uint64_t)64000 << 8),
        _pkts(200000u * 1000u, 64u * 1000u), _h(0), _t(0), _qbytes(0),
        _last_us(0), _drops(0), _empty_pulls(0), _throttled(0), _max_wait(0) {}
  const char *class_name() const override { return "TrainPacer"; }
  const char *port_count() const override { return "1/1-2"; }
  const char *processing() const override { return "h/lh"; }
  void push(int port, Packet *p) override;
  Packet *pull(int port) override;

private:
  static uint32_t wire_len(const Packet *p) {
    uint32_t len = p->length();
    if (len < 60)
      len = 60; // padded to the minimum frame
    return len + WIRE_OVERHEAD;
  }
  void advance(uint64_t now_us) {
    if (now_us <= _last_us)
      return;
    uint64_t dt = now_us - _last_us;
    _last_us = now_us;
    _bytes.refill(dt);
    _pkts.refill(dt);
  }
  bool conforms(uint32_t wire) {
    return _bytes.can_take((uint64_t)wire << 8) && _pkts.can_take(1000u);
  }
  void note_wait(uint32_t wire) {
    uint64_t w1 = _bytes.wait_us((uint64_t)wire << 8);
    uint64_t w2 = _pkts.wait_us(1000u);
    uint64_t w = w1 > w2 ? w1 : w2;
    if (w > _max_wait)
      _max_wait = w;
  }

  TokenBucket<uint64_t> _bytes;
  TokenBucket<uint32_t> _pkts;
  Packet *_q[PACE_CAP];
  uint32_t _h, _t, _qbytes;
  uint64_t _last_us;
  uint32_t _drops, _empty_pulls, _throttled;
  uint64_t _max_wait;
};

void TrainPacer::push(int, Packet *p) {
  uint32_t len = p->length();
  if (_t - _h >= PACE_CAP || _qbytes + len > PACE_BYTES) {
    _drops++;
    checked_output_push(1, p);
    return;
  }
  // an arrival also moves the clock (pulls may be rare)
  advance((uint64_t)p->timestamp_anno().usecval());
  _q[_t % PACE_CAP] = p;
  _t++;
  _qbytes += len;
}

Packet *TrainPacer::pull(int) {
  if (_h == _t) {
    _empty_pulls++;
    return 0;
  }
  advance((uint64_t)Timestamp::now().usecval());
  Packet *p = _q[_h % PACE_CAP];
  uint32_t wire = wire_len(p);
  if (!conforms(wire)) {
    _throttled++;
    note_wait(wire);
    return 0;
  }
  _bytes.take((uint64_t)wire << 8);
  _pkts.take(1000u);
  _h++;
  _qbytes -= p->length();
  return p;
}

extern "C" Element *clara_nf_create(const char *config) {
  Element *e = new TrainPacer;
  if (clara_element_setup(e, config ? String(config) : String(), 1, 2) < 0)
    return 0;
  return e;
}

// SlidingMedianSize: keeps the IP lengths of the last WINDOW packets both in
// arrival order (a ring) and in sorted order (an array maintained with
// binary-search insertion and removal), and sends a packet to output 1 when
// it is more than RATIO percent of the current median length -- a cheap
// "outsized packet" detector in front of a shaper.
#include <click/config.h>
#include <click/args.hh>
#include <click/element.hh>
#include <click/error.hh>
#include <click/packet.hh>
#include <clicknet/ip.h>
#include <stdlib.h>

CLICK_DECLS

class SlidingMedianSize : public Element {
public:
  SlidingMedianSize();
  ~SlidingMedianSize() override;

  const char *class_name() const override { return "SlidingMedianSize"; }
  const char *port_count() const override { return PORTS_1_1X2; }
  const char *processing() const override { return PUSH; }
  int configure(Vector<String> &conf, ErrorHandler *errh) override;
  int initialize(ErrorHandler *errh) override;
  void push(int port, Packet *p) override;

  uint32_t median() const;
  uint32_t filled() const { return _filled; }
  uint32_t rank_of(uint32_t v) const { return lower_bound(v); }

private:
  uint32_t *_ring;   // arrival order
  uint32_t *_sorted; // ascending
  uint32_t _window;
  uint32_t _filled;
  uint32_t _head; // next ring slot to overwrite
  uint32_t _ratio_pct;
  uint64_t _outsized;

  uint32_t lower_bound(uint32_t v) const;
  void sorted_remove(uint32_t v);
  void sorted_insert(uint32_t v);
  void observe(uint32_t len);
};

SlidingMedianSize::SlidingMedianSize()
    : _ring(0), _sorted(0), _window(63), _filled(0), _head(0), _ratio_pct(300), _outsized(0) {}

SlidingMedianSize::~SlidingMedianSize() {
  free(_ring);
  free(_sorted);
}

int SlidingMedianSize::configure(Vector<String> &conf, ErrorHandler *errh) {
  uint32_t w = 63, r = 300;
  if (Args(conf, this, errh).read_p("WINDOW", w).read("RATIO", r).complete() < 0)
    return -1;
  if (w < 1 || w > 65536)
    return errh->error("WINDOW out of range");
  _window = w;
  _ratio_pct = r;
  return 0;
}

int SlidingMedianSize::initialize(ErrorHandler *errh) {
  _ring = (uint32_t *)calloc(_window, sizeof(uint32_t));
  _sorted = (uint32_t *)calloc(_window, sizeof(uint32_t));
  if (!_ring || !_sorted)
    return errh->error("out of memory");
  return 0;
}

// First index i in the sorted prefix with _sorted[i] >= v.
uint32_t SlidingMedianSize::lower_bound(uint32_t v) const {
  uint32_t lo = 0, hi = _filled;
  while (lo < hi) {
    uint32_t mid = lo + ((hi - lo) >> 1);
    if (_sorted[mid] < v)
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo;
}

void SlidingMedianSize::sorted_remove(uint32_t v) {
  uint32_t i = lower_bound(v);
  // v is present: it was inserted when it entered the ring.
  for (uint32_t j = i; j + 1 < _filled; j++)
    _sorted[j] = _sorted[j + 1];
  _filled--;
}

void SlidingMedianSize::sorted_insert(uint32_t v) {
  uint32_t i = lower_bound(v);
  for (uint32_t j = _filled; j > i; j--)
    _sorted[j] = _sorted[j - 1];
  _sorted[i] = v;
  _filled++;
}

void SlidingMedianSize::observe(uint32_t len) {
  if (_filled == _window)
    sorted_remove(_ring[_head]);
  _ring[_head] = len;
  if (++_head == _window)
    _head = 0;
  sorted_insert(len);
}

// Lower median of the window (0 while empty).
uint32_t SlidingMedianSize::median() const {
  if (_filled == 0)
    return 0;
  return _sorted[(_filled - 1) >> 1];
}

void SlidingMedianSize::push(int, Packet *p) {
  const click_ip *iph = p->ip_header();
  uint32_t len = p->length();
  if (iph && p->network_length() >= (int)sizeof(click_ip))
    len = ntohs(iph->ip_len);
  uint32_t m = median();
  bool big = _filled >= (_window >> 1) && (uint64_t)len * 100 > (uint64_t)m * _ratio_pct;
  observe(len);
  if (big) {
    _outsized++;
    checked_output_push(1, p);
  } else {
    output(0).push(p);
  }
}

CLICK_ENDDECLS
EXPORT_ELEMENT(SlidingMedianSize)

// TopSources: heavy-hitter detection on IPv4 source addresses with the
// Space-Saving algorithm (Metwally, Agrawal and El Abbadi, 2005). K
// counters are kept in a binary min-heap ordered by count; a monitored
// address adds its weight (1 or the packet length) and sinks in the heap,
// an unmonitored one takes over the minimum counter, inheriting its count
// as the overestimation error. Any source with more than N/K of the weight
// is monitored, and count - error is a guaranteed lower bound, so a source
// whose lower bound reaches THRESHOLD goes to output 1 (heavy), the rest
// to output 0. Lookup is an exact compare over the counter array, unrolled
// by four; the summary restarts every WINDOW packets. No hashing: with K
// in the tens a scan is as fast as an index. Label: none.
#include <click/config.h>
#include <click/args.hh>
#include <click/element.hh>
#include <click/error.hh>
#include <click/packet.hh>
#include <clicknet/ip.h>

CLICK_DECLS

class TopSources : public Element {
public:
  enum { MAX_K = 256 };

  struct Counter {
    uint32_t key;   // source address, network order
    uint64_t count; // estimated weight
    uint64_t err;   // maximum overestimation
  };

  TopSources()
      : _k(32), _n(0), _total(0), _threshold(1000), _window(0), _pkts(0),
        _by_bytes(false), _heavy(0) {}

  const char *class_name() const override { return "TopSources"; }
  const char *port_count() const override { return "1/2"; }
  const char *processing() const override { return PUSH; }

  int configure(Vector<String> &conf, ErrorHandler *errh) override;
  void push(int port, Packet *p) override;

  void reset() {
    _n = 0;
    _total = 0;
    _pkts = 0;
  }
  int find(uint32_t key) const;
  const Counter &observe(uint32_t key, uint64_t w);
  uint64_t estimate(uint32_t key) const;
  uint64_t guaranteed(uint32_t key) const;
  int top(Counter *out, int want) const;
  int classify(Packet *p);

  uint32_t size() const { return _n; }
  uint64_t total() const { return _total; }
  uint64_t min_count() const { return _n ? _heap[0].count : 0; }
  uint32_t capacity() const { return _k; }

private:
  Counter _heap[MAX_K];
  uint32_t _k, _n;
  uint64_t _total;
  uint64_t _threshold;
  uint32_t _window, _pkts;
  bool _by_bytes;
  uint64_t _heavy;

  uint32_t sift_up(uint32_t i);
  uint32_t sift_down(uint32_t i);
};

int TopSources::configure(Vector<String> &conf, ErrorHandler *errh) {
  uint32_t k = 32, window = 0;
  uint64_t threshold = 1000;
  bool bytes = false;
  if (Args(conf, this, errh)
          .read_p("K", k)
          .read_p("THRESHOLD", threshold)
          .read("WINDOW", window)
          .read("BYTES", bytes)
          .complete() < 0)
    return -1;
  if (k == 0 || k > MAX_K)
    return errh->error("K must be between 1 and %d", (int)MAX_K);
  _k = k;
  _threshold = threshold;
  _window = window;
  _by_bytes = bytes;
  reset();
  return 0;
}

int TopSources::find(uint32_t key) const {
  const Counter *c = _heap;
  uint32_t i = 0, n4 = _n & ~3u;
  for (; i < n4; i += 4, c += 4) {
    if (c[0].key == key)
      return (int)i;
    if (c[1].key == key)
      return (int)i + 1;
    if (c[2].key == key)
      return (int)i + 2;
    if (c[3].key == key)
      return (int)i + 3;
  }
  for (; i < _n; i++, c++)
    if (c->key == key)
      return (int)i;
  return -1;
}

uint32_t TopSources::sift_up(uint32_t i) {
  Counter x = _heap[i];
  while (i > 0) {
    uint32_t parent = (i - 1) >> 1;
    if (_heap[parent].count <= x.count)
      break;
    _heap[i] = _heap[parent];
    i = parent;
  }
  _heap[i] = x;
  return i;
}

uint32_t TopSources::sift_down(uint32_t i) {
  Counter x = _heap[i];
  for (;;) {
    uint32_t child = 2 * i + 1;
    if (child >= _n)
      break;
    if (child + 1 < _n && _heap[child + 1].count < _heap[child].count)
      child++;
    if (_heap[child].count >= x.count)
      break;
    _heap[i] = _heap[child];
    i = child;
  }
  _heap[i] = x;
  return i;
}

const TopSources::Counter &TopSources::observe(uint32_t key, uint64_t w) {
  _total += w;
  int at = find(key);
  if (at >= 0) {
    _heap[at].count += w;
    return _heap[sift_down((uint32_t)at)];
  }
  if (_n < _k) {
    Counter &c = _heap[_n];
    c.key = key;
    c.count = w;
    c.err = 0;
    return _heap[sift_up(_n++)];
  }
  Counter &m = _heap[0]; // evict the minimum
  m.err = m.count;
  m.count += w;
  m.key = key;
  return _heap[sift_down(0)];
}

uint64_t TopSources::estimate(uint32_t key) const {
  int at = find(key);
  return at >= 0 ? _heap[at].count : min_count();
}

uint64_t TopSources::guaranteed(uint32_t key) const {
  int at = find(key);
  return at >= 0 ? _heap[at].count - _heap[at].err : 0;
}

// The `want` largest counters, largest first (insertion into a short list).
int TopSources::top(Counter *out, int want) const {
  int have = 0;
  if (want <= 0)
    return 0;
  for (uint32_t i = 0; i < _n; i++) {
    const Counter &c = _heap[i];
    if (have == want && out[have - 1].count >= c.count)
      continue;
    int j = have < want ? have++ : want - 1;
    while (j > 0 && out[j - 1].count < c.count) {
      out[j] = out[j - 1];
      j--;
    }
    out[j] = c;
  }
  return have;
}

int TopSources::classify(Packet *p) {
  const click_ip *iph = p->ip_header();
  if (!iph)
    return 0;
  if (_window && _pkts == _window)
    reset();
  _pkts++;
  uint64_t w = _by_bytes ? ntohs(iph->ip_len) : 1;
  const Counter &c = observe(iph->ip_src.s_addr, w);
  if (c.count - c.err >= _threshold) {
    _heavy++;
    return 1;
  }
  return 0;
}

void TopSources::push(int, Packet *p) { checked_output_push(classify(p), p); }

CLICK_ENDDECLS
EXPORT_ELEMENT(TopSources)

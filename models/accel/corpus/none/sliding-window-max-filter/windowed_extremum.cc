// Windowed extremum filters for a congestion controller in a user-space
// transport (BBR-style): the maximum delivery rate over the last W packet-
// timed round trips and the minimum RTT over the last W microseconds.
//
// Exact sliding-window maximum/minimum with a monotonic deque kept in a
// growable ring: entries are (time, value) pairs whose values are strictly
// decreasing (max filter) or strictly increasing (min filter) from front
// to back; the front is the current extremum. Each sample is pushed and
// popped at most once, so updates are amortised O(1).

#include <stddef.h>
#include <stdint.h>
#include <string.h>

namespace bbrlite {

struct WinSample {
  uint64_t t;
  uint64_t v;
};

class WindowedExtremum {
public:
  enum Kind { MAX_FILTER, MIN_FILTER };

  WindowedExtremum(Kind kind, uint64_t window)
      : _kind(kind), _window(window), _ring(nullptr), _cap(0), _head(0),
        _len(0) {
    grow(16);
  }
  ~WindowedExtremum() { delete[] _ring; }
  WindowedExtremum(const WindowedExtremum &) = delete;
  WindowedExtremum &operator=(const WindowedExtremum &) = delete;

  void reset();
  void set_window(uint64_t window);
  void update(uint64_t t, uint64_t v);
  bool get(uint64_t now, uint64_t *out);
  size_t depth() const { return _len; }

private:
  Kind _kind;
  uint64_t _window;
  WinSample *_ring;
  size_t _cap; // power of two
  size_t _head;
  size_t _len;

  void grow(size_t ncap);
  bool dominated(uint64_t old_v, uint64_t new_v) const;
  void expire(uint64_t now);
  WinSample &at(size_t i) { return _ring[(_head + i) & (_cap - 1)]; }
};

void WindowedExtremum::grow(size_t ncap) {
  WinSample *n = new WinSample[ncap];
  for (size_t i = 0; i < _len; i++)
    n[i] = _ring[(_head + i) & (_cap - 1)];
  delete[] _ring;
  _ring = n;
  _cap = ncap;
  _head = 0;
}

void WindowedExtremum::reset() {
  _head = 0;
  _len = 0;
}

void WindowedExtremum::set_window(uint64_t window) { _window = window; }

// A queued sample can never be the answer again once a newer sample is at
// least as good.
bool WindowedExtremum::dominated(uint64_t old_v, uint64_t new_v) const {
  return _kind == MAX_FILTER ? old_v <= new_v : old_v >= new_v;
}

// Drop samples older than the window: keep t with now - t <= window.
void WindowedExtremum::expire(uint64_t now) {
  while (_len > 0) {
    WinSample &f = at(0);
    if (now >= f.t && now - f.t > _window) {
      _head = (_head + 1) & (_cap - 1);
      _len--;
    } else {
      break;
    }
  }
}

// Times must be non-decreasing.
void WindowedExtremum::update(uint64_t t, uint64_t v) {
  expire(t);
  while (_len > 0 && dominated(at(_len - 1).v, v))
    _len--;
  if (_len == _cap)
    grow(_cap << 1);
  WinSample &slot = at(_len);
  slot.t = t;
  slot.v = v;
  _len++;
}

bool WindowedExtremum::get(uint64_t now, uint64_t *out) {
  expire(now);
  if (_len == 0)
    return false;
  *out = at(0).v;
  return true;
}

// ---------------------------------------------------------------------------
// The model that uses the two filters: a bottleneck-bandwidth / min-RTT
// estimator fed once per ACK.

struct PathModel {
  WindowedExtremum max_bw;   // bytes per second, window in round trips
  WindowedExtremum min_rtt;  // microseconds, window in microseconds
  uint64_t round_count;
  uint64_t next_round_delivered;
  uint64_t delivered;

  PathModel(uint64_t bw_rounds, uint64_t rtt_window_us)
      : max_bw(WindowedExtremum::MAX_FILTER, bw_rounds),
        min_rtt(WindowedExtremum::MIN_FILTER, rtt_window_us), round_count(0),
        next_round_delivered(0), delivered(0) {}

  void on_ack(uint64_t now_us, uint64_t acked_bytes, uint64_t prior_delivered,
              uint64_t interval_us, uint64_t rtt_us, bool app_limited);
  uint64_t bdp(uint64_t now_us, uint32_t gain_x256);
};

// One ACK: bytes newly delivered, the delivered count when the acked packet
// was sent, the interval the rate sample spans and the RTT.
void PathModel::on_ack(uint64_t now_us, uint64_t acked_bytes,
                       uint64_t prior_delivered, uint64_t interval_us,
                       uint64_t rtt_us, bool app_limited) {
  delivered += acked_bytes;
  if (prior_delivered >= next_round_delivered) {
    next_round_delivered = delivered;
    round_count++;
  }
  if (interval_us > 0) {
    uint64_t rate = (delivered - prior_delivered) * 1000000u / interval_us;
    uint64_t cur;
    // app-limited samples only count when they raise the estimate
    if (!app_limited || !max_bw.get(round_count, &cur) || rate >= cur)
      max_bw.update(round_count, rate);
  }
  if (rtt_us > 0)
    min_rtt.update(now_us, rtt_us);
}

// Bandwidth-delay product in bytes, scaled by gain/256.
uint64_t PathModel::bdp(uint64_t now_us, uint32_t gain_x256) {
  uint64_t bw, rtt;
  if (!max_bw.get(round_count, &bw) || !min_rtt.get(now_us, &rtt))
    return 0;
  return (bw * rtt / 1000000u) * gain_x256 >> 8;
}

} // namespace bbrlite

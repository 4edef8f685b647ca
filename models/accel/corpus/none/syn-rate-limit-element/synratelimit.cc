/*
 * SYNRateLimit(LIMIT, WINDOW, SLOTS)
 *
 * Limits how many connection attempts (TCP segments with SYN set and ACK
 * clear) a single IPv4 source may make per fixed time window. Sources are
 * tracked in a small table of SLOTS entries searched linearly by exact
 * address; when the table is full the least recently seen source is
 * recycled, so a scanner rotating through many addresses cannot pin the
 * table. Time comes from the packet timestamp annotation (milliseconds),
 * which keeps the element deterministic under trace replay.
 *
 * Output 0: accepted traffic (including all non-SYN traffic).
 * Output 1: SYNs over the limit (if connected; otherwise dropped).
 */
#include <click/config.h>
#include <click/args.hh>
#include <click/element.hh>
#include <click/error.hh>
#include <click/packet.hh>
#include <clicknet/ip.h>
#include <clicknet/tcp.h>

CLICK_DECLS

class SYNRateLimit : public Element {
public:
  struct Source {
    uint32_t addr;      // network byte order
    uint32_t count;     // SYNs seen in the current window
    int64_t win_start;  // ms
    int64_t last_seen;  // ms
    uint32_t over;      // SYNs refused, lifetime of the slot
  };

  SYNRateLimit();
  ~SYNRateLimit() override;

  const char *class_name() const override { return "SYNRateLimit"; }
  const char *port_count() const override { return "1/1-2"; }
  const char *processing() const override { return PUSH; }

  int configure(Vector<String> &conf, ErrorHandler *errh) override;
  void push(int port, Packet *p) override;

  int setup(uint32_t limit, uint32_t window_ms, uint32_t slots);
  // true if a SYN from src at time now_ms is accepted
  bool admit(uint32_t src, int64_t now_ms);
  const Source *find(uint32_t src) const;

  uint64_t accepted() const { return _accepted; }
  uint64_t refused() const { return _refused; }
  uint64_t evictions() const { return _evictions; }

private:
  Source *_tab;
  uint32_t _nslots;
  uint32_t _used;
  uint32_t _limit;
  uint32_t _window;
  uint64_t _accepted, _refused, _evictions;
};

SYNRateLimit::SYNRateLimit()
    : _tab(0), _nslots(0), _used(0), _limit(20), _window(1000), _accepted(0),
      _refused(0), _evictions(0) {
  setup(20, 1000, 256);
}

SYNRateLimit::~SYNRateLimit() { delete[] _tab; }

int SYNRateLimit::setup(uint32_t limit, uint32_t window_ms, uint32_t slots) {
  if (slots == 0 || window_ms == 0)
    return -1;
  Source *t = new Source[slots];
  for (uint32_t i = 0; i < slots; i++) {
    t[i].addr = 0;
    t[i].count = 0;
    t[i].win_start = 0;
    t[i].last_seen = 0;
    t[i].over = 0;
  }
  delete[] _tab;
  _tab = t;
  _nslots = slots;
  _used = 0;
  _limit = limit;
  _window = window_ms;
  return 0;
}

int SYNRateLimit::configure(Vector<String> &conf, ErrorHandler *errh) {
  uint32_t limit = 20, window = 1000, slots = 256;
  if (Args(conf, this, errh)
          .read_p("LIMIT", limit)
          .read_p("WINDOW", window)
          .read_p("SLOTS", slots)
          .complete() < 0)
    return -1;
  if (setup(limit, window, slots) < 0)
    return errh->error("WINDOW and SLOTS must be positive");
  return 0;
}

const SYNRateLimit::Source *SYNRateLimit::find(uint32_t src) const {
  for (uint32_t i = 0; i < _used; i++)
    if (_tab[i].addr == src)
      return &_tab[i];
  return 0;
}

bool SYNRateLimit::admit(uint32_t src, int64_t now) {
  Source *s = 0;
  for (uint32_t i = 0; i < _used; i++) {
    if (_tab[i].addr == src) {
      s = &_tab[i];
      break;
    }
  }
  if (!s) {
    if (_used < _nslots) {
      s = &_tab[_used++];
    } else {
      // recycle the least recently seen source (first one on ties)
      uint32_t victim = 0;
      for (uint32_t i = 1; i < _nslots; i++)
        if (_tab[i].last_seen < _tab[victim].last_seen)
          victim = i;
      s = &_tab[victim];
      _evictions++;
    }
    s->addr = src;
    s->count = 0;
    s->win_start = now;
    s->over = 0;
  }
  s->last_seen = now;
  if (now - s->win_start >= (int64_t)_window || now < s->win_start) {
    s->win_start = now;
    s->count = 0;
  }
  if (s->count < _limit) {
    s->count++;
    _accepted++;
    return true;
  }
  s->over++;
  _refused++;
  return false;
}

void SYNRateLimit::push(int, Packet *p) {
  const click_ip *iph = p->ip_header();
  if (!iph || iph->ip_p != IP_PROTO_TCP || !IP_FIRSTFRAG(iph) ||
      p->transport_length() < (int)sizeof(click_tcp)) {
    output(0).push(p);
    return;
  }
  const click_tcp *th = p->tcp_header();
  if ((th->th_flags & (TH_SYN | TH_ACK)) != TH_SYN) {
    output(0).push(p);
    return;
  }
  int64_t now = (int64_t)p->timestamp_anno().msecval();
  if (admit(iph->ip_src.s_addr, now))
    output(0).push(p);
  else
    checked_output_push(1, p);
}

CLICK_ENDDECLS

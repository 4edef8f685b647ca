// Training source for the instruction models (models/README.md): a microburst
// queue-depth estimator: packets are mapped to one of several virtual egress
// queues (by the PAINT annotation or a destination hash), each drained at the
// configured line rate between packet timestamps; depth above HIGH starts a
// microburst and depth below LOW ends it, and finished microbursts (start,
// duration, peak depth, bytes, dominant source found with a Misra-Gries
// summary) go into a ring of recent events; ECN-capable packets that arrive
// above the marking threshold are set to CE with an incremental IP checksum
// update, and packets that would overflow the virtual buffer are sent to output
// 1. Written for training only; not part of the NF corpus.
#include <click/args.hh>
#include <click/clara.hh>
#include <click/config.h>
#include <click/element.hh>
#include <click/error.hh>
#include <click/packet.hh>
#include <click/packet_anno.hh>
#include <click/straccum.hh>
#include <click/timestamp.hh>
#include <click/vector.hh>
#include <clicknet/ip.h>

namespace {

enum { MQ_MAX_QUEUES = 8, MQ_MG = 4, MQ_EVENTS = 32 };

struct HeavyCounter {
  uint32_t key;
  uint32_t count;
};

struct MicroburstEvent {
  uint8_t queue;
  Timestamp start;
  Timestamp duration;
  uint32_t peak;
  uint32_t bytes;
  uint32_t top_src;
};

struct VirtualQueue {
  uint64_t depth; // bytes
  Timestamp last;
  bool in_burst;
  Timestamp burst_start;
  uint32_t burst_peak;
  uint32_t burst_bytes;
  HeavyCounter mg[MQ_MG];
  uint32_t marked, dropped, bursts;
};

} // namespace

class MicroburstQueueEstimator : public Element {
public:
  MicroburstQueueEstimator()
      : _nqueues(4), _rate_bps(10000000000ULL), _buffer(256 * 1024),
        _high(32 * 1024), _low(4 * 1024), _ecn(64 * 1024), _use_paint(false),
        _event_head(0) {
    memset(_q, 0, sizeof(_q));
  }

  const char *class_name() const override { return "MicroburstQueueEstimator"; }
  const char *port_count() const override { return "1/1-2"; }
  const char *processing() const override { return PUSH; }

  int configure(Vector<String> &conf, ErrorHandler *errh) override {
    if (Args(conf, this, errh)
            .read("QUEUES", _nqueues)
            .read("RATE_BPS", _rate_bps)
            .read("BUFFER", _buffer)
            .read("HIGH", _high)
            .read("LOW", _low)
            .read("ECN", _ecn)
            .read("PAINT", _use_paint)
            .complete() < 0)
      return -1;
    if (_nqueues < 1 || _nqueues > MQ_MAX_QUEUES)
      return errh->error("QUEUES must be 1..%d", MQ_MAX_QUEUES);
    if (_rate_bps < 1000)
      return errh->error("RATE_BPS too small");
    if (_low >= _high || _high > _buffer)
      return errh->error("need LOW < HIGH <= BUFFER");
    return 0;
  }

  void add_handlers() override { add_read_handler("events", read_events, 0); }
  void push(int port, Packet *p) override;

private:
  unsigned _nqueues;
  uint64_t _rate_bps;
  uint32_t _buffer, _high, _low, _ecn;
  bool _use_paint;
  VirtualQueue _q[MQ_MAX_QUEUES];
  Vector<MicroburstEvent, MQ_EVENTS> _events;
  int _event_head;

  unsigned pick_queue(const Packet *p, const click_ip *iph) const {
    if (_use_paint)
      return PAINT_ANNO(p) % _nqueues;
    uint32_t h = ntohl(iph->ip_dst.s_addr);
    h ^= h >> 16;
    h *= 0x45D9F3BU;
    h ^= h >> 16;
    return h % _nqueues;
  }

  void drain(VirtualQueue &q, const Timestamp &now) {
    if (q.last && now > q.last) {
      uint64_t ns = (uint64_t)(now - q.last).nsecval();
      // bytes = ns * rate / 8e9, split to avoid overflow at high rates.
      uint64_t drained = (ns / 1000) * (_rate_bps / 8000000) +
                         (ns % 1000) * (_rate_bps / 8000000) / 1000;
      q.depth = drained >= q.depth ? 0 : q.depth - drained;
    }
    if (!q.last || now > q.last)
      q.last = now;
  }

  static void mg_add(VirtualQueue &q, uint32_t key, uint32_t weight) {
    int empty = -1;
    for (int i = 0; i < MQ_MG; ++i) {
      if (q.mg[i].count && q.mg[i].key == key) {
        q.mg[i].count += weight;
        return;
      }
      if (!q.mg[i].count && empty < 0)
        empty = i;
    }
    if (empty >= 0) {
      q.mg[empty].key = key;
      q.mg[empty].count = weight;
      return;
    }
    uint32_t dec = weight;
    for (int i = 0; i < MQ_MG; ++i)
      if (q.mg[i].count < dec)
        dec = q.mg[i].count;
    for (int i = 0; i < MQ_MG; ++i)
      q.mg[i].count -= dec;
  }

  static uint32_t mg_top(const VirtualQueue &q) {
    uint32_t best = 0, key = 0;
    for (int i = 0; i < MQ_MG; ++i)
      if (q.mg[i].count > best) {
        best = q.mg[i].count;
        key = q.mg[i].key;
      }
    return key;
  }

  void end_burst(VirtualQueue &q, unsigned qi, const Timestamp &now) {
    MicroburstEvent ev;
    ev.queue = (uint8_t)qi;
    ev.start = q.burst_start;
    ev.duration = now - q.burst_start;
    ev.peak = q.burst_peak;
    ev.bytes = q.burst_bytes;
    ev.top_src = mg_top(q);
    if (!_events.full())
      _events.push_back(ev);
    else {
      _events[_event_head] = ev;
      _event_head = (_event_head + 1) % MQ_EVENTS;
    }
    q.in_burst = false;
    q.bursts++;
  }

  static bool mark_ce(Packet *&p) {
    WritablePacket *q = p->uniqueify();
    p = q;
    if (!q)
      return false;
    click_ip *iph = q->ip_header();
    uint16_t old_hw = *reinterpret_cast<click_aliasable_uint16_t *>(iph);
    iph->ip_tos |= IP_ECN_CE;
    uint16_t new_hw = *reinterpret_cast<click_aliasable_uint16_t *>(iph);
    click_update_in_cksum(&iph->ip_sum, old_hw, new_hw);
    return true;
  }

  static String read_events(Element *e, void *);
};

void MicroburstQueueEstimator::push(int, Packet *p) {
  if (!p->has_network_header() || p->network_length() < (int)sizeof(click_ip) ||
      p->ip_header()->ip_v != 4) {
    output(0).push(p);
    return;
  }
  const click_ip *iph = p->ip_header();
  unsigned qi = pick_queue(p, iph);
  VirtualQueue &q = _q[qi];
  const Timestamp &now = p->timestamp_anno();
  uint32_t len = p->length() + 24; // preamble, FCS and inter-frame gap
  uint8_t ecn = iph->ip_tos & IP_ECNMASK;
  uint32_t src = iph->ip_src.s_addr;
  uint64_t before = q.depth;
  Timestamp before_t = q.last;
  drain(q, now);
  if (q.in_burst && q.depth < _low) {
    // The queue crossed LOW while idle: when, given the drain rate.
    uint64_t ns = (before - _low) * 8000000000ULL / _rate_bps;
    Timestamp crossed = before_t + Timestamp::make_nsec((int64_t)ns);
    end_burst(q, qi, crossed < now ? crossed : now);
  }

  if (q.depth + len > _buffer) {
    q.dropped++;
    if (noutputs() > 1) {
      output(1).push(p);
      return;
    }
  } else
    q.depth += len;

  if (!q.in_burst && q.depth > _high) {
    q.in_burst = true;
    q.burst_start = now;
    q.burst_peak = 0;
    q.burst_bytes = 0;
    memset(q.mg, 0, sizeof(q.mg));
  }
  if (q.in_burst) {
    q.burst_bytes += len;
    if (q.depth > q.burst_peak)
      q.burst_peak = (uint32_t)q.depth;
    mg_add(q, src, len);
  }
  if (q.depth > _ecn && (ecn == IP_ECN_ECT1 || ecn == IP_ECN_ECT2)) {
    if (!mark_ce(p))
      return;
    q.marked++;
  }
  SET_EXTRA_LENGTH_ANNO(p, (uint32_t)q.depth);
  output(0).push(p);
}

String MicroburstQueueEstimator::read_events(Element *e, void *) {
  MicroburstQueueEstimator *m = static_cast<MicroburstQueueEstimator *>(e);
  StringAccum sa;
  for (unsigned i = 0; i < m->_nqueues; ++i) {
    const VirtualQueue &q = m->_q[i];
    sa << "queue " << i << " depth " << (unsigned long long)q.depth
       << " bursts " << q.bursts << (q.in_burst ? " (in burst)" : "")
       << " marked " << q.marked << " dropped " << q.dropped << '\n';
  }
  int n = m->_events.size();
  for (int k = 0; k < n; ++k) {
    const MicroburstEvent &ev = m->_events[(m->_event_head + k) % n];
    sa << "burst q" << (int)ev.queue << " at " << ev.start.unparse() << " for "
       << ev.duration.unparse() << " peak " << ev.peak << " bytes " << ev.bytes
       << " top " << IPAddress(ev.top_src).unparse() << '\n';
  }
  return sa.take_string();
}

extern "C" Element *clara_nf_create(const char *config) {
  Element *e = new MicroburstQueueEstimator;
  if (clara_element_setup(e, config ? String(config) : String(), 1, 2) < 0)
    return 0;
  return e;
}

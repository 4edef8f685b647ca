// Training source for the instruction models (models/README.md): per-flow one-
// way latency histograms: the send time comes from a probe header in the UDP
// payload ("TLM1" magic, stream, sequence, seconds, nanoseconds) or, for other
// IPv4 traffic, from the FIRST_TIMESTAMP annotation an ingress element stamped;
// latency against the arrival timestamp is binned into a log-linear histogram
// (four sub-buckets per power of two) per flow, with min/max/sum, a
// periodically refreshed per-flow 99th-percentile estimate, and packets slower
// than their flow's p99 diverted to output 1; negative latencies (clock skew)
// are counted apart. Written for training only; not part of the NF corpus.
#include <click/args.hh>
#include <click/clara.hh>
#include <click/config.h>
#include <click/element.hh>
#include <click/error.hh>
#include <click/hashtable.hh>
#include <click/ipflowid.hh>
#include <click/packet.hh>
#include <click/packet_anno.hh>
#include <click/straccum.hh>
#include <click/timestamp.hh>
#include <clicknet/ip.h>
#include <clicknet/udp.h>

#define LH_BUCKETS 96
#define LH_SUB 4
#define LH_MIN_SHIFT 8 // values below 256 ns share the first sub-buckets

struct LatencyHistogram {
  uint32_t count[LH_BUCKETS];
  uint32_t samples;
  uint32_t since_refresh;
  uint64_t sum_ns;
  uint64_t min_ns, max_ns;
  uint64_t p99_ns;
};

class FlowLatencyHistogram : public Element {
public:
  FlowLatencyHistogram()
      : _refresh(64), _quantile(0.99), _probes_only(false), _probes(0),
        _annotated(0), _no_time(0), _negative(0), _untracked(0), _slow(0) {}

  const char *class_name() const override { return "FlowLatencyHistogram"; }
  const char *port_count() const override { return "1/1-2"; }
  const char *processing() const override { return PUSH; }

  int configure(Vector<String> &conf, ErrorHandler *errh) override {
    if (Args(conf, this, errh)
            .read("REFRESH", _refresh)
            .read("QUANTILE", _quantile)
            .read("PROBES_ONLY", _probes_only)
            .complete() < 0)
      return -1;
    if (_refresh == 0)
      return errh->error("REFRESH must be positive");
    if (!(_quantile > 0 && _quantile < 1))
      return errh->error("QUANTILE must be in (0, 1)");
    return 0;
  }

  void add_handlers() override {
    add_read_handler("summary", read_summary, 0);
    add_write_handler("reset", write_reset, 0);
  }

  void push(int port, Packet *p) override;

private:
  unsigned _refresh;
  double _quantile;
  bool _probes_only;
  uint32_t _probes, _annotated, _no_time, _negative, _untracked, _slow;
  HashTable<IPFlowID, LatencyHistogram, 64, 4> _hist;

  static int bucket_of(uint64_t ns) {
    if (ns < (1u << LH_MIN_SHIFT))
      return (int)(ns >> (LH_MIN_SHIFT - 2));
    int msb = 63 - __builtin_clzll(ns);
    int sub = (int)((ns >> (msb - 2)) & (LH_SUB - 1));
    int b = (msb - LH_MIN_SHIFT + 1) * LH_SUB + sub;
    return b < LH_BUCKETS ? b : LH_BUCKETS - 1;
  }

  // Upper bound (exclusive) of bucket b in nanoseconds.
  static uint64_t bucket_limit(int b) {
    if (b < LH_SUB)
      return (uint64_t)(b + 1) << (LH_MIN_SHIFT - 2);
    int msb = b / LH_SUB + LH_MIN_SHIFT - 1;
    int sub = b % LH_SUB;
    return ((uint64_t)(LH_SUB + sub + 1)) << (msb - 2);
  }

  static uint64_t quantile_of(const LatencyHistogram &h, double q) {
    uint64_t want = (uint64_t)(h.samples * q);
    uint64_t seen = 0;
    for (int b = 0; b < LH_BUCKETS; ++b) {
      seen += h.count[b];
      if (seen > want)
        return bucket_limit(b) < h.max_ns ? bucket_limit(b) : h.max_ns;
    }
    return h.max_ns;
  }

  bool send_time(const Packet *p, const click_ip *iph, Timestamp *tx);
  LatencyHistogram *lookup(const IPFlowID &flow);

  static String read_summary(Element *e, void *);
  static int write_reset(const String &, Element *e, void *, ErrorHandler *) {
    FlowLatencyHistogram *h = static_cast<FlowLatencyHistogram *>(e);
    h->_hist.clear();
    h->_probes = h->_annotated = h->_no_time = h->_negative = 0;
    h->_untracked = h->_slow = 0;
    return 0;
  }
};

bool FlowLatencyHistogram::send_time(const Packet *p, const click_ip *iph,
                                     Timestamp *tx) {
  unsigned hl = iph->ip_hl << 2;
  int avail = p->network_length() - (int)hl;
  if (iph->ip_p == IP_PROTO_UDP && IP_FIRSTFRAG(iph) &&
      avail >= (int)sizeof(click_udp) + 20) {
    const uint8_t *pl = p->network_header() + hl + sizeof(click_udp);
    if (pl[0] == 'T' && pl[1] == 'L' && pl[2] == 'M' && pl[3] == '1') {
      uint32_t sec = ((uint32_t)pl[12] << 24) | (pl[13] << 16) | (pl[14] << 8) | pl[15];
      uint32_t nsec = ((uint32_t)pl[16] << 24) | (pl[17] << 16) | (pl[18] << 8) | pl[19];
      if (nsec >= (uint32_t)Timestamp::nsec_per_sec)
        return false;
      *tx = Timestamp::make_nsec((Timestamp::seconds_type)sec, nsec);
      _probes++;
      return true;
    }
  }
  if (_probes_only)
    return false;
  Timestamp first = FIRST_TIMESTAMP_ANNO(p);
  if (!first)
    return false;
  *tx = first;
  _annotated++;
  return true;
}

LatencyHistogram *FlowLatencyHistogram::lookup(const IPFlowID &flow) {
  LatencyHistogram *h = _hist.get_pointer(flow);
  if (h)
    return h;
  LatencyHistogram fresh;
  memset(&fresh, 0, sizeof(fresh));
  fresh.min_ns = ~(uint64_t)0;
  if (!_hist.set(flow, fresh))
    return 0;
  return _hist.get_pointer(flow);
}

void FlowLatencyHistogram::push(int, Packet *p) {
  if (!p->has_network_header() || p->network_length() < (int)sizeof(click_ip) ||
      p->ip_header()->ip_v != 4) {
    output(0).push(p);
    return;
  }
  const click_ip *iph = p->ip_header();
  Timestamp tx;
  if (!send_time(p, iph, &tx)) {
    _no_time++;
    output(0).push(p);
    return;
  }
  Timestamp delta = p->timestamp_anno() - tx;
  if (delta.is_negative()) {
    _negative++;
    output(0).push(p);
    return;
  }
  uint64_t ns = (uint64_t)delta.nsecval();
  LatencyHistogram *h = lookup(IPFlowID(p));
  if (!h) {
    _untracked++;
    output(0).push(p);
    return;
  }
  int b = bucket_of(ns);
  h->count[b]++;
  h->samples++;
  h->sum_ns += ns;
  if (ns < h->min_ns)
    h->min_ns = ns;
  if (ns > h->max_ns)
    h->max_ns = ns;
  if (++h->since_refresh >= _refresh) {
    h->p99_ns = quantile_of(*h, _quantile);
    h->since_refresh = 0;
  }
  SET_AGGREGATE_ANNO(p, (uint32_t)(ns > 0xFFFFFFFFULL ? 0xFFFFFFFFU : ns));
  if (h->p99_ns && ns > h->p99_ns && noutputs() > 1) {
    _slow++;
    output(1).push(p);
    return;
  }
  output(0).push(p);
}

String FlowLatencyHistogram::read_summary(Element *e, void *) {
  FlowLatencyHistogram *fl = static_cast<FlowLatencyHistogram *>(e);
  StringAccum sa;
  sa << "probes " << fl->_probes << " annotated " << fl->_annotated
     << " untimed " << fl->_no_time << " negative " << fl->_negative
     << " slow " << fl->_slow << "\n";
  for (auto it = fl->_hist.begin(); it != fl->_hist.end(); ++it) {
    const LatencyHistogram &h = it.value();
    if (!h.samples)
      continue;
    sa << it.key().unparse() << " n=" << h.samples
       << " min=" << (unsigned long long)h.min_ns
       << " mean=" << (unsigned long long)(h.sum_ns / h.samples)
       << " p50=" << (unsigned long long)quantile_of(h, 0.5)
       << " p99=" << (unsigned long long)quantile_of(h, fl->_quantile)
       << " max=" << (unsigned long long)h.max_ns << "\n";
  }
  return sa.take_string();
}

extern "C" Element *clara_nf_create(const char *config) {
  Element *e = new FlowLatencyHistogram;
  if (clara_element_setup(e, config ? String(config) : String(), 1, 2) < 0)
    return 0;
  return e;
}

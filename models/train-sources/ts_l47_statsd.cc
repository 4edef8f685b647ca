// Training source for the instruction models (models/README.md): a text
// metrics tap for UDP payloads: statsd lines ("name:value|type|@rate") with
// signed fixed-point value parsing and sample-rate scaling, and syslog
// "<PRI>" headers split into facility and severity; per-metric aggregates in
// a HashMap, per-severity counters, and a templated aggregate width.
// Written for training only; not part of the NF corpus.
#include <click/clara.hh>
#include <click/config.h>
#include <click/element.hh>
#include <click/hashmap.hh>
#include <click/packet.hh>
#include <click/packet_anno.hh>
#include <clicknet/ip.h>
#include <clicknet/udp.h>

enum MetricKind { MK_COUNTER, MK_GAUGE, MK_TIMER, MK_SET, MK_HIST, MK_BAD };

template <typename A> struct MetricAgg {
  A sum;
  A min, max;
  uint32_t count;
  uint8_t kind;
};

// Parses a signed decimal with up to 3 fraction digits into milli-units.
static int parse_milli(const uint8_t *b, int n, int64_t *out) {
  int i = 0;
  bool neg = false;
  if (i < n && (b[i] == '-' || b[i] == '+'))
    neg = b[i++] == '-';
  int64_t v = 0;
  int digits = 0, frac = -1;
  for (; i < n; ++i) {
    if (b[i] == '.' && frac < 0) {
      frac = 0;
      continue;
    }
    if (b[i] < '0' || b[i] > '9' || digits >= 12)
      return -1;
    if (frac >= 0 && ++frac > 3)
      continue;
    v = v * 10 + (b[i] - '0');
    digits++;
  }
  if (!digits)
    return -1;
  for (int f = frac < 0 ? 0 : frac; f < 3; ++f)
    v *= 10;
  *out = neg ? -v : v;
  return 0;
}

template <typename A> class TrainStatsd : public Element {
public:
  TrainStatsd() : _lines(0), _bad(0), _syslog(0) {
    for (int i = 0; i < 8; ++i)
      _severity[i] = 0;
  }
  const char *class_name() const override { return "TrainStatsd"; }
  const char *port_count() const override { return PORTS_1_1; }
  Packet *simple_action(Packet *p) override;

private:
  MetricKind kind(const uint8_t *t, int n) const {
    if (n == 1) {
      switch (t[0]) {
      case 'c':
        return MK_COUNTER;
      case 'g':
        return MK_GAUGE;
      case 's':
        return MK_SET;
      case 'h':
        return MK_HIST;
      default:
        return MK_BAD;
      }
    }
    return n == 2 && t[0] == 'm' && t[1] == 's' ? MK_TIMER : MK_BAD;
  }
  uint32_t name_hash(const uint8_t *b, int n) const {
    uint32_t h = 2166136261u;
    for (int i = 0; i < n; ++i) {
      h ^= b[i];
      h *= 16777619u;
    }
    return h ^ (uint32_t)n;
  }
  int parse_line(const uint8_t *b, int n);
  void account(uint32_t key, MetricKind k, int64_t milli, int64_t rate_milli);
  int syslog_pri(const uint8_t *b, int n) const {
    if (n < 3 || b[0] != '<')
      return -1;
    int v = 0, i = 1;
    for (; i < n && i < 5 && b[i] >= '0' && b[i] <= '9'; ++i)
      v = v * 10 + (b[i] - '0');
    if (i == 1 || i >= n || b[i] != '>' || v > 191)
      return -1;
    return v;
  }

  HashMap<uint32_t, MetricAgg<A>, 256, 4> _metrics;
  uint32_t _severity[8];
  uint64_t _lines, _bad, _syslog;
};

template <typename A>
void TrainStatsd<A>::account(uint32_t key, MetricKind k, int64_t milli,
                             int64_t rate_milli) {
  MetricAgg<A> *m = _metrics.findp(key);
  if (!m) {
    MetricAgg<A> z = {0, 0, 0, 0, (uint8_t)k};
    if (!_metrics.insert(key, z) || !(m = _metrics.findp(key)))
      return;
  }
  if (k == MK_COUNTER && rate_milli > 0 && rate_milli < 1000)
    milli = milli * 1000 / rate_milli; // scale up sampled counts
  A v = (A)(milli / 1000);
  switch (k) {
  case MK_GAUGE:
    m->sum = v;
    break;
  case MK_SET:
    m->sum = (A)(m->sum | ((A)1 << (key % (sizeof(A) * 8))));
    break;
  default:
    m->sum = (A)(m->sum + v);
    break;
  }
  if (m->count == 0 || v < m->min)
    m->min = v;
  if (m->count == 0 || v > m->max)
    m->max = v;
  m->count++;
}

template <typename A> int TrainStatsd<A>::parse_line(const uint8_t *b, int n) {
  int colon = -1, bar = -1, bar2 = -1;
  for (int i = 0; i < n; ++i) {
    if (b[i] == ':' && colon < 0)
      colon = i;
    else if (b[i] == '|') {
      if (bar < 0)
        bar = i;
      else if (bar2 < 0)
        bar2 = i;
    }
  }
  if (colon <= 0 || bar < colon + 2)
    return -1;
  int tend = bar2 < 0 ? n : bar2;
  MetricKind k = kind(b + bar + 1, tend - bar - 1);
  int64_t milli;
  if (k == MK_BAD || parse_milli(b + colon + 1, bar - colon - 1, &milli) < 0)
    return -1;
  int64_t rate = 1000;
  if (bar2 >= 0 && bar2 + 2 < n && b[bar2 + 1] == '@' &&
      parse_milli(b + bar2 + 2, n - bar2 - 2, &rate) < 0)
    return -1;
  account(name_hash(b, colon), k, milli, rate);
  return (int)k;
}

template <typename A> Packet *TrainStatsd<A>::simple_action(Packet *p) {
  const click_ip *iph = p->ip_header();
  if (!iph || iph->ip_p != IP_PROTO_UDP || p->transport_length() <= 8)
    return p;
  const click_udp *uh = p->udp_header();
  const uint8_t *b = reinterpret_cast<const uint8_t *>(uh + 1);
  int len = p->transport_length() - 8;
  uint16_t dport = ntohs(uh->uh_dport);
  if (dport == 514) {
    int pri = syslog_pri(b, len);
    if (pri >= 0) {
      _severity[pri & 7]++;
      _syslog++;
      if (WritablePacket *q = p->uniqueify()) {
        q->set_anno_u8(PAINT_ANNO_OFFSET, (uint8_t)(pri >> 3));
        return q;
      }
      return 0;
    }
    return p;
  }
  if (dport != 8125)
    return p;
  int start = 0, good = 0;
  for (int i = 0; i <= len; ++i) {
    if (i < len && b[i] != '\n')
      continue;
    if (i > start) {
      _lines++;
      if (parse_line(b + start, i - start) < 0)
        _bad++;
      else
        good++;
    }
    start = i + 1;
  }
  return good ? p : (p->kill(), (Packet *)0);
}

extern "C" Element *clara_nf_create(const char *config) {
  Element *e[3] = {new TrainStatsd<int32_t>, new TrainStatsd<int64_t>,
                   new TrainStatsd<uint16_t>};
  String conf = config ? String(config) : String();
  for (int i = 0; i < 3; ++i)
    if (clara_element_setup(e[i], conf, 1, 1) < 0)
      return 0;
  clara_connect(e[0], 0, e[1], 0);
  clara_connect(e[1], 0, e[2], 0);
  return e[0];
}

// Training source for the instruction models (models/README.md): per-source
// accounting: packet and byte counters per protocol, a log2 histogram of
// packet sizes, inter-arrival mean and variance (Welford, integer), TCP
// flag tallies, and a least-recently-seen eviction when the table is full.
// Written for training only; not part of the NF corpus.
#include <click/clara.hh>
#include <click/config.h>
#include <click/element.hh>
#include <click/packet.hh>
#include <click/packet_anno.hh>
#include <clicknet/icmp.h>
#include <clicknet/ip.h>
#include <clicknet/tcp.h>
#include <clicknet/udp.h>

struct SrcAccount {
  uint32_t addr;
  uint32_t pkts[4]; // tcp, udp, icmp, other
  uint64_t bytes;
  uint16_t size_hist[8];
  uint8_t flag_hist[6]; // fin syn rst psh ack urg, saturating
  int64_t last_usec;
  int64_t mean_gap; // microseconds
  uint64_t m2_gap;  // sum of squared deviations (usec^2, scaled down)
  uint32_t gaps;
};

static int size_bucket(uint32_t len) {
  // buckets: <64, <128, <256, <512, <1024, <1500, <9000, jumbo
  if (len < 64)
    return 0;
  if (len >= 9000)
    return 7;
  if (len >= 1500)
    return 6;
  int b = 0;
  for (uint32_t v = len >> 6; v > 1; v >>= 1)
    ++b;
  return 1 + b;
}

static int proto_index(uint8_t p) {
  switch (p) {
  case IP_PROTO_TCP:
    return 0;
  case IP_PROTO_UDP:
    return 1;
  case IP_PROTO_ICMP:
    return 2;
  default:
    return 3;
  }
}

class TrainSrcAccounting : public Element {
public:
  enum { N = 128, WAYS = 4 };
  TrainSrcAccounting() : _evictions(0), _total(0) {
    memset(_acct, 0, sizeof(_acct));
  }
  const char *class_name() const override { return "TrainSrcAccounting"; }
  const char *port_count() const override { return PORTS_1_1; }
  Packet *simple_action(Packet *p) override;

private:
  SrcAccount *lookup(uint32_t addr, int64_t now);
  void note_gap(SrcAccount *a, int64_t now);
  void note_flags(SrcAccount *a, uint8_t flags);
  uint32_t variance(const SrcAccount *a) const;

  SrcAccount _acct[N];
  uint32_t _evictions;
  uint64_t _total;
};

SrcAccount *TrainSrcAccounting::lookup(uint32_t addr, int64_t now) {
  uint32_t set = ((addr >> 8) ^ addr ^ (addr >> 20)) % (N / WAYS);
  SrcAccount *base = &_acct[set * WAYS];
  SrcAccount *oldest = base;
  for (int w = 0; w < WAYS; ++w) {
    SrcAccount *a = base + w;
    if (a->addr == addr && a->last_usec != 0)
      return a;
    if (a->last_usec == 0) {
      oldest = a;
      break;
    }
    if (a->last_usec < oldest->last_usec)
      oldest = a;
  }
  if (oldest->last_usec != 0)
    _evictions++;
  memset(oldest, 0, sizeof(*oldest));
  oldest->addr = addr;
  oldest->last_usec = now;
  return oldest;
}

void TrainSrcAccounting::note_gap(SrcAccount *a, int64_t now) {
  int64_t gap = now - a->last_usec;
  a->last_usec = now;
  if (a->pkts[0] + a->pkts[1] + a->pkts[2] + a->pkts[3] == 0 || gap < 0)
    return;
  a->gaps++;
  int64_t delta = gap - a->mean_gap;
  a->mean_gap += delta / (int64_t)a->gaps;
  int64_t delta2 = gap - a->mean_gap;
  int64_t prod = (delta * delta2) >> 8;
  if (prod > 0)
    a->m2_gap += (uint64_t)prod;
}

void TrainSrcAccounting::note_flags(SrcAccount *a, uint8_t flags) {
  for (int bit = 0; bit < 6; ++bit)
    if ((flags >> bit) & 1 && a->flag_hist[bit] != 0xff)
      a->flag_hist[bit]++;
}

uint32_t TrainSrcAccounting::variance(const SrcAccount *a) const {
  if (a->gaps < 2)
    return 0;
  uint64_t v = a->m2_gap / (a->gaps - 1);
  return v > 0xffffffffu ? 0xffffffffu : (uint32_t)v;
}

Packet *TrainSrcAccounting::simple_action(Packet *p) {
  if (!p->has_network_header())
    return p;
  const click_ip *iph = p->ip_header();
  const Timestamp &ts = p->timestamp_anno();
  int64_t now = ts.usecval();
  if (now == 0)
    now = 1;
  SrcAccount *a = lookup(iph->ip_src.s_addr, now);
  uint32_t len = p->length();
  note_gap(a, now);
  a->pkts[proto_index(iph->ip_p)]++;
  a->bytes += len;
  uint16_t &h = a->size_hist[size_bucket(len)];
  h = h == 0xffff ? h : (uint16_t)(h + 1);
  if (iph->ip_p == IP_PROTO_TCP && p->transport_length() >= 14)
    note_flags(a, p->tcp_header()->th_flags);
  else if (iph->ip_p == IP_PROTO_ICMP && p->transport_length() >= 1 &&
           p->icmp_header()->icmp_type == ICMP_ECHO)
    a->flag_hist[5] = a->flag_hist[5] == 0xff ? 0xff : a->flag_hist[5] + 1;
  _total += len;
  // Mark bursty sources: variance of gaps much larger than the mean squared.
  uint32_t var = variance(a);
  uint64_t m = (uint64_t)(a->mean_gap > 0 ? a->mean_gap : 0);
  bool bursty = a->gaps > 8 && (uint64_t)var * 256 > 4 * m * m;
  SET_PAINT_ANNO(p, (uint8_t)((bursty ? 0x80 : 0) | proto_index(iph->ip_p)));
  return p;
}

extern "C" Element *clara_nf_create(const char *config) {
  Element *e = new TrainSrcAccounting;
  if (clara_element_setup(e, config ? String(config) : String(), 1, 1) < 0)
    return 0;
  return e;
}

// Training source for the instruction models (models/README.md): per-prefix
// traffic aggregation (IPRateMonitor-like): packets and bytes counted per
// source or destination prefix at a configurable length, a per-protocol and
// per-port-class breakdown, interval rollover driven by the packet timestamp
// (counters of the last closed interval are kept for reporting), and the
// prefix's share of the interval written to the aggregate annotations.
// Written for training only; not part of the NF corpus.
#include <click/args.hh>
#include <click/clara.hh>
#include <click/config.h>
#include <click/element.hh>
#include <click/hashtable.hh>
#include <click/packet.hh>
#include <click/packet_anno.hh>
#include <click/timestamp.hh>
#include <clicknet/ip.h>
#include <clicknet/tcp.h>
#include <clicknet/udp.h>

struct PrefixCounters {
  uint32_t packets;
  uint32_t bytes;
  uint32_t last_packets; // closed interval
  uint32_t last_bytes;
  uint16_t proto_pkts[4]; // tcp, udp, icmp, other
  uint16_t port_class[3]; // well-known, registered, ephemeral
  uint32_t epoch;
};

class TrainPrefixAgg : public Element {
public:
  TrainPrefixAgg()
      : _prefix_len(24), _use_dst(false), _interval_ms(100), _epoch(0),
        _epoch_start_ms(0), _epoch_bytes(0), _last_epoch_bytes(0), _overflow(0),
        _nonip(0) {}
  const char *class_name() const override { return "TrainPrefixAgg"; }
  const char *port_count() const override { return PORTS_1_1; }
  int configure(Vector<String> &conf, ErrorHandler *errh) override {
    int len = 24;
    bool dst = false;
    uint32_t interval = 100;
    if (Args(conf, this, errh)
            .read("PREFIX", len)
            .read("DST", dst)
            .read("INTERVAL", interval)
            .complete() < 0)
      return -1;
    if (len < 0 || len > 32)
      return errh->error("PREFIX must be 0..32");
    _prefix_len = len;
    _use_dst = dst;
    _interval_ms = interval ? interval : 1;
    return 0;
  }
  Packet *simple_action(Packet *p) override;

private:
  uint32_t prefix_mask() const {
    return _prefix_len == 0 ? 0 : 0xffffffffu << (32 - _prefix_len);
  }
  static int proto_slot(uint8_t proto) {
    switch (proto) {
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
  static int port_slot(uint16_t port) {
    if (port < 1024)
      return 0;
    if (port < 49152)
      return 1;
    return 2;
  }
  // Returns true when the packet opened a new interval.
  bool advance_epoch(uint64_t now_ms) {
    if (_epoch_start_ms == 0) {
      _epoch_start_ms = now_ms;
      return false;
    }
    if (now_ms < _epoch_start_ms + _interval_ms)
      return false;
    uint64_t skipped = (now_ms - _epoch_start_ms) / _interval_ms;
    _epoch += (uint32_t)skipped;
    _epoch_start_ms += skipped * _interval_ms;
    _last_epoch_bytes = skipped == 1 ? _epoch_bytes : 0;
    _epoch_bytes = 0;
    return true;
  }
  void roll(PrefixCounters *c) {
    if (c->epoch == _epoch)
      return;
    bool adjacent = c->epoch + 1 == _epoch;
    c->last_packets = adjacent ? c->packets : 0;
    c->last_bytes = adjacent ? c->bytes : 0;
    c->packets = c->bytes = 0;
    for (int i = 0; i < 4; ++i)
      c->proto_pkts[i] = 0;
    c->port_class[0] = c->port_class[1] = c->port_class[2] = 0;
    c->epoch = _epoch;
  }
  PrefixCounters *lookup(uint32_t prefix) {
    PrefixCounters *c = _table.get_pointer(prefix);
    if (c)
      return c;
    if (_table.size() >= _table.capacity())
      return 0;
    PrefixCounters fresh;
    memset(&fresh, 0, sizeof(fresh));
    fresh.epoch = _epoch;
    _table.set(prefix, fresh);
    return _table.get_pointer(prefix);
  }
  uint16_t l4_port(const Packet *p, uint8_t proto) const {
    if (proto != IP_PROTO_TCP && proto != IP_PROTO_UDP)
      return 0;
    if (p->transport_length() < 4 || !IP_FIRSTFRAG(p->ip_header()))
      return 0;
    const click_udp *uh = p->udp_header();
    return ntohs(_use_dst ? uh->uh_dport : uh->uh_sport);
  }
  // Share of this interval's bytes in 1/65536 units.
  uint16_t share(const PrefixCounters *c) const {
    if (_epoch_bytes == 0)
      return 0;
    uint64_t s = ((uint64_t)c->bytes << 16) / _epoch_bytes;
    return s > 0xffff ? 0xffff : (uint16_t)s;
  }

  HashTable<uint32_t, PrefixCounters, 128, 4> _table;
  int _prefix_len;
  bool _use_dst;
  uint32_t _interval_ms;
  uint32_t _epoch;
  uint64_t _epoch_start_ms;
  uint64_t _epoch_bytes, _last_epoch_bytes;
  uint32_t _overflow, _nonip;
};

Packet *TrainPrefixAgg::simple_action(Packet *p) {
  if (!p->has_network_header() || p->network_length() < 20) {
    _nonip++;
    return p;
  }
  const click_ip *iph = p->ip_header();
  uint64_t now_ms = (uint64_t)p->timestamp_anno().msecval();
  advance_epoch(now_ms);

  uint32_t addr = ntohl(_use_dst ? iph->ip_dst.s_addr : iph->ip_src.s_addr);
  uint32_t prefix = addr & prefix_mask();
  PrefixCounters *c = lookup(prefix);
  if (!c) {
    _overflow++;
    SET_AGGREGATE_ANNO(p, 0);
    return p;
  }
  roll(c);
  uint32_t len = ntohs(iph->ip_len);
  c->packets++;
  c->bytes += len;
  _epoch_bytes += len;
  int ps = proto_slot(iph->ip_p);
  if (c->proto_pkts[ps] != 0xffff)
    c->proto_pkts[ps]++;
  uint16_t port = l4_port(p, iph->ip_p);
  if (port != 0)
    c->port_class[port_slot(port)]++;

  SET_AGGREGATE_ANNO(p, prefix);
  SET_AGGREGATE_AUX_ANNO(p, share(c));
  SET_EXTRA_PACKETS_ANNO(p, c->last_packets);
  return p;
}

extern "C" Element *clara_nf_create(const char *config) {
  Element *e = new TrainPrefixAgg;
  if (clara_element_setup(e, config ? String(config) : String(), 1, 1) < 0)
    return 0;
  return e;
}

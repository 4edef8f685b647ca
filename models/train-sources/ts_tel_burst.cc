// Training source for the instruction models (models/README.md): a burst
// (flowlet) detector: per flow, in a direct-mapped table with tag check,
// packets closer together than GAP form one burst; a new burst bumps the flow's
// flowlet number (written to the AGGREGATE annotation for flowlet load
// balancing), and a finished burst is binned by packet count into a power-of-
// two histogram with its byte count and duration; packets past the BURST
// threshold of their burst go to output 1; an aggregate window counter tracks
// the busiest WINDOW of the link. Written for training only; not part of the NF
// corpus.
#include <click/args.hh>
#include <click/clara.hh>
#include <click/config.h>
#include <click/element.hh>
#include <click/error.hh>
#include <click/packet.hh>
#include <click/packet_anno.hh>
#include <click/straccum.hh>
#include <click/timestamp.hh>
#include <clicknet/ip.h>
#include <clicknet/udp.h>

#define BD_SLOTS 1024
#define BD_HIST 12

struct BurstSlot {
  uint32_t tag;        // flow hash, 0 = empty
  uint32_t flowlet;    // bursts seen for this flow
  uint32_t pkts;       // packets in the current burst
  uint32_t bytes;      // bytes in the current burst
  Timestamp start;     // first packet of the current burst
  Timestamp last;      // last packet seen
};

class PacketBurstDetector : public Element {
public:
  PacketBurstDetector()
      : _gap(0, 50000), _window(0, 100000), _burst_pkts(16), _bursts(0),
        _evictions(0), _max_burst(0), _max_burst_bytes(0), _win_pkts(0),
        _win_bytes(0), _peak_win_pkts(0), _peak_win_bytes(0) {
    memset(_slots, 0, sizeof(_slots));
    memset(_hist, 0, sizeof(_hist));
  }

  const char *class_name() const override { return "PacketBurstDetector"; }
  const char *port_count() const override { return "1/2"; }
  const char *processing() const override { return PUSH; }

  int configure(Vector<String> &conf, ErrorHandler *errh) override {
    if (Args(conf, this, errh)
            .read("GAP", _gap)
            .read("WINDOW", _window)
            .read("BURST", _burst_pkts)
            .complete() < 0)
      return -1;
    if (!_gap || !_window)
      return errh->error("GAP and WINDOW must be positive");
    if (_burst_pkts < 2)
      return errh->error("BURST must be at least 2");
    return 0;
  }

  void add_handlers() override { add_read_handler("stats", read_stats, 0); }

  void push(int port, Packet *p) override;

private:
  Timestamp _gap, _window;
  uint32_t _burst_pkts;
  BurstSlot _slots[BD_SLOTS];
  uint32_t _hist[BD_HIST];
  uint32_t _bursts, _evictions, _max_burst, _max_burst_bytes;
  Timestamp _win_start, _max_duration;
  uint32_t _win_pkts, _win_bytes, _peak_win_pkts, _peak_win_bytes;

  static uint32_t flow_hash(const click_ip *iph, const uint8_t *l4, bool ports) {
    uint32_t h = iph->ip_src.s_addr * 0x9E3779B1U;
    h ^= iph->ip_dst.s_addr + 0x85EBCA6BU + (h << 6) + (h >> 2);
    h ^= iph->ip_p;
    if (ports) {
      uint32_t pp;
      memcpy(&pp, l4, 4);
      h ^= pp + 0xC2B2AE35U + (h << 6) + (h >> 2);
    }
    h ^= h >> 15;
    h *= 0x2C1B3C6DU;
    h ^= h >> 12;
    return h ? h : 1;
  }

  static int hist_bin(uint32_t pkts) {
    int b = 31 - __builtin_clz(pkts);
    return b < BD_HIST ? b : BD_HIST - 1;
  }

  void close_burst(BurstSlot &s) {
    if (!s.pkts)
      return;
    _hist[hist_bin(s.pkts)]++;
    _bursts++;
    if (s.pkts > _max_burst)
      _max_burst = s.pkts;
    if (s.bytes > _max_burst_bytes)
      _max_burst_bytes = s.bytes;
    Timestamp dur = s.last - s.start;
    if (dur > _max_duration)
      _max_duration = dur;
    s.pkts = 0;
    s.bytes = 0;
  }

  void window_account(const Timestamp &now, uint32_t len) {
    if (!_win_start || now - _win_start >= _window) {
      _win_start = now;
      _win_pkts = 0;
      _win_bytes = 0;
    }
    _win_pkts++;
    _win_bytes += len;
    if (_win_pkts > _peak_win_pkts)
      _peak_win_pkts = _win_pkts;
    if (_win_bytes > _peak_win_bytes)
      _peak_win_bytes = _win_bytes;
  }

  static String read_stats(Element *e, void *);
};

void PacketBurstDetector::push(int, Packet *p) {
  if (!p->has_network_header() || p->network_length() < (int)sizeof(click_ip)) {
    output(0).push(p);
    return;
  }
  const click_ip *iph = p->ip_header();
  unsigned hl = iph->ip_hl << 2;
  bool ports = (iph->ip_p == IP_PROTO_TCP || iph->ip_p == IP_PROTO_UDP) &&
               IP_FIRSTFRAG(iph) && p->network_length() >= (int)hl + 4;
  uint32_t tag = flow_hash(iph, p->network_header() + hl, ports);
  uint32_t len = ntohs(iph->ip_len);
  const Timestamp &now = p->timestamp_anno();
  window_account(now, len);

  BurstSlot &s = _slots[tag & (BD_SLOTS - 1)];
  if (s.tag != tag) {
    if (s.tag) {
      close_burst(s);
      _evictions++;
    }
    memset(&s, 0, sizeof(s));
    s.tag = tag;
  }
  if (s.pkts && now - s.last > _gap)
    close_burst(s);
  if (!s.pkts) {
    s.flowlet++;
    s.start = now;
  }
  s.pkts++;
  s.bytes += len;
  s.last = now;
  SET_AGGREGATE_ANNO(p, (tag & 0xFFFF0000U) | (s.flowlet & 0xFFFF));
  if (s.pkts > _burst_pkts)
    output(1).push(p);
  else
    output(0).push(p);
}

String PacketBurstDetector::read_stats(Element *e, void *) {
  PacketBurstDetector *d = static_cast<PacketBurstDetector *>(e);
  StringAccum sa;
  sa << "bursts " << d->_bursts << " max_pkts " << d->_max_burst
     << " max_bytes " << d->_max_burst_bytes << " evictions "
     << d->_evictions << " max_duration " << d->_max_duration.unparse()
     << " peak_window_pkts " << d->_peak_win_pkts
     << " peak_window_bytes " << d->_peak_win_bytes << "\nhist";
  for (int b = 0; b < BD_HIST; ++b)
    sa << ' ' << (1u << b) << ':' << d->_hist[b];
  unsigned open = 0;
  for (int i = 0; i < BD_SLOTS; ++i)
    if (d->_slots[i].pkts)
      open++;
  sa << "\nopen " << open << '\n';
  return sa.take_string();
}

extern "C" Element *clara_nf_create(const char *config) {
  Element *e = new PacketBurstDetector;
  if (clara_element_setup(e, config ? String(config) : String(), 1, 2) < 0)
    return 0;
  return e;
}

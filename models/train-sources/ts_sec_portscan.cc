// Training source for the instruction models (models/README.md): a port-scan
// detector: per-source records of distinct destination ports and hosts in
// fixed time windows (small bitmaps indexed by hashed port/address, SWAR
// popcounts), runs of sequential ports, failed probes learnt from TCP RSTs
// and ICMP port-unreachable replies, and a weighted score that flags the
// source; flagged sources' probes leave on output 1.
// Written for training only; not part of the NF corpus.
#include <click/clara.hh>
#include <click/config.h>
#include <click/element.hh>
#include <click/hashtable.hh>
#include <click/packet.hh>
#include <click/packet_anno.hh>
#include <clicknet/icmp.h>
#include <clicknet/ip.h>
#include <clicknet/tcp.h>
#include <clicknet/udp.h>

struct ScanRecord {
  uint32_t window;       // window number (msec / WINDOW_MS)
  uint64_t port_bits;    // hashed destination ports of this window
  uint32_t host_bits[4]; // hashed destination hosts (128 bits)
  uint16_t probes;
  uint16_t failures;
  uint16_t last_dport;
  int16_t run; // consecutive ascending (or descending, negative) ports
  uint8_t flagged;
  uint8_t strikes; // windows in a row over the threshold
};

static uint32_t mix32(uint32_t x) {
  x ^= x >> 16;
  x *= 0x7feb352du;
  x ^= x >> 15;
  x *= 0x846ca68bu;
  return x ^ (x >> 16);
}

static unsigned popcount64(uint64_t v) {
  v = v - ((v >> 1) & 0x5555555555555555ull);
  v = (v & 0x3333333333333333ull) + ((v >> 2) & 0x3333333333333333ull);
  v = (v + (v >> 4)) & 0x0f0f0f0f0f0f0f0full;
  return (unsigned)((v * 0x0101010101010101ull) >> 56);
}

class TrainPortScan : public Element {
public:
  enum { WINDOW_MS = 500, PORT_WEIGHT = 3, HOST_WEIGHT = 2, FAIL_WEIGHT = 4 };
  TrainPortScan()
      : _threshold(90), _run_bonus(20), _flag_strikes(2), _probes(0),
        _flagged(0), _failures(0), _full(0) {}
  const char *class_name() const override { return "TrainPortScan"; }
  const char *port_count() const override { return PORTS_1_1X2; }
  const char *processing() const override { return PUSH; }
  void push(int port, Packet *p) override;

private:
  ScanRecord *record(uint32_t src, uint32_t window);
  bool note_probe(ScanRecord *r, uint32_t dst, uint16_t dport);
  void note_failure(uint32_t scanner, uint32_t window);
  uint32_t score(const ScanRecord *r) const;
  bool unreach_inner(const Packet *p, uint32_t *scanner) const;
  static uint32_t window_of(const Packet *p) {
    const Timestamp &t = p->timestamp_anno();
    uint64_t ms = (uint64_t)t.sec() * 1000 + t.msec();
    return (uint32_t)(ms / WINDOW_MS);
  }

  HashTable<uint32_t, ScanRecord, 512, 4> _sources;
  uint32_t _threshold, _run_bonus;
  uint8_t _flag_strikes;
  uint64_t _probes, _flagged, _failures, _full;
};

ScanRecord *TrainPortScan::record(uint32_t src, uint32_t window) {
  ScanRecord *r = _sources.get_pointer(src);
  if (!r) {
    ScanRecord fresh;
    memset(&fresh, 0, sizeof(fresh));
    fresh.window = window;
    if (!_sources.insert(src, fresh)) {
      _full++;
      return 0;
    }
    return _sources.get_pointer(src);
  }
  if (r->window != window) {
    // Close the window: a busy one is a strike, a quiet gap clears them.
    bool busy = score(r) >= _threshold;
    if (busy && window - r->window == 1)
      r->strikes = r->strikes < 255 ? r->strikes + 1 : 255;
    else if (!busy)
      r->strikes = 0;
    if (r->strikes >= _flag_strikes)
      r->flagged = 1;
    else if (window - r->window > 20)
      r->flagged = 0;
    r->window = window;
    r->port_bits = 0;
    r->host_bits[0] = r->host_bits[1] = r->host_bits[2] = r->host_bits[3] = 0;
    r->probes = r->failures = 0;
    r->run = 0;
  }
  return r;
}

bool TrainPortScan::note_probe(ScanRecord *r, uint32_t dst, uint16_t dport) {
  uint64_t pbit = 1ull << (mix32(dport) & 63);
  uint32_t h = mix32(dst) & 127;
  uint32_t hbit = 1u << (h & 31);
  bool new_port = !(r->port_bits & pbit);
  bool new_host = !(r->host_bits[h >> 5] & hbit);
  r->port_bits |= pbit;
  r->host_bits[h >> 5] |= hbit;
  if (r->probes != 0xffff)
    r->probes++;
  int diff = (int)dport - (int)r->last_dport;
  if (diff == 1 && r->run >= 0)
    r->run++;
  else if (diff == -1 && r->run <= 0)
    r->run--;
  else if (diff != 0)
    r->run = 0;
  r->last_dport = dport;
  return new_port || new_host;
}

void TrainPortScan::note_failure(uint32_t scanner, uint32_t window) {
  ScanRecord *r = _sources.get_pointer(scanner);
  if (!r || r->window != window)
    return;
  if (r->failures != 0xffff)
    r->failures++;
  _failures++;
}

uint32_t TrainPortScan::score(const ScanRecord *r) const {
  unsigned ports = popcount64(r->port_bits);
  unsigned hosts =
      popcount64((uint64_t)r->host_bits[0] << 32 | r->host_bits[1]) +
      popcount64((uint64_t)r->host_bits[2] << 32 | r->host_bits[3]);
  uint32_t s = ports * PORT_WEIGHT + hosts * HOST_WEIGHT;
  // Failed probes count more once most probes fail.
  if (r->probes > 4 && r->failures * 2 > r->probes)
    s += r->failures * FAIL_WEIGHT;
  else
    s += r->failures;
  int run = r->run < 0 ? -r->run : r->run;
  if (run >= 8)
    s += _run_bonus + (uint32_t)run;
  return s;
}

bool TrainPortScan::unreach_inner(const Packet *p, uint32_t *scanner) const {
  const click_icmp *ic = p->icmp_header();
  if (ic->icmp_type != ICMP_UNREACH)
    return false;
  if (ic->icmp_code != 3 && ic->icmp_code != 1 && ic->icmp_code != 13)
    return false;
  int tl = p->transport_length();
  if (tl < 8 + (int)sizeof(click_ip))
    return false;
  const click_ip *inner =
      reinterpret_cast<const click_ip *>(p->transport_header() + 8);
  if (inner->ip_v != 4 || inner->ip_hl < 5)
    return false;
  *scanner = ntohl(inner->ip_src.s_addr);
  return true;
}

void TrainPortScan::push(int, Packet *p) {
  const click_ip *iph = p->ip_header();
  if (!p->has_network_header() || !p->has_transport_header() ||
      !IP_FIRSTFRAG(iph)) {
    output(0).push(p);
    return;
  }
  uint32_t window = window_of(p);
  uint32_t src = ntohl(iph->ip_src.s_addr);
  uint32_t dst = ntohl(iph->ip_dst.s_addr);
  int tl = p->transport_length();
  uint16_t dport;
  switch (iph->ip_p) {
  case IP_PROTO_TCP: {
    if (tl < (int)sizeof(click_tcp))
      goto pass;
    const click_tcp *th = p->tcp_header();
    uint8_t fl = th->th_flags;
    if (fl & TH_RST) {
      note_failure(dst, window); // the closed port answers the prober
      goto pass;
    }
    // SYN, and the stealth probes (FIN, NULL, Xmas) without ACK
    if ((fl & TH_ACK) || (!(fl & (TH_SYN | TH_FIN)) && fl != 0))
      goto pass;
    dport = ntohs(th->th_dport);
    break;
  }
  case IP_PROTO_UDP:
    if (tl < (int)sizeof(click_udp))
      goto pass;
    dport = ntohs(p->udp_header()->uh_dport);
    break;
  case IP_PROTO_ICMP: {
    uint32_t scanner;
    if (tl >= (int)sizeof(click_icmp) && unreach_inner(p, &scanner))
      note_failure(scanner, window);
    goto pass;
  }
  default:
    goto pass;
  }
  {
    ScanRecord *r = record(src, window);
    if (!r)
      goto pass;
    _probes++;
    note_probe(r, dst, dport);
    if (!r->flagged && score(r) >= 2 * _threshold)
      r->flagged = 1;
    SET_AGGREGATE_ANNO(p, score(r));
    if (r->flagged) {
      _flagged++;
      output(1).push(p);
      return;
    }
  }
pass:
  output(0).push(p);
}

extern "C" Element *clara_nf_create(const char *config) {
  Element *e = new TrainPortScan;
  if (clara_element_setup(e, config ? String(config) : String(), 1, 2) < 0)
    return 0;
  return e;
}

// Training source for the instruction models (models/README.md): an in-band
// network telemetry (INT-MD over TCP/UDP) sink: it recognises INT by the DSCP,
// validates the shim and metadata header, walks the hop metadata stack summing
// hop latencies and hashing the node path, restores the original DSCP, strips
// the INT bytes and repairs lengths and checksums; per-flow state detects path
// changes and latency excursions, which (rate-limited) produce a UDP telemetry
// report carrying the flow key and the raw INT stack on output 1. Written for
// training only; not part of the NF corpus.
#include <click/args.hh>
#include <click/clara.hh>
#include <click/config.h>
#include <click/element.hh>
#include <click/error.hh>
#include <click/hashtable.hh>
#include <click/ipflowid.hh>
#include <click/packet.hh>
#include <click/timestamp.hh>
#include <clicknet/ether.h>
#include <clicknet/ip.h>
#include <clicknet/tcp.h>
#include <clicknet/udp.h>

namespace {

const unsigned kShimLen = 4;
const unsigned kMdLen = 12;
const unsigned kReportHdr = 16;
const unsigned kMaxStack = 255 * 4;

inline uint16_t get16(const uint8_t *b) { return (uint16_t)((b[0] << 8) | b[1]); }
inline uint32_t get32(const uint8_t *b) {
  return ((uint32_t)get16(b) << 16) | get16(b + 2);
}
inline void set16(uint8_t *b, uint16_t v) {
  b[0] = (uint8_t)(v >> 8);
  b[1] = (uint8_t)v;
}
inline void set32(uint8_t *b, uint32_t v) {
  set16(b, (uint16_t)(v >> 16));
  set16(b + 2, (uint16_t)v);
}

struct PathState {
  uint32_t path_hash;
  uint32_t hops;
  uint32_t packets;
  uint32_t path_changes;
  uint64_t latency_sum_ns;
  uint32_t max_latency_ns;
  Timestamp last_report;
};

// What the stack walk found.
struct StackSummary {
  uint32_t hops;
  uint32_t path_hash;
  uint64_t latency_ns;
  uint32_t worst_hop_ns;
  uint32_t max_queue;
  bool has_latency;
  bool has_node;
};

} // namespace

class INTSinkStrip : public Element {
public:
  INTSinkStrip()
      : _dscp(0x17), _latency_threshold_ns(500000), _report_interval(0, 100000000),
        _collector(0x0a0000fe), _reporter(0x0a000002), _report_port(32766),
        _ip_id(0), _stripped(0), _malformed(0), _reports(0), _untracked(0) {}

  const char *class_name() const override { return "INTSinkStrip"; }
  const char *port_count() const override { return "1/2"; }
  const char *processing() const override { return PUSH; }

  int configure(Vector<String> &conf, ErrorHandler *errh) override {
    IPAddress collector(htonl(_collector)), reporter(htonl(_reporter));
    if (Args(conf, this, errh)
            .read("DSCP", _dscp)
            .read("LATENCY_THRESHOLD_NS", _latency_threshold_ns)
            .read("REPORT_INTERVAL", _report_interval)
            .read("COLLECTOR", collector)
            .read("SRC", reporter)
            .read("PORT", _report_port)
            .complete() < 0)
      return -1;
    if (_dscp > 63)
      return errh->error("DSCP must be below 64");
    _collector = ntohl(collector.addr());
    _reporter = ntohl(reporter.addr());
    return 0;
  }

  void push(int port, Packet *p) override;

private:
  unsigned _dscp;
  uint32_t _latency_threshold_ns;
  Timestamp _report_interval;
  uint32_t _collector, _reporter;
  uint16_t _report_port;
  uint16_t _ip_id;
  uint32_t _stripped, _malformed, _reports, _untracked;
  HashTable<IPFlowID, PathState, 256, 4> _flows;

  static bool l4_header_length(const click_ip *iph, const uint8_t *l4,
                               unsigned avail, unsigned *l4hl) {
    if (iph->ip_p == IP_PROTO_UDP) {
      *l4hl = sizeof(click_udp);
      return avail >= sizeof(click_udp);
    }
    if (iph->ip_p != IP_PROTO_TCP || avail < sizeof(click_tcp))
      return false;
    *l4hl = reinterpret_cast<const click_tcp *>(l4)->th_off << 2;
    return *l4hl >= sizeof(click_tcp) && *l4hl <= avail;
  }

  static unsigned words_for(uint16_t ins) {
    unsigned w = 0;
    for (int bit = 15; bit >= 8; --bit)
      if (ins & (1u << bit))
        w += (bit == 11 || bit == 10 || bit == 9) ? 2 : 1;
    return w;
  }

  static uint32_t mix(uint32_t h, uint32_t v) {
    h ^= v;
    h *= 0x01000193U;
    return (h << 13) | (h >> 19);
  }

  static void summarize_hop(const uint8_t *m, uint16_t ins, StackSummary *s) {
    if (ins & 0x8000) {
      s->path_hash = mix(s->path_hash, get32(m));
      s->has_node = true;
      m += 4;
    }
    if (ins & 0x4000)
      m += 4;
    if (ins & 0x2000) {
      uint32_t lat = get32(m);
      s->latency_ns += lat;
      if (lat > s->worst_hop_ns)
        s->worst_hop_ns = lat;
      s->has_latency = true;
      m += 4;
    }
    if (ins & 0x1000) {
      uint32_t q = get32(m) & 0xFFFFFF;
      if (q > s->max_queue)
        s->max_queue = q;
    }
  }

  static bool walk_stack(const uint8_t *md, unsigned stack_len,
                         StackSummary *s) {
    unsigned hop_ml = md[2] & 0x1F;
    uint16_t ins = get16(md + 4);
    memset(s, 0, sizeof(*s));
    s->path_hash = 0x811C9DC5U;
    if (hop_ml == 0 || hop_ml != words_for(ins))
      return false;
    if (stack_len % (hop_ml * 4) != 0)
      return false;
    const uint8_t *m = md + kMdLen;
    for (unsigned off = 0; off < stack_len; off += hop_ml * 4) {
      summarize_hop(m + off, ins, s);
      s->hops++;
    }
    return true;
  }

  static void fix_checksums(WritablePacket *q, click_ip *iph, unsigned hl) {
    iph->ip_sum = 0;
    iph->ip_sum = click_in_cksum(reinterpret_cast<unsigned char *>(iph), hl);
    unsigned char *l4 = reinterpret_cast<unsigned char *>(iph) + hl;
    int l4len = ntohs(iph->ip_len) - (int)hl;
    if (iph->ip_p == IP_PROTO_UDP) {
      click_udp *uh = reinterpret_cast<click_udp *>(l4);
      uh->uh_ulen = htons((uint16_t)l4len);
      if (!uh->uh_sum)
        return;
      uh->uh_sum = 0;
      uh->uh_sum = click_in_cksum_pseudohdr(click_in_cksum(l4, l4len), iph, l4len);
      if (!uh->uh_sum)
        uh->uh_sum = 0xFFFF;
    } else {
      click_tcp *th = reinterpret_cast<click_tcp *>(l4);
      th->th_sum = 0;
      th->th_sum = click_in_cksum_pseudohdr(click_in_cksum(l4, l4len), iph, l4len);
    }
    q->set_ip_header(iph, hl);
  }

  bool should_report(PathState *st, const StackSummary &s, uint8_t md_flags,
                     const Timestamp &now);
  Packet *make_report(const IPFlowID &flow, uint8_t proto,
                      const uint8_t *int_bytes, unsigned int_len,
                      const StackSummary &s, const Timestamp &now);
};

bool INTSinkStrip::should_report(PathState *st, const StackSummary &s,
                                 uint8_t md_flags, const Timestamp &now) {
  bool changed = st->packets > 0 &&
                 (st->path_hash != s.path_hash || st->hops != s.hops);
  if (changed)
    st->path_changes++;
  st->path_hash = s.path_hash;
  st->hops = s.hops;
  st->packets++;
  st->latency_sum_ns += s.latency_ns;
  if (s.latency_ns > st->max_latency_ns)
    st->max_latency_ns = s.latency_ns > 0xFFFFFFFFULL ? 0xFFFFFFFFU
                                                      : (uint32_t)s.latency_ns;
  bool trigger = st->packets == 1 || changed || (md_flags & 0x06) != 0 ||
                 (s.has_latency && s.latency_ns > _latency_threshold_ns);
  if (!trigger)
    return false;
  if (st->last_report && now - st->last_report < _report_interval && !changed)
    return false;
  st->last_report = now;
  return true;
}

Packet *INTSinkStrip::make_report(const IPFlowID &flow, uint8_t proto,
                                  const uint8_t *int_bytes, unsigned int_len,
                                  const StackSummary &s, const Timestamp &now) {
  unsigned payload = kReportHdr + 16 + int_len;
  unsigned ip_len = sizeof(click_ip) + sizeof(click_udp) + payload;
  WritablePacket *q = Packet::make(2, 0, sizeof(click_ether) + ip_len, 0);
  if (!q)
    return 0;
  click_ether *eh = reinterpret_cast<click_ether *>(q->data());
  memset(eh, 0, sizeof(*eh));
  eh->ether_dhost[0] = 0x02;
  eh->ether_dhost[5] = 0xfe;
  eh->ether_shost[0] = 0x02;
  eh->ether_shost[5] = 0x02;
  eh->ether_type = htons(ETHERTYPE_IP);
  click_ip *iph = reinterpret_cast<click_ip *>(eh + 1);
  memset(iph, 0, sizeof(*iph));
  iph->ip_v = 4;
  iph->ip_hl = 5;
  iph->ip_len = htons((uint16_t)ip_len);
  iph->ip_id = htons(++_ip_id);
  iph->ip_ttl = 64;
  iph->ip_p = IP_PROTO_UDP;
  iph->ip_src.s_addr = htonl(_reporter);
  iph->ip_dst.s_addr = htonl(_collector);
  iph->ip_sum = click_in_cksum(reinterpret_cast<unsigned char *>(iph), 20);
  click_udp *uh = reinterpret_cast<click_udp *>(iph + 1);
  uh->uh_sport = htons(_report_port);
  uh->uh_dport = htons(_report_port);
  uh->uh_ulen = htons((uint16_t)(sizeof(click_udp) + payload));
  uh->uh_sum = 0;
  uint8_t *r = reinterpret_cast<uint8_t *>(uh + 1);
  // Report header: version, hop count, sequence, timestamp.
  r[0] = 0x20;
  r[1] = (uint8_t)s.hops;
  set16(r + 2, (uint16_t)(payload / 4));
  set32(r + 4, _reports);
  set32(r + 8, (uint32_t)now.sec());
  set32(r + 12, now.nsec());
  uint8_t *k = r + kReportHdr;
  set32(k, ntohl(flow.saddr().addr()));
  set32(k + 4, ntohl(flow.daddr().addr()));
  set16(k + 8, ntohs(flow.sport()));
  set16(k + 10, ntohs(flow.dport()));
  k[12] = proto;
  k[13] = 0;
  set16(k + 14, 0);
  memcpy(k + 16, int_bytes, int_len);
  unsigned ulen = sizeof(click_udp) + payload;
  uh->uh_sum = click_in_cksum_pseudohdr(
      click_in_cksum(reinterpret_cast<unsigned char *>(uh), ulen), iph, ulen);
  if (!uh->uh_sum)
    uh->uh_sum = 0xFFFF;
  q->set_mac_header(q->data(), sizeof(click_ether));
  q->set_ip_header(iph, sizeof(click_ip));
  q->set_timestamp_anno(now);
  _reports++;
  return q;
}

void INTSinkStrip::push(int, Packet *p) {
  if (!p->has_network_header() || p->network_length() < (int)sizeof(click_ip)) {
    output(0).push(p);
    return;
  }
  const click_ip *iph = p->ip_header();
  if (iph->ip_v != 4 || (unsigned)(iph->ip_tos >> 2) != _dscp ||
      IP_ISFRAG(iph)) {
    output(0).push(p);
    return;
  }
  unsigned hl = iph->ip_hl << 2;
  unsigned ip_len = ntohs(iph->ip_len);
  if (hl < sizeof(click_ip) || ip_len < hl || ip_len > (unsigned)p->network_length()) {
    _malformed++;
    output(0).push(p);
    return;
  }
  const uint8_t *l4 = p->network_header() + hl;
  unsigned l4hl;
  if (!l4_header_length(iph, l4, ip_len - hl, &l4hl) ||
      ip_len < hl + l4hl + kShimLen + kMdLen) {
    _malformed++;
    output(0).push(p);
    return;
  }
  const uint8_t *shim = l4 + l4hl;
  unsigned int_len = shim[1] * 4u;
  if ((shim[0] >> 4) != 1 || int_len < kShimLen + kMdLen ||
      hl + l4hl + int_len > ip_len || int_len > kMaxStack) {
    _malformed++;
    output(0).push(p);
    return;
  }
  const uint8_t *md = shim + kShimLen;
  StackSummary sum;
  if ((md[0] >> 4) != 2 || !walk_stack(md, int_len - kShimLen - kMdLen, &sum)) {
    _malformed++;
    output(0).push(p);
    return;
  }

  IPFlowID flow(iph->ip_src, 0, iph->ip_dst, 0);
  if (l4hl >= 4) {
    flow.set_sport(reinterpret_cast<const click_udp *>(l4)->uh_sport);
    flow.set_dport(reinterpret_cast<const click_udp *>(l4)->uh_dport);
  }
  Timestamp now = p->timestamp_anno();
  Packet *report = 0;
  PathState *st = _flows.get_pointer(flow);
  if (!st) {
    PathState fresh;
    memset(&fresh, 0, sizeof(fresh));
    if (_flows.set(flow, fresh))
      st = _flows.get_pointer(flow);
    else
      _untracked++;
  }
  if (st && should_report(st, sum, md[1], now))
    report = make_report(flow, iph->ip_p, shim, int_len, sum, now);

  // Restore DSCP, then cut the INT bytes out.
  uint8_t orig_dscp = (uint8_t)(get16(shim + 2) >> 2) & 0x3F;
  int ip_off = p->network_header_offset();
  unsigned cut_at = ip_off + hl + l4hl;
  unsigned trailer = p->network_length() - ip_len;
  WritablePacket *q = p->uniqueify();
  if (!q) {
    if (report)
      output(1).push(report);
    return;
  }
  if (trailer)
    q->take(trailer);
  click_ip *wiph = reinterpret_cast<click_ip *>(q->data() + ip_off);
  wiph->ip_tos = (uint8_t)((orig_dscp << 2) | (wiph->ip_tos & IP_ECNMASK));
  wiph->ip_len = htons((uint16_t)(ip_len - int_len));
  memmove(q->data() + int_len, q->data(), cut_at);
  q->pull(int_len);
  wiph = reinterpret_cast<click_ip *>(q->data() + ip_off);
  q->set_mac_header(q->data(), ip_off);
  fix_checksums(q, wiph, hl);
  _stripped++;
  output(0).push(q);
  if (report)
    output(1).push(report);
}

extern "C" Element *clara_nf_create(const char *config) {
  Element *e = new INTSinkStrip;
  if (clara_element_setup(e, config ? String(config) : String(), 1, 2) < 0)
    return 0;
  return e;
}

// Training source for the instruction models (models/README.md): an IPFIX (RFC
// 7011) flow record builder with RFC 5475 hash-based flow selection: a
// deterministic hash of the 5-tuple picks which flows are metered; a flow cache
// keyed by the 5-tuple keeps octets, packets, first/last milliseconds, min/max
// TTL and OR-ed TCP flags; flows end on FIN/RST, active or idle timeout (an
// incremental sweep visits a few cache entries per packet), and flows that find
// their cache bucket full are counted as lost; records go into a data set, and
// messages carry a template set every few exports, all encoded field by field
// with set padding, and leave as UDP datagrams on output 1. Written for
// training only; not part of the NF corpus.
#include <click/args.hh>
#include <click/clara.hh>
#include <click/config.h>
#include <click/element.hh>
#include <click/error.hh>
#include <click/hashtable.hh>
#include <click/packet.hh>
#include <click/timestamp.hh>
#include <clicknet/ether.h>
#include <clicknet/ip.h>
#include <clicknet/tcp.h>
#include <clicknet/udp.h>

struct FiveTuple {
  uint32_t src, dst;
  uint16_t sport, dport;
  uint8_t proto;
  FiveTuple() : src(0), dst(0), sport(0), dport(0), proto(0) {}
  hashcode_t hashcode() const {
    return (src * 0x9E3779B1U) ^ (dst + 0x7F4A7C15U) ^
           ((uint32_t)sport << 16 | dport) ^ ((uint32_t)proto << 24);
  }
  bool operator==(const FiveTuple &o) const {
    return src == o.src && dst == o.dst && sport == o.sport &&
           dport == o.dport && proto == o.proto;
  }
};

struct IpfixFlow {
  uint64_t octets, packets;
  uint64_t start_ms, end_ms;
  uint16_t tcp_flags;
  uint8_t min_ttl, max_ttl;
  uint8_t end_reason;
};

enum EndReason { END_IDLE = 1, END_ACTIVE = 2, END_FLOW = 3 };

// Information elements of template 256: (id, length).
static const uint16_t kTemplate[][2] = {
    {8, 4},   {12, 4},  {7, 2},   {11, 2}, {4, 1},  {6, 2}, {1, 8},
    {2, 8},   {152, 8}, {153, 8}, {52, 1}, {53, 1}, {136, 1}};
enum {
  NFIELDS = sizeof(kTemplate) / sizeof(kTemplate[0]),
  REC_LEN = 4 + 4 + 2 + 2 + 1 + 2 + 8 + 8 + 8 + 8 + 1 + 1 + 1,
  MSG_HDR = 16,
  SET_HDR = 4,
  TMPL_SET_LEN = SET_HDR + 4 + NFIELDS * 4,
  MAX_RECS = 16,
  TEMPLATE_ID = 256
};

static inline uint8_t *be(uint8_t *b, uint64_t v, int n) {
  for (int i = n - 1; i >= 0; --i, v >>= 8)
    b[i] = (uint8_t)v;
  return b + n;
}

class IPFIXFlowExporter : public Element {
public:
  IPFIXFlowExporter()
      : _select_frac(1.0), _select_limit(0xFFFFFFFFU), _active_ms(2000),
        _idle_ms(500), _domain(1), _template_every(8), _collector(0x0a0000fe),
        _exporter(0x0a000001), _nrecs(0), _seq(0), _msgs(0), _sweep(0),
        _selected(0), _unselected(0), _lost(0) {}

  const char *class_name() const override { return "IPFIXFlowExporter"; }
  const char *port_count() const override { return "1/2"; }
  const char *processing() const override { return PUSH; }

  int configure(Vector<String> &conf, ErrorHandler *errh) override {
    if (Args(conf, this, errh)
            .read("SELECT", _select_frac)
            .read("ACTIVE_MS", _active_ms)
            .read("IDLE_MS", _idle_ms)
            .read("DOMAIN", _domain)
            .read("TEMPLATE_EVERY", _template_every)
            .complete() < 0)
      return -1;
    if (_select_frac <= 0 || _select_frac > 1)
      return errh->error("SELECT must be in (0, 1]");
    if (_template_every == 0)
      _template_every = 1;
    _select_limit = _select_frac >= 1 ? 0xFFFFFFFFU
                                      : (uint32_t)(_select_frac * 4294967296.0);
    return 0;
  }

  void push(int, Packet *p) override;

private:
  double _select_frac;
  uint32_t _select_limit;
  uint32_t _active_ms, _idle_ms, _domain, _template_every;
  uint32_t _collector, _exporter;
  HashTable<FiveTuple, IpfixFlow, 128, 4> _cache;
  uint8_t _recs[MAX_RECS * REC_LEN];
  int _nrecs;
  uint32_t _seq, _msgs;
  int _sweep;
  uint32_t _selected, _unselected, _lost;

  // Selection hash: a 32-bit finaliser over the key bytes (deterministic,
  // independent of the cache's bucket hash).
  static uint32_t select_hash(const FiveTuple &k) {
    uint32_t h = 0x2545F491U;
    uint32_t w[3] = {k.src, k.dst, ((uint32_t)k.sport << 16) | k.dport};
    for (int i = 0; i < 3; ++i) {
      h ^= w[i];
      h *= 0xCC9E2D51U;
      h = (h << 15) | (h >> 17);
    }
    h ^= k.proto;
    h ^= h >> 16;
    h *= 0x85EBCA6BU;
    h ^= h >> 13;
    return h;
  }

  void encode(const FiveTuple &k, const IpfixFlow &f) {
    uint8_t *r = _recs + _nrecs * REC_LEN;
    r = be(r, ntohl(k.src), 4);
    r = be(r, ntohl(k.dst), 4);
    r = be(r, ntohs(k.sport), 2);
    r = be(r, ntohs(k.dport), 2);
    r = be(r, k.proto, 1);
    r = be(r, f.tcp_flags, 2);
    r = be(r, f.octets, 8);
    r = be(r, f.packets, 8);
    r = be(r, f.start_ms, 8);
    r = be(r, f.end_ms, 8);
    r = be(r, f.min_ttl, 1);
    r = be(r, f.max_ttl, 1);
    be(r, f.end_reason, 1);
    _nrecs++;
  }

  Packet *expire(const FiveTuple &k, IpfixFlow &f, uint8_t reason,
                 uint64_t now_ms) {
    f.end_reason = reason;
    encode(k, f);
    _cache.erase(k);
    return _nrecs == MAX_RECS ? build_message(now_ms) : 0;
  }

  Packet *sweep_some(uint64_t now_ms, int budget);
  Packet *build_message(uint64_t now_ms);
};

Packet *IPFIXFlowExporter::build_message(uint64_t now_ms) {
  bool with_template = _msgs % _template_every == 0;
  unsigned data_len = SET_HDR + _nrecs * REC_LEN;
  unsigned pad = (4 - data_len % 4) % 4;
  unsigned msg_len =
      MSG_HDR + (with_template ? TMPL_SET_LEN : 0) + data_len + pad;
  unsigned udp_len = sizeof(click_udp) + msg_len;
  unsigned ip_len = sizeof(click_ip) + udp_len;
  WritablePacket *q = Packet::make(2, 0, sizeof(click_ether) + ip_len, 0);
  if (!q)
    return 0;
  memset(q->data(), 0, q->length());
  click_ether *eh = reinterpret_cast<click_ether *>(q->data());
  eh->ether_dhost[0] = 0x02;
  eh->ether_shost[0] = 0x02;
  eh->ether_shost[5] = 0x01;
  eh->ether_type = htons(ETHERTYPE_IP);
  click_ip *iph = reinterpret_cast<click_ip *>(eh + 1);
  iph->ip_v = 4;
  iph->ip_hl = 5;
  iph->ip_len = htons(ip_len);
  iph->ip_id = htons((uint16_t)_msgs);
  iph->ip_off = htons(IP_DF);
  iph->ip_ttl = 64;
  iph->ip_p = IP_PROTO_UDP;
  iph->ip_src.s_addr = htonl(_exporter);
  iph->ip_dst.s_addr = htonl(_collector);
  iph->ip_sum = click_in_cksum(reinterpret_cast<unsigned char *>(iph), 20);
  click_udp *uh = reinterpret_cast<click_udp *>(iph + 1);
  uh->uh_sport = htons(4739);
  uh->uh_dport = htons(4739);
  uh->uh_ulen = htons(udp_len);
  uint8_t *m = reinterpret_cast<uint8_t *>(uh + 1);
  m = be(m, 10, 2);
  m = be(m, msg_len, 2);
  m = be(m, now_ms / 1000, 4);
  m = be(m, _seq, 4);
  m = be(m, _domain, 4);
  if (with_template) {
    m = be(m, 2, 2);
    m = be(m, TMPL_SET_LEN, 2);
    m = be(m, TEMPLATE_ID, 2);
    m = be(m, NFIELDS, 2);
    for (int i = 0; i < NFIELDS; ++i) {
      m = be(m, kTemplate[i][0], 2);
      m = be(m, kTemplate[i][1], 2);
    }
  }
  m = be(m, TEMPLATE_ID, 2);
  m = be(m, data_len + pad, 2);
  memcpy(m, _recs, _nrecs * REC_LEN);
  uh->uh_sum = click_in_cksum_pseudohdr(
      click_in_cksum(reinterpret_cast<unsigned char *>(uh), udp_len), iph,
      udp_len);
  if (uh->uh_sum == 0)
    uh->uh_sum = 0xFFFF;
  q->set_mac_header(q->data(), sizeof(click_ether));
  q->set_ip_header(iph, sizeof(click_ip));
  _seq += _nrecs;
  _nrecs = 0;
  _msgs++;
  return q;
}

Packet *IPFIXFlowExporter::sweep_some(uint64_t now_ms, int budget) {
  Packet *msg = 0;
  auto it = _cache.begin();
  // Resume roughly where the previous sweep stopped.
  for (int skip = _sweep; skip > 0 && it != _cache.end(); --skip)
    ++it;
  if (it == _cache.end()) {
    _sweep = 0;
    return 0;
  }
  while (budget-- > 0 && it != _cache.end()) {
    IpfixFlow &f = it.value();
    uint8_t reason = 0;
    if (now_ms - f.end_ms >= _idle_ms)
      reason = END_IDLE;
    else if (now_ms - f.start_ms >= _active_ms)
      reason = END_ACTIVE;
    if (!reason) {
      ++it;
      ++_sweep;
      continue;
    }
    FiveTuple k = it.key();
    f.end_reason = reason;
    encode(k, f);
    it = _cache.erase(it);
    if (_nrecs == MAX_RECS && !msg)
      msg = build_message(now_ms);
    if (_nrecs == MAX_RECS)
      break;
  }
  return msg;
}

void IPFIXFlowExporter::push(int, Packet *p) {
  if (!p->has_network_header() || p->network_length() < 20) {
    output(0).push(p);
    return;
  }
  const click_ip *iph = p->ip_header();
  uint64_t now_ms = (uint64_t)p->timestamp_anno().msecval();
  FiveTuple k;
  k.src = iph->ip_src.s_addr;
  k.dst = iph->ip_dst.s_addr;
  k.proto = iph->ip_p;
  uint8_t flags = 0;
  unsigned hl = iph->ip_hl << 2;
  const uint8_t *l4 = p->network_header() + hl;
  int l4len = p->network_length() - (int)hl;
  if (IP_FIRSTFRAG(iph) && (k.proto == IP_PROTO_TCP || k.proto == IP_PROTO_UDP) &&
      l4len >= 4) {
    k.sport = reinterpret_cast<const click_udp *>(l4)->uh_sport;
    k.dport = reinterpret_cast<const click_udp *>(l4)->uh_dport;
    if (k.proto == IP_PROTO_TCP && l4len >= 14)
      flags = reinterpret_cast<const click_tcp *>(l4)->th_flags;
  }

  Packet *msg = 0;
  if (select_hash(k) > _select_limit) {
    _unselected++;
  } else {
    _selected++;
    auto it = _cache.find(k);
    if (it == _cache.end()) {
      IpfixFlow f;
      memset(&f, 0, sizeof(f));
      f.start_ms = now_ms;
      f.min_ttl = 255;
      it = _cache.find_insert(k);
      if (it == _cache.end()) {
        _lost++;
        goto out;
      }
      it.value() = f;
    }
    IpfixFlow &f = it.value();
    f.packets++;
    f.octets += ntohs(iph->ip_len);
    f.end_ms = now_ms;
    f.tcp_flags |= flags;
    if (iph->ip_ttl < f.min_ttl)
      f.min_ttl = iph->ip_ttl;
    if (iph->ip_ttl > f.max_ttl)
      f.max_ttl = iph->ip_ttl;
    if (flags & (TH_FIN | TH_RST))
      msg = expire(k, f, END_FLOW, now_ms);
    else if (now_ms - f.start_ms >= _active_ms)
      msg = expire(k, f, END_ACTIVE, now_ms);
  }
out:
  if (!msg)
    msg = sweep_some(now_ms, 4);
  output(0).push(p);
  if (msg)
    output(1).push(msg);
}

extern "C" Element *clara_nf_create(const char *config) {
  Element *e = new IPFIXFlowExporter;
  if (clara_element_setup(e, config ? String(config) : String(), 1, 2) < 0)
    return 0;
  return e;
}

// Training source for the instruction models (models/README.md): a simple IPS
// signature matcher: signatures (byte strings, optionally case-insensitive,
// with protocol, port and a stream window given as offset and depth) are
// indexed by their first byte, TCP and UDP payloads are scanned inside each
// signature's window, a per-flow state keeps the stream offset and the tail of
// the previous in-order segment so matches that straddle two segments are
// found, and a match alerts, drops the packet or blocks the whole flow.
// Written for training only; not part of the NF corpus.
#include <click/clara.hh>
#include <click/config.h>
#include <click/element.hh>
#include <click/args.hh>
#include <click/hashtable.hh>
#include <click/ipflowid.hh>
#include <click/packet.hh>
#include <click/packet_anno.hh>
#include <click/vector.hh>
#include <clicknet/ip.h>
#include <clicknet/tcp.h>
#include <clicknet/udp.h>

namespace {

enum SigAction { SA_ALERT = 0, SA_DROP = 1, SA_BLOCK = 2 };

struct Signature {
  uint16_t id;
  uint8_t proto;  // 0 any
  uint8_t action;
  uint16_t port;  // server port, 0 any
  bool nocase;
  uint32_t offset; // stream window start
  uint32_t depth;  // window length, 0 unlimited
  int len;
  uint8_t bytes[32];
};

enum { TAIL = 31 };

struct StreamState {
  uint32_t next_seq;
  uint32_t stream_off; // payload bytes seen before this segment
  uint32_t last_s;
  uint8_t tail_len;
  uint8_t blocked;
  uint16_t matched_sig;
  uint8_t tail[TAIL];
};

inline uint8_t fold(uint8_t c) { return c >= 'A' && c <= 'Z' ? c + 32 : c; }

} // namespace

class MidIpsSignatureMatcher : public Element {
public:
  enum { OUT_PASS = 0, OUT_DROP = 1 };
  enum { FLOW_IDLE_S = 120 };

  MidIpsSignatureMatcher() : _alerts(0), _drops(0), _blocked_pkts(0), _scanned(0) {
    add(1, IP_PROTO_TCP, 80, SA_DROP, true, 0, 1024, "/etc/passwd");
    add(2, IP_PROTO_TCP, 80, SA_BLOCK, true, 0, 0, "${jndi:");
    add(3, IP_PROTO_TCP, 0, SA_ALERT, true, 0, 0, "' or 1=1");
    add(4, IP_PROTO_TCP, 21, SA_ALERT, false, 0, 64, "USER root");
    add(5, 0, 0, SA_DROP, false, 0, 0, "\x90\x90\x90\x90\x90\x90\x90\x90");
    add(6, IP_PROTO_UDP, 53, SA_ALERT, true, 12, 64, "\x07version\x04" "bind");
    add(7, IP_PROTO_TCP, 0, SA_BLOCK, false, 0, 0, "cmd.exe /c");
    add(8, IP_PROTO_TCP, 443, SA_DROP, false, 0, 8, "\x18\x03\x01\x40\x00");
  }

  const char *class_name() const override { return "MidIpsSignatureMatcher"; }
  const char *port_count() const override { return PORTS_1_1X2; }
  const char *processing() const override { return PUSH; }

  int configure(Vector<String> &conf, ErrorHandler *errh) override {
    bool alert_only = false;
    if (Args(conf, this, errh).read("ALERT_ONLY", alert_only).complete() < 0)
      return -1;
    if (alert_only)
      for (int i = 0; i < _sigs.size(); ++i)
        _sigs[i].action = SA_ALERT;
    return 0;
  }

  int initialize(ErrorHandler *) override {
    for (int i = 0; i < _sigs.size(); ++i) {
      uint8_t b = _sigs[i].bytes[0];
      _by_first[b].push_back(i);
      if (_sigs[i].nocase && b >= 'a' && b <= 'z')
        _by_first[b - 32].push_back(i);
    }
    return 0;
  }

  void push(int, Packet *p) override;

private:
  void add(uint16_t id, uint8_t proto, uint16_t port, uint8_t action,
           bool nocase, uint32_t offset, uint32_t depth, const char *pat) {
    Signature s;
    memset(&s, 0, sizeof(s));
    s.id = id;
    s.proto = proto;
    s.port = port;
    s.action = action;
    s.nocase = nocase;
    s.offset = offset;
    s.depth = depth;
    s.len = (int)strlen(pat);
    if (s.len > (int)sizeof(s.bytes))
      s.len = sizeof(s.bytes);
    for (int i = 0; i < s.len; ++i)
      s.bytes[i] = nocase ? fold((uint8_t)pat[i]) : (uint8_t)pat[i];
    _sigs.push_back(s);
  }

  static bool applies(const Signature &s, uint8_t proto, uint16_t sport,
                      uint16_t dport) {
    if (s.proto && s.proto != proto)
      return false;
    return !s.port || s.port == sport || s.port == dport;
  }

  static bool equal_at(const Signature &s, const uint8_t *d, int avail) {
    if (avail < s.len)
      return false;
    if (s.nocase) {
      for (int k = 1; k < s.len; ++k)
        if (fold(d[k]) != s.bytes[k])
          return false;
      return true;
    }
    return memcmp(d + 1, s.bytes + 1, s.len - 1) == 0;
  }

  const Signature *scan(const uint8_t *data, int len, uint32_t base_off,
                        int min_end, uint8_t proto, uint16_t sport,
                        uint16_t dport);

  Vector<Signature> _sigs;
  Vector<int> _by_first[256];
  HashTable<IPFlowID, StreamState, 512, 4> _streams;
  uint64_t _alerts, _drops, _blocked_pkts, _scanned;
};

// Scan data (whose first byte is at stream offset base_off); a match must
// end at or after min_end so that the stitched tail is not re-reported.
const Signature *MidIpsSignatureMatcher::scan(const uint8_t *data, int len,
                                              uint32_t base_off, int min_end,
                                              uint8_t proto, uint16_t sport,
                                              uint16_t dport) {
  for (int i = 0; i < len; ++i) {
    const Vector<int> &cand = _by_first[data[i]];
    for (int c = 0; c < cand.size(); ++c) {
      const Signature &s = _sigs[cand[c]];
      if (i + s.len <= min_end || !applies(s, proto, sport, dport))
        continue;
      uint32_t at = base_off + i;
      if (at < s.offset)
        continue;
      if (s.depth && at + s.len > s.offset + s.depth)
        continue;
      if (equal_at(s, data + i, len - i))
        return &s;
    }
  }
  return 0;
}

void MidIpsSignatureMatcher::push(int, Packet *p) {
  const click_ip *iph = p->ip_header();
  if (!iph || IP_ISFRAG(iph) ||
      (iph->ip_p != IP_PROTO_TCP && iph->ip_p != IP_PROTO_UDP)) {
    output(OUT_PASS).push(p);
    return;
  }
  int hl = iph->ip_hl << 2;
  const uint8_t *l4 = reinterpret_cast<const uint8_t *>(iph) + hl;
  int l4len = ntohs(iph->ip_len) - hl;
  if (l4 + l4len > p->end_data())
    l4len = (int)(p->end_data() - l4);
  int hdr = iph->ip_p == IP_PROTO_TCP ? 0 : (int)sizeof(click_udp);
  if (iph->ip_p == IP_PROTO_TCP && l4len >= (int)sizeof(click_tcp))
    hdr = reinterpret_cast<const click_tcp *>(l4)->th_off << 2;
  if (hdr < 8 || l4len < hdr) {
    output(OUT_PASS).push(p);
    return;
  }
  uint16_t sport = (uint16_t)(l4[0] << 8 | l4[1]);
  uint16_t dport = (uint16_t)(l4[2] << 8 | l4[3]);
  const uint8_t *pl = l4 + hdr;
  int plen = l4len - hdr;
  uint32_t now_s = (uint32_t)p->timestamp_anno().sec();

  IPFlowID key(p);
  StreamState *st = _streams.get_pointer(key);
  if (st && now_s - st->last_s > FLOW_IDLE_S) {
    _streams.erase(key);
    st = 0;
  }
  if (st && st->blocked) {
    _blocked_pkts++;
    output(OUT_DROP).push(p);
    return;
  }
  if (plen == 0) {
    if (!st && iph->ip_p == IP_PROTO_TCP &&
        (reinterpret_cast<const click_tcp *>(l4)->th_flags & TH_SYN)) {
      StreamState fresh;
      memset(&fresh, 0, sizeof(fresh));
      fresh.next_seq = ntohl(reinterpret_cast<const click_tcp *>(l4)->th_seq) + 1;
      fresh.last_s = now_s;
      _streams.set(key, fresh);
    }
    output(OUT_PASS).push(p);
    return;
  }

  _scanned++;
  uint32_t seq = iph->ip_p == IP_PROTO_TCP
                     ? ntohl(reinterpret_cast<const click_tcp *>(l4)->th_seq)
                     : 0;
  bool in_order = st && iph->ip_p == IP_PROTO_TCP && st->next_seq == seq;
  uint32_t base = in_order ? st->stream_off : (st ? st->stream_off : 0);
  const Signature *hit = 0;

  if (in_order && st->tail_len) {
    // stitch: previous tail followed by the start of this payload
    uint8_t buf[2 * TAIL];
    int head = plen < TAIL ? plen : TAIL;
    memcpy(buf, st->tail, st->tail_len);
    memcpy(buf + st->tail_len, pl, head);
    hit = scan(buf, st->tail_len + head, base - st->tail_len, st->tail_len,
               iph->ip_p, sport, dport);
  }
  if (!hit)
    hit = scan(pl, plen, base, 0, iph->ip_p, sport, dport);

  if (!st && iph->ip_p == IP_PROTO_TCP) {
    StreamState fresh;
    memset(&fresh, 0, sizeof(fresh));
    if (_streams.set(key, fresh))
      st = _streams.get_pointer(key);
  }
  if (st) {
    st->last_s = now_s;
    if (iph->ip_p == IP_PROTO_TCP) {
      st->next_seq = seq + plen;
      st->stream_off += plen;
      int keep = plen < TAIL ? plen : TAIL;
      if (keep < TAIL && in_order && st->tail_len) {
        int old = st->tail_len + keep > TAIL ? TAIL - keep : st->tail_len;
        memmove(st->tail, st->tail + st->tail_len - old, old);
        memcpy(st->tail + old, pl, keep);
        st->tail_len = old + keep;
      } else {
        memcpy(st->tail, pl + plen - keep, keep);
        st->tail_len = keep;
      }
    }
  }

  if (!hit) {
    output(OUT_PASS).push(p);
    return;
  }
  SET_AGGREGATE_ANNO(p, hit->id);
  switch (hit->action) {
  case SA_ALERT:
    _alerts++;
    if (st)
      st->matched_sig = hit->id;
    output(OUT_PASS).push(p);
    return;
  case SA_BLOCK:
    if (st)
      st->blocked = 1;
    /* fall through */
  default:
    _drops++;
    output(OUT_DROP).push(p);
    return;
  }
}

extern "C" Element *clara_nf_create(const char *config) {
  Element *e = new MidIpsSignatureMatcher;
  if (clara_element_setup(e, config ? String(config) : String(), 1, 2) < 0)
    return 0;
  return e;
}

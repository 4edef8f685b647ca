// Training source for the instruction models (models/README.md): packet-loss
// detection from sequence numbers carried in a UDP probe header ("TLM1" magic,
// stream id, 32-bit sequence): per (source, stream) a 64-entry receive bitmap
// below the highest sequence separates late (reordered) arrivals from
// duplicates and too-late packets; sequence numbers that slide out of the
// window unreceived are final losses, binned by loss-run length; large backward
// jumps restart the stream; duplicates leave on output 1, everything else on
// output 0, and the per-stream state can be read through a handler. Written for
// training only; not part of the NF corpus.
#include <click/args.hh>
#include <click/clara.hh>
#include <click/config.h>
#include <click/element.hh>
#include <click/error.hh>
#include <click/hashtable.hh>
#include <click/packet.hh>
#include <click/straccum.hh>
#include <clicknet/ip.h>
#include <clicknet/udp.h>

namespace {

const unsigned kWindow = 64;
const unsigned kProbeLen = 12; // magic, stream, sequence
const int kRunBins = 5;        // 1, 2, 3-4, 5-8, 9+

struct StreamKey {
  uint32_t src;
  uint32_t stream;
  StreamKey() : src(0), stream(0) {}
  StreamKey(uint32_t s, uint32_t id) : src(s), stream(id) {}
  hashcode_t hashcode() const { return src * 0x9E3779B1U + stream; }
  bool operator==(const StreamKey &o) const {
    return src == o.src && stream == o.stream;
  }
};

struct StreamState {
  bool started;
  uint32_t highest;
  uint64_t window; // bit i: highest - i received
  uint32_t valid;  // bits of window that stand for sent sequences
  uint32_t received, lost, late, duplicate, too_late, restarts;
  uint32_t run; // current run of final losses
  uint32_t runs[kRunBins];
};

enum Verdict { V_NEW, V_LATE, V_DUP, V_TOO_LATE, V_RESTART };

} // namespace

class ProbeSeqLossMeter : public Element {
public:
  ProbeSeqLossMeter()
      : _port(0), _restart_gap(1 << 16), _non_probe(0), _bad(0),
        _overflow(0) {}

  const char *class_name() const override { return "ProbeSeqLossMeter"; }
  const char *port_count() const override { return "1/2"; }
  const char *processing() const override { return PUSH; }

  int configure(Vector<String> &conf, ErrorHandler *errh) override {
    if (Args(conf, this, errh)
            .read("PORT", _port)
            .read("RESTART_GAP", _restart_gap)
            .complete() < 0)
      return -1;
    if (_restart_gap < kWindow)
      return errh->error("RESTART_GAP must be at least %u", kWindow);
    return 0;
  }

  void add_handlers() override { add_read_handler("streams", read_streams, 0); }

  void push(int port, Packet *p) override;

private:
  uint16_t _port; // 0: any UDP port
  uint32_t _restart_gap;
  uint32_t _non_probe, _bad, _overflow;
  HashTable<StreamKey, StreamState, 128, 4> _streams;

  static uint32_t be32(const uint8_t *b) {
    return ((uint32_t)b[0] << 24) | ((uint32_t)b[1] << 16) |
           ((uint32_t)b[2] << 8) | b[3];
  }

  static bool is_probe(const uint8_t *pl) {
    return pl[0] == 'T' && pl[1] == 'L' && pl[2] == 'M' && pl[3] == '1';
  }

  static int run_bin(uint32_t run) {
    if (run <= 2)
      return (int)run - 1;
    if (run <= 4)
      return 2;
    if (run <= 8)
      return 3;
    return 4;
  }

  static void end_run(StreamState &s) {
    if (s.run) {
      s.runs[run_bin(s.run)]++;
      s.run = 0;
    }
  }

  // Account bit positions [from, kWindow) that are about to slide out.
  static void retire(StreamState &s, unsigned shift) {
    for (unsigned i = kWindow - shift; i < kWindow; ++i) {
      // Oldest first: bit kWindow-1 leaves first.
      unsigned bit = kWindow - 1 - (i - (kWindow - shift));
      if (bit >= s.valid)
        continue;
      if (s.window & ((uint64_t)1 << bit)) {
        end_run(s);
      } else {
        s.lost++;
        s.run++;
      }
    }
  }

  static void advance(StreamState &s, uint32_t seq) {
    uint32_t shift = seq - s.highest;
    if (shift >= kWindow) {
      retire(s, kWindow);
      // Sequences skipped beyond the window are lost outright.
      uint32_t skipped = shift - kWindow;
      s.lost += skipped;
      s.run += skipped;
      s.window = 1;
      s.valid = kWindow;
    } else {
      retire(s, shift);
      s.window = (s.window << shift) | 1;
      s.valid = s.valid + shift > kWindow ? kWindow : s.valid + shift;
    }
    s.highest = seq;
  }

  Verdict account(StreamState &s, uint32_t seq) {
    if (!s.started) {
      memset(&s, 0, sizeof(s));
      s.started = true;
      s.highest = seq;
      s.window = 1;
      s.valid = 1;
      s.received = 1;
      return V_NEW;
    }
    int32_t diff = (int32_t)(seq - s.highest);
    if (diff > 0) {
      if ((uint32_t)diff > _restart_gap)
        return restart(s, seq);
      advance(s, seq);
      s.received++;
      return V_NEW;
    }
    uint32_t back = (uint32_t)(-diff);
    if (back >= s.valid) {
      if (back > _restart_gap)
        return restart(s, seq);
      s.too_late++;
      return V_TOO_LATE;
    }
    uint64_t bit = (uint64_t)1 << back;
    if (s.window & bit) {
      s.duplicate++;
      return V_DUP;
    }
    s.window |= bit;
    s.received++;
    s.late++;
    return V_LATE;
  }

  Verdict restart(StreamState &s, uint32_t seq) {
    end_run(s);
    s.restarts++;
    s.highest = seq;
    s.window = 1;
    s.valid = 1;
    s.received++;
    return V_RESTART;
  }

  static String read_streams(Element *e, void *);
};

void ProbeSeqLossMeter::push(int, Packet *p) {
  if (!p->has_network_header() || p->network_length() < (int)sizeof(click_ip)) {
    output(0).push(p);
    return;
  }
  const click_ip *iph = p->ip_header();
  if (iph->ip_v != 4 || iph->ip_p != IP_PROTO_UDP || !IP_FIRSTFRAG(iph)) {
    output(0).push(p);
    return;
  }
  unsigned hl = iph->ip_hl << 2;
  if (hl < sizeof(click_ip) ||
      p->network_length() < (int)(hl + sizeof(click_udp) + kProbeLen)) {
    _non_probe++;
    output(0).push(p);
    return;
  }
  const click_udp *uh =
      reinterpret_cast<const click_udp *>(p->network_header() + hl);
  if (_port && uh->uh_dport != htons(_port)) {
    _non_probe++;
    output(0).push(p);
    return;
  }
  const uint8_t *pl = reinterpret_cast<const uint8_t *>(uh + 1);
  if (!is_probe(pl)) {
    _non_probe++;
    output(0).push(p);
    return;
  }
  if (ntohs(uh->uh_ulen) < sizeof(click_udp) + kProbeLen) {
    _bad++;
    output(0).push(p);
    return;
  }
  StreamKey key(iph->ip_src.s_addr, be32(pl + 4));
  StreamState *s = _streams.get_pointer(key);
  if (!s) {
    StreamState fresh;
    memset(&fresh, 0, sizeof(fresh));
    if (!_streams.set(key, fresh)) {
      _overflow++;
      output(0).push(p);
      return;
    }
    s = _streams.get_pointer(key);
  }
  Verdict v = account(*s, be32(pl + 8));
  if (v == V_DUP)
    output(1).push(p);
  else
    output(0).push(p);
}

String ProbeSeqLossMeter::read_streams(Element *e, void *) {
  ProbeSeqLossMeter *m = static_cast<ProbeSeqLossMeter *>(e);
  StringAccum sa;
  for (auto it = m->_streams.begin(); it != m->_streams.end(); ++it) {
    const StreamState &s = it.value();
    // Losses still inside the window are tentative.
    unsigned pending = 0;
    for (unsigned i = 0; i < s.valid; ++i)
      if (!(s.window & ((uint64_t)1 << i)))
        pending++;
    sa << IPAddress(it.key().src).unparse() << "/" << it.key().stream
       << " highest " << s.highest << " received " << s.received << " lost "
       << s.lost << " pending " << pending << " late " << s.late << " dup "
       << s.duplicate << " too_late " << s.too_late << " restarts "
       << s.restarts << " runs";
    for (int b = 0; b < kRunBins; ++b)
      sa << ' ' << s.runs[b];
    sa << '\n';
  }
  sa << "non_probe " << m->_non_probe << " bad " << m->_bad << " overflow "
     << m->_overflow << '\n';
  return sa.take_string();
}

extern "C" Element *clara_nf_create(const char *config) {
  Element *e = new ProbeSeqLossMeter;
  if (clara_element_setup(e, config ? String(config) : String(), 1, 2) < 0)
    return 0;
  return e;
}

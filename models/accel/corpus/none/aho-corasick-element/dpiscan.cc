// PayloadSignatureScan: multi-pattern payload inspection of an IDS as a
// Click element. Up to 32 byte signatures (case-sensitive, given as
// SIG arguments) are compiled into an Aho-Corasick automaton: a keyword
// trie of goto edges, failure links computed breadth-first, and then a
// complete deterministic transition table (state x byte -> state) so that
// the scan touches one table cell per payload byte. Each state carries the
// set of signatures ending there (own outputs OR the outputs of its failure
// state) as a 32-bit mask. The element skips the IPv4 header and the TCP or
// UDP header, scans the payload, and sends packets that match any
// signature to output 1 (per-signature hit counters are kept); clean
// packets go to output 0. Label: none.
#include <click/config.h>
#include <click/element.hh>
#include <click/packet.hh>
#include <click/args.hh>
#include <clicknet/ip.h>
#include <clicknet/tcp.h>
#include <clicknet/udp.h>

class PayloadSignatureScan : public Element {
public:
  enum { MAX_SIGS = 32, MAX_STATES = 512, ALPHA = 256, DEAD = 0xFFFF };

  PayloadSignatureScan();
  const char *class_name() const override { return "PayloadSignatureScan"; }
  const char *port_count() const override { return "1/2"; }
  const char *processing() const override { return PUSH; }
  int configure(Vector<String> &conf, ErrorHandler *errh) override;
  void push(int, Packet *p) override;

  void reset();
  int add_signature(const unsigned char *sig, unsigned len);
  void compile();
  uint32_t scan(const unsigned char *s, const unsigned char *end) const;
  static int payload_offset(const unsigned char *pkt, unsigned len);

  unsigned nstates() const { return _nstates; }
  unsigned long hits(int i) const { return _hits[i]; }

private:
  // Before compile(): _next holds goto edges only (DEAD = no edge).
  // After compile(): _next is the full DFA.
  uint16_t _next[MAX_STATES][ALPHA];
  uint16_t _fail[MAX_STATES];
  uint32_t _out[MAX_STATES];
  unsigned _nstates;
  int _nsigs;
  bool _compiled;
  unsigned long _hits[MAX_SIGS];
};

PayloadSignatureScan::PayloadSignatureScan() { reset(); }

void PayloadSignatureScan::reset() {
  for (unsigned c = 0; c < ALPHA; c++)
    _next[0][c] = DEAD;
  _fail[0] = 0;
  _out[0] = 0;
  _nstates = 1;
  _nsigs = 0;
  _compiled = false;
  for (int i = 0; i < MAX_SIGS; i++)
    _hits[i] = 0;
}

// Insert one keyword into the goto trie; returns its index or -1.
int PayloadSignatureScan::add_signature(const unsigned char *sig,
                                        unsigned len) {
  if (_compiled || _nsigs >= MAX_SIGS || len == 0)
    return -1;
  unsigned st = 0;
  for (unsigned i = 0; i < len; i++) {
    uint16_t nx = _next[st][sig[i]];
    if (nx == DEAD) {
      if (_nstates >= MAX_STATES)
        return -1;
      nx = (uint16_t)_nstates++;
      for (unsigned c = 0; c < ALPHA; c++)
        _next[nx][c] = DEAD;
      _fail[nx] = 0;
      _out[nx] = 0;
      _next[st][sig[i]] = nx;
    }
    st = nx;
  }
  _out[st] |= 1u << _nsigs;
  return _nsigs++;
}

// Breadth-first construction of failure links, folded directly into the
// transition table: a missing edge of state s on byte c becomes the edge
// of fail(s) on c, which is already final because fail(s) is shallower.
void PayloadSignatureScan::compile() {
  uint16_t queue[MAX_STATES];
  unsigned head = 0, tail = 0;
  for (unsigned c = 0; c < ALPHA; c++) {
    uint16_t t = _next[0][c];
    if (t == DEAD) {
      _next[0][c] = 0;
    } else {
      _fail[t] = 0;
      queue[tail++] = t;
    }
  }
  while (head < tail) {
    uint16_t s = queue[head++];
    _out[s] |= _out[_fail[s]];
    for (unsigned c = 0; c < ALPHA; c++) {
      uint16_t t = _next[s][c];
      if (t == DEAD) {
        _next[s][c] = _next[_fail[s]][c];
      } else {
        _fail[t] = _next[_fail[s]][c];
        queue[tail++] = t;
      }
    }
  }
  _compiled = true;
}

// Run the automaton; returns the mask of signatures seen at least once.
uint32_t PayloadSignatureScan::scan(const unsigned char *s,
                                    const unsigned char *end) const {
  uint32_t seen = 0;
  unsigned st = 0;
  while (s < end) {
    st = _next[st][*s++];
    seen |= _out[st];
  }
  return seen;
}

// Offset of the L4 payload in an IPv4 packet, or -1 if it is not a first
// fragment of TCP/UDP or the headers are truncated.
int PayloadSignatureScan::payload_offset(const unsigned char *pkt,
                                         unsigned len) {
  if (len < sizeof(click_ip))
    return -1;
  const click_ip *iph = reinterpret_cast<const click_ip *>(pkt);
  unsigned hl = iph->ip_hl << 2;
  if (iph->ip_v != 4 || hl < sizeof(click_ip) || hl > len)
    return -1;
  if ((ntohs(iph->ip_off) & IP_OFFMASK) != 0)
    return -1;
  if (iph->ip_p == IP_PROTO_TCP) {
    if (len < hl + sizeof(click_tcp))
      return -1;
    const click_tcp *th = reinterpret_cast<const click_tcp *>(pkt + hl);
    unsigned thl = th->th_off << 2;
    if (thl < sizeof(click_tcp) || hl + thl > len)
      return -1;
    return (int)(hl + thl);
  }
  if (iph->ip_p == IP_PROTO_UDP) {
    if (len < hl + sizeof(click_udp))
      return -1;
    return (int)(hl + sizeof(click_udp));
  }
  return -1;
}

int PayloadSignatureScan::configure(Vector<String> &conf, ErrorHandler *) {
  reset();
  for (int i = 0; i < conf.size(); i++) {
    const String &a = conf[i];
    if (a.length() > 4 && a.substring(0, 4) == "SIG ")
      if (add_signature(reinterpret_cast<const unsigned char *>(a.data()) + 4,
                        a.length() - 4) < 0)
        return -1;
  }
  compile();
  return 0;
}

void PayloadSignatureScan::push(int, Packet *p) {
  int off = payload_offset(p->data(), p->length());
  uint32_t m = 0;
  if (off >= 0)
    m = scan(p->data() + off, p->end_data());
  for (int i = 0; m >> i; i++)
    if ((m >> i) & 1)
      _hits[i]++;
  output(m ? 1 : 0).push(p);
}

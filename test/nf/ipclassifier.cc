//===- test/nf/ipclassifier.cc - IPClassifier: first-match IP classifier --===//
//
// Classifies IPv4 packets against an ordered rule list (protocol, source and
// destination prefixes, port ranges, TCP flags, TOS, ICMP type, fragments,
// length). The rules are compiled at configure time into a fixed array of
// match entries; each packet is matched against them in order and leaves on
// the output of the first rule it matches, with per-rule packet and byte
// counters. This is the paper's "ipclassifier" NF (Click's IPClassifier).
//
// Entry points: IPClassifier::push
// State: IPClassifier::_rules (array, compiled match entries);
//        IPClassifier::_nrules (none, number of rules);
//        IPClassifier::_offset (none, IP header offset in frames that
//        arrive without an IP header annotation);
//        IPClassifier::_rule_packets (array, per-rule packet counters);
//        IPClassifier::_rule_bytes (array, per-rule byte counters);
//        IPClassifier::_no_match (none, unmatched packet counter);
//        IPClassifier::_bad (none, malformed packet counter)
// Accelerator opportunities: none — a linear first-match scan over masked
//        prefixes and ranges; no LPM trie, CRC, hash or crypto code.
//
//===----------------------------------------------------------------------===//
//
// clang-format off
// RUN: %clara_nf_cxx -g %s -o %t.g.bc
// RUN: %clara_opt -passes='print<clara-annotate>' -disable-output %t.g.bc 2>&1 | FileCheck %s --check-prefixes=CHECK,DBG
// RUN: %clara_nf_cxx %s -o %t.bc
// RUN: %clara_opt -passes='print<clara-annotate>' -disable-output %t.bc 2>&1 | FileCheck %s --check-prefixes=CHECK,NODBG
// RUN: %clara_nf_cxx_plain %s -o %t.plain.bc
// RUN: %clara_opt -passes='print<clara-annotate>' -disable-output %t.plain.bc 2>&1 | FileCheck %s --check-prefixes=CHECK,NODBG
//
// CHECK: clara-annotate: EntryPoints=1 StateObjects=7
// CHECK-DAG: EntryPoint Function=_ZN12IPClassifier4pushEiP6Packet Demangled=IPClassifier::push(int, Packet*)
// DBG-DAG: StateObject Name=IPClassifier::_rules Bytes=704 Container=array Shared=no
// NODBG-DAG: StateObject Name=IPClassifier.1 Bytes=704 Container=array Shared=no
// DBG-DAG: StateObject Name=IPClassifier::_nrules Bytes=4 Container=none Shared=no
// NODBG-DAG: StateObject Name=IPClassifier.2 Bytes=4 Container=none Shared=no
// DBG-DAG: StateObject Name=IPClassifier::_offset Bytes=4 Container=none Shared=no
// NODBG-DAG: StateObject Name=IPClassifier.3 Bytes=4 Container=none Shared=no
// DBG-DAG: StateObject Name=IPClassifier::_rule_packets Bytes=128 Container=array Shared=no
// NODBG-DAG: StateObject Name=IPClassifier.4 Bytes=128 Container=array Shared=no
// DBG-DAG: StateObject Name=IPClassifier::_rule_bytes Bytes=128 Container=array Shared=no
// NODBG-DAG: StateObject Name=IPClassifier.5 Bytes=128 Container=array Shared=no
// DBG-DAG: StateObject Name=IPClassifier::_no_match Bytes=8 Container=none Shared=no
// NODBG-DAG: StateObject Name=IPClassifier.6 Bytes=8 Container=none Shared=no
// DBG-DAG: StateObject Name=IPClassifier::_bad Bytes=8 Container=none Shared=no
// NODBG-DAG: StateObject Name=IPClassifier.7 Bytes=8 Container=none Shared=no
// clang-format on

#include <click/config.h>
#include <click/element.hh>
#include <click/error.hh>
#include <click/packet.hh>
#include <clicknet/icmp.h>
#include <clicknet/ip.h>
#include <clicknet/tcp.h>
#include <clicknet/udp.h>

class IPClassifier : public Element {
public:
  IPClassifier();

  const char *class_name() const override { return "IPClassifier"; }
  const char *port_count() const override { return "1/-"; }
  int configure(Vector<String> &conf, ErrorHandler *errh) override;

  void push(int port, Packet *p) override;

  enum { MAX_RULES = 16 };

private:
  // What a rule tests; a rule with no bits set matches every IP packet.
  enum {
    M_PROTO = 1 << 0,
    M_SRC = 1 << 1,
    M_DST = 1 << 2,
    M_HOST = 1 << 3, // address matches source or destination
    M_SPORT = 1 << 4,
    M_DPORT = 1 << 5,
    M_PORT = 1 << 6, // port matches source or destination port
    M_TCPFLAGS = 1 << 7,
    M_TOS = 1 << 8,
    M_ICMPTYPE = 1 << 9,
    M_FRAG = 1 << 10,
    M_UNFRAG = 1 << 11,
    M_LEN = 1 << 12,
    M_NEED_TRANSPORT = M_SPORT | M_DPORT | M_PORT | M_TCPFLAGS | M_ICMPTYPE
  };

  struct Rule {
    uint32_t what;
    uint32_t src_addr, src_mask; // network byte order
    uint32_t dst_addr, dst_mask;
    uint16_t sport_lo, sport_hi; // host byte order, inclusive
    uint16_t dport_lo, dport_hi;
    uint16_t len_lo, len_hi;
    uint8_t proto;
    uint8_t tcp_flags_mask, tcp_flags_value;
    uint8_t tos_mask, tos_value;
    uint8_t icmp_type;
    int out_port;
  };

  // The header fields of one packet that rules can test.
  struct Fields {
    uint32_t src, dst; // network byte order
    uint16_t sport, dport;
    uint16_t length;
    uint8_t proto, tos, tcp_flags, icmp_type;
    bool fragment;      // any fragment (MF set or nonzero offset)
    bool has_transport; // first fragment with a complete transport header
  };

  Rule _rules[MAX_RULES];
  int _nrules;
  unsigned _offset;
  uint64_t _rule_packets[MAX_RULES];
  uint64_t _rule_bytes[MAX_RULES];
  uint64_t _no_match;
  uint64_t _bad;

  const click_ip *locate_ip_header(Packet *p);
  bool extract_fields(Packet *p, const click_ip *iph, Fields &f) const;
  int classify(const Fields &f) const;
  static bool match_rule(const Rule &r, const Fields &f);
  static bool in_range(uint16_t v, uint16_t lo, uint16_t hi) {
    return v >= lo && v <= hi;
  }

  int parse_rule(const String &s, Rule &r, ErrorHandler *errh);
};

IPClassifier::IPClassifier() : _nrules(0), _offset(14), _no_match(0), _bad(0) {
  for (int i = 0; i < MAX_RULES; i++) {
    _rule_packets[i] = 0;
    _rule_bytes[i] = 0;
  }
}

// ---------------------------------------------------------------------------
// Configuration: one rule per argument, e.g. "tcp dst port 80 syn",
// "udp src net 10.0.0.0/8 dst port 5000-5100", "icmp type 8", "-".
// Rule i sends its packets to output i.

namespace {

struct Tokenizer {
  const char *s, *end;
  Tokenizer(const char *b, const char *e) : s(b), end(e) {}
  bool next(const char *&tb, const char *&te) {
    while (s < end && (*s == ' ' || *s == '\t'))
      s++;
    if (s == end)
      return false;
    tb = s;
    while (s < end && *s != ' ' && *s != '\t')
      s++;
    te = s;
    return true;
  }
};

bool word_is(const char *b, const char *e, const char *w) {
  while (b < e && *w && *b == *w)
    b++, w++;
  return b == e && *w == 0;
}

bool parse_uint(const char *&b, const char *e, uint32_t max, uint32_t &out) {
  uint32_t v = 0;
  const char *start = b;
  while (b < e && *b >= '0' && *b <= '9') {
    v = v * 10 + (*b - '0');
    if (v > max)
      return false;
    b++;
  }
  out = v;
  return b != start;
}

// "a.b.c.d" or "a.b.c.d/len"; address and mask in network byte order.
bool parse_prefix(const char *b, const char *e, uint32_t &addr,
                  uint32_t &mask) {
  uint32_t a = 0, part;
  for (int i = 0; i < 4; i++) {
    if (!parse_uint(b, e, 255, part))
      return false;
    a = (a << 8) | part;
    if (i < 3) {
      if (b == e || *b != '.')
        return false;
      b++;
    }
  }
  uint32_t len = 32;
  if (b < e && *b == '/') {
    b++;
    if (!parse_uint(b, e, 32, len))
      return false;
  }
  if (b != e)
    return false;
  uint32_t m = len ? 0xFFFFFFFFU << (32 - len) : 0;
  addr = htonl(a & m);
  mask = htonl(m);
  return true;
}

bool parse_port_range(const char *b, const char *e, uint16_t &lo,
                      uint16_t &hi) {
  uint32_t l, h;
  if (!parse_uint(b, e, 65535, l))
    return false;
  h = l;
  if (b < e && *b == '-') {
    b++;
    if (!parse_uint(b, e, 65535, h) || h < l)
      return false;
  }
  if (b != e)
    return false;
  lo = l;
  hi = h;
  return true;
}

} // namespace

int IPClassifier::parse_rule(const String &s, Rule &r, ErrorHandler *errh) {
  memset(&r, 0, sizeof(r));
  Tokenizer tok(s.data(), s.data() + s.length());
  const char *b, *e;
  enum { DIR_NONE, DIR_SRC, DIR_DST } dir = DIR_NONE;
  while (tok.next(b, e)) {
    if (word_is(b, e, "-") || word_is(b, e, "any") || word_is(b, e, "and") ||
        word_is(b, e, "ip"))
      continue;
    if (word_is(b, e, "src")) {
      dir = DIR_SRC;
      continue;
    }
    if (word_is(b, e, "dst")) {
      dir = DIR_DST;
      continue;
    }
    if (word_is(b, e, "tcp") || word_is(b, e, "udp") || word_is(b, e, "icmp")) {
      r.what |= M_PROTO;
      r.proto = (*b == 't' ? IP_PROTO_TCP
                           : (*b == 'u' ? IP_PROTO_UDP : IP_PROTO_ICMP));
    } else if (word_is(b, e, "proto")) {
      uint32_t v;
      if (!tok.next(b, e) || !parse_uint(b, e, 255, v) || b != e)
        return errh->error("bad protocol in '%s'", s.c_str());
      r.what |= M_PROTO;
      r.proto = v;
    } else if (word_is(b, e, "host") || word_is(b, e, "net")) {
      uint32_t a, m;
      if (!tok.next(b, e) || !parse_prefix(b, e, a, m))
        return errh->error("bad address in '%s'", s.c_str());
      if (dir == DIR_SRC) {
        r.what |= M_SRC;
        r.src_addr = a, r.src_mask = m;
      } else if (dir == DIR_DST) {
        r.what |= M_DST;
        r.dst_addr = a, r.dst_mask = m;
      } else {
        r.what |= M_HOST;
        r.src_addr = r.dst_addr = a;
        r.src_mask = r.dst_mask = m;
      }
    } else if (word_is(b, e, "port")) {
      uint16_t lo, hi;
      if (!tok.next(b, e) || !parse_port_range(b, e, lo, hi))
        return errh->error("bad port in '%s'", s.c_str());
      if (dir == DIR_SRC) {
        r.what |= M_SPORT;
        r.sport_lo = lo, r.sport_hi = hi;
      } else if (dir == DIR_DST) {
        r.what |= M_DPORT;
        r.dport_lo = lo, r.dport_hi = hi;
      } else {
        r.what |= M_PORT;
        r.sport_lo = r.dport_lo = lo;
        r.sport_hi = r.dport_hi = hi;
      }
    } else if (word_is(b, e, "syn") || word_is(b, e, "ack") ||
               word_is(b, e, "fin") || word_is(b, e, "rst") ||
               word_is(b, e, "psh") || word_is(b, e, "urg")) {
      uint8_t flag = (*b == 's'   ? TH_SYN
                      : *b == 'f' ? TH_FIN
                      : *b == 'r' ? TH_RST
                      : *b == 'p' ? TH_PUSH
                      : *b == 'u' ? TH_URG
                                  : TH_ACK);
      r.what |= M_TCPFLAGS;
      r.tcp_flags_mask |= flag;
      r.tcp_flags_value |= flag;
    } else if (word_is(b, e, "tos")) {
      uint32_t v;
      if (!tok.next(b, e) || !parse_uint(b, e, 255, v) || b != e)
        return errh->error("bad TOS in '%s'", s.c_str());
      r.what |= M_TOS;
      r.tos_mask = 0xFF;
      r.tos_value = v;
    } else if (word_is(b, e, "dscp")) {
      uint32_t v;
      if (!tok.next(b, e) || !parse_uint(b, e, 63, v) || b != e)
        return errh->error("bad DSCP in '%s'", s.c_str());
      r.what |= M_TOS;
      r.tos_mask = 0xFC;
      r.tos_value = v << 2;
    } else if (word_is(b, e, "type")) {
      uint32_t v;
      if (!tok.next(b, e) || !parse_uint(b, e, 255, v) || b != e)
        return errh->error("bad ICMP type in '%s'", s.c_str());
      r.what |= M_ICMPTYPE | M_PROTO;
      r.proto = IP_PROTO_ICMP;
      r.icmp_type = v;
    } else if (word_is(b, e, "frag")) {
      r.what |= M_FRAG;
    } else if (word_is(b, e, "unfrag")) {
      r.what |= M_UNFRAG;
    } else if (word_is(b, e, "len")) {
      if (!tok.next(b, e) || !parse_port_range(b, e, r.len_lo, r.len_hi))
        return errh->error("bad length in '%s'", s.c_str());
      r.what |= M_LEN;
    } else
      return errh->error("unknown word in '%s'", s.c_str());
    dir = DIR_NONE;
  }
  if ((r.what & M_TCPFLAGS) && !(r.what & M_PROTO)) {
    r.what |= M_PROTO;
    r.proto = IP_PROTO_TCP;
  }
  return 0;
}

int IPClassifier::configure(Vector<String> &conf, ErrorHandler *errh) {
  if (conf.size() == 0)
    return errh->error("no rules");
  if (conf.size() > MAX_RULES)
    return errh->error("too many rules (at most %d)", (int)MAX_RULES);
  _nrules = 0;
  for (int i = 0; i < conf.size(); i++) {
    if (parse_rule(conf[i], _rules[i], errh) < 0)
      return -1;
    _rules[i].out_port = i;
    _nrules++;
  }
  return 0;
}

// ---------------------------------------------------------------------------
// Per-packet path

const click_ip *IPClassifier::locate_ip_header(Packet *p) {
  if (p->has_network_header())
    return p->ip_header();
  // Raw frame: the IP header sits at the configured offset (after Ethernet).
  if (p->length() < _offset + sizeof(click_ip))
    return 0;
  const click_ip *iph = reinterpret_cast<const click_ip *>(p->data() + _offset);
  unsigned hlen = iph->ip_hl << 2;
  if (hlen < sizeof(click_ip) || p->length() < _offset + hlen)
    return 0;
  p->set_ip_header(iph, hlen);
  return iph;
}

bool IPClassifier::extract_fields(Packet *p, const click_ip *iph,
                                  Fields &f) const {
  const unsigned char *end = p->end_data();
  const unsigned char *nh = reinterpret_cast<const unsigned char *>(iph);
  if (iph->ip_v != 4)
    return false;
  unsigned hlen = iph->ip_hl << 2;
  if (hlen < sizeof(click_ip) || nh + hlen > end)
    return false;

  f.src = iph->ip_src.s_addr;
  f.dst = iph->ip_dst.s_addr;
  f.proto = iph->ip_p;
  f.tos = iph->ip_tos;
  f.length = ntohs(iph->ip_len);
  uint16_t off = ntohs(iph->ip_off);
  f.fragment = (off & (IP_MF | IP_OFFMASK)) != 0;
  f.sport = f.dport = 0;
  f.tcp_flags = 0;
  f.icmp_type = 0;
  f.has_transport = false;

  // Only the first fragment carries the transport header.
  if ((off & IP_OFFMASK) != 0)
    return true;
  const unsigned char *th = nh + hlen;
  unsigned avail = end > th ? end - th : 0;
  switch (f.proto) {
  case IP_PROTO_TCP:
    if (avail >= 14) {
      const click_tcp *tcph = reinterpret_cast<const click_tcp *>(th);
      f.sport = ntohs(tcph->th_sport);
      f.dport = ntohs(tcph->th_dport);
      f.tcp_flags = tcph->th_flags;
      f.has_transport = true;
    }
    break;
  case IP_PROTO_UDP:
    if (avail >= sizeof(click_udp)) {
      const click_udp *udph = reinterpret_cast<const click_udp *>(th);
      f.sport = ntohs(udph->uh_sport);
      f.dport = ntohs(udph->uh_dport);
      f.has_transport = true;
    }
    break;
  case IP_PROTO_ICMP:
    if (avail >= 2) {
      f.icmp_type = th[0];
      f.has_transport = true;
    }
    break;
  default:
    break;
  }
  return true;
}

bool IPClassifier::match_rule(const Rule &r, const Fields &f) {
  uint32_t what = r.what;
  if ((what & M_PROTO) && f.proto != r.proto)
    return false;
  if ((what & M_SRC) && (f.src & r.src_mask) != r.src_addr)
    return false;
  if ((what & M_DST) && (f.dst & r.dst_mask) != r.dst_addr)
    return false;
  if ((what & M_HOST) && (f.src & r.src_mask) != r.src_addr &&
      (f.dst & r.dst_mask) != r.dst_addr)
    return false;
  if ((what & M_TOS) && (f.tos & r.tos_mask) != r.tos_value)
    return false;
  if ((what & M_FRAG) && !f.fragment)
    return false;
  if ((what & M_UNFRAG) && f.fragment)
    return false;
  if ((what & M_LEN) && !in_range(f.length, r.len_lo, r.len_hi))
    return false;
  if (what & M_NEED_TRANSPORT) {
    // Port, flag and type tests never match a packet without the header.
    if (!f.has_transport)
      return false;
    if ((what & M_SPORT) && !in_range(f.sport, r.sport_lo, r.sport_hi))
      return false;
    if ((what & M_DPORT) && !in_range(f.dport, r.dport_lo, r.dport_hi))
      return false;
    if ((what & M_PORT) && !in_range(f.sport, r.sport_lo, r.sport_hi) &&
        !in_range(f.dport, r.dport_lo, r.dport_hi))
      return false;
    if ((what & M_TCPFLAGS) &&
        (f.tcp_flags & r.tcp_flags_mask) != r.tcp_flags_value)
      return false;
    if ((what & M_ICMPTYPE) && f.icmp_type != r.icmp_type)
      return false;
  }
  return true;
}

int IPClassifier::classify(const Fields &f) const {
  for (int i = 0; i < _nrules; i++)
    if (match_rule(_rules[i], f))
      return i;
  return -1;
}

void IPClassifier::push(int, Packet *p) {
  const click_ip *iph = locate_ip_header(p);
  Fields f;
  if (!iph || !extract_fields(p, iph, f)) {
    _bad++;
    p->kill();
    return;
  }
  int r = classify(f);
  if (r < 0) {
    _no_match++;
    p->kill();
    return;
  }
  _rule_packets[r]++;
  _rule_bytes[r] += p->length();
  checked_output_push(_rules[r].out_port, p);
}

// ---------------------------------------------------------------------------
// Factory for clara-replay: one IPClassifier; config (comma-separated rules)
// replaces the default rule set. Each rule gets an output; unconnected
// outputs lead to the framework's sink.

#include <click/clara.hh>

extern "C" Element *clara_nf_create(const char *config) {
  String conf = config && *config
                    ? String(config)
                    : String("tcp syn, tcp dst port 80, tcp, udp dst port 53, "
                             "udp, icmp type 8, -");
  int nrules = 1;
  for (int i = 0; i < conf.length(); i++)
    if (conf[i] == ',')
      nrules++;
  IPClassifier *c = new IPClassifier;
  if (clara_element_setup(c, conf, 1, nrules) < 0) {
    delete c;
    return 0;
  }
  return c;
}

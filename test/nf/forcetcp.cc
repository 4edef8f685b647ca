//===- test/nf/forcetcp.cc - ForceTCP: coerce packets into valid TCP ------===//
//
// Turns whatever IPv4 packet arrives into a well-formed TCP segment, as a
// test-traffic shaper in front of TCP-only elements: protocol, lengths and
// fragmentation, data offset, flag combination (optionally random), option
// list, urgent pointer, ports (DPORT or RANDOM_DPORT), then both checksums.
// Each kind of repair is counted. This is the paper's "forcetcp" NF.
//
// Entry points: ForceTCP::simple_action
// State: ForceTCP::_dport (none, destination port to force);
//        ForceTCP::_random_dport (none, pick a random destination port);
//        ForceTCP::_random_flags (none, pick random flags);
//        ForceTCP::_count (none, packets emitted);
//        ForceTCP::_fixed_length (none, IP header/length repairs);
//        ForceTCP::_fixed_offset (none, TCP data offset repairs);
//        ForceTCP::_fixed_flags (none, flag repairs);
//        ForceTCP::_fixed_options (none, option list repairs);
//        ForceTCP::_dropped (none, packets dropped);
//        _ZL15valid_flag_sets (array, constant table of valid flag sets)
// Accelerator opportunities: none — checksums come from the framework's
//        click_in_cksum; the option walk is a parser, not a lookup.
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
// CHECK: clara-annotate: EntryPoints=1 StateObjects=10
// CHECK-DAG: EntryPoint Function=_ZN8ForceTCP13simple_actionEP6Packet Demangled=ForceTCP::simple_action(Packet*)
// DBG-DAG: StateObject Name=ForceTCP::_dport Bytes=2 Container=none Shared=no
// NODBG-DAG: StateObject Name=ForceTCP.1 Bytes=2 Container=none Shared=no
// DBG-DAG: StateObject Name=ForceTCP::_random_dport Bytes=1 Container=none Shared=no
// NODBG-DAG: StateObject Name=ForceTCP.2 Bytes=1 Container=none Shared=no
// DBG-DAG: StateObject Name=ForceTCP::_random_flags Bytes=1 Container=none Shared=no
// NODBG-DAG: StateObject Name=ForceTCP.3 Bytes=1 Container=none Shared=no
// DBG-DAG: StateObject Name=ForceTCP::_count Bytes=4 Container=none Shared=no
// NODBG-DAG: StateObject Name=ForceTCP.4 Bytes=4 Container=none Shared=no
// DBG-DAG: StateObject Name=ForceTCP::_fixed_length Bytes=4 Container=none Shared=no
// NODBG-DAG: StateObject Name=ForceTCP.5 Bytes=4 Container=none Shared=no
// DBG-DAG: StateObject Name=ForceTCP::_fixed_offset Bytes=4 Container=none Shared=no
// NODBG-DAG: StateObject Name=ForceTCP.6 Bytes=4 Container=none Shared=no
// DBG-DAG: StateObject Name=ForceTCP::_fixed_flags Bytes=4 Container=none Shared=no
// NODBG-DAG: StateObject Name=ForceTCP.7 Bytes=4 Container=none Shared=no
// DBG-DAG: StateObject Name=ForceTCP::_fixed_options Bytes=4 Container=none Shared=no
// NODBG-DAG: StateObject Name=ForceTCP.8 Bytes=4 Container=none Shared=no
// DBG-DAG: StateObject Name=ForceTCP::_dropped Bytes=4 Container=none Shared=no
// NODBG-DAG: StateObject Name=ForceTCP.9 Bytes=4 Container=none Shared=no
// CHECK-DAG: StateObject Name=_ZL15valid_flag_sets Bytes=8 Container=array Shared=no
// clang-format on

#include <click/config.h>

#include <click/args.hh>
#include <click/element.hh>
#include <click/error.hh>
#include <click/packet.hh>
#include <clicknet/ip.h>
#include <clicknet/tcp.h>

// Flag combinations a TCP stack accepts without complaint.  An invalid
// combination (none, SYN+FIN, SYN+RST, FIN without ACK, ...) is replaced by
// the entry its low flag bits select.
static const uint8_t valid_flag_sets[8] = {
    TH_ACK,          TH_SYN, TH_SYN | TH_ACK, TH_ACK | TH_PUSH,
    TH_FIN | TH_ACK, TH_RST, TH_RST | TH_ACK, TH_ACK | TH_URG};

// Makes whatever arrives a well-formed TCP/IPv4 segment, as a test-traffic
// shaper in front of a TCP-only element would: protocol and lengths, data
// offset, flags, options, urgent pointer, destination port, and both
// checksums.  Each kind of repair is counted.
class ForceTCP : public Element {
public:
  ForceTCP();

  const char *class_name() const override { return "ForceTCP"; }
  const char *port_count() const override { return PORTS_1_1; }
  int configure(Vector<String> &conf, ErrorHandler *errh) override;

  Packet *simple_action(Packet *p) override;

private:
  WritablePacket *fix_lengths(WritablePacket *q);
  bool fix_data_offset(click_tcp *tcph, unsigned tcp_len);
  bool fix_flags(click_tcp *tcph);
  bool fix_options(click_tcp *tcph);
  void fix_checksums(WritablePacket *q);

  uint16_t _dport; // network byte order; 0 = keep
  bool _random_dport;
  bool _random_flags;
  uint32_t _count;
  uint32_t _fixed_length;
  uint32_t _fixed_offset;
  uint32_t _fixed_flags;
  uint32_t _fixed_options;
  uint32_t _dropped;
};

ForceTCP::ForceTCP()
    : _dport(0), _random_dport(false), _random_flags(false), _count(0),
      _fixed_length(0), _fixed_offset(0), _fixed_flags(0), _fixed_options(0),
      _dropped(0) {}

int ForceTCP::configure(Vector<String> &conf, ErrorHandler *errh) {
  uint16_t dport = 0;
  if (Args(conf, this, errh)
          .read_p("DPORT", dport)
          .read("RANDOM_DPORT", _random_dport)
          .read("RANDOM_FLAGS", _random_flags)
          .complete() < 0)
    return -1;
  _dport = htons(dport);
  return 0;
}

// Ensures an option-free IPv4 header, TCP as the protocol, no fragmentation,
// room for a minimal TCP header, and an IP length that matches the packet.
WritablePacket *ForceTCP::fix_lengths(WritablePacket *q) {
  click_ip *iph = q->ip_header();
  unsigned hlen = iph->ip_hl << 2;
  if (hlen < sizeof(click_ip) || hlen > (unsigned)q->network_length()) {
    iph->ip_hl = sizeof(click_ip) >> 2;
    hlen = sizeof(click_ip);
    _fixed_length++;
  }
  unsigned len = q->network_length();
  if (len < hlen + sizeof(click_tcp)) {
    unsigned missing = hlen + sizeof(click_tcp) - len;
    q = q->put(missing);
    if (!q)
      return 0;
    memset(q->end_data() - missing, 0, missing);
    iph = q->ip_header();
    len += missing;
    _fixed_length++;
  }
  if (ntohs(iph->ip_len) != len) {
    iph->ip_len = htons((uint16_t)len);
    _fixed_length++;
  }
  iph->ip_v = 4;
  iph->ip_p = IP_PROTO_TCP;
  // A fragment cannot be repaired into a segment; make it a whole datagram.
  iph->ip_off &= htons(IP_DF);
  q->set_ip_header(iph, hlen);
  return q;
}

bool ForceTCP::fix_data_offset(click_tcp *tcph, unsigned tcp_len) {
  unsigned off = tcph->th_off;
  if (off >= 5 && (off << 2) <= tcp_len)
    return false;
  tcph->th_off = 5;
  tcph->th_flags2 = 0;
  return true;
}

bool ForceTCP::fix_flags(click_tcp *tcph) {
  uint8_t flags = tcph->th_flags;
  if (_random_flags)
    flags = (uint8_t)click_random(0, 0x3F);
  uint8_t f = flags & (TH_FIN | TH_SYN | TH_RST | TH_PUSH | TH_ACK | TH_URG);
  bool bad = false;
  if ((f & (TH_SYN | TH_FIN | TH_RST | TH_ACK)) == 0)
    bad = true; // nothing a receiver would act on
  else if ((f & TH_SYN) && (f & (TH_FIN | TH_RST)))
    bad = true;
  else if ((f & TH_FIN) && (f & TH_RST))
    bad = true;
  else if ((f & TH_FIN) && !(f & TH_ACK))
    bad = true;
  if (bad)
    f = valid_flag_sets[flags & 7];
  if (!(f & TH_URG))
    tcph->th_urp = 0;
  if (f == tcph->th_flags)
    return false;
  tcph->th_flags = f;
  return true;
}

// Walks the option list; anything malformed (bad length, running past the
// header, unknown kind with a silly length) is overwritten with NOPs up to
// the end of the header, which every stack accepts.
bool ForceTCP::fix_options(click_tcp *tcph) {
  unsigned optlen = (tcph->th_off << 2) - sizeof(click_tcp);
  uint8_t *opt = reinterpret_cast<uint8_t *>(tcph + 1);
  unsigned i = 0;
  while (i < optlen) {
    uint8_t kind = opt[i];
    if (kind == TCPOPT_EOL)
      return false;
    if (kind == TCPOPT_NOP) {
      i++;
      continue;
    }
    if (i + 1 >= optlen)
      break;
    unsigned l = opt[i + 1];
    bool ok = l >= 2 && i + l <= optlen;
    if (ok && kind == TCPOPT_MAXSEG)
      ok = l == TCPOLEN_MAXSEG && (tcph->th_flags & TH_SYN);
    else if (ok && kind == TCPOPT_WSCALE)
      ok = l == TCPOLEN_WSCALE && (tcph->th_flags & TH_SYN);
    else if (ok && kind == TCPOPT_SACK_PERMITTED)
      ok = l == TCPOLEN_SACK_PERMITTED;
    else if (ok && kind == TCPOPT_TIMESTAMP)
      ok = l == TCPOLEN_TIMESTAMP;
    if (!ok)
      break;
    i += l;
  }
  if (i >= optlen)
    return false;
  for (; i < optlen; i++)
    opt[i] = TCPOPT_NOP;
  return true;
}

void ForceTCP::fix_checksums(WritablePacket *q) {
  click_ip *iph = q->ip_header();
  unsigned hlen = iph->ip_hl << 2;
  iph->ip_sum = 0;
  iph->ip_sum = click_in_cksum(reinterpret_cast<unsigned char *>(iph), hlen);
  click_tcp *tcph = q->tcp_header();
  unsigned tcp_len = ntohs(iph->ip_len) - hlen;
  tcph->th_sum = 0;
  uint16_t csum =
      click_in_cksum(reinterpret_cast<unsigned char *>(tcph), tcp_len);
  tcph->th_sum = click_in_cksum_pseudohdr(csum, iph, tcp_len);
}

Packet *ForceTCP::simple_action(Packet *p) {
  if (!p->has_network_header() || p->network_length() < (int)sizeof(click_ip)) {
    _dropped++;
    p->kill();
    return 0;
  }
  WritablePacket *q = p->uniqueify();
  if (!q) {
    _dropped++;
    return 0;
  }
  q = fix_lengths(q);
  if (!q) {
    _dropped++;
    return 0;
  }
  click_ip *iph = q->ip_header();
  click_tcp *tcph = q->tcp_header();
  unsigned tcp_len = ntohs(iph->ip_len) - (iph->ip_hl << 2);

  if (fix_data_offset(tcph, tcp_len))
    _fixed_offset++;
  if (fix_flags(tcph))
    _fixed_flags++;
  if (fix_options(tcph))
    _fixed_options++;

  if (_random_dport)
    tcph->th_dport = htons((uint16_t)click_random(1, 0xFFFF));
  else if (_dport)
    tcph->th_dport = _dport;
  if (tcph->th_sport == 0)
    tcph->th_sport = htons(1024);
  if (tcph->th_dport == 0)
    tcph->th_dport = htons(80);

  fix_checksums(q);
  _count++;
  return q;
}

// Host-driver entry for clara-replay: one ForceTCP.
#include <click/clara.hh>

extern "C" Element *clara_nf_create(const char *config) {
  ForceTCP *e = new ForceTCP;
  String conf = config && *config ? String(config) : String("DPORT 80");
  if (clara_element_setup(e, conf) < 0) {
    delete e;
    return 0;
  }
  return e;
}

//===- test/nf/tcpresp.cc - TCPResponder: answer TCP segments in place ----===//
//
// A stateless TCP responder (server stub for load tests): each segment is
// turned around in its own buffer, addresses, ports and Ethernet addresses
// swapped, IP options and payload dropped. A SYN gets a SYN-ACK with an MSS
// option and a clock-driven ISN, data an ACK, a FIN a FIN-ACK, a stray
// SYN-ACK a RST; pure ACKs and RSTs get no answer. This is the paper's
// "tcpresp" NF.
//
// Entry points: TCPResponder::simple_action
// State: TCPResponder::_isn (none, ISN generator state);
//        TCPResponder::_isn_step (none, ISN increment per connection);
//        TCPResponder::_mss (none, MSS option value);
//        TCPResponder::_window (none, advertised window);
//        TCPResponder::_ttl (none, TTL of replies);
//        TCPResponder::_ip_id (none, next IP identification);
//        TCPResponder::_syns (none, SYN-ACKs sent);
//        TCPResponder::_acks (none, ACKs sent);
//        TCPResponder::_fins (none, FIN-ACKs sent);
//        TCPResponder::_rsts_sent (none, RSTs sent);
//        TCPResponder::_ignored (none, segments needing no answer);
//        TCPResponder::_bad (none, malformed packets dropped)
// Accelerator opportunities: none — checksums come from the framework's
//        click_in_cksum.
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
// CHECK: clara-annotate: EntryPoints=1 StateObjects=12
// CHECK-DAG: EntryPoint Function=_ZN12TCPResponder13simple_actionEP6Packet Demangled=TCPResponder::simple_action(Packet*)
// DBG-DAG: StateObject Name=TCPResponder::_isn Bytes=4 Container=none Shared=no
// NODBG-DAG: StateObject Name=TCPResponder.1 Bytes=4 Container=none Shared=no
// DBG-DAG: StateObject Name=TCPResponder::_isn_step Bytes=4 Container=none Shared=no
// NODBG-DAG: StateObject Name=TCPResponder.2 Bytes=4 Container=none Shared=no
// DBG-DAG: StateObject Name=TCPResponder::_mss Bytes=2 Container=none Shared=no
// NODBG-DAG: StateObject Name=TCPResponder.3 Bytes=2 Container=none Shared=no
// DBG-DAG: StateObject Name=TCPResponder::_window Bytes=2 Container=none Shared=no
// NODBG-DAG: StateObject Name=TCPResponder.4 Bytes=2 Container=none Shared=no
// DBG-DAG: StateObject Name=TCPResponder::_ttl Bytes=1 Container=none Shared=no
// NODBG-DAG: StateObject Name=TCPResponder.5 Bytes=1 Container=none Shared=no
// DBG-DAG: StateObject Name=TCPResponder::_ip_id Bytes=2 Container=none Shared=no
// NODBG-DAG: StateObject Name=TCPResponder.6 Bytes=2 Container=none Shared=no
// DBG-DAG: StateObject Name=TCPResponder::_syns Bytes=4 Container=none Shared=no
// NODBG-DAG: StateObject Name=TCPResponder.7 Bytes=4 Container=none Shared=no
// DBG-DAG: StateObject Name=TCPResponder::_acks Bytes=4 Container=none Shared=no
// NODBG-DAG: StateObject Name=TCPResponder.8 Bytes=4 Container=none Shared=no
// DBG-DAG: StateObject Name=TCPResponder::_fins Bytes=4 Container=none Shared=no
// NODBG-DAG: StateObject Name=TCPResponder.9 Bytes=4 Container=none Shared=no
// DBG-DAG: StateObject Name=TCPResponder::_rsts_sent Bytes=4 Container=none Shared=no
// NODBG-DAG: StateObject Name=TCPResponder.10 Bytes=4 Container=none Shared=no
// DBG-DAG: StateObject Name=TCPResponder::_ignored Bytes=4 Container=none Shared=no
// NODBG-DAG: StateObject Name=TCPResponder.11 Bytes=4 Container=none Shared=no
// DBG-DAG: StateObject Name=TCPResponder::_bad Bytes=4 Container=none Shared=no
// NODBG-DAG: StateObject Name=TCPResponder.12 Bytes=4 Container=none Shared=no
// clang-format on

#include <click/config.h>

#include <click/args.hh>
#include <click/element.hh>
#include <click/error.hh>
#include <click/packet.hh>
#include <clicknet/ether.h>
#include <clicknet/ip.h>
#include <clicknet/tcp.h>

// A stateless TCP responder: every segment is turned around in its own
// buffer.  A SYN is answered with a SYN-ACK (with an MSS option), data with
// an ACK, a FIN with a FIN-ACK, an unexpected SYN-ACK with a RST.  Pure ACKs
// and RSTs get no answer.  Addresses, ports and (if present) Ethernet
// addresses are swapped; payload and IP options are dropped.
class TCPResponder : public Element {
public:
  TCPResponder();

  const char *class_name() const override { return "TCPResponder"; }
  const char *port_count() const override { return PORTS_1_1; }
  int configure(Vector<String> &conf, ErrorHandler *errh) override;

  Packet *simple_action(Packet *p) override;

private:
  enum { REPLY_NONE, REPLY_SYNACK, REPLY_ACK, REPLY_FINACK, REPLY_RST };

  int classify(const click_tcp *tcph, unsigned payload_len) const;
  uint32_t next_isn();
  WritablePacket *shrink(WritablePacket *q, unsigned ip_hlen, unsigned tcp_hlen,
                         unsigned new_tcp_hlen);
  void swap_endpoints(WritablePacket *q, click_ip *iph, click_tcp *tcph);
  void finish(WritablePacket *q, click_ip *iph, click_tcp *tcph,
              unsigned tcp_len);

  uint32_t _isn;
  uint32_t _isn_step;
  uint16_t _mss;
  uint16_t _window;
  uint8_t _ttl;
  uint16_t _ip_id;
  uint32_t _syns;
  uint32_t _acks;
  uint32_t _fins;
  uint32_t _rsts_sent;
  uint32_t _ignored;
  uint32_t _bad;
};

TCPResponder::TCPResponder()
    : _isn(0x1000), _isn_step(64000), _mss(1460), _window(65535), _ttl(64),
      _ip_id(0), _syns(0), _acks(0), _fins(0), _rsts_sent(0), _ignored(0),
      _bad(0) {}

int TCPResponder::configure(Vector<String> &conf, ErrorHandler *errh) {
  return Args(conf, this, errh)
      .read("MSS", _mss)
      .read("WINDOW", _window)
      .read("TTL", _ttl)
      .read("ISN", _isn)
      .read("ISN_STEP", _isn_step)
      .complete();
}

int TCPResponder::classify(const click_tcp *tcph, unsigned payload_len) const {
  uint8_t f = tcph->th_flags;
  if (f & TH_RST)
    return REPLY_NONE; // never answer a reset (RFC 793)
  if ((f & (TH_SYN | TH_ACK)) == TH_SYN)
    return REPLY_SYNACK;
  if ((f & (TH_SYN | TH_ACK)) == (TH_SYN | TH_ACK))
    return REPLY_RST; // we never sent a SYN
  if (!(f & TH_ACK))
    return REPLY_NONE;
  if (f & TH_FIN)
    return REPLY_FINACK;
  if (payload_len > 0)
    return REPLY_ACK;
  return REPLY_NONE;
}

// 4.4BSD-style ISN: a fixed step per connection plus a clock running at
// 64000 per half second, enough to keep a reused four-tuple out of the old
// connection's sequence space.
uint32_t TCPResponder::next_isn() {
  _isn += _isn_step;
  return _isn + (uint32_t)click_jiffies() * 125;
}

// Drops IP options and payload: the reply is a 20-byte IP header followed by
// a TCP header of new_tcp_hlen bytes.
WritablePacket *TCPResponder::shrink(WritablePacket *q, unsigned ip_hlen,
                                     unsigned tcp_hlen, unsigned new_tcp_hlen) {
  uint8_t *nh = q->network_header();
  if (ip_hlen > sizeof(click_ip)) {
    memmove(nh + sizeof(click_ip), nh + ip_hlen, tcp_hlen);
    click_ip *iph = reinterpret_cast<click_ip *>(nh);
    iph->ip_hl = sizeof(click_ip) >> 2;
    q->set_ip_header(iph, sizeof(click_ip));
  }
  unsigned want = (nh - q->data()) + sizeof(click_ip) + new_tcp_hlen;
  if (q->length() > want)
    q->take(q->length() - want);
  else if (q->length() < want) {
    q = q->put(want - q->length());
    if (!q)
      return 0;
  }
  return q;
}

void TCPResponder::swap_endpoints(WritablePacket *q, click_ip *iph,
                                  click_tcp *tcph) {
  struct in_addr a = iph->ip_src;
  iph->ip_src = iph->ip_dst;
  iph->ip_dst = a;
  uint16_t port = tcph->th_sport;
  tcph->th_sport = tcph->th_dport;
  tcph->th_dport = port;
  if (q->has_mac_header() &&
      q->network_header() - q->mac_header() >= (int)sizeof(click_ether)) {
    click_ether *eh = reinterpret_cast<click_ether *>(q->mac_header());
    uint8_t tmp[6];
    memcpy(tmp, eh->ether_shost, 6);
    memcpy(eh->ether_shost, eh->ether_dhost, 6);
    memcpy(eh->ether_dhost, tmp, 6);
  }
}

void TCPResponder::finish(WritablePacket *q, click_ip *iph, click_tcp *tcph,
                          unsigned tcp_len) {
  iph->ip_v = 4;
  iph->ip_tos = 0;
  iph->ip_len = htons((uint16_t)(sizeof(click_ip) + tcp_len));
  iph->ip_id = htons(_ip_id);
  _ip_id++;
  iph->ip_off = htons(IP_DF);
  iph->ip_ttl = _ttl;
  iph->ip_p = IP_PROTO_TCP;
  iph->ip_sum = 0;
  iph->ip_sum =
      click_in_cksum(reinterpret_cast<unsigned char *>(iph), sizeof(click_ip));
  tcph->th_win = htons(_window);
  tcph->th_urp = 0;
  tcph->th_sum = 0;
  uint16_t csum =
      click_in_cksum(reinterpret_cast<unsigned char *>(tcph), tcp_len);
  tcph->th_sum = click_in_cksum_pseudohdr(csum, iph, tcp_len);
  q->set_dst_ip_anno(IPAddress(iph->ip_dst));
}

Packet *TCPResponder::simple_action(Packet *p) {
  if (!p->has_network_header() ||
      p->network_length() < (int)(sizeof(click_ip) + sizeof(click_tcp))) {
    _bad++;
    p->kill();
    return 0;
  }
  const click_ip *ciph = p->ip_header();
  unsigned ip_hlen = ciph->ip_hl << 2;
  unsigned ip_len = ntohs(ciph->ip_len);
  if (ciph->ip_v != 4 || ciph->ip_p != IP_PROTO_TCP ||
      (ciph->ip_off & htons(IP_MF | IP_OFFMASK)) != 0 ||
      ip_hlen < sizeof(click_ip) || ip_len > (unsigned)p->network_length() ||
      ip_len < ip_hlen + sizeof(click_tcp)) {
    _bad++;
    p->kill();
    return 0;
  }
  const click_tcp *ctcph =
      reinterpret_cast<const click_tcp *>(p->network_header() + ip_hlen);
  unsigned tcp_hlen = ctcph->th_off << 2;
  if (tcp_hlen < sizeof(click_tcp) || ip_hlen + tcp_hlen > ip_len) {
    _bad++;
    p->kill();
    return 0;
  }
  unsigned payload_len = ip_len - ip_hlen - tcp_hlen;
  int reply = classify(ctcph, payload_len);
  if (reply == REPLY_NONE) {
    _ignored++;
    p->kill();
    return 0;
  }

  uint32_t seq = ntohl(ctcph->th_seq);
  uint32_t ack = ntohl(ctcph->th_ack);

  WritablePacket *q = p->uniqueify();
  if (!q) {
    _bad++;
    return 0;
  }
  unsigned new_tcp_hlen =
      reply == REPLY_SYNACK ? sizeof(click_tcp) + 4 : sizeof(click_tcp);
  q = shrink(q, ip_hlen, tcp_hlen, new_tcp_hlen);
  if (!q) {
    _bad++;
    return 0;
  }
  click_ip *iph = q->ip_header();
  click_tcp *tcph = reinterpret_cast<click_tcp *>(iph + 1);
  swap_endpoints(q, iph, tcph);

  uint32_t out_seq, out_ack;
  uint8_t out_flags;
  switch (reply) {
  case REPLY_SYNACK: {
    out_seq = next_isn();
    out_ack = seq + 1; // data on a SYN is dropped, so not acknowledged
    out_flags = TH_SYN | TH_ACK;
    uint8_t *opt = reinterpret_cast<uint8_t *>(tcph + 1);
    opt[0] = TCPOPT_MAXSEG;
    opt[1] = TCPOLEN_MAXSEG;
    opt[2] = (uint8_t)(_mss >> 8);
    opt[3] = (uint8_t)_mss;
    _syns++;
    break;
  }
  case REPLY_FINACK:
    out_seq = ack;
    out_ack = seq + payload_len + 1;
    out_flags = TH_FIN | TH_ACK;
    _fins++;
    break;
  case REPLY_RST:
    out_seq = ack;
    out_ack = 0;
    out_flags = TH_RST;
    _rsts_sent++;
    break;
  default:
    out_seq = ack;
    out_ack = seq + payload_len;
    out_flags = TH_ACK;
    _acks++;
    break;
  }
  tcph->th_seq = htonl(out_seq);
  tcph->th_ack = htonl(out_ack);
  tcph->th_off = new_tcp_hlen >> 2;
  tcph->th_flags2 = 0;
  tcph->th_flags = out_flags;
  finish(q, iph, tcph, new_tcp_hlen);
  return q;
}

// Host-driver entry for clara-replay: one TCPResponder.
#include <click/clara.hh>

extern "C" Element *clara_nf_create(const char *config) {
  TCPResponder *e = new TCPResponder;
  String conf =
      config && *config ? String(config) : String("MSS 1460, WINDOW 65535");
  if (clara_element_setup(e, conf) < 0) {
    delete e;
    return 0;
  }
  return e;
}

//===- test/nf/tcpack.cc - TCPAck: acknowledge a TCP connection's data ----===//
//
// Generates the acknowledgements for one TCP connection on behalf of a
// sender that does not: tracks the next expected sequence number from the
// peer's segments (push side), piggybacks the ACK on our outgoing segments
// and, when none is ready, emits a pure ACK on the pull side under
// delayed-ACK rules (every second segment, PSH/FIN, holes and duplicates at
// once, else after DELAY). This is the paper's "tcpack" NF.
//
// Entry points: TCPAck::push, TCPAck::pull
// State: TCPAck::_synced (none, peer's SYN seen, _rcv_nxt valid);
//        TCPAck::_needack (none, an ACK is pending);
//        TCPAck::_ack_now (none, the pending ACK must not be delayed);
//        TCPAck::_rcv_nxt (none, next sequence number expected from the peer);
//        TCPAck::_unacked_segs (none, in-order segments since our last ACK);
//        TCPAck::_ack_deadline (none, delayed-ACK timer, in jiffies);
//        TCPAck::_delay_ms (none, delayed-ACK timeout from configure);
//        TCPAck::_rcv_wnd (none, window advertised in pure ACKs);
//        TCPAck::_have_flow (none, our addresses and ports are known);
//        TCPAck::_our_addr (none, our IP address);
//        TCPAck::_peer_addr (none, the peer's IP address);
//        TCPAck::_our_port (none, our TCP port);
//        TCPAck::_peer_port (none, the peer's TCP port);
//        TCPAck::_snd_nxt (none, our next sequence number, for pure ACKs);
//        TCPAck::_ip_id (none, IP identification of pure ACKs);
//        TCPAck::_in_order (none, in-order segment counter);
//        TCPAck::_duplicates (none, duplicate segment counter);
//        TCPAck::_out_of_order (none, out-of-order segment counter);
//        TCPAck::_piggybacked (none, ACKs piggybacked on our segments);
//        TCPAck::_pure_acks (none, pure ACKs generated)
// Accelerator opportunities: none — checksums are RFC 1624 incremental
//        updates and the framework's click_in_cksum.
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
// CHECK: clara-annotate: EntryPoints=2 StateObjects=20
// CHECK-DAG: EntryPoint Function=_ZN6TCPAck4pushEiP6Packet Demangled=TCPAck::push(int, Packet*)
// CHECK-DAG: EntryPoint Function=_ZN6TCPAck4pullEi Demangled=TCPAck::pull(int)
// DBG-DAG: StateObject Name=TCPAck::_synced Bytes=1 Container=none Shared=no
// NODBG-DAG: StateObject Name=TCPAck.1 Bytes=1 Container=none Shared=no
// DBG-DAG: StateObject Name=TCPAck::_needack Bytes=1 Container=none Shared=yes
// NODBG-DAG: StateObject Name=TCPAck.2 Bytes=1 Container=none Shared=yes
// DBG-DAG: StateObject Name=TCPAck::_ack_now Bytes=1 Container=none Shared=yes
// NODBG-DAG: StateObject Name=TCPAck.3 Bytes=1 Container=none Shared=yes
// DBG-DAG: StateObject Name=TCPAck::_rcv_nxt Bytes=4 Container=none Shared=no
// NODBG-DAG: StateObject Name=TCPAck.4 Bytes=4 Container=none Shared=no
// DBG-DAG: StateObject Name=TCPAck::_unacked_segs Bytes=4 Container=none Shared=yes
// NODBG-DAG: StateObject Name=TCPAck.5 Bytes=4 Container=none Shared=yes
// DBG-DAG: StateObject Name=TCPAck::_ack_deadline Bytes=4 Container=none Shared=no
// NODBG-DAG: StateObject Name=TCPAck.6 Bytes=4 Container=none Shared=no
// DBG-DAG: StateObject Name=TCPAck::_delay_ms Bytes=4 Container=none Shared=no
// NODBG-DAG: StateObject Name=TCPAck.7 Bytes=4 Container=none Shared=no
// DBG-DAG: StateObject Name=TCPAck::_rcv_wnd Bytes=2 Container=none Shared=no
// NODBG-DAG: StateObject Name=TCPAck.8 Bytes=2 Container=none Shared=no
// DBG-DAG: StateObject Name=TCPAck::_have_flow Bytes=1 Container=none Shared=no
// NODBG-DAG: StateObject Name=TCPAck.9 Bytes=1 Container=none Shared=no
// DBG-DAG: StateObject Name=TCPAck::_our_addr Bytes=4 Container=none Shared=no
// NODBG-DAG: StateObject Name=TCPAck.10 Bytes=4 Container=none Shared=no
// DBG-DAG: StateObject Name=TCPAck::_peer_addr Bytes=4 Container=none Shared=no
// NODBG-DAG: StateObject Name=TCPAck.11 Bytes=4 Container=none Shared=no
// DBG-DAG: StateObject Name=TCPAck::_our_port Bytes=2 Container=none Shared=no
// NODBG-DAG: StateObject Name=TCPAck.12 Bytes=2 Container=none Shared=no
// DBG-DAG: StateObject Name=TCPAck::_peer_port Bytes=2 Container=none Shared=no
// NODBG-DAG: StateObject Name=TCPAck.13 Bytes=2 Container=none Shared=no
// DBG-DAG: StateObject Name=TCPAck::_snd_nxt Bytes=4 Container=none Shared=no
// NODBG-DAG: StateObject Name=TCPAck.14 Bytes=4 Container=none Shared=no
// DBG-DAG: StateObject Name=TCPAck::_ip_id Bytes=2 Container=none Shared=no
// NODBG-DAG: StateObject Name=TCPAck.15 Bytes=2 Container=none Shared=no
// DBG-DAG: StateObject Name=TCPAck::_in_order Bytes=4 Container=none Shared=no
// NODBG-DAG: StateObject Name=TCPAck.16 Bytes=4 Container=none Shared=no
// DBG-DAG: StateObject Name=TCPAck::_duplicates Bytes=4 Container=none Shared=no
// NODBG-DAG: StateObject Name=TCPAck.17 Bytes=4 Container=none Shared=no
// DBG-DAG: StateObject Name=TCPAck::_out_of_order Bytes=4 Container=none Shared=no
// NODBG-DAG: StateObject Name=TCPAck.18 Bytes=4 Container=none Shared=no
// DBG-DAG: StateObject Name=TCPAck::_piggybacked Bytes=4 Container=none Shared=no
// NODBG-DAG: StateObject Name=TCPAck.19 Bytes=4 Container=none Shared=no
// DBG-DAG: StateObject Name=TCPAck::_pure_acks Bytes=4 Container=none Shared=no
// NODBG-DAG: StateObject Name=TCPAck.20 Bytes=4 Container=none Shared=no
// clang-format on

#include <click/config.h>

#include <click/args.hh>
#include <click/element.hh>
#include <click/error.hh>
#include <click/packet.hh>
#include <clicknet/ip.h>
#include <clicknet/tcp.h>

// Acknowledges one TCP connection on behalf of a local sender.  Input 0
// (push) carries segments arriving from the peer: they go on unchanged out
// of output 0, and advance the next expected sequence number.  Output 1
// (pull) hands out our own segments, pulled from input 1, with the current
// acknowledgement piggybacked on them; when there is nothing to send and an
// ACK is due (delayed-ACK timer expired, every second segment, a hole or a
// duplicate), output 1 produces a pure ACK instead.
class TCPAck : public Element {
public:
  TCPAck();

  const char *class_name() const override { return "TCPAck"; }
  const char *port_count() const override { return "2/2"; }
  const char *processing() const override { return "hl/hl"; }
  int configure(Vector<String> &conf, ErrorHandler *errh) override;

  void push(int port, Packet *p) override;
  Packet *pull(int port) override;

private:
  static bool tcp_segment(Packet *p, unsigned &payload_len);
  void receive_segment(const click_tcp *tcph, unsigned payload_len);
  Packet *piggyback(Packet *p);
  Packet *make_pure_ack();
  void ack_sent();
  static void cksum_replace32(uint16_t *sum, uint32_t old_v, uint32_t new_v);

  bool _synced;           // the peer's SYN was seen: _rcv_nxt is valid
  bool _needack;          // received data not yet acknowledged
  bool _ack_now;          // do not delay the pending ACK
  uint32_t _rcv_nxt;      // next sequence number expected (host order)
  uint32_t _unacked_segs; // in-order segments since our last ACK
  click_jiffies_t _ack_deadline;
  uint32_t _delay_ms;  // delayed-ACK timeout
  uint16_t _rcv_wnd;   // window advertised in pure ACKs
  bool _have_flow;     // our side's addresses are known
  uint32_t _our_addr;  // network byte order
  uint32_t _peer_addr; // network byte order
  uint16_t _our_port;  // network byte order
  uint16_t _peer_port; // network byte order
  uint32_t _snd_nxt;   // next sequence number of our side (host order)
  uint16_t _ip_id;
  uint32_t _in_order;
  uint32_t _duplicates;
  uint32_t _out_of_order;
  uint32_t _piggybacked;
  uint32_t _pure_acks;
};

TCPAck::TCPAck()
    : _synced(false), _needack(false), _ack_now(false), _rcv_nxt(0),
      _unacked_segs(0), _ack_deadline(0), _delay_ms(20), _rcv_wnd(65535),
      _have_flow(false), _our_addr(0), _peer_addr(0), _our_port(0),
      _peer_port(0), _snd_nxt(0), _ip_id(0), _in_order(0), _duplicates(0),
      _out_of_order(0), _piggybacked(0), _pure_acks(0) {}

int TCPAck::configure(Vector<String> &conf, ErrorHandler *errh) {
  return Args(conf, this, errh)
      .read("DELAY", SecondsArg(3), _delay_ms)
      .read("WINDOW", _rcv_wnd)
      .complete();
}

// True if p is an unfragmented TCP/IPv4 segment whose headers fit.
bool TCPAck::tcp_segment(Packet *p, unsigned &payload_len) {
  if (!p->has_network_header() ||
      p->network_length() < (int)(sizeof(click_ip) + sizeof(click_tcp)))
    return false;
  const click_ip *iph = p->ip_header();
  unsigned ip_hlen = iph->ip_hl << 2;
  unsigned ip_len = ntohs(iph->ip_len);
  if (iph->ip_p != IP_PROTO_TCP || (iph->ip_off & htons(IP_MF | IP_OFFMASK)) ||
      ip_hlen < sizeof(click_ip) || ip_len > (unsigned)p->network_length() ||
      ip_len < ip_hlen + sizeof(click_tcp))
    return false;
  const click_tcp *tcph = p->tcp_header();
  unsigned tcp_hlen = tcph->th_off << 2;
  if (tcp_hlen < sizeof(click_tcp) || ip_hlen + tcp_hlen > ip_len)
    return false;
  payload_len = ip_len - ip_hlen - tcp_hlen;
  return true;
}

void TCPAck::receive_segment(const click_tcp *tcph, unsigned payload_len) {
  uint32_t seq = ntohl(tcph->th_seq);
  uint8_t f = tcph->th_flags;
  uint32_t seglen =
      payload_len + ((f & TH_SYN) ? 1 : 0) + ((f & TH_FIN) ? 1 : 0);

  if (f & TH_RST) {
    _synced = false;
    _needack = false;
    _ack_now = false;
    return;
  }
  if (f & TH_SYN) {
    _rcv_nxt = seq + seglen;
    _synced = true;
    _needack = true;
    _ack_now = true;
    return;
  }
  if (!_synced || seglen == 0)
    return;

  if (seq == _rcv_nxt) {
    _rcv_nxt += seglen;
    _in_order++;
    if (!_needack) {
      _needack = true;
      _ack_deadline = click_jiffies() + _delay_ms;
    }
    // RFC 1122: acknowledge at least every second segment; a FIN or PSH
    // means the sender is waiting.
    _unacked_segs++;
    if (_unacked_segs >= 2 || (f & (TH_FIN | TH_PUSH)))
      _ack_now = true;
  } else if (SEQ_LT(seq, _rcv_nxt)) {
    // A retransmission: our earlier ACK was lost.  Take any new tail.
    if (SEQ_GT(seq + seglen, _rcv_nxt))
      _rcv_nxt = seq + seglen;
    _duplicates++;
    _needack = true;
    _ack_now = true;
  } else {
    // A hole: send the duplicate ACK at once so the sender can
    // fast-retransmit.
    _out_of_order++;
    _needack = true;
    _ack_now = true;
  }
}

void TCPAck::push(int port, Packet *p) {
  unsigned payload_len;
  if (port == 0 && tcp_segment(p, payload_len))
    receive_segment(p->tcp_header(), payload_len);
  output(0).push(p);
}

void TCPAck::ack_sent() {
  _needack = false;
  _ack_now = false;
  _unacked_segs = 0;
}

// RFC 1624 update for a 32-bit field, one stored 16-bit half at a time.
void TCPAck::cksum_replace32(uint16_t *sum, uint32_t old_v, uint32_t new_v) {
  click_update_in_cksum(sum, (uint16_t)(old_v >> 16), (uint16_t)(new_v >> 16));
  click_update_in_cksum(sum, (uint16_t)old_v, (uint16_t)new_v);
}

Packet *TCPAck::piggyback(Packet *p) {
  unsigned payload_len;
  if (!tcp_segment(p, payload_len))
    return p;
  const click_ip *ciph = p->ip_header();
  const click_tcp *ctcph = p->tcp_header();
  _our_addr = ciph->ip_src.s_addr;
  _peer_addr = ciph->ip_dst.s_addr;
  _our_port = ctcph->th_sport;
  _peer_port = ctcph->th_dport;
  _have_flow = true;
  uint32_t seq = ntohl(ctcph->th_seq);
  uint8_t f = ctcph->th_flags;
  uint32_t end =
      seq + payload_len + ((f & TH_SYN) ? 1 : 0) + ((f & TH_FIN) ? 1 : 0);
  if (SEQ_GT(end, _snd_nxt) || !_synced)
    _snd_nxt = end;
  if (!_synced || (f & TH_RST))
    return p;

  WritablePacket *q = p->uniqueify();
  if (!q)
    return 0;
  click_tcp *tcph = q->tcp_header();
  uint32_t old_ack = tcph->th_ack;
  uint32_t new_ack = htonl(_rcv_nxt);
  tcph->th_ack = new_ack;
  cksum_replace32(&tcph->th_sum, old_ack, new_ack);
  if (!(tcph->th_flags & TH_ACK)) {
    // th_off/th_flags2 and th_flags share the 16-bit word at offset 12.
    uint16_t old_word, new_word;
    uint8_t *word = reinterpret_cast<uint8_t *>(tcph) + 12;
    memcpy(&old_word, word, 2);
    tcph->th_flags |= TH_ACK;
    memcpy(&new_word, word, 2);
    click_update_in_cksum(&tcph->th_sum, old_word, new_word);
  }
  ack_sent();
  _piggybacked++;
  return q;
}

Packet *TCPAck::make_pure_ack() {
  if (!_have_flow)
    return 0; // nothing sent yet: addresses unknown, keep the ACK pending
  const unsigned len = sizeof(click_ip) + sizeof(click_tcp);
  // 48 bytes of headroom: room for a link header, IP header 4-byte aligned.
  WritablePacket *q = Packet::make(48, 0, len, 0);
  if (!q)
    return 0; // no buffer: try again at the next pull
  memset(q->data(), 0, len);
  click_ip *iph = reinterpret_cast<click_ip *>(q->data());
  click_tcp *tcph = reinterpret_cast<click_tcp *>(iph + 1);
  iph->ip_v = 4;
  iph->ip_hl = sizeof(click_ip) >> 2;
  iph->ip_len = htons(len);
  iph->ip_id = htons(_ip_id);
  _ip_id++;
  iph->ip_off = htons(IP_DF);
  iph->ip_ttl = 64;
  iph->ip_p = IP_PROTO_TCP;
  iph->ip_src.s_addr = _our_addr;
  iph->ip_dst.s_addr = _peer_addr;
  iph->ip_sum =
      click_in_cksum(reinterpret_cast<unsigned char *>(iph), sizeof(click_ip));
  tcph->th_sport = _our_port;
  tcph->th_dport = _peer_port;
  tcph->th_seq = htonl(_snd_nxt);
  tcph->th_ack = htonl(_rcv_nxt);
  tcph->th_off = sizeof(click_tcp) >> 2;
  tcph->th_flags = TH_ACK;
  tcph->th_win = htons(_rcv_wnd);
  uint16_t csum = click_in_cksum(reinterpret_cast<unsigned char *>(tcph),
                                 sizeof(click_tcp));
  tcph->th_sum = click_in_cksum_pseudohdr(csum, iph, sizeof(click_tcp));
  q->set_ip_header(iph, sizeof(click_ip));
  q->set_dst_ip_anno(IPAddress(_peer_addr));
  ack_sent();
  _pure_acks++;
  return q;
}

Packet *TCPAck::pull(int port) {
  if (port != 1)
    return 0;
  if (Packet *p = input(1).pull())
    return piggyback(p);
  if (_needack &&
      (_ack_now || !click_jiffies_less(click_jiffies(), _ack_deadline)))
    return make_pure_ack();
  return 0;
}

// Host-driver entry for clara-replay: one TCPAck; input 1 is left to the
// driver, which returns no packet when it is pulled.
#include <click/clara.hh>

extern "C" Element *clara_nf_create(const char *config) {
  TCPAck *e = new TCPAck;
  String conf = config && *config ? String(config) : String("DELAY 20ms");
  if (clara_element_setup(e, conf) < 0) {
    delete e;
    return 0;
  }
  return e;
}

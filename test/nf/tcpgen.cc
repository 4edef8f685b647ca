//===- test/nf/tcpgen.cc - TCPGen: stateful TCP flow generator ------------===//
//
// The client half of a TCP load generator, one connection at a time: the
// pull side emits SYN, BYTES of data in MSS-sized segments under slow
// start / congestion avoidance, and FIN, with a retransmission timer and
// exponential back-off; the push side consumes the server's segments, which
// drive the TCP state machine, ACK processing and Jacobson/Karels RTT
// estimation. Each finished connection starts the next from a new source
// port. This is the paper's "tcpgen" NF.
//
// Entry points: TCPGen::pull, TCPGen::push
// State: TCPGen::_saddr (none, our address);
//        TCPGen::_daddr (none, the server's address);
//        TCPGen::_sport_base (none, first source port);
//        TCPGen::_dport (none, the server's port);
//        TCPGen::_flow_bytes (none, bytes sent per connection);
//        TCPGen::_mss (none, segment size);
//        TCPGen::_max_flows (none, connections to run, 0 = unlimited);
//        TCPGen::_header (array, IP/TCP header template);
//        TCPGen::_tcp_state (none, connection state);
//        TCPGen::_sport (none, source port of the current connection);
//        TCPGen::_iss (none, initial send sequence number);
//        TCPGen::_snd_una (none, oldest unacknowledged sequence number);
//        TCPGen::_snd_nxt (none, next sequence number to send);
//        TCPGen::_snd_max (none, highest sequence number sent);
//        TCPGen::_snd_wnd (none, peer's advertised window);
//        TCPGen::_rcv_nxt (none, next sequence number expected);
//        TCPGen::_cwnd (none, congestion window);
//        TCPGen::_ssthresh (none, slow-start threshold);
//        TCPGen::_need_ack (none, an ACK is owed to the peer);
//        TCPGen::_rtx_deadline (none, retransmission timer, in jiffies);
//        TCPGen::_rto (none, retransmission timeout);
//        TCPGen::_srtt (none, smoothed RTT, scaled by 8);
//        TCPGen::_rttvar (none, RTT variance, scaled by 4);
//        TCPGen::_rtt_timing (none, an RTT measurement is running);
//        TCPGen::_rtt_seq (none, sequence number that ends the measurement);
//        TCPGen::_rtt_start (none, start of the measurement);
//        TCPGen::_timewait_end (none, end of TIME_WAIT);
//        TCPGen::_good_pkt (none, valid segments received);
//        TCPGen::_bad_pkt (none, invalid or foreign packets received);
//        TCPGen::_pkts_sent (none, segments sent);
//        TCPGen::_bytes_sent (none, payload bytes sent);
//        TCPGen::_retransmits (none, retransmitted segments);
//        TCPGen::_flows_done (none, connections completed);
//        TCPGen::_flows_reset (none, connections reset);
//        TCPGen::_ip_id (none, next IP identification)
// Accelerator opportunities: none — checksums come from the framework's
//        click_in_cksum; no lookup, hash or crypto.
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
// CHECK: clara-annotate: EntryPoints=2 StateObjects=35
// CHECK-DAG: EntryPoint Function=_ZN6TCPGen4pullEi Demangled=TCPGen::pull(int)
// CHECK-DAG: EntryPoint Function=_ZN6TCPGen4pushEiP6Packet Demangled=TCPGen::push(int, Packet*)
// DBG-DAG: StateObject Name=TCPGen::_saddr Bytes=4 Container=none Shared=no
// NODBG-DAG: StateObject Name=TCPGen.1 Bytes=4 Container=none Shared=no
// DBG-DAG: StateObject Name=TCPGen::_daddr Bytes=4 Container=none Shared=no
// NODBG-DAG: StateObject Name=TCPGen.2 Bytes=4 Container=none Shared=no
// DBG-DAG: StateObject Name=TCPGen::_sport_base Bytes=2 Container=none Shared=no
// NODBG-DAG: StateObject Name=TCPGen.3 Bytes=2 Container=none Shared=no
// DBG-DAG: StateObject Name=TCPGen::_dport Bytes=2 Container=none Shared=no
// NODBG-DAG: StateObject Name=TCPGen.4 Bytes=2 Container=none Shared=no
// DBG-DAG: StateObject Name=TCPGen::_flow_bytes Bytes=4 Container=none Shared=no
// NODBG-DAG: StateObject Name=TCPGen.5 Bytes=4 Container=none Shared=no
// DBG-DAG: StateObject Name=TCPGen::_mss Bytes=2 Container=none Shared=no
// NODBG-DAG: StateObject Name=TCPGen.6 Bytes=2 Container=none Shared=no
// DBG-DAG: StateObject Name=TCPGen::_max_flows Bytes=4 Container=none Shared=no
// NODBG-DAG: StateObject Name=TCPGen.8 Bytes=4 Container=none Shared=no
// DBG-DAG: StateObject Name=TCPGen::_header Bytes=40 Container=array Shared=no
// NODBG-DAG: StateObject Name=TCPGen.9 Bytes=40 Container=array Shared=no
// DBG-DAG: StateObject Name=TCPGen::_tcp_state Bytes=1 Container=none Shared=yes
// NODBG-DAG: StateObject Name=TCPGen.10 Bytes=1 Container=none Shared=yes
// DBG-DAG: StateObject Name=TCPGen::_sport Bytes=2 Container=none Shared=no
// NODBG-DAG: StateObject Name=TCPGen.12 Bytes=2 Container=none Shared=no
// DBG-DAG: StateObject Name=TCPGen::_iss Bytes=4 Container=none Shared=no
// NODBG-DAG: StateObject Name=TCPGen.13 Bytes=4 Container=none Shared=no
// DBG-DAG: StateObject Name=TCPGen::_snd_una Bytes=4 Container=none Shared=yes
// NODBG-DAG: StateObject Name=TCPGen.14 Bytes=4 Container=none Shared=yes
// DBG-DAG: StateObject Name=TCPGen::_snd_nxt Bytes=4 Container=none Shared=yes
// NODBG-DAG: StateObject Name=TCPGen.15 Bytes=4 Container=none Shared=yes
// DBG-DAG: StateObject Name=TCPGen::_snd_max Bytes=4 Container=none Shared=no
// NODBG-DAG: StateObject Name=TCPGen.16 Bytes=4 Container=none Shared=no
// DBG-DAG: StateObject Name=TCPGen::_snd_wnd Bytes=4 Container=none Shared=yes
// NODBG-DAG: StateObject Name=TCPGen.17 Bytes=4 Container=none Shared=yes
// DBG-DAG: StateObject Name=TCPGen::_rcv_nxt Bytes=4 Container=none Shared=yes
// NODBG-DAG: StateObject Name=TCPGen.18 Bytes=4 Container=none Shared=yes
// DBG-DAG: StateObject Name=TCPGen::_cwnd Bytes=4 Container=none Shared=yes
// NODBG-DAG: StateObject Name=TCPGen.19 Bytes=4 Container=none Shared=yes
// DBG-DAG: StateObject Name=TCPGen::_ssthresh Bytes=4 Container=none Shared=no
// NODBG-DAG: StateObject Name=TCPGen.20 Bytes=4 Container=none Shared=no
// DBG-DAG: StateObject Name=TCPGen::_need_ack Bytes=1 Container=none Shared=yes
// NODBG-DAG: StateObject Name=TCPGen.21 Bytes=1 Container=none Shared=yes
// DBG-DAG: StateObject Name=TCPGen::_rtx_deadline Bytes=4 Container=none Shared=yes
// NODBG-DAG: StateObject Name=TCPGen.23 Bytes=4 Container=none Shared=yes
// DBG-DAG: StateObject Name=TCPGen::_rto Bytes=4 Container=none Shared=yes
// NODBG-DAG: StateObject Name=TCPGen.24 Bytes=4 Container=none Shared=yes
// DBG-DAG: StateObject Name=TCPGen::_srtt Bytes=4 Container=none Shared=no
// NODBG-DAG: StateObject Name=TCPGen.25 Bytes=4 Container=none Shared=no
// DBG-DAG: StateObject Name=TCPGen::_rttvar Bytes=4 Container=none Shared=no
// NODBG-DAG: StateObject Name=TCPGen.26 Bytes=4 Container=none Shared=no
// DBG-DAG: StateObject Name=TCPGen::_rtt_timing Bytes=1 Container=none Shared=yes
// NODBG-DAG: StateObject Name=TCPGen.27 Bytes=1 Container=none Shared=yes
// DBG-DAG: StateObject Name=TCPGen::_rtt_seq Bytes=4 Container=none Shared=no
// NODBG-DAG: StateObject Name=TCPGen.29 Bytes=4 Container=none Shared=no
// DBG-DAG: StateObject Name=TCPGen::_rtt_start Bytes=4 Container=none Shared=no
// NODBG-DAG: StateObject Name=TCPGen.30 Bytes=4 Container=none Shared=no
// DBG-DAG: StateObject Name=TCPGen::_timewait_end Bytes=4 Container=none Shared=no
// NODBG-DAG: StateObject Name=TCPGen.31 Bytes=4 Container=none Shared=no
// DBG-DAG: StateObject Name=TCPGen::_good_pkt Bytes=4 Container=none Shared=no
// NODBG-DAG: StateObject Name=TCPGen.32 Bytes=4 Container=none Shared=no
// DBG-DAG: StateObject Name=TCPGen::_bad_pkt Bytes=4 Container=none Shared=no
// NODBG-DAG: StateObject Name=TCPGen.33 Bytes=4 Container=none Shared=no
// DBG-DAG: StateObject Name=TCPGen::_pkts_sent Bytes=4 Container=none Shared=no
// NODBG-DAG: StateObject Name=TCPGen.34 Bytes=4 Container=none Shared=no
// DBG-DAG: StateObject Name=TCPGen::_bytes_sent Bytes=8 Container=none Shared=no
// NODBG-DAG: StateObject Name=TCPGen.35 Bytes=8 Container=none Shared=no
// DBG-DAG: StateObject Name=TCPGen::_retransmits Bytes=4 Container=none Shared=no
// NODBG-DAG: StateObject Name=TCPGen.36 Bytes=4 Container=none Shared=no
// DBG-DAG: StateObject Name=TCPGen::_flows_done Bytes=4 Container=none Shared=yes
// NODBG-DAG: StateObject Name=TCPGen.37 Bytes=4 Container=none Shared=yes
// DBG-DAG: StateObject Name=TCPGen::_flows_reset Bytes=4 Container=none Shared=yes
// NODBG-DAG: StateObject Name=TCPGen.38 Bytes=4 Container=none Shared=yes
// DBG-DAG: StateObject Name=TCPGen::_ip_id Bytes=2 Container=none Shared=no
// NODBG-DAG: StateObject Name=TCPGen.39 Bytes=2 Container=none Shared=no
// clang-format on

#include <click/config.h>

#include <click/args.hh>
#include <click/element.hh>
#include <click/error.hh>
#include <click/packet.hh>
#include <clicknet/ip.h>
#include <clicknet/tcp.h>

// The client half of a TCP load generator, one connection at a time:
// output 0 (pull) produces the SYN, BYTES of data in MSS-sized
// segments under slow start / congestion avoidance, and the FIN; input 0
// (push) consumes the server's segments (SYN-ACK, ACKs, data, FIN, RST),
// which drive the state machine, RTT estimation (Jacobson/Karels, integer)
// and the retransmission timer.  When a connection ends the next one starts
// from the next source port.
class TCPGen : public Element {
public:
  TCPGen();

  const char *class_name() const override { return "TCPGen"; }
  const char *port_count() const override { return "1/1"; }
  const char *processing() const override { return "h/l"; }
  int configure(Vector<String> &conf, ErrorHandler *errh) override;

  void push(int port, Packet *p) override;
  Packet *pull(int port) override;

private:
  enum {
    CLOSED,
    SYN_SENT,
    ESTABLISHED,
    FIN_WAIT_1,
    FIN_WAIT_2,
    TIME_WAIT,
    CLOSE_WAIT,
    LAST_ACK
  };
  enum {
    RTO_INITIAL_MS = 1000,
    RTO_MIN_MS = 200,
    RTO_MAX_MS = 60000,
    TIME_WAIT_MS = 2000
  };

  void open_connection(click_jiffies_t now);
  Packet *send_segment(uint8_t flags, uint32_t seq, unsigned payload_len,
                       click_jiffies_t now);
  Packet *send_data_or_fin(click_jiffies_t now);
  void on_timeout();
  bool receive(Packet *p, click_jiffies_t now);
  void process_ack(uint32_t ack, uint16_t win, click_jiffies_t now);
  void rtt_sample(int32_t m);
  void connection_done(bool reset);
  void build_header();
  uint32_t flight_size() const { return _snd_max - _snd_una; }

  // configuration
  uint32_t _saddr;      // network byte order
  uint32_t _daddr;      // network byte order
  uint16_t _sport_base; // host byte order
  uint16_t _dport;      // network byte order
  uint32_t _flow_bytes;
  uint16_t _mss;
  uint32_t _max_flows;                                   // 0 = unlimited
  uint8_t _header[sizeof(click_ip) + sizeof(click_tcp)]; // segment template
  // connection state
  uint8_t _tcp_state;
  uint16_t _sport; // host byte order
  uint32_t _iss;
  uint32_t _snd_una;
  uint32_t _snd_nxt;
  uint32_t _snd_max;
  uint32_t _snd_wnd;
  uint32_t _rcv_nxt;
  uint32_t _cwnd;
  uint32_t _ssthresh;
  bool _need_ack;
  // timers (click_jiffies, milliseconds)
  click_jiffies_t _rtx_deadline; // 0 = not armed
  uint32_t _rto;
  int32_t _srtt;   // scaled by 8
  int32_t _rttvar; // scaled by 4
  bool _rtt_timing;
  uint32_t _rtt_seq;
  click_jiffies_t _rtt_start;
  click_jiffies_t _timewait_end;
  // counters
  uint32_t _good_pkt;
  uint32_t _bad_pkt;
  uint32_t _pkts_sent;
  uint64_t _bytes_sent;
  uint32_t _retransmits;
  uint32_t _flows_done;
  uint32_t _flows_reset;
  uint16_t _ip_id;
};

TCPGen::TCPGen()
    : _saddr(0), _daddr(0), _sport_base(20000), _dport(0), _flow_bytes(16384),
      _mss(1460), _max_flows(0), _tcp_state(CLOSED), _sport(0), _iss(0),
      _snd_una(0), _snd_nxt(0), _snd_max(0), _snd_wnd(0), _rcv_nxt(0), _cwnd(0),
      _ssthresh(0), _need_ack(false), _rtx_deadline(0), _rto(RTO_INITIAL_MS),
      _srtt(0), _rttvar(0), _rtt_timing(false), _rtt_seq(0), _rtt_start(0),
      _timewait_end(0), _good_pkt(0), _bad_pkt(0), _pkts_sent(0),
      _bytes_sent(0), _retransmits(0), _flows_done(0), _flows_reset(0),
      _ip_id(0) {}

int TCPGen::configure(Vector<String> &conf, ErrorHandler *errh) {
  IPAddress saddr, daddr;
  uint16_t dport;
  if (Args(conf, this, errh)
          .read_mp("SRC", saddr)
          .read_mp("DST", daddr)
          .read_mp("DPORT", dport)
          .read("SPORT", _sport_base)
          .read("BYTES", _flow_bytes)
          .read("MSS", _mss)
          .read("FLOWS", _max_flows)
          .complete() < 0)
    return -1;
  if (_mss < 64)
    return errh->error("MSS too small");
  _saddr = saddr.addr();
  _daddr = daddr.addr();
  _dport = htons(dport);
  build_header();
  return 0;
}

// The IP and TCP header fields every segment shares; send_segment() fills
// in lengths, identification, ports, sequence numbers, flags and checksums.
void TCPGen::build_header() {
  memset(_header, 0, sizeof(_header));
  click_ip *iph = reinterpret_cast<click_ip *>(_header);
  click_tcp *tcph = reinterpret_cast<click_tcp *>(iph + 1);
  iph->ip_v = 4;
  iph->ip_hl = sizeof(click_ip) >> 2;
  iph->ip_off = htons(IP_DF);
  iph->ip_ttl = 64;
  iph->ip_p = IP_PROTO_TCP;
  iph->ip_src.s_addr = _saddr;
  iph->ip_dst.s_addr = _daddr;
  tcph->th_dport = _dport;
  tcph->th_off = sizeof(click_tcp) >> 2;
  tcph->th_win = htons(65535);
}

void TCPGen::open_connection(click_jiffies_t now) {
  _sport = (uint16_t)(_sport_base + (_flows_done + _flows_reset) % 16384);
  // ISN from the millisecond clock, as a 4.4BSD-style clock-driven ISN.
  _iss = (uint32_t)now * 250 + ((uint32_t)_sport << 16);
  _snd_una = _iss;
  _snd_nxt = _iss;
  _snd_max = _iss;
  _snd_wnd = _mss;
  _rcv_nxt = 0;
  _cwnd = 2 * (uint32_t)_mss; // RFC 2581 initial window
  _ssthresh = 0xFFFF;
  _need_ack = false;
  _rtx_deadline = 0;
  _rto = RTO_INITIAL_MS;
  _rtt_timing = false;
  _tcp_state = SYN_SENT;
}

void TCPGen::connection_done(bool reset) {
  _tcp_state = CLOSED;
  _rtx_deadline = 0;
  _need_ack = false;
  if (reset)
    _flows_reset++;
  else
    _flows_done++;
}

// Builds one segment of our connection.  Sequence space it occupies (SYN,
// FIN, data) arms the retransmission timer and may start an RTT measurement
// (Karn: never on a retransmission).
Packet *TCPGen::send_segment(uint8_t flags, uint32_t seq, unsigned payload_len,
                             click_jiffies_t now) {
  unsigned tcp_len = sizeof(click_tcp) + payload_len;
  unsigned len = sizeof(click_ip) + tcp_len;
  // Zero-filled: the payload content does not matter to the server.  48
  // bytes of headroom: room for a link header, IP header 4-byte aligned.
  WritablePacket *q = Packet::make(48, 0, len, 0);
  if (!q)
    return 0; // no buffer: the timer or the next pull tries again
  memcpy(q->data(), _header, sizeof(_header));
  click_ip *iph = reinterpret_cast<click_ip *>(q->data());
  click_tcp *tcph = reinterpret_cast<click_tcp *>(iph + 1);
  iph->ip_len = htons((uint16_t)len);
  iph->ip_id = htons(_ip_id);
  _ip_id++;
  iph->ip_sum =
      click_in_cksum(reinterpret_cast<unsigned char *>(iph), sizeof(click_ip));
  tcph->th_sport = htons(_sport);
  tcph->th_seq = htonl(seq);
  tcph->th_ack = (flags & TH_ACK) ? htonl(_rcv_nxt) : 0;
  tcph->th_flags = flags;
  uint16_t csum =
      click_in_cksum(reinterpret_cast<unsigned char *>(tcph), tcp_len);
  tcph->th_sum = click_in_cksum_pseudohdr(csum, iph, tcp_len);
  q->set_ip_header(iph, sizeof(click_ip));
  q->set_dst_ip_anno(IPAddress(_daddr));

  uint32_t seg_len = payload_len + ((flags & (TH_SYN | TH_FIN)) ? 1 : 0);
  if (seg_len) {
    uint32_t end = seq + seg_len;
    bool retransmission = SEQ_LT(seq, _snd_max);
    if (retransmission)
      _retransmits++;
    else if (!_rtt_timing) {
      _rtt_timing = true;
      _rtt_seq = end;
      _rtt_start = now;
    }
    if (SEQ_GT(end, _snd_nxt))
      _snd_nxt = end;
    if (SEQ_GT(end, _snd_max))
      _snd_max = end;
    if (_rtx_deadline == 0)
      _rtx_deadline = now + _rto;
  }
  if (flags & TH_ACK)
    _need_ack = false;
  _pkts_sent++;
  _bytes_sent += payload_len;
  return q;
}

// The next data segment the windows allow, else the FIN once all data is
// acknowledged, else a pending pure ACK.
Packet *TCPGen::send_data_or_fin(click_jiffies_t now) {
  uint32_t data_end = _iss + 1 + _flow_bytes;
  uint32_t wnd = _cwnd < _snd_wnd ? _cwnd : _snd_wnd;
  if (SEQ_LT(_snd_nxt, data_end)) {
    uint32_t in_flight = _snd_nxt - _snd_una;
    if (in_flight < wnd) {
      uint32_t len = data_end - _snd_nxt;
      if (len > _mss)
        len = _mss;
      if (len > wnd - in_flight)
        len = wnd - in_flight;
      uint8_t flags = TH_ACK;
      if (_snd_nxt + len == data_end)
        flags |= TH_PUSH;
      return send_segment(flags, _snd_nxt, len, now);
    }
  } else if (_snd_una == data_end && _snd_nxt == data_end) {
    _tcp_state = _tcp_state == CLOSE_WAIT ? LAST_ACK : FIN_WAIT_1;
    return send_segment(TH_FIN | TH_ACK, data_end, 0, now);
  }
  if (_need_ack)
    return send_segment(TH_ACK, _snd_nxt, 0, now);
  return 0;
}

// RFC 6298 / 5681: back off, collapse the window, go back to snd_una.
void TCPGen::on_timeout() {
  uint32_t half = flight_size() / 2;
  uint32_t floor = 2 * (uint32_t)_mss;
  _ssthresh = half > floor ? half : floor;
  _cwnd = _mss;
  _snd_nxt = _snd_una;
  _rtt_timing = false;
  _rto = _rto * 2 > RTO_MAX_MS ? (uint32_t)RTO_MAX_MS : _rto * 2;
  _rtx_deadline = 0;
}

Packet *TCPGen::pull(int) {
  click_jiffies_t now = click_jiffies();
  bool expired = _rtx_deadline != 0 && !click_jiffies_less(now, _rtx_deadline);
  switch (_tcp_state) {
  case CLOSED:
    if (_max_flows && _flows_done + _flows_reset >= _max_flows)
      return 0;
    open_connection(now);
    return send_segment(TH_SYN, _iss, 0, now);
  case SYN_SENT:
    if (!expired)
      return 0;
    on_timeout();
    return send_segment(TH_SYN, _iss, 0, now);
  case ESTABLISHED:
  case CLOSE_WAIT:
    if (expired)
      on_timeout();
    return send_data_or_fin(now);
  case FIN_WAIT_1:
  case LAST_ACK:
    if (expired) {
      on_timeout();
      return send_segment(TH_FIN | TH_ACK, _snd_una, 0, now);
    }
    break;
  case TIME_WAIT:
    if (!_need_ack && !click_jiffies_less(now, _timewait_end)) {
      connection_done(false);
      return 0;
    }
    break;
  default:
    break;
  }
  if (_need_ack)
    return send_segment(TH_ACK, _snd_nxt, 0, now);
  return 0;
}

// Jacobson/Karels in integers: srtt scaled by 8, rttvar by 4.
void TCPGen::rtt_sample(int32_t m) {
  if (m <= 0)
    m = 1;
  if (_srtt == 0) {
    _srtt = m << 3;
    _rttvar = m << 1;
  } else {
    int32_t delta = m - (_srtt >> 3);
    _srtt += delta;
    if (delta < 0)
      delta = -delta;
    delta -= _rttvar >> 2;
    _rttvar += delta;
  }
  int32_t rto = (_srtt >> 3) + _rttvar;
  if (rto < RTO_MIN_MS)
    rto = RTO_MIN_MS;
  if (rto > RTO_MAX_MS)
    rto = RTO_MAX_MS;
  _rto = (uint32_t)rto;
}

void TCPGen::process_ack(uint32_t ack, uint16_t win, click_jiffies_t now) {
  if (SEQ_GT(ack, _snd_max)) {
    _need_ack = true; // acknowledges data never sent: re-synchronise
    return;
  }
  _snd_wnd = win;
  if (SEQ_GT(ack, _snd_una)) {
    uint32_t acked = ack - _snd_una;
    _snd_una = ack;
    if (_rtt_timing && SEQ_GEQ(ack, _rtt_seq)) {
      rtt_sample((int32_t)(now - _rtt_start));
      _rtt_timing = false;
    }
    if (_cwnd < _ssthresh) // slow start
      _cwnd += acked < _mss ? acked : _mss;
    else // congestion avoidance: about one MSS per RTT
      _cwnd += (uint32_t)_mss * _mss / _cwnd + 1;
    if (SEQ_LT(_snd_nxt, _snd_una))
      _snd_nxt = _snd_una;
    _rtx_deadline = _snd_una == _snd_max ? 0 : now + _rto;
  }
}

// Input 0 expects IP packets with the IP header annotation set (as after
// CheckIPHeader).  Anything that is not a valid segment of the current
// connection counts as a bad packet.
bool TCPGen::receive(Packet *p, click_jiffies_t now) {
  const click_ip *iph = p->ip_header();
  if (_tcp_state == CLOSED || !p->has_network_header() ||
      iph->ip_p != IP_PROTO_TCP || IP_ISFRAG(iph))
    return false;
  const click_tcp *tcph = p->tcp_header();
  unsigned tcp_len = p->transport_length();
  if (tcp_len < sizeof(click_tcp) || (unsigned)(tcph->th_off << 2) > tcp_len)
    return false;
  if (iph->ip_src.s_addr != _daddr || iph->ip_dst.s_addr != _saddr ||
      tcph->th_sport != _dport || tcph->th_dport != htons(_sport))
    return false; // not our connection
  uint16_t csum =
      click_in_cksum(reinterpret_cast<const unsigned char *>(tcph), tcp_len);
  if (click_in_cksum_pseudohdr(csum, iph, tcp_len) != 0)
    return false;

  uint32_t seq = ntohl(tcph->th_seq);
  uint32_t ack = ntohl(tcph->th_ack);
  uint8_t flags = tcph->th_flags;
  unsigned payload_len = tcp_len - (tcph->th_off << 2);

  if (flags & TH_RST) {
    if (_tcp_state == SYN_SENT ? ((flags & TH_ACK) && ack == _iss + 1)
                               : seq == _rcv_nxt) {
      connection_done(true);
      return true;
    }
    return false; // blind reset outside the window
  }
  if (_tcp_state == SYN_SENT) {
    if ((flags & (TH_SYN | TH_ACK)) != (TH_SYN | TH_ACK) || ack != _iss + 1)
      return false;
    _rcv_nxt = seq + 1;
    process_ack(ack, ntohs(tcph->th_win), now);
    _tcp_state = ESTABLISHED;
    _need_ack = true;
    return true;
  }
  if (flags & TH_SYN) {
    _need_ack = true; // a retransmitted SYN-ACK: our ACK was lost
    return true;
  }
  if (flags & TH_ACK)
    process_ack(ack, ntohs(tcph->th_win), now);

  if (payload_len) {
    if (seq == _rcv_nxt)
      _rcv_nxt += payload_len;
    _need_ack = true; // in order or not, tell the peer where we are
  }
  if ((flags & TH_FIN) && seq + payload_len == _rcv_nxt) {
    _rcv_nxt++;
    _need_ack = true;
    switch (_tcp_state) {
    case ESTABLISHED:
      _tcp_state = CLOSE_WAIT;
      break;
    case FIN_WAIT_1: // simultaneous close: TIME_WAIT absorbs our FIN's ACK
    case FIN_WAIT_2:
      _tcp_state = TIME_WAIT;
      break;
    default:
      break;
    }
    if (_tcp_state == TIME_WAIT)
      _timewait_end = now + TIME_WAIT_MS;
    return true;
  }
  if (_snd_una == _snd_max) { // everything we sent, FIN included, is acked
    switch (_tcp_state) {
    case FIN_WAIT_1:
      _tcp_state = FIN_WAIT_2;
      break;
    case LAST_ACK:
      connection_done(false);
      break;
    default:
      break;
    }
  }
  return true;
}

void TCPGen::push(int, Packet *p) {
  if (receive(p, click_jiffies()))
    _good_pkt++;
  else
    _bad_pkt++;
  p->kill();
}

// Host-driver entry for clara-replay: one TCPGen.
#include <click/clara.hh>

extern "C" Element *clara_nf_create(const char *config) {
  TCPGen *e = new TCPGen;
  String conf = config && *config
                    ? String(config)
                    : String("10.0.0.1, 10.0.0.2, 80, BYTES 16384");
  if (clara_element_setup(e, conf) < 0) {
    delete e;
    return 0;
  }
  return e;
}

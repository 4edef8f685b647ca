//===- test/nf/webgen.cc - WebGen: HTTP client load generator -------------===//
//
// A client-side web load generator. WebGen opens TCP connections from a
// range of source ports to one HTTP server at a configured rate (SYN),
// completes the handshake with an ACK that carries the GET request, ACKs the
// response data in order, answers the server's FIN and frees the
// connection; retransmission timers with exponential backoff resend SYNs,
// requests and FINs, and give up with an RST. Server segments enter through
// WebGenReceiver, which validates them and hands them to WebGen's push
// input; WebGen's pull output emits IP packets. This is the paper's
// "WebGen" NF.
//
// Entry points: WebGenReceiver::push, WebGen::push, WebGen::pull
// State: WebGenReceiver::_client_addr (none, generator's address);
//        WebGenReceiver::_server_addr (none, server address);
//        WebGenReceiver::_server_port (none, server port);
//        WebGenReceiver::_good (none, segments accepted);
//        WebGenReceiver::_bad_ip (none, bad IP headers);
//        WebGenReceiver::_bad_tcp (none, bad TCP headers or checksums);
//        WebGenReceiver::_not_ours (none, segments of other hosts);
//        WebGen::_client_addr (none, source address);
//        WebGen::_server_addr (none, server address);
//        WebGen::_server_port (none, server port);
//        WebGen::_sport_base (none, first source port);
//        WebGen::_max_active (none, concurrent connection limit);
//        WebGen::_interval_us (none, time between connection starts);
//        WebGen::_request (array, HTTP GET request bytes);
//        WebGen::_request_len (none, request length);
//        WebGen::_conns (array, per-connection TCP state by source port;
//        written by push and pull);
//        WebGen::_queue (array, segments waiting for the pull output;
//        written by push and pull);
//        WebGen::_q_head (none, queue read index);
//        WebGen::_q_tail (none, queue write index);
//        WebGen::_active (none, open connections; written by push and pull);
//        WebGen::_next_start_us (none, time of the next connection start);
//        WebGen::_scan_pos (none, timer scan cursor);
//        WebGen::_isn_seed (none, initial sequence number generator);
//        WebGen::_ip_id (none, IP ID counter; written by push and pull);
//        WebGen::_opened (none, connections opened);
//        WebGen::_completed (none, connections completed);
//        WebGen::_aborted (none, connections given up);
//        WebGen::_resets (none, connections reset by the server);
//        WebGen::_retransmits (none, retransmitted segments);
//        WebGen::_stray (none, segments for no connection);
//        WebGen::_bytes_received (none, response payload bytes);
//        WebGen::_queue_drops (none, segments lost to a full queue);
//        WebGen::_alloc_failures (none, packet allocation failures; written
//        by push and pull)
// Accelerator opportunities: none — checksums use the framework's
//        click_in_cksum; initial sequence numbers come from a linear
//        congruential generator, not a hash or cipher.
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
// CHECK: clara-annotate: EntryPoints=3 StateObjects=33
// CHECK-DAG: EntryPoint Function=_ZN14WebGenReceiver4pushEiP6Packet Demangled=WebGenReceiver::push(int, Packet*)
// CHECK-DAG: EntryPoint Function=_ZN6WebGen4pullEi Demangled=WebGen::pull(int)
// CHECK-DAG: EntryPoint Function=_ZN6WebGen4pushEiP6Packet Demangled=WebGen::push(int, Packet*)
// DBG-DAG: StateObject Name=WebGenReceiver::_client_addr Bytes=4 Container=none Shared=no
// NODBG-DAG: StateObject Name=WebGenReceiver.1 Bytes=4 Container=none Shared=no
// DBG-DAG: StateObject Name=WebGenReceiver::_server_addr Bytes=4 Container=none Shared=no
// NODBG-DAG: StateObject Name=WebGenReceiver.2 Bytes=4 Container=none Shared=no
// DBG-DAG: StateObject Name=WebGenReceiver::_server_port Bytes=2 Container=none Shared=no
// NODBG-DAG: StateObject Name=WebGenReceiver.3 Bytes=2 Container=none Shared=no
// DBG-DAG: StateObject Name=WebGenReceiver::_good Bytes=8 Container=none Shared=no
// NODBG-DAG: StateObject Name=WebGenReceiver.4 Bytes=8 Container=none Shared=no
// DBG-DAG: StateObject Name=WebGenReceiver::_bad_ip Bytes=8 Container=none Shared=no
// NODBG-DAG: StateObject Name=WebGenReceiver.5 Bytes=8 Container=none Shared=no
// DBG-DAG: StateObject Name=WebGenReceiver::_bad_tcp Bytes=8 Container=none Shared=no
// NODBG-DAG: StateObject Name=WebGenReceiver.6 Bytes=8 Container=none Shared=no
// DBG-DAG: StateObject Name=WebGenReceiver::_not_ours Bytes=8 Container=none Shared=no
// NODBG-DAG: StateObject Name=WebGenReceiver.7 Bytes=8 Container=none Shared=no
// DBG-DAG: StateObject Name=WebGen::_client_addr Bytes=4 Container=none Shared=no
// NODBG-DAG: StateObject Name=WebGen.1 Bytes=4 Container=none Shared=no
// DBG-DAG: StateObject Name=WebGen::_server_addr Bytes=4 Container=none Shared=no
// NODBG-DAG: StateObject Name=WebGen.2 Bytes=4 Container=none Shared=no
// DBG-DAG: StateObject Name=WebGen::_server_port Bytes=2 Container=none Shared=no
// NODBG-DAG: StateObject Name=WebGen.3 Bytes=2 Container=none Shared=no
// DBG-DAG: StateObject Name=WebGen::_sport_base Bytes=2 Container=none Shared=no
// NODBG-DAG: StateObject Name=WebGen.4 Bytes=2 Container=none Shared=no
// DBG-DAG: StateObject Name=WebGen::_max_active Bytes=4 Container=none Shared=no
// NODBG-DAG: StateObject Name=WebGen.5 Bytes=4 Container=none Shared=no
// DBG-DAG: StateObject Name=WebGen::_interval_us Bytes=4 Container=none Shared=no
// NODBG-DAG: StateObject Name=WebGen.6 Bytes=4 Container=none Shared=no
// DBG-DAG: StateObject Name=WebGen::_request Bytes=128 Container=array Shared=no
// NODBG-DAG: StateObject Name=WebGen.7 Bytes=128 Container=array Shared=no
// DBG-DAG: StateObject Name=WebGen::_request_len Bytes=4 Container=none Shared=no
// NODBG-DAG: StateObject Name=WebGen.8 Bytes=4 Container=none Shared=no
// DBG-DAG: StateObject Name=WebGen::_conns Bytes=2048 Container=array Shared=yes
// NODBG-DAG: StateObject Name=WebGen.9 Bytes=2048 Container=array Shared=yes
// DBG-DAG: StateObject Name=WebGen::_queue Bytes=256 Container=array Shared=yes
// NODBG-DAG: StateObject Name=WebGen.10 Bytes=256 Container=array Shared=yes
// DBG-DAG: StateObject Name=WebGen::_q_head Bytes=4 Container=none Shared=no
// NODBG-DAG: StateObject Name=WebGen.11 Bytes=4 Container=none Shared=no
// DBG-DAG: StateObject Name=WebGen::_q_tail Bytes=4 Container=none Shared=no
// NODBG-DAG: StateObject Name=WebGen.12 Bytes=4 Container=none Shared=no
// DBG-DAG: StateObject Name=WebGen::_active Bytes=4 Container=none Shared=yes
// NODBG-DAG: StateObject Name=WebGen.13 Bytes=4 Container=none Shared=yes
// DBG-DAG: StateObject Name=WebGen::_next_start_us Bytes=8 Container=none Shared=no
// NODBG-DAG: StateObject Name=WebGen.14 Bytes=8 Container=none Shared=no
// DBG-DAG: StateObject Name=WebGen::_scan_pos Bytes=4 Container=none Shared=no
// NODBG-DAG: StateObject Name=WebGen.15 Bytes=4 Container=none Shared=no
// DBG-DAG: StateObject Name=WebGen::_isn_seed Bytes=4 Container=none Shared=no
// NODBG-DAG: StateObject Name=WebGen.16 Bytes=4 Container=none Shared=no
// DBG-DAG: StateObject Name=WebGen::_ip_id Bytes=2 Container=none Shared=yes
// NODBG-DAG: StateObject Name=WebGen.17 Bytes=2 Container=none Shared=yes
// DBG-DAG: StateObject Name=WebGen::_opened Bytes=8 Container=none Shared=no
// NODBG-DAG: StateObject Name=WebGen.18 Bytes=8 Container=none Shared=no
// DBG-DAG: StateObject Name=WebGen::_completed Bytes=8 Container=none Shared=no
// NODBG-DAG: StateObject Name=WebGen.19 Bytes=8 Container=none Shared=no
// DBG-DAG: StateObject Name=WebGen::_aborted Bytes=8 Container=none Shared=no
// NODBG-DAG: StateObject Name=WebGen.20 Bytes=8 Container=none Shared=no
// DBG-DAG: StateObject Name=WebGen::_resets Bytes=8 Container=none Shared=no
// NODBG-DAG: StateObject Name=WebGen.21 Bytes=8 Container=none Shared=no
// DBG-DAG: StateObject Name=WebGen::_retransmits Bytes=8 Container=none Shared=no
// NODBG-DAG: StateObject Name=WebGen.22 Bytes=8 Container=none Shared=no
// DBG-DAG: StateObject Name=WebGen::_stray Bytes=8 Container=none Shared=no
// NODBG-DAG: StateObject Name=WebGen.23 Bytes=8 Container=none Shared=no
// DBG-DAG: StateObject Name=WebGen::_bytes_received Bytes=8 Container=none Shared=no
// NODBG-DAG: StateObject Name=WebGen.24 Bytes=8 Container=none Shared=no
// DBG-DAG: StateObject Name=WebGen::_queue_drops Bytes=8 Container=none Shared=no
// NODBG-DAG: StateObject Name=WebGen.25 Bytes=8 Container=none Shared=no
// DBG-DAG: StateObject Name=WebGen::_alloc_failures Bytes=8 Container=none Shared=yes
// NODBG-DAG: StateObject Name=WebGen.26 Bytes=8 Container=none Shared=yes
// clang-format on

#include <click/config.h>
#include <click/element.hh>
#include <click/error.hh>
#include <click/packet.hh>
#include <click/timestamp.hh>
#include <clicknet/ip.h>
#include <clicknet/tcp.h>

static bool webgen_parse_addr(const String &str, uint32_t &addr) {
  const char *s = str.data(), *end = s + str.length();
  uint32_t a = 0;
  for (int i = 0; i < 4; i++) {
    uint32_t part = 0;
    const char *start = s;
    while (s < end && *s >= '0' && *s <= '9' && part <= 255)
      part = part * 10 + (*s++ - '0');
    if (s == start || part > 255)
      return false;
    a = (a << 8) | part;
    if (i < 3 && (s == end || *s++ != '.'))
      return false;
  }
  addr = htonl(a);
  return s == end;
}

// ---------------------------------------------------------------------------
// WebGenReceiver: accepts Ethernet frames carrying TCP segments from the
// server to the generator, validates IP and TCP (including the checksum),
// annotates the headers and pushes them on to WebGen.

class WebGenReceiver : public Element {
public:
  WebGenReceiver()
      : _client_addr(0), _server_addr(0), _server_port(80), _good(0),
        _bad_ip(0), _bad_tcp(0), _not_ours(0) {}

  const char *class_name() const override { return "WebGenReceiver"; }
  const char *port_count() const override { return PORTS_1_1; }
  int configure(Vector<String> &conf, ErrorHandler *errh) override;

  void push(int port, Packet *p) override;

private:
  uint32_t _client_addr;
  uint32_t _server_addr;
  uint16_t _server_port;
  uint64_t _good;
  uint64_t _bad_ip;
  uint64_t _bad_tcp;
  uint64_t _not_ours;

  const click_ip *check_ip(Packet *p);
  bool check_tcp(const click_ip *iph);
};

int WebGenReceiver::configure(Vector<String> &conf, ErrorHandler *errh) {
  // WebGenReceiver(CLIENT_ADDR, SERVER_ADDR)
  if (conf.size() != 2 || !webgen_parse_addr(conf[0], _client_addr) ||
      !webgen_parse_addr(conf[1], _server_addr))
    return errh->error("expected CLIENT_ADDR, SERVER_ADDR");
  return 0;
}

const click_ip *WebGenReceiver::check_ip(Packet *p) {
  const unsigned off = 14;
  if (p->length() < off + sizeof(click_ip))
    return 0;
  const click_ip *iph = reinterpret_cast<const click_ip *>(p->data() + off);
  unsigned avail = p->length() - off;
  unsigned hlen = iph->ip_hl << 2;
  unsigned len = ntohs(iph->ip_len);
  if (iph->ip_v != 4 || hlen < sizeof(click_ip) || len < hlen || len > avail)
    return 0;
  if (click_in_cksum(reinterpret_cast<const unsigned char *>(iph), hlen) != 0)
    return 0;
  if (avail > len)
    p->take(avail - len);
  p->set_ip_header(iph, hlen);
  return iph;
}

bool WebGenReceiver::check_tcp(const click_ip *iph) {
  if (iph->ip_p != IP_PROTO_TCP ||
      (ntohs(iph->ip_off) & (IP_MF | IP_OFFMASK)) != 0)
    return false;
  unsigned hlen = iph->ip_hl << 2;
  unsigned tlen = ntohs(iph->ip_len) - hlen;
  if (tlen < sizeof(click_tcp))
    return false;
  const click_tcp *tcph = reinterpret_cast<const click_tcp *>(
      reinterpret_cast<const unsigned char *>(iph) + hlen);
  unsigned thlen = tcph->th_off << 2;
  if (thlen < sizeof(click_tcp) || thlen > tlen)
    return false;
  unsigned csum =
      click_in_cksum(reinterpret_cast<const unsigned char *>(tcph), tlen);
  return click_in_cksum_pseudohdr(csum, iph, tlen) == 0;
}

void WebGenReceiver::push(int, Packet *p) {
  const click_ip *iph = check_ip(p);
  if (!iph) {
    _bad_ip++;
    p->kill();
    return;
  }
  if (!check_tcp(iph)) {
    _bad_tcp++;
    p->kill();
    return;
  }
  const click_tcp *tcph = p->tcp_header();
  if (iph->ip_src.s_addr != _server_addr ||
      iph->ip_dst.s_addr != _client_addr ||
      tcph->th_sport != htons(_server_port)) {
    _not_ours++;
    p->kill();
    return;
  }
  _good++;
  output(0).push(p);
}

// ---------------------------------------------------------------------------
// WebGen: the connection state machine. Push input: validated server
// segments. Pull output: SYNs, requests, ACKs, FINs, retransmissions.

struct WebGenConn {
  uint8_t state;
  uint8_t retries;
  uint16_t rto_ms;
  uint32_t iss;     // initial send sequence number
  uint32_t snd_una; // oldest unacknowledged sequence number
  uint32_t snd_nxt; // next sequence number to send
  uint32_t rcv_nxt; // next sequence number expected from the server
  uint32_t bytes_in;
  uint64_t deadline_us; // retransmission/idle timer; 0 = not armed
};

class WebGen : public Element {
public:
  WebGen();

  const char *class_name() const override { return "WebGen"; }
  const char *port_count() const override { return PORTS_1_1; }
  const char *processing() const override { return PUSH_TO_PULL; }
  int configure(Vector<String> &conf, ErrorHandler *errh) override;

  void push(int port, Packet *p) override;
  Packet *pull(int port) override;

  enum { MAX_CONNS = 64, QSIZE = 32, REQUEST_MAX = 128, SCAN_BUDGET = 8 };
  enum { INITIAL_RTO_MS = 500, MAX_RTO_MS = 8000, MAX_RETRIES = 5 };
  enum { IDLE_TIMEOUT_US = 10000000, WINDOW = 65535 };
  enum { CONN_FREE, CONN_SYN_SENT, CONN_ESTABLISHED, CONN_LAST_ACK };

private:
  uint32_t _client_addr;
  uint32_t _server_addr;
  uint16_t _server_port;
  uint16_t _sport_base;
  unsigned _max_active;
  uint32_t _interval_us;
  char _request[REQUEST_MAX];
  unsigned _request_len;
  WebGenConn _conns[MAX_CONNS];
  Packet *_queue[QSIZE];
  unsigned _q_head;
  unsigned _q_tail;
  unsigned _active;
  uint64_t _next_start_us;
  unsigned _scan_pos;
  uint32_t _isn_seed;
  uint16_t _ip_id;
  uint64_t _opened;
  uint64_t _completed;
  uint64_t _aborted;
  uint64_t _resets;
  uint64_t _retransmits;
  uint64_t _stray;
  uint64_t _bytes_received;
  uint64_t _queue_drops;
  uint64_t _alloc_failures;

  WritablePacket *make_segment(unsigned idx, uint8_t flags, uint32_t seq,
                               const char *payload, unsigned plen);
  void enqueue(Packet *p);
  void free_conn(unsigned idx);
  void arm_timer(WebGenConn &c, uint64_t now);
  Packet *start_connection(uint64_t now);
  Packet *check_timers(uint64_t now);
  Packet *retransmit(unsigned idx, uint64_t now);
  void receive_syn_ack(unsigned idx, const click_tcp *tcph, uint64_t now);
  void receive_data(unsigned idx, const click_tcp *tcph, unsigned dlen,
                    uint64_t now);
};

WebGen::WebGen()
    : _client_addr(0), _server_addr(0), _server_port(80), _sport_base(30000),
      _max_active(16), _interval_us(1000), _request_len(0), _q_head(0),
      _q_tail(0), _active(0), _next_start_us(0), _scan_pos(0),
      _isn_seed(0x2545F491), _ip_id(1), _opened(0), _completed(0), _aborted(0),
      _resets(0), _retransmits(0), _stray(0), _bytes_received(0),
      _queue_drops(0), _alloc_failures(0) {
  memset(_conns, 0, sizeof(_conns));
  for (int i = 0; i < QSIZE; i++)
    _queue[i] = 0;
}

int WebGen::configure(Vector<String> &conf, ErrorHandler *errh) {
  // WebGen(CLIENT_ADDR, SERVER_ADDR [, PATH])
  if (conf.size() < 2 || conf.size() > 3 ||
      !webgen_parse_addr(conf[0], _client_addr) ||
      !webgen_parse_addr(conf[1], _server_addr))
    return errh->error("expected CLIENT_ADDR, SERVER_ADDR [, PATH]");
  String path = conf.size() == 3 ? conf[2] : String("/index.html");
  String req = String("GET ") + path + String(" HTTP/1.0\r\nHost: ") + conf[1] +
               String("\r\nUser-Agent: webgen\r\n\r\n");
  if (req.length() > REQUEST_MAX)
    return errh->error("request too long");
  memcpy(_request, req.data(), req.length());
  _request_len = req.length();
  return 0;
}

// Builds an IP/TCP segment of connection idx; the IP header annotation is
// set. Returns null if no packet buffer is available.
WritablePacket *WebGen::make_segment(unsigned idx, uint8_t flags, uint32_t seq,
                                     const char *payload, unsigned plen) {
  const WebGenConn &c = _conns[idx];
  unsigned len = sizeof(click_ip) + sizeof(click_tcp) + plen;
  WritablePacket *q = Packet::make(len);
  if (!q) {
    _alloc_failures++;
    return 0;
  }
  memset(q->data(), 0, sizeof(click_ip) + sizeof(click_tcp));
  click_ip *iph = reinterpret_cast<click_ip *>(q->data());
  iph->ip_v = 4;
  iph->ip_hl = sizeof(click_ip) >> 2;
  iph->ip_len = htons(len);
  iph->ip_id = htons(_ip_id++);
  iph->ip_off = htons(IP_DF);
  iph->ip_ttl = 64;
  iph->ip_p = IP_PROTO_TCP;
  iph->ip_src.s_addr = _client_addr;
  iph->ip_dst.s_addr = _server_addr;
  iph->ip_sum = click_in_cksum(reinterpret_cast<const unsigned char *>(iph),
                               sizeof(click_ip));
  q->set_ip_header(iph, sizeof(click_ip));

  click_tcp *tcph = q->tcp_header();
  tcph->th_sport = htons(_sport_base + idx);
  tcph->th_dport = htons(_server_port);
  tcph->th_seq = htonl(seq);
  tcph->th_ack = (flags & TH_ACK) ? htonl(c.rcv_nxt) : 0;
  tcph->th_off = sizeof(click_tcp) >> 2;
  tcph->th_flags = flags;
  tcph->th_win = htons(WINDOW);
  if (plen)
    memcpy(tcph + 1, payload, plen);
  unsigned tlen = sizeof(click_tcp) + plen;
  unsigned csum =
      click_in_cksum(reinterpret_cast<const unsigned char *>(tcph), tlen);
  tcph->th_sum = click_in_cksum_pseudohdr(csum, iph, tlen);
  return q;
}

void WebGen::enqueue(Packet *p) {
  unsigned next = (_q_tail + 1) % QSIZE;
  if (next == _q_head) {
    _queue_drops++;
    p->kill();
    return;
  }
  _queue[_q_tail] = p;
  _q_tail = next;
}

void WebGen::free_conn(unsigned idx) {
  _conns[idx].state = CONN_FREE;
  _conns[idx].deadline_us = 0;
  _active--;
}

void WebGen::arm_timer(WebGenConn &c, uint64_t now) {
  c.deadline_us = now + (uint64_t)c.rto_ms * 1000;
}

Packet *WebGen::start_connection(uint64_t now) {
  unsigned idx = MAX_CONNS;
  for (unsigned i = 0; i < MAX_CONNS; i++)
    if (_conns[i].state == CONN_FREE) {
      idx = i;
      break;
    }
  if (idx == MAX_CONNS)
    return 0;
  _isn_seed = _isn_seed * 1103515245U + 12345U;
  WebGenConn &c = _conns[idx];
  c.iss = _isn_seed;
  c.snd_una = c.iss;
  c.snd_nxt = c.iss + 1; // the SYN takes one sequence number
  c.rcv_nxt = 0;
  c.bytes_in = 0;
  c.retries = 0;
  c.rto_ms = INITIAL_RTO_MS;
  WritablePacket *q = make_segment(idx, TH_SYN, c.iss, 0, 0);
  if (!q)
    return 0;
  c.state = CONN_SYN_SENT;
  arm_timer(c, now);
  _active++;
  _opened++;
  _next_start_us = now + _interval_us;
  return q;
}

Packet *WebGen::retransmit(unsigned idx, uint64_t now) {
  WebGenConn &c = _conns[idx];
  if (c.retries >= MAX_RETRIES ||
      (c.state == CONN_ESTABLISHED && c.snd_una == c.snd_nxt)) {
    // Out of retries, or the server went silent after our request was
    // acknowledged: abort the connection.
    WritablePacket *q = make_segment(idx, TH_RST | TH_ACK, c.snd_nxt, 0, 0);
    free_conn(idx);
    _aborted++;
    return q;
  }
  c.retries++;
  c.rto_ms = c.rto_ms * 2 > MAX_RTO_MS ? (uint16_t)MAX_RTO_MS : c.rto_ms * 2;
  arm_timer(c, now);
  _retransmits++;
  switch (c.state) {
  case CONN_SYN_SENT:
    return make_segment(idx, TH_SYN, c.iss, 0, 0);
  case CONN_ESTABLISHED:
    return make_segment(idx, TH_ACK | TH_PUSH, c.iss + 1, _request,
                        _request_len);
  case CONN_LAST_ACK:
    return make_segment(idx, TH_FIN | TH_ACK, c.snd_nxt - 1, 0, 0);
  default:
    return 0;
  }
}

Packet *WebGen::check_timers(uint64_t now) {
  for (unsigned n = 0; n < SCAN_BUDGET; n++) {
    unsigned idx = _scan_pos;
    _scan_pos = (_scan_pos + 1) % MAX_CONNS;
    const WebGenConn &c = _conns[idx];
    if (c.state != CONN_FREE && c.deadline_us != 0 && now >= c.deadline_us)
      return retransmit(idx, now);
  }
  return 0;
}

Packet *WebGen::pull(int) {
  if (_q_head != _q_tail) {
    Packet *p = _queue[_q_head];
    _queue[_q_head] = 0;
    _q_head = (_q_head + 1) % QSIZE;
    return p;
  }
  uint64_t now = Timestamp::now().usecval();
  if (Packet *p = check_timers(now))
    return p;
  if (_active < _max_active && now >= _next_start_us)
    return start_connection(now);
  return 0;
}

// SYN-ACK in SYN_SENT: complete the handshake with an ACK that carries the
// request.
void WebGen::receive_syn_ack(unsigned idx, const click_tcp *tcph,
                             uint64_t now) {
  WebGenConn &c = _conns[idx];
  if (ntohl(tcph->th_ack) != c.iss + 1)
    return; // not for our SYN; the timer will resend it
  c.rcv_nxt = ntohl(tcph->th_seq) + 1;
  c.snd_una = c.iss + 1;
  c.snd_nxt = c.snd_una + _request_len;
  c.state = CONN_ESTABLISHED;
  c.retries = 0;
  c.rto_ms = INITIAL_RTO_MS;
  arm_timer(c, now);
  if (WritablePacket *q = make_segment(idx, TH_ACK | TH_PUSH, c.snd_una,
                                       _request, _request_len))
    enqueue(q);
}

// ACK, data and FIN processing in ESTABLISHED and LAST_ACK.
void WebGen::receive_data(unsigned idx, const click_tcp *tcph, unsigned dlen,
                          uint64_t now) {
  WebGenConn &c = _conns[idx];
  uint8_t flags = tcph->th_flags;
  uint32_t seq = ntohl(tcph->th_seq);
  if (flags & TH_ACK) {
    uint32_t ack = ntohl(tcph->th_ack);
    if ((int32_t)(ack - c.snd_una) > 0 && (int32_t)(ack - c.snd_nxt) <= 0) {
      c.snd_una = ack;
      c.retries = 0;
      c.rto_ms = INITIAL_RTO_MS;
      if (c.state == CONN_ESTABLISHED && ack == c.snd_nxt)
        c.deadline_us = now + IDLE_TIMEOUT_US; // request delivered
    }
    if (c.state == CONN_LAST_ACK && ack == c.snd_nxt) {
      _completed++;
      free_conn(idx);
      return;
    }
  }
  if (c.state != CONN_ESTABLISHED)
    return;
  bool send_ack = false;
  if (dlen) {
    if (seq == c.rcv_nxt) {
      c.rcv_nxt += dlen;
      c.bytes_in += dlen;
      _bytes_received += dlen;
    }
    send_ack = true; // in order: ACK it; otherwise a duplicate ACK
  }
  if ((flags & TH_FIN) && seq + dlen == c.rcv_nxt) {
    // Server closed after the response: ACK its FIN with our FIN.
    c.rcv_nxt++;
    c.state = CONN_LAST_ACK;
    c.retries = 0;
    c.rto_ms = INITIAL_RTO_MS;
    c.snd_nxt++;
    arm_timer(c, now);
    if (WritablePacket *q =
            make_segment(idx, TH_FIN | TH_ACK, c.snd_nxt - 1, 0, 0))
      enqueue(q);
    return;
  }
  if (send_ack) {
    // Data keeps the connection alive while the response streams in.
    c.deadline_us = now + IDLE_TIMEOUT_US;
    if (WritablePacket *q = make_segment(idx, TH_ACK, c.snd_nxt, 0, 0))
      enqueue(q);
  }
}

void WebGen::push(int, Packet *p) {
  const click_ip *iph = p->ip_header();
  const click_tcp *tcph = p->tcp_header();
  unsigned idx = (uint16_t)(ntohs(tcph->th_dport) - _sport_base);
  if (idx >= MAX_CONNS || _conns[idx].state == CONN_FREE) {
    _stray++;
    p->kill();
    return;
  }
  uint64_t now = Timestamp::now().usecval();
  uint8_t flags = tcph->th_flags;
  unsigned dlen = ntohs(iph->ip_len) - (iph->ip_hl << 2) - (tcph->th_off << 2);
  if (flags & TH_RST) {
    _resets++;
    free_conn(idx);
  } else if (_conns[idx].state == CONN_SYN_SENT) {
    if ((flags & (TH_SYN | TH_ACK)) == (TH_SYN | TH_ACK))
      receive_syn_ack(idx, tcph, now);
  } else if (!(flags & TH_SYN))
    receive_data(idx, tcph, dlen, now);
  p->kill();
}

// ---------------------------------------------------------------------------
// Factory for clara-replay: WebGenReceiver -> WebGen, client 10.0.0.2,
// server 10.0.0.80. Server frames are pushed into the returned receiver;
// the generated packets are pulled from WebGen's output 0
// (receiver->output(0).element()). config, if given, replaces
// "CLIENT_ADDR, SERVER_ADDR".

#include <click/clara.hh>

extern "C" Element *clara_nf_create(const char *config) {
  WebGenReceiver *recv = new WebGenReceiver;
  WebGen *gen = new WebGen;
  String conf =
      config && *config ? String(config) : String("10.0.0.2, 10.0.0.80");
  if (clara_element_setup(recv, conf, 1, 1) < 0 ||
      clara_element_setup(gen, conf, 1, 1) < 0 ||
      clara_connect(recv, 0, gen, 0) < 0) {
    delete recv;
    delete gen;
    return 0;
  }
  return recv;
}

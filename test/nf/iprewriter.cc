//===- test/nf/iprewriter.cc - IPRewriter: source NAT with port mapping ---===//
//
// Network address and port translation for TCP and UDP. Packets from the
// inside (input 0) of a flow not yet mapped get the public address and a
// fresh source port from the configured range; the flow table (one
// HashTable per protocol, keyed by IPFlowID) gets an entry for each
// direction. Mapped packets have their addresses and ports rewritten and the
// IP and TCP/UDP checksums updated incrementally from precomputed deltas;
// replies from the outside (input 1) are translated back. Flows expire by
// packet timestamp (shorter after FIN/RST), checked on lookup and by an
// incremental sweep of the port table. This is the paper's 'iprewriter' NF.
//
// Entry points: IPRewriter::push
// State: IPRewriter::_tcp_map (hashtable, TCP flow table, IPFlowID ->
//        Mapping, both directions); IPRewriter::_udp_map (hashtable, the same
//        for UDP); IPRewriter::_ports (array, 2048 public-port slots: owning
//        flow keys, expiry, TCP close state); IPRewriter::_public_addr (none,
//        NAT address); IPRewriter::_port_lo (none, first public port);
//        IPRewriter::_nports (none, port range size);
//        IPRewriter::_next_port (none, allocation cursor);
//        IPRewriter::_gc_cursor (none, expiry sweep cursor);
//        IPRewriter::_tcp_timeout (none, TCP idle timeout);
//        IPRewriter::_tcp_done_timeout (none, timeout after FIN/RST);
//        IPRewriter::_udp_timeout (none, UDP idle timeout);
//        IPRewriter::_active_flows (none, live flows);
//        IPRewriter::_mapped_packets (none, translated packets);
//        IPRewriter::_created (none, flows created);
//        IPRewriter::_expired (none, flows expired);
//        IPRewriter::_unmapped (none, unknown inbound packets);
//        IPRewriter::_nonflow (none, untranslatable packets);
//        IPRewriter::_table_full (none, failed flow-table inserts);
//        IPRewriter::_no_ports (none, failed port allocations)
// Accelerator opportunities: none (flow hashing happens inside the
//        framework's HashTable, not in the NF's own code)
//
//===----------------------------------------------------------------------===//

// clang-format off
// RUN: %clara_nf_cxx -g %s -o %t.g.bc
// RUN: %clara_opt -passes='print<clara-annotate>' -disable-output %t.g.bc 2>&1 | FileCheck %s --check-prefixes=CHECK,DBG
// RUN: %clara_nf_cxx %s -o %t.bc
// RUN: %clara_opt -passes='print<clara-annotate>' -disable-output %t.bc 2>&1 | FileCheck %s --check-prefixes=CHECK,NODBG
// RUN: %clara_nf_cxx_plain %s -o %t.plain.bc
// RUN: %clara_opt -passes='print<clara-annotate>' -disable-output %t.plain.bc 2>&1 | FileCheck %s --check-prefixes=CHECK,NODBG
//
// CHECK: clara-annotate: EntryPoints=1 StateObjects=19
// CHECK-DAG: EntryPoint Function=_ZN10IPRewriter4pushEiP6Packet Demangled=IPRewriter::push(int, Packet*)
// DBG-DAG: StateObject Name=IPRewriter::_tcp_map Bytes=147500 Container=hashtable Shared=no
// NODBG-DAG: StateObject Name=IPRewriter.1 Bytes=147500 Container=hashtable Shared=no
// DBG-DAG: StateObject Name=IPRewriter::_udp_map Bytes=147500 Container=hashtable Shared=no
// NODBG-DAG: StateObject Name=IPRewriter.2 Bytes=147500 Container=hashtable Shared=no
// DBG-DAG: StateObject Name=IPRewriter::_ports Bytes=65536 Container=array Shared=no
// NODBG-DAG: StateObject Name=IPRewriter.3 Bytes=65536 Container=array Shared=no
// DBG-DAG: StateObject Name=IPRewriter::_public_addr Bytes=4 Container=none Shared=no
// NODBG-DAG: StateObject Name=IPRewriter.4 Bytes=4 Container=none Shared=no
// DBG-DAG: StateObject Name=IPRewriter::_port_lo Bytes=2 Container=none Shared=no
// NODBG-DAG: StateObject Name=IPRewriter.5 Bytes=2 Container=none Shared=no
// DBG-DAG: StateObject Name=IPRewriter::_nports Bytes=2 Container=none Shared=no
// NODBG-DAG: StateObject Name=IPRewriter.6 Bytes=2 Container=none Shared=no
// DBG-DAG: StateObject Name=IPRewriter::_next_port Bytes=4 Container=none Shared=no
// NODBG-DAG: StateObject Name=IPRewriter.7 Bytes=4 Container=none Shared=no
// DBG-DAG: StateObject Name=IPRewriter::_gc_cursor Bytes=4 Container=none Shared=no
// NODBG-DAG: StateObject Name=IPRewriter.8 Bytes=4 Container=none Shared=no
// DBG-DAG: StateObject Name=IPRewriter::_tcp_timeout Bytes=4 Container=none Shared=no
// NODBG-DAG: StateObject Name=IPRewriter.9 Bytes=4 Container=none Shared=no
// DBG-DAG: StateObject Name=IPRewriter::_tcp_done_timeout Bytes=4 Container=none Shared=no
// NODBG-DAG: StateObject Name=IPRewriter.10 Bytes=4 Container=none Shared=no
// DBG-DAG: StateObject Name=IPRewriter::_udp_timeout Bytes=4 Container=none Shared=no
// NODBG-DAG: StateObject Name=IPRewriter.11 Bytes=4 Container=none Shared=no
// DBG-DAG: StateObject Name=IPRewriter::_active_flows Bytes=4 Container=none Shared=no
// NODBG-DAG: StateObject Name=IPRewriter.12 Bytes=4 Container=none Shared=no
// DBG-DAG: StateObject Name=IPRewriter::_mapped_packets Bytes=8 Container=none Shared=no
// NODBG-DAG: StateObject Name=IPRewriter.13 Bytes=8 Container=none Shared=no
// DBG-DAG: StateObject Name=IPRewriter::_created Bytes=8 Container=none Shared=no
// NODBG-DAG: StateObject Name=IPRewriter.14 Bytes=8 Container=none Shared=no
// DBG-DAG: StateObject Name=IPRewriter::_expired Bytes=8 Container=none Shared=no
// NODBG-DAG: StateObject Name=IPRewriter.15 Bytes=8 Container=none Shared=no
// DBG-DAG: StateObject Name=IPRewriter::_unmapped Bytes=8 Container=none Shared=no
// NODBG-DAG: StateObject Name=IPRewriter.16 Bytes=8 Container=none Shared=no
// DBG-DAG: StateObject Name=IPRewriter::_nonflow Bytes=8 Container=none Shared=no
// NODBG-DAG: StateObject Name=IPRewriter.17 Bytes=8 Container=none Shared=no
// DBG-DAG: StateObject Name=IPRewriter::_table_full Bytes=8 Container=none Shared=no
// NODBG-DAG: StateObject Name=IPRewriter.18 Bytes=8 Container=none Shared=no
// DBG-DAG: StateObject Name=IPRewriter::_no_ports Bytes=8 Container=none Shared=no
// NODBG-DAG: StateObject Name=IPRewriter.19 Bytes=8 Container=none Shared=no
// clang-format on

#include <click/args.hh>
#include <click/clara.hh>
#include <click/config.h>
#include <click/element.hh>
#include <click/error.hh>
#include <click/hashtable.hh>
#include <click/ipflowid.hh>
#include <click/packet.hh>
#include <clicknet/ip.h>
#include <clicknet/tcp.h>
#include <clicknet/udp.h>

class IPRewriter : public Element {
public:
  IPRewriter();

  const char *class_name() const override { return "IPRewriter"; }
  const char *port_count() const override { return "2/2"; }
  const char *processing() const override { return PUSH; }

  int configure(Vector<String> &conf, ErrorHandler *errh) override;
  void push(int port, Packet *p) override;

private:
  enum { PORT_SLOTS = 2048, MAX_ALLOC_TRIES = 16 };
  enum { FIN_FORWARD = 1, FIN_REPLY = 2, RST_SEEN = 4 };

  // One direction of a mapped flow: what to write into matching packets.
  struct Mapping {
    IPFlowID rewritten; // the packet's flow ID after translation
    uint16_t ip_delta;  // one's-complement change of the IP checksum
    uint16_t l4_delta;  // and of the TCP/UDP checksum (pseudo-header too)
    uint16_t slot;      // the flow's entry in _ports
    uint8_t output;     // 0: forward, to the outside; 1: reply, inside
  };
  typedef HashTable<IPFlowID, Mapping, 1024, 4> Map;

  // A public port and the flow that holds it; the flow's lifetime is kept
  // here, shared by its two Map entries.
  struct PortSlot {
    IPFlowID forward_key; // the inside flow as it arrives
    IPFlowID reply_key;   // the outside flow as it arrives
    uint32_t expiry;      // timestamp seconds
    uint8_t proto;
    uint8_t tcp_state; // FIN_FORWARD | FIN_REPLY | RST_SEEN
    uint8_t in_use;
  };

  Map _tcp_map;
  Map _udp_map;
  PortSlot _ports[PORT_SLOTS];
  IPAddress _public_addr;
  uint16_t _port_lo; // host byte order
  uint16_t _nports;  // size of the port range
  uint32_t _next_port;
  uint32_t _gc_cursor;
  uint32_t _tcp_timeout; // seconds
  uint32_t _tcp_done_timeout;
  uint32_t _udp_timeout;
  uint32_t _active_flows;
  uint64_t _mapped_packets;
  uint64_t _created;
  uint64_t _expired;
  uint64_t _unmapped; // inbound packets of unknown flows
  uint64_t _nonflow;  // not translatable (not TCP/UDP, fragment, short)
  uint64_t _table_full;
  uint64_t _no_ports;

  static bool translatable(Packet *p);
  static uint32_t csum_add16(uint32_t sum, uint16_t old_hw, uint16_t new_hw);
  static uint32_t csum_add32(uint32_t sum, uint32_t old_w, uint32_t new_w);
  static uint16_t csum_fold(uint32_t sum);
  static void fill_mapping(Mapping &m, const IPFlowID &from, const IPFlowID &to,
                           int slot, bool reply);

  Map &map_for(int proto) {
    return proto == IP_PROTO_TCP ? _tcp_map : _udp_map;
  }
  bool slot_expired(const PortSlot &s, uint32_t now) const;
  void release(int slot);
  int allocate_slot(uint32_t now);
  Mapping *create_mapping(const IPFlowID &flow, int proto, uint32_t now);
  void rewrite(WritablePacket *q, const Mapping &m, int proto);
  void refresh(const Mapping &m, Packet *p, int proto, uint32_t now);
  void gc_step(uint32_t now);
};

IPRewriter::IPRewriter()
    : _port_lo(1024), _nports(PORT_SLOTS), _next_port(0), _gc_cursor(0),
      _tcp_timeout(300), _tcp_done_timeout(10), _udp_timeout(60),
      _active_flows(0), _mapped_packets(0), _created(0), _expired(0),
      _unmapped(0), _nonflow(0), _table_full(0), _no_ports(0) {
  for (int i = 0; i < PORT_SLOTS; i++) {
    _ports[i].expiry = 0;
    _ports[i].proto = 0;
    _ports[i].tcp_state = 0;
    _ports[i].in_use = 0;
  }
}

// ADDR, the public address; PORTS, the first public port (the range is
// PORT_SLOTS long, or NPORTS); TCP_TIMEOUT, TCP_DONE_TIMEOUT, UDP_TIMEOUT.
int IPRewriter::configure(Vector<String> &conf, ErrorHandler *errh) {
  uint32_t port_lo = 1024, nports = PORT_SLOTS;
  uint32_t tcp_timeout = 300, tcp_done = 10, udp_timeout = 60;
  if (Args(conf, this, errh)
          .read_mp("ADDR", _public_addr)
          .read("PORT", port_lo)
          .read("NPORTS", nports)
          .read("TCP_TIMEOUT", SecondsArg(), tcp_timeout)
          .read("TCP_DONE_TIMEOUT", SecondsArg(), tcp_done)
          .read("UDP_TIMEOUT", SecondsArg(), udp_timeout)
          .complete() < 0)
    return -1;
  if (nports == 0 || nports > PORT_SLOTS || port_lo == 0 ||
      port_lo + nports > 65536)
    return errh->error("bad port range %u+%u", port_lo, nports);
  _port_lo = (uint16_t)port_lo;
  _nports = (uint16_t)nports;
  _tcp_timeout = tcp_timeout;
  _tcp_done_timeout = tcp_done;
  _udp_timeout = udp_timeout;
  return 0;
}

// IPv4 TCP or UDP, not a fragment, with the whole transport header.
bool IPRewriter::translatable(Packet *p) {
  if (!p->has_network_header() || p->network_length() < (int)sizeof(click_ip))
    return false;
  const click_ip *iph = p->ip_header();
  if (iph->ip_v != 4 || IP_ISFRAG(iph))
    return false;
  if (iph->ip_p == IP_PROTO_TCP)
    return p->transport_length() >= (int)sizeof(click_tcp);
  if (iph->ip_p == IP_PROTO_UDP)
    return p->transport_length() >= (int)sizeof(click_udp);
  return false;
}

// One's-complement arithmetic for incremental checksum updates (RFC 1624):
// the delta of a change is the sum of ~old and new, folded to 16 bits.
uint32_t IPRewriter::csum_add16(uint32_t sum, uint16_t old_hw,
                                uint16_t new_hw) {
  return sum + (uint16_t)~old_hw + new_hw;
}

uint32_t IPRewriter::csum_add32(uint32_t sum, uint32_t old_w, uint32_t new_w) {
  sum = csum_add16(sum, (uint16_t)(old_w >> 16), (uint16_t)(new_w >> 16));
  return csum_add16(sum, (uint16_t)old_w, (uint16_t)new_w);
}

uint16_t IPRewriter::csum_fold(uint32_t sum) {
  while (sum >> 16)
    sum = (sum & 0xFFFF) + (sum >> 16);
  return (uint16_t)sum;
}

// The mapping that turns packets of flow FROM into packets of flow TO.
// Both are in network byte order, so the 16-bit halves are the header's.
void IPRewriter::fill_mapping(Mapping &m, const IPFlowID &from,
                              const IPFlowID &to, int slot, bool reply) {
  uint32_t ip_sum = 0;
  ip_sum = csum_add32(ip_sum, from.saddr().addr(), to.saddr().addr());
  ip_sum = csum_add32(ip_sum, from.daddr().addr(), to.daddr().addr());
  uint32_t l4_sum = ip_sum; // the pseudo-header holds the addresses
  l4_sum = csum_add16(l4_sum, from.sport(), to.sport());
  l4_sum = csum_add16(l4_sum, from.dport(), to.dport());
  m.rewritten = to;
  m.ip_delta = csum_fold(ip_sum);
  m.l4_delta = csum_fold(l4_sum);
  m.slot = (uint16_t)slot;
  m.output = reply ? 1 : 0;
}

bool IPRewriter::slot_expired(const PortSlot &s, uint32_t now) const {
  return (int32_t)(now - s.expiry) >= 0;
}

// Frees a flow: both directions leave the table and the port is reusable.
void IPRewriter::release(int slot) {
  PortSlot &s = _ports[slot];
  if (!s.in_use)
    return;
  Map &map = map_for(s.proto);
  map.erase(s.forward_key);
  map.erase(s.reply_key);
  s.in_use = 0;
  s.tcp_state = 0;
  _active_flows--;
}

// Round-robin over the port range, reclaiming an expired flow's port if
// needed. -1 when every port tried is held by a live flow.
int IPRewriter::allocate_slot(uint32_t now) {
  for (int tries = 0; tries < MAX_ALLOC_TRIES; tries++) {
    int slot = (int)_next_port;
    _next_port = _next_port + 1 == _nports ? 0 : _next_port + 1;
    PortSlot &s = _ports[slot];
    if (!s.in_use)
      return slot;
    if (slot_expired(s, now)) {
      release(slot);
      _expired++;
      return slot;
    }
  }
  return -1;
}

// Maps a new inside flow: the forward entry rewrites the source to the
// public address and port, the reply entry rewrites the destination back.
IPRewriter::Mapping *IPRewriter::create_mapping(const IPFlowID &flow, int proto,
                                                uint32_t now) {
  int slot = allocate_slot(now);
  if (slot < 0) {
    _no_ports++;
    return nullptr;
  }
  uint16_t public_port = htons((uint16_t)(_port_lo + slot));
  IPFlowID translated(_public_addr, public_port, flow.daddr(), flow.dport());
  IPFlowID reply_key = translated.reverse();

  Map &map = map_for(proto);
  Map::iterator fwd = map.find_insert(flow);
  if (!fwd.live()) {
    _table_full++;
    return nullptr;
  }
  Map::iterator rev = map.find_insert(reply_key);
  if (!rev.live()) {
    map.erase(flow); // a NIC table would refuse the same way
    _table_full++;
    return nullptr;
  }
  fill_mapping(fwd->second, flow, translated, slot, false);
  fill_mapping(rev->second, reply_key, flow.reverse(), slot, true);

  PortSlot &s = _ports[slot];
  s.forward_key = flow;
  s.reply_key = reply_key;
  s.proto = (uint8_t)proto;
  s.tcp_state = 0;
  s.in_use = 1;
  s.expiry = now + (proto == IP_PROTO_TCP ? _tcp_timeout : _udp_timeout);
  _active_flows++;
  _created++;
  return &fwd->second;
}

void IPRewriter::rewrite(WritablePacket *q, const Mapping &m, int proto) {
  click_ip *iph = q->ip_header();
  iph->ip_src = m.rewritten.saddr().in_addr();
  iph->ip_dst = m.rewritten.daddr().in_addr();
  // Adding the delta as a change from 0 (= -0) applies it.
  click_update_in_cksum(&iph->ip_sum, 0, m.ip_delta);

  if (proto == IP_PROTO_TCP) {
    click_tcp *th = q->tcp_header();
    th->th_sport = m.rewritten.sport();
    th->th_dport = m.rewritten.dport();
    click_update_in_cksum(&th->th_sum, 0, m.l4_delta);
  } else {
    click_udp *uh = q->udp_header();
    uh->uh_sport = m.rewritten.sport();
    uh->uh_dport = m.rewritten.dport();
    // Keeps a zero checksum (none sent) and never produces one.
    click_update_zero_in_cksum(&uh->uh_sum, 0, m.l4_delta);
  }
}

// Extends the flow's lifetime; TCP flows closing (FIN both ways, or RST)
// get the short timeout.
void IPRewriter::refresh(const Mapping &m, Packet *p, int proto, uint32_t now) {
  PortSlot &s = _ports[m.slot];
  if (proto != IP_PROTO_TCP) {
    s.expiry = now + _udp_timeout;
    return;
  }
  uint8_t flags = p->tcp_header()->th_flags;
  if (flags & TH_RST)
    s.tcp_state |= RST_SEEN;
  if (flags & TH_FIN)
    s.tcp_state |= m.output ? FIN_REPLY : FIN_FORWARD;
  bool done =
      (s.tcp_state & RST_SEEN) ||
      (s.tcp_state & (FIN_FORWARD | FIN_REPLY)) == (FIN_FORWARD | FIN_REPLY);
  s.expiry = now + (done ? _tcp_done_timeout : _tcp_timeout);
}

// Checks one port slot per packet so idle flows leave the table even when
// their ports are not needed again.
void IPRewriter::gc_step(uint32_t now) {
  int slot = (int)_gc_cursor;
  _gc_cursor = _gc_cursor + 1 == _nports ? 0 : _gc_cursor + 1;
  if (_ports[slot].in_use && slot_expired(_ports[slot], now)) {
    release(slot);
    _expired++;
  }
}

void IPRewriter::push(int port, Packet *p) {
  if (!translatable(p)) {
    _nonflow++;
    p->kill();
    return;
  }
  int proto = p->ip_header()->ip_p;
  uint32_t now = (uint32_t)p->timestamp_anno().sec();
  IPFlowID flow(p);
  Map &map = map_for(proto);

  Mapping *m = map.get_pointer(flow);
  if (m && slot_expired(_ports[m->slot], now)) {
    release(m->slot);
    _expired++;
    m = nullptr;
  }
  if (!m) {
    if (port != 0) {
      _unmapped++;
      p->kill();
      return;
    }
    m = create_mapping(flow, proto, now);
    if (!m) {
      p->kill();
      return;
    }
  }

  WritablePacket *q = p->uniqueify();
  if (!q)
    return;
  rewrite(q, *m, proto);
  refresh(*m, q, proto, now);
  _mapped_packets++;
  int out = m->output;
  gc_step(now);
  output(out).push(q);
}

extern "C" Element *clara_nf_create(const char *config) {
  IPRewriter *e = new IPRewriter;
  String conf = config && *config
                    ? String(config)
                    : String("ADDR 192.0.2.1, PORT 20000, NPORTS 2048");
  if (clara_element_setup(e, conf) < 0) {
    delete e;
    return nullptr;
  }
  return e;
}

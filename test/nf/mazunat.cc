//===- test/nf/mazunat.cc - MazuNAT: gateway NAT chain --------------------===//
//
// The forwarding path of Click's mazu-nat gateway as one chain: an Ethernet
// classifier splits ARP, IP and other frames (stripping the link header off
// IP); a CheckIPHeader-style validator drops malformed datagrams; an
// IPRewriter-style NAPT maps inside TCP/UDP flows onto ports of the public
// address (flow table plus a port-indexed reverse table with idle expiry);
// DecIPTTL decrements the TTL with an incremental checksum update; a counter
// closes the chain. This is the paper's "Mazu-NAT" NF.
//
// Entry points: MazuClassifier::push, MazuCheckIPHeader::simple_action,
//        MazuIPRewriter::push, MazuDecIPTTL::simple_action,
//        MazuCounter::simple_action
// State: MazuClassifier::_my_ip (none, gateway address answered by ARP);
//        MazuClassifier::_ip (none, IP frame counter);
//        MazuClassifier::_arp_for_us (none, ARP requests for _my_ip);
//        MazuClassifier::_arp_other (none, other ARP frames);
//        MazuClassifier::_vlan (none, 802.1Q-tagged frames);
//        MazuClassifier::_other (none, non-IP non-ARP frames);
//        MazuClassifier::_runts (none, truncated frames);
//        MazuCheckIPHeader::_bad_src (array, forbidden source addresses);
//        MazuCheckIPHeader::_n_bad_src (none, entries used in _bad_src);
//        MazuCheckIPHeader::_drops (array, drop counters per reason);
//        MazuCheckIPHeader::_good (none, accepted datagrams);
//        MazuIPRewriter::_public_addr (none, NAT public address);
//        MazuIPRewriter::_inside_net (none, inside prefix);
//        MazuIPRewriter::_inside_mask (none, inside prefix mask);
//        MazuIPRewriter::_port_lo (none, first public port);
//        MazuIPRewriter::_map (hashtable, outbound flow -> public port);
//        MazuIPRewriter::_ports (array, per-public-port reverse mapping);
//        MazuIPRewriter::_next_port (none, port allocation cursor);
//        MazuIPRewriter::_outbound (none, rewritten outbound packets);
//        MazuIPRewriter::_inbound (none, rewritten inbound packets);
//        MazuIPRewriter::_new_mappings (none, mappings created);
//        MazuIPRewriter::_alloc_failures (none, no free port or table full);
//        MazuIPRewriter::_no_mapping (none, inbound packets without mapping);
//        MazuIPRewriter::_closed (none, mappings released);
//        MazuDecIPTTL::_multicast_passthrough (none, leave multicast alone);
//        MazuDecIPTTL::_expired (none, TTL-expired packets);
//        MazuDecIPTTL::_forwarded (none, decremented packets);
//        MazuCounter::_count (none, packets);
//        MazuCounter::_byte_count (none, bytes);
//        MazuCounter::_proto_count (array, packets per protocol class);
//        MazuCounter::_first_ms (none, first packet time);
//        MazuCounter::_last_ms (none, last packet time);
//        MazuCounter::_avg_gap (none, EWMA of inter-arrival time);
//        mazu_dropped_packets (none, global drop counter written by the
//        classifier, the validator, the rewriter and DecIPTTL)
// Accelerator opportunities: none — the IP header check uses the framework's
//        click_in_cksum, checksum fix-ups are RFC 1624 incremental updates
//        (not CRC), and flow lookups hash inside HashTable.
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
// CHECK: clara-annotate: EntryPoints=5 StateObjects=34
// CHECK-DAG: EntryPoint Function=_ZN14MazuClassifier4pushEiP6Packet Demangled=MazuClassifier::push(int, Packet*)
// CHECK-DAG: EntryPoint Function=_ZN17MazuCheckIPHeader13simple_actionEP6Packet Demangled=MazuCheckIPHeader::simple_action(Packet*)
// CHECK-DAG: EntryPoint Function=_ZN14MazuIPRewriter4pushEiP6Packet Demangled=MazuIPRewriter::push(int, Packet*)
// CHECK-DAG: EntryPoint Function=_ZN12MazuDecIPTTL13simple_actionEP6Packet Demangled=MazuDecIPTTL::simple_action(Packet*)
// CHECK-DAG: EntryPoint Function=_ZN11MazuCounter13simple_actionEP6Packet Demangled=MazuCounter::simple_action(Packet*)
// DBG-DAG: StateObject Name=MazuClassifier::_my_ip Bytes=4 Container=none Shared=no
// NODBG-DAG: StateObject Name=MazuClassifier.1 Bytes=4 Container=none Shared=no
// DBG-DAG: StateObject Name=MazuClassifier::_ip Bytes=8 Container=none Shared=no
// NODBG-DAG: StateObject Name=MazuClassifier.2 Bytes=8 Container=none Shared=no
// DBG-DAG: StateObject Name=MazuClassifier::_arp_for_us Bytes=8 Container=none Shared=no
// NODBG-DAG: StateObject Name=MazuClassifier.3 Bytes=8 Container=none Shared=no
// DBG-DAG: StateObject Name=MazuClassifier::_arp_other Bytes=8 Container=none Shared=no
// NODBG-DAG: StateObject Name=MazuClassifier.4 Bytes=8 Container=none Shared=no
// DBG-DAG: StateObject Name=MazuClassifier::_vlan Bytes=8 Container=none Shared=no
// NODBG-DAG: StateObject Name=MazuClassifier.5 Bytes=8 Container=none Shared=no
// DBG-DAG: StateObject Name=MazuClassifier::_other Bytes=8 Container=none Shared=no
// NODBG-DAG: StateObject Name=MazuClassifier.6 Bytes=8 Container=none Shared=no
// DBG-DAG: StateObject Name=MazuClassifier::_runts Bytes=8 Container=none Shared=no
// NODBG-DAG: StateObject Name=MazuClassifier.7 Bytes=8 Container=none Shared=no
// DBG-DAG: StateObject Name=MazuCheckIPHeader::_bad_src Bytes=32 Container=array Shared=no
// NODBG-DAG: StateObject Name=MazuCheckIPHeader.1 Bytes=32 Container=array Shared=no
// DBG-DAG: StateObject Name=MazuCheckIPHeader::_n_bad_src Bytes=4 Container=none Shared=no
// NODBG-DAG: StateObject Name=MazuCheckIPHeader.2 Bytes=4 Container=none Shared=no
// DBG-DAG: StateObject Name=MazuCheckIPHeader::_drops Bytes=48 Container=array Shared=no
// NODBG-DAG: StateObject Name=MazuCheckIPHeader.3 Bytes=48 Container=array Shared=no
// DBG-DAG: StateObject Name=MazuCheckIPHeader::_good Bytes=8 Container=none Shared=no
// NODBG-DAG: StateObject Name=MazuCheckIPHeader.4 Bytes=8 Container=none Shared=no
// DBG-DAG: StateObject Name=MazuIPRewriter::_public_addr Bytes=4 Container=none Shared=no
// NODBG-DAG: StateObject Name=MazuIPRewriter.1 Bytes=4 Container=none Shared=no
// DBG-DAG: StateObject Name=MazuIPRewriter::_inside_net Bytes=4 Container=none Shared=no
// NODBG-DAG: StateObject Name=MazuIPRewriter.2 Bytes=4 Container=none Shared=no
// DBG-DAG: StateObject Name=MazuIPRewriter::_inside_mask Bytes=4 Container=none Shared=no
// NODBG-DAG: StateObject Name=MazuIPRewriter.3 Bytes=4 Container=none Shared=no
// DBG-DAG: StateObject Name=MazuIPRewriter::_port_lo Bytes=2 Container=none Shared=no
// NODBG-DAG: StateObject Name=MazuIPRewriter.4 Bytes=2 Container=none Shared=no
// DBG-DAG: StateObject Name=MazuIPRewriter::_map Bytes={{[0-9]+}} Container=hashtable Shared=no
// NODBG-DAG: StateObject Name=MazuIPRewriter.5 Bytes={{[0-9]+}} Container=hashtable Shared=no
// DBG-DAG: StateObject Name=MazuIPRewriter::_ports Bytes=20480 Container=array Shared=no
// NODBG-DAG: StateObject Name=MazuIPRewriter.6 Bytes=20480 Container=array Shared=no
// DBG-DAG: StateObject Name=MazuIPRewriter::_next_port Bytes=4 Container=none Shared=no
// NODBG-DAG: StateObject Name=MazuIPRewriter.7 Bytes=4 Container=none Shared=no
// DBG-DAG: StateObject Name=MazuIPRewriter::_outbound Bytes=8 Container=none Shared=no
// NODBG-DAG: StateObject Name=MazuIPRewriter.8 Bytes=8 Container=none Shared=no
// DBG-DAG: StateObject Name=MazuIPRewriter::_inbound Bytes=8 Container=none Shared=no
// NODBG-DAG: StateObject Name=MazuIPRewriter.9 Bytes=8 Container=none Shared=no
// DBG-DAG: StateObject Name=MazuIPRewriter::_new_mappings Bytes=8 Container=none Shared=no
// NODBG-DAG: StateObject Name=MazuIPRewriter.10 Bytes=8 Container=none Shared=no
// DBG-DAG: StateObject Name=MazuIPRewriter::_alloc_failures Bytes=8 Container=none Shared=no
// NODBG-DAG: StateObject Name=MazuIPRewriter.11 Bytes=8 Container=none Shared=no
// DBG-DAG: StateObject Name=MazuIPRewriter::_no_mapping Bytes=8 Container=none Shared=no
// NODBG-DAG: StateObject Name=MazuIPRewriter.12 Bytes=8 Container=none Shared=no
// DBG-DAG: StateObject Name=MazuIPRewriter::_closed Bytes=8 Container=none Shared=no
// NODBG-DAG: StateObject Name=MazuIPRewriter.13 Bytes=8 Container=none Shared=no
// DBG-DAG: StateObject Name=MazuDecIPTTL::_multicast_passthrough Bytes=1 Container=none Shared=no
// NODBG-DAG: StateObject Name=MazuDecIPTTL.1 Bytes=1 Container=none Shared=no
// DBG-DAG: StateObject Name=MazuDecIPTTL::_expired Bytes=8 Container=none Shared=no
// NODBG-DAG: StateObject Name=MazuDecIPTTL.2 Bytes=8 Container=none Shared=no
// DBG-DAG: StateObject Name=MazuDecIPTTL::_forwarded Bytes=8 Container=none Shared=no
// NODBG-DAG: StateObject Name=MazuDecIPTTL.3 Bytes=8 Container=none Shared=no
// DBG-DAG: StateObject Name=MazuCounter::_count Bytes=8 Container=none Shared=no
// NODBG-DAG: StateObject Name=MazuCounter.2 Bytes=8 Container=none Shared=no
// DBG-DAG: StateObject Name=MazuCounter::_byte_count Bytes=8 Container=none Shared=no
// NODBG-DAG: StateObject Name=MazuCounter.3 Bytes=8 Container=none Shared=no
// DBG-DAG: StateObject Name=MazuCounter::_proto_count Bytes=32 Container=array Shared=no
// NODBG-DAG: StateObject Name=MazuCounter.4 Bytes=32 Container=array Shared=no
// DBG-DAG: StateObject Name=MazuCounter::_first_ms Bytes=8 Container=none Shared=no
// NODBG-DAG: StateObject Name=MazuCounter.5 Bytes=8 Container=none Shared=no
// DBG-DAG: StateObject Name=MazuCounter::_last_ms Bytes=8 Container=none Shared=no
// NODBG-DAG: StateObject Name=MazuCounter.6 Bytes=8 Container=none Shared=no
// DBG-DAG: StateObject Name=MazuCounter::_avg_gap Bytes=4 Container=none Shared=no
// NODBG-DAG: StateObject Name=MazuCounter.7 Bytes=4 Container=none Shared=no
// CHECK-DAG: StateObject Name=_ZL20mazu_dropped_packets Bytes=8 Container=none Shared=yes
// clang-format on

#include <click/config.h>
#include <click/element.hh>
#include <click/error.hh>
#include <click/hashtable.hh>
#include <click/ipflowid.hh>
#include <click/packet.hh>
#include <click/timestamp.hh>
#include <clicknet/ether.h>
#include <clicknet/ip.h>
#include <clicknet/tcp.h>
#include <clicknet/udp.h>

// Packets dropped anywhere along the gateway path (the router's drop
// statistic): every element of the chain that discards a packet counts it.
static uint64_t mazu_dropped_packets;

// RFC 1624 incremental update of a ones'-complement checksum when one 16-bit
// word of the covered data changes from old_w to new_w. Ones'-complement
// arithmetic is byte-order independent, so raw network-order words are fine.
static void mazu_cksum_adjust16(uint16_t *sum, uint16_t old_w, uint16_t new_w) {
  uint32_t s = (uint16_t)~*sum;
  s += (uint16_t)~old_w;
  s += new_w;
  s = (s & 0xFFFF) + (s >> 16);
  s = (s & 0xFFFF) + (s >> 16);
  *sum = ~s;
}

static void mazu_cksum_adjust32(uint16_t *sum, uint32_t old_v, uint32_t new_v) {
  mazu_cksum_adjust16(sum, old_v >> 16, new_v >> 16);
  mazu_cksum_adjust16(sum, old_v & 0xFFFF, new_v & 0xFFFF);
}

// Parses "a.b.c.d" or "a.b.c.d/len" into network-order address and mask.
static bool mazu_parse_prefix(const String &str, uint32_t &addr,
                              uint32_t &mask) {
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
  uint32_t len = 32;
  if (s < end && *s == '/') {
    s++;
    len = 0;
    while (s < end && *s >= '0' && *s <= '9' && len <= 32)
      len = len * 10 + (*s++ - '0');
    if (len > 32)
      return false;
  }
  if (s != end)
    return false;
  uint32_t m = len ? 0xFFFFFFFFU << (32 - len) : 0;
  addr = htonl(a & m);
  mask = htonl(m);
  return true;
}

// ---------------------------------------------------------------------------
// MazuClassifier: Classifier(12/0806, 12/0800, -) with Strip(14) on the IP
// branch. Output 0: ARP; output 1: IP (link header removed); output 2: other.

class MazuClassifier : public Element {
public:
  MazuClassifier()
      : _my_ip(0), _ip(0), _arp_for_us(0), _arp_other(0), _vlan(0), _other(0),
        _runts(0) {}

  const char *class_name() const override { return "MazuClassifier"; }
  const char *port_count() const override { return "1/2-3"; }
  int configure(Vector<String> &conf, ErrorHandler *errh) override;

  void push(int port, Packet *p) override;

private:
  uint32_t _my_ip;
  uint64_t _ip;
  uint64_t _arp_for_us;
  uint64_t _arp_other;
  uint64_t _vlan;
  uint64_t _other;
  uint64_t _runts;

  bool arp_is_for_us(const Packet *p, unsigned off) const;
};

int MazuClassifier::configure(Vector<String> &conf, ErrorHandler *errh) {
  uint32_t mask;
  if (conf.size() != 1 || !mazu_parse_prefix(conf[0], _my_ip, mask))
    return errh->error("expected the gateway's IP address");
  return 0;
}

bool MazuClassifier::arp_is_for_us(const Packet *p, unsigned off) const {
  const click_ether_arp *arp =
      reinterpret_cast<const click_ether_arp *>(p->data() + off);
  if (arp->ea_hdr.ar_hrd != htons(ARPHRD_ETHER) ||
      arp->ea_hdr.ar_pro != htons(ETHERTYPE_IP) || arp->ea_hdr.ar_hln != 6 ||
      arp->ea_hdr.ar_pln != 4 || arp->ea_hdr.ar_op != htons(ARPOP_REQUEST))
    return false;
  uint32_t tpa;
  memcpy(&tpa, arp->arp_tpa, 4);
  return tpa == _my_ip;
}

void MazuClassifier::push(int, Packet *p) {
  if (p->length() < sizeof(click_ether)) {
    _runts++;
    mazu_dropped_packets++;
    p->kill();
    return;
  }
  const click_ether *eh = reinterpret_cast<const click_ether *>(p->data());
  uint16_t type = eh->ether_type;
  unsigned off = sizeof(click_ether);
  if (type == htons(ETHERTYPE_8021Q)) {
    // Skip one 802.1Q tag: TCI, then the encapsulated type.
    if (p->length() < off + 4) {
      _runts++;
      mazu_dropped_packets++;
      p->kill();
      return;
    }
    _vlan++;
    memcpy(&type, p->data() + off + 2, 2);
    off += 4;
  }

  if (type == htons(ETHERTYPE_ARP)) {
    if (p->length() < off + sizeof(click_ether_arp)) {
      _runts++;
      mazu_dropped_packets++;
      p->kill();
      return;
    }
    if (arp_is_for_us(p, off))
      _arp_for_us++;
    else
      _arp_other++;
    output(0).push(p);
  } else if (type == htons(ETHERTYPE_IP)) {
    if (p->length() < off + sizeof(click_ip)) {
      _runts++;
      mazu_dropped_packets++;
      p->kill();
      return;
    }
    _ip++;
    p->pull(off);
    output(1).push(p);
  } else {
    _other++;
    checked_output_push(2, p);
  }
}

// ---------------------------------------------------------------------------
// MazuCheckIPHeader: validates the IPv4 header at the start of the packet,
// trims link padding, sets the IP header and destination annotations.

class MazuCheckIPHeader : public Element {
public:
  MazuCheckIPHeader();

  const char *class_name() const override { return "MazuCheckIPHeader"; }
  const char *port_count() const override { return PORTS_1_1; }
  int configure(Vector<String> &conf, ErrorHandler *errh) override;

  Packet *simple_action(Packet *p) override;

  enum Reason {
    MINISCULE_PACKET,
    BAD_VERSION,
    BAD_HLEN,
    BAD_IP_LEN,
    BAD_CHECKSUM,
    BAD_SADDR,
    NREASONS
  };
  enum { MAX_BADSRC = 8 };

private:
  uint32_t _bad_src[MAX_BADSRC];
  int _n_bad_src;
  uint64_t _drops[NREASONS];
  uint64_t _good;

  Packet *drop(Reason reason, Packet *p);
  bool source_ok(uint32_t src) const;
};

MazuCheckIPHeader::MazuCheckIPHeader() : _n_bad_src(0), _good(0) {
  for (int i = 0; i < NREASONS; i++)
    _drops[i] = 0;
}

int MazuCheckIPHeader::configure(Vector<String> &conf, ErrorHandler *errh) {
  // MazuCheckIPHeader(BADSRC...): addresses that may never appear as source.
  if (conf.size() > MAX_BADSRC)
    return errh->error("too many BADSRC addresses");
  _n_bad_src = 0;
  for (int i = 0; i < conf.size(); i++) {
    uint32_t a, m;
    if (!mazu_parse_prefix(conf[i], a, m))
      return errh->error("bad BADSRC address");
    _bad_src[_n_bad_src++] = a;
  }
  return 0;
}

Packet *MazuCheckIPHeader::drop(Reason reason, Packet *p) {
  _drops[reason]++;
  mazu_dropped_packets++;
  p->kill();
  return 0;
}

bool MazuCheckIPHeader::source_ok(uint32_t src) const {
  uint32_t h = ntohl(src);
  // Limited broadcast and class D/E addresses are never sources.
  if (h == 0xFFFFFFFFU || (h & 0xE0000000U) == 0xE0000000U)
    return false;
  for (int i = 0; i < _n_bad_src; i++)
    if (_bad_src[i] == src)
      return false;
  return true;
}

Packet *MazuCheckIPHeader::simple_action(Packet *p) {
  unsigned plen = p->length();
  if (plen < sizeof(click_ip))
    return drop(MINISCULE_PACKET, p);
  const click_ip *iph = reinterpret_cast<const click_ip *>(p->data());
  if (iph->ip_v != 4)
    return drop(BAD_VERSION, p);
  unsigned hlen = iph->ip_hl << 2;
  if (hlen < sizeof(click_ip) || hlen > plen)
    return drop(BAD_HLEN, p);
  unsigned len = ntohs(iph->ip_len);
  if (len < hlen || len > plen)
    return drop(BAD_IP_LEN, p);
  if (click_in_cksum(reinterpret_cast<const unsigned char *>(iph), hlen) != 0)
    return drop(BAD_CHECKSUM, p);
  if (!source_ok(iph->ip_src.s_addr))
    return drop(BAD_SADDR, p);
  if (plen > len)
    p->take(plen - len);
  p->set_ip_header(iph, hlen);
  p->set_dst_ip_anno(IPAddress(iph->ip_dst));
  _good++;
  return p;
}

// ---------------------------------------------------------------------------
// MazuIPRewriter: NAPT for TCP and UDP. Outbound flows (source inside the
// inside prefix) are looked up in _map by their 5-tuple and get a public
// port; inbound packets to the public address find their mapping through the
// port-indexed _ports array. Mappings expire when idle and are released on
// TCP RST or after FINs in both directions.

struct MazuNATEntry {
  uint16_t slot; // index into MazuIPRewriter::_ports
  uint8_t proto;
};

struct MazuPortSlot {
  uint32_t int_addr;    // inside host (network order)
  uint32_t remote_addr; // outside host (network order)
  uint16_t int_port;    // network order
  uint16_t remote_port; // network order
  uint32_t last_used;   // seconds
  uint8_t proto;        // 0 = free
  uint8_t flags;
};

class MazuIPRewriter : public Element {
public:
  MazuIPRewriter();

  const char *class_name() const override { return "MazuIPRewriter"; }
  const char *port_count() const override { return PORTS_1_1; }
  int configure(Vector<String> &conf, ErrorHandler *errh) override;

  void push(int port, Packet *p) override;

  enum { NPORTS = 1024, ALLOC_PROBES = 32 };
  enum { TCP_TIMEOUT = 7440, TCP_CLOSING_TIMEOUT = 240, UDP_TIMEOUT = 300 };
  enum { F_FIN_OUT = 1, F_FIN_IN = 2 };

private:
  uint32_t _public_addr;
  uint32_t _inside_net;
  uint32_t _inside_mask;
  uint16_t _port_lo;
  HashTable<IPFlowID, MazuNATEntry> _map;
  MazuPortSlot _ports[NPORTS];
  unsigned _next_port;
  uint64_t _outbound;
  uint64_t _inbound;
  uint64_t _new_mappings;
  uint64_t _alloc_failures;
  uint64_t _no_mapping;
  uint64_t _closed;

  static bool expired(const MazuPortSlot &s, uint32_t now);
  void release(unsigned idx);
  int allocate(const IPFlowID &flow, uint8_t proto, uint32_t now);
  static void rewrite(WritablePacket *q, bool source, uint32_t addr,
                      uint16_t port);
  void track_tcp(unsigned idx, const WritablePacket *q, bool outbound);
  bool outbound(WritablePacket *q, uint32_t now);
  bool inbound(WritablePacket *q, uint32_t now);
  void drop(Packet *p);
};

MazuIPRewriter::MazuIPRewriter()
    : _public_addr(0), _inside_net(0), _inside_mask(0), _port_lo(20000),
      _next_port(0), _outbound(0), _inbound(0), _new_mappings(0),
      _alloc_failures(0), _no_mapping(0), _closed(0) {
  memset(_ports, 0, sizeof(_ports));
}

int MazuIPRewriter::configure(Vector<String> &conf, ErrorHandler *errh) {
  // MazuIPRewriter(PUBLIC_ADDR, INSIDE_PREFIX)
  uint32_t m;
  if (conf.size() != 2 || !mazu_parse_prefix(conf[0], _public_addr, m) ||
      !mazu_parse_prefix(conf[1], _inside_net, _inside_mask))
    return errh->error("expected PUBLIC_ADDR, INSIDE_PREFIX");
  return 0;
}

void MazuIPRewriter::drop(Packet *p) {
  mazu_dropped_packets++;
  p->kill();
}

bool MazuIPRewriter::expired(const MazuPortSlot &s, uint32_t now) {
  uint32_t timeout;
  if (s.proto == IP_PROTO_UDP)
    timeout = UDP_TIMEOUT;
  else if (s.flags & (F_FIN_OUT | F_FIN_IN))
    timeout = TCP_CLOSING_TIMEOUT;
  else
    timeout = TCP_TIMEOUT;
  return now - s.last_used > timeout;
}

void MazuIPRewriter::release(unsigned idx) {
  MazuPortSlot &s = _ports[idx];
  IPFlowID key(IPAddress(s.int_addr), s.int_port, IPAddress(s.remote_addr),
               s.remote_port);
  _map.erase(key);
  s.proto = 0;
  s.flags = 0;
  _closed++;
}

// Finds a free (or expired) public port for a new outbound flow and enters
// the mapping in both tables. Returns the slot index or -1.
int MazuIPRewriter::allocate(const IPFlowID &flow, uint8_t proto,
                             uint32_t now) {
  unsigned idx = NPORTS;
  for (int probe = 0; probe < ALLOC_PROBES; probe++) {
    unsigned cand = (_next_port + probe) % NPORTS;
    MazuPortSlot &s = _ports[cand];
    if (s.proto == 0) {
      idx = cand;
      break;
    }
    if (expired(s, now)) {
      release(cand);
      idx = cand;
      break;
    }
  }
  if (idx == NPORTS)
    return -1;

  MazuNATEntry e;
  e.slot = idx;
  e.proto = proto;
  if (!_map.set(flow, e))
    return -1; // flow table bucket full: the port stays free

  MazuPortSlot &s = _ports[idx];
  s.int_addr = flow.saddr().addr();
  s.int_port = flow.sport();
  s.remote_addr = flow.daddr().addr();
  s.remote_port = flow.dport();
  s.last_used = now;
  s.proto = proto;
  s.flags = 0;
  _next_port = (idx + 1) % NPORTS;
  _new_mappings++;
  return idx;
}

// Rewrites the source (or destination) address and port of a TCP or UDP
// packet, fixing the IP and transport checksums incrementally.
void MazuIPRewriter::rewrite(WritablePacket *q, bool source, uint32_t addr,
                             uint16_t port) {
  click_ip *iph = q->ip_header();
  uint32_t *ap = source ? &iph->ip_src.s_addr : &iph->ip_dst.s_addr;
  uint32_t old_addr = *ap;
  *ap = addr;
  mazu_cksum_adjust32(&iph->ip_sum, old_addr, addr);

  if (iph->ip_p == IP_PROTO_TCP) {
    click_tcp *tcph = q->tcp_header();
    uint16_t *pp = source ? &tcph->th_sport : &tcph->th_dport;
    uint16_t old_port = *pp;
    *pp = port;
    mazu_cksum_adjust32(&tcph->th_sum, old_addr, addr);
    mazu_cksum_adjust16(&tcph->th_sum, old_port, port);
  } else {
    click_udp *udph = q->udp_header();
    uint16_t *pp = source ? &udph->uh_sport : &udph->uh_dport;
    uint16_t old_port = *pp;
    *pp = port;
    if (udph->uh_sum != 0) { // zero: no UDP checksum to maintain
      mazu_cksum_adjust32(&udph->uh_sum, old_addr, addr);
      mazu_cksum_adjust16(&udph->uh_sum, old_port, port);
      if (udph->uh_sum == 0)
        udph->uh_sum = 0xFFFF;
    }
  }
}

void MazuIPRewriter::track_tcp(unsigned idx, const WritablePacket *q,
                               bool outbound) {
  const click_tcp *tcph = q->tcp_header();
  MazuPortSlot &s = _ports[idx];
  if (tcph->th_flags & TH_RST) {
    release(idx);
    return;
  }
  if (tcph->th_flags & TH_FIN)
    s.flags |= outbound ? F_FIN_OUT : F_FIN_IN;
}

bool MazuIPRewriter::outbound(WritablePacket *q, uint32_t now) {
  IPFlowID flow(q);
  uint8_t proto = q->ip_header()->ip_p;
  int idx;
  HashTable<IPFlowID, MazuNATEntry>::iterator it = _map.find(flow);
  if (it.live() && it.value().proto == proto)
    idx = it.value().slot;
  else if (it.live()) {
    _alloc_failures++; // same 5-tuple already mapped for the other protocol
    return false;
  } else if ((idx = allocate(flow, proto, now)) < 0) {
    _alloc_failures++;
    return false;
  }
  _ports[idx].last_used = now;
  rewrite(q, true, _public_addr, htons(_port_lo + idx));
  if (proto == IP_PROTO_TCP)
    track_tcp(idx, q, true);
  _outbound++;
  return true;
}

bool MazuIPRewriter::inbound(WritablePacket *q, uint32_t now) {
  const click_ip *iph = q->ip_header();
  uint16_t sport, dport;
  if (iph->ip_p == IP_PROTO_TCP) {
    sport = q->tcp_header()->th_sport;
    dport = q->tcp_header()->th_dport;
  } else {
    sport = q->udp_header()->uh_sport;
    dport = q->udp_header()->uh_dport;
  }
  unsigned idx = (uint16_t)(ntohs(dport) - _port_lo);
  if (idx >= NPORTS) {
    _no_mapping++;
    return false;
  }
  MazuPortSlot &s = _ports[idx];
  if (s.proto != iph->ip_p || s.remote_addr != iph->ip_src.s_addr ||
      s.remote_port != sport || expired(s, now)) {
    _no_mapping++;
    return false;
  }
  s.last_used = now;
  rewrite(q, false, s.int_addr, s.int_port);
  if (s.proto == IP_PROTO_TCP) {
    track_tcp(idx, q, false);
    if ((s.flags & (F_FIN_OUT | F_FIN_IN)) == (F_FIN_OUT | F_FIN_IN) &&
        (q->tcp_header()->th_flags & TH_ACK) &&
        !(q->tcp_header()->th_flags & TH_FIN))
      release(idx); // last ACK of the close handshake
  }
  _inbound++;
  return true;
}

void MazuIPRewriter::push(int, Packet *p) {
  const click_ip *iph = p->ip_header();
  uint8_t proto = iph->ip_p;
  unsigned hlen = iph->ip_hl << 2;
  unsigned len = ntohs(iph->ip_len);
  unsigned need = proto == IP_PROTO_TCP ? sizeof(click_tcp) : sizeof(click_udp);
  // Only TCP and UDP first fragments with a full transport header are NATed.
  if ((proto != IP_PROTO_TCP && proto != IP_PROTO_UDP) ||
      (ntohs(iph->ip_off) & IP_OFFMASK) != 0 || len < hlen + need) {
    drop(p);
    return;
  }

  uint32_t now = p->timestamp_anno().sec();
  bool from_inside = (iph->ip_src.s_addr & _inside_mask) == _inside_net;
  bool to_public = iph->ip_dst.s_addr == _public_addr;
  if (!from_inside && !to_public) {
    drop(p);
    return;
  }
  WritablePacket *q = p->uniqueify();
  if (!q)
    return;
  bool ok = from_inside ? outbound(q, now) : inbound(q, now);
  if (!ok) {
    drop(q);
    return;
  }
  output(0).push(q);
}

// ---------------------------------------------------------------------------
// MazuDecIPTTL: decrements the TTL; expired packets go to output 1 (ICMP
// time-exceeded generation) if connected, otherwise they are dropped.

class MazuDecIPTTL : public Element {
public:
  MazuDecIPTTL() : _multicast_passthrough(false), _expired(0), _forwarded(0) {}

  const char *class_name() const override { return "MazuDecIPTTL"; }
  const char *port_count() const override { return "1/1-2"; }

  Packet *simple_action(Packet *p) override;

private:
  bool _multicast_passthrough;
  uint64_t _expired;
  uint64_t _forwarded;
};

Packet *MazuDecIPTTL::simple_action(Packet *p) {
  const click_ip *iph = p->ip_header();
  if (_multicast_passthrough &&
      (ntohl(iph->ip_dst.s_addr) & 0xF0000000U) == 0xE0000000U)
    return p;
  if (iph->ip_ttl <= 1) {
    _expired++;
    mazu_dropped_packets++;
    checked_output_push(1, p);
    return 0;
  }
  WritablePacket *q = p->uniqueify();
  if (!q)
    return 0;
  click_ip *wiph = q->ip_header();
  // TTL and protocol share one 16-bit word of the header checksum.
  uint16_t old_w = htons((wiph->ip_ttl << 8) | wiph->ip_p);
  wiph->ip_ttl--;
  uint16_t new_w = htons((wiph->ip_ttl << 8) | wiph->ip_p);
  mazu_cksum_adjust16(&wiph->ip_sum, old_w, new_w);
  _forwarded++;
  return q;
}

// ---------------------------------------------------------------------------
// MazuCounter: packet and byte counts, per-protocol counts and a smoothed
// inter-arrival time (1/16 ms units) for the gateway's output.

class MazuCounter : public Element {
public:
  MazuCounter()
      : _count(0), _byte_count(0), _first_ms(0), _last_ms(0), _avg_gap(0) {
    for (int i = 0; i < 4; i++)
      _proto_count[i] = 0;
  }

  const char *class_name() const override { return "MazuCounter"; }
  const char *port_count() const override { return PORTS_1_1; }

  Packet *simple_action(Packet *p) override;

private:
  uint64_t _count;
  uint64_t _byte_count;
  uint64_t _proto_count[4]; // TCP, UDP, ICMP, other
  uint64_t _first_ms;
  uint64_t _last_ms;
  uint32_t _avg_gap;
};

Packet *MazuCounter::simple_action(Packet *p) {
  uint64_t now = p->timestamp_anno().msecval();
  if (_count == 0)
    _first_ms = now;
  else {
    uint64_t gap = now >= _last_ms ? now - _last_ms : 0;
    if (gap > 0xFFFFF)
      gap = 0xFFFFF;
    // avg += (gap - avg) / 8, in 1/16 ms fixed point.
    _avg_gap = _avg_gap - (_avg_gap >> 3) + (uint32_t)((gap << 4) >> 3);
  }
  _last_ms = now;
  _count++;
  _byte_count += p->length();
  int cls = 3;
  if (p->has_network_header()) {
    switch (p->ip_header()->ip_p) {
    case IP_PROTO_TCP:
      cls = 0;
      break;
    case IP_PROTO_UDP:
      cls = 1;
      break;
    case IP_PROTO_ICMP:
      cls = 2;
      break;
    }
  }
  _proto_count[cls]++;
  return p;
}

// ---------------------------------------------------------------------------
// Factory for clara-replay: the gateway's path from the wire,
// MazuClassifier -> [IP] MazuCheckIPHeader -> MazuIPRewriter -> MazuDecIPTTL
// -> MazuCounter, with the NAT's public address 198.51.100.1 and inside
// prefix 10.0.0.0/8. ARP, other frames and TTL-expired packets go to the
// framework's sink. config, if given, replaces the rewriter's configuration
// ("PUBLIC_ADDR, INSIDE_PREFIX").

#include <click/clara.hh>

extern "C" Element *clara_nf_create(const char *config) {
  MazuClassifier *cls = new MazuClassifier;
  MazuCheckIPHeader *check = new MazuCheckIPHeader;
  MazuIPRewriter *rw = new MazuIPRewriter;
  MazuDecIPTTL *ttl = new MazuDecIPTTL;
  MazuCounter *counter = new MazuCounter;
  String rw_conf =
      config && *config ? String(config) : String("198.51.100.1, 10.0.0.0/8");
  if (clara_element_setup(cls, String("10.0.0.1"), 1, 3) < 0 ||
      clara_element_setup(check, String("198.51.100.1, 10.0.0.1"), 1, 1) < 0 ||
      clara_element_setup(rw, rw_conf, 1, 1) < 0 ||
      clara_element_setup(ttl, String(), 1, 2) < 0 ||
      clara_element_setup(counter, String(), 1, 1) < 0 ||
      clara_connect(cls, 1, check, 0) < 0 ||
      clara_connect(check, 0, rw, 0) < 0 || clara_connect(rw, 0, ttl, 0) < 0 ||
      clara_connect(ttl, 0, counter, 0) < 0) {
    delete cls;
    delete check;
    delete rw;
    delete ttl;
    delete counter;
    return 0;
  }
  return cls;
}

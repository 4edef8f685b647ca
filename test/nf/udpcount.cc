//===- test/nf/udpcount.cc - UDPCount: per-flow UDP packet/byte counter ---===//
//
// Counts UDP traffic per flow. A UDPClassifier validates each IPv4 header
// (version, lengths, header checksum, source address) like CheckIPHeader,
// keeps only well-formed UDP datagrams and sends everything else to its
// second output; UDPCount then keeps packet and byte counters, first/last
// timestamps and a size histogram per 5-tuple in a fixed-capacity flow table,
// plus totals. This is the paper's "UDPCount" NF.
//
// Entry points: UDPClassifier::push, UDPCount::simple_action
// State: UDPClassifier::_offset (none, IP header offset in the frame);
//        UDPClassifier::_verify_udp_cksum (none, check UDP checksums);
//        UDPClassifier::_drops (array, drop counters per reason);
//        UDPClassifier::_udp (none, accepted datagram counter);
//        UDPClassifier::_non_udp (none, non-UDP packet counter);
//        UDPCount::_flows (hashtable, per-flow counters keyed by IPFlowID);
//        UDPCount::_packets (none, total packets);
//        UDPCount::_bytes (none, total bytes);
//        UDPCount::_payload_bytes (none, total UDP payload bytes);
//        UDPCount::_new_flows (none, flows created);
//        UDPCount::_table_full (none, packets whose flow found no slot);
//        UDPCount::_size_hist (array, packet-size histogram);
//        _ZZN8UDPCount11size_bucketEjE6limits (array, the histogram's
//        bucket limits: the function-static table in UDPCount::size_bucket,
//        read only)
// Accelerator opportunities: none — checksums are computed by the framework's
//        click_in_cksum; the flow table hashing is inside HashTable.
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
// CHECK: clara-annotate: EntryPoints=2 StateObjects=13
// CHECK-DAG: EntryPoint Function=_ZN13UDPClassifier4pushEiP6Packet Demangled=UDPClassifier::push(int, Packet*)
// CHECK-DAG: EntryPoint Function=_ZN8UDPCount13simple_actionEP6Packet Demangled=UDPCount::simple_action(Packet*)
// DBG-DAG: StateObject Name=UDPClassifier::_offset Bytes=4 Container=none Shared=no
// NODBG-DAG: StateObject Name=UDPClassifier.1 Bytes=4 Container=none Shared=no
// DBG-DAG: StateObject Name=UDPClassifier::_verify_udp_cksum Bytes=1 Container=none Shared=no
// NODBG-DAG: StateObject Name=UDPClassifier.2 Bytes=1 Container=none Shared=no
// DBG-DAG: StateObject Name=UDPClassifier::_drops Bytes=88 Container=array Shared=no
// NODBG-DAG: StateObject Name=UDPClassifier.3 Bytes=88 Container=array Shared=no
// DBG-DAG: StateObject Name=UDPClassifier::_udp Bytes=8 Container=none Shared=no
// NODBG-DAG: StateObject Name=UDPClassifier.4 Bytes=8 Container=none Shared=no
// DBG-DAG: StateObject Name=UDPClassifier::_non_udp Bytes=8 Container=none Shared=no
// NODBG-DAG: StateObject Name=UDPClassifier.5 Bytes=8 Container=none Shared=no
// DBG-DAG: StateObject Name=UDPCount::_flows Bytes={{[0-9]+}} Container=hashtable Shared=no
// NODBG-DAG: StateObject Name=UDPCount.1 Bytes={{[0-9]+}} Container=hashtable Shared=no
// DBG-DAG: StateObject Name=UDPCount::_packets Bytes=8 Container=none Shared=no
// NODBG-DAG: StateObject Name=UDPCount.2 Bytes=8 Container=none Shared=no
// DBG-DAG: StateObject Name=UDPCount::_bytes Bytes=8 Container=none Shared=no
// NODBG-DAG: StateObject Name=UDPCount.3 Bytes=8 Container=none Shared=no
// DBG-DAG: StateObject Name=UDPCount::_payload_bytes Bytes=8 Container=none Shared=no
// NODBG-DAG: StateObject Name=UDPCount.4 Bytes=8 Container=none Shared=no
// DBG-DAG: StateObject Name=UDPCount::_new_flows Bytes=8 Container=none Shared=no
// NODBG-DAG: StateObject Name=UDPCount.5 Bytes=8 Container=none Shared=no
// DBG-DAG: StateObject Name=UDPCount::_table_full Bytes=8 Container=none Shared=no
// NODBG-DAG: StateObject Name=UDPCount.6 Bytes=8 Container=none Shared=no
// DBG-DAG: StateObject Name=UDPCount::_size_hist Bytes=64 Container=array Shared=no
// NODBG-DAG: StateObject Name=UDPCount.7 Bytes=64 Container=array Shared=no
// CHECK-DAG: StateObject Name=_ZZN8UDPCount11size_bucketEjE6limits Bytes=14 Container=array Shared=no
// clang-format on

#include <click/config.h>
#include <click/element.hh>
#include <click/error.hh>
#include <click/hashtable.hh>
#include <click/ipflowid.hh>
#include <click/packet.hh>
#include <click/timestamp.hh>
#include <clicknet/ip.h>
#include <clicknet/udp.h>

// ---------------------------------------------------------------------------
// UDPClassifier: CheckIPHeader-style validation plus a protocol check.
// Output 0: valid UDP datagrams (IP and transport headers annotated).
// Output 1 (optional): valid IP packets of other protocols.

class UDPClassifier : public Element {
public:
  UDPClassifier();

  const char *class_name() const override { return "UDPClassifier"; }
  const char *port_count() const override { return "1/1-2"; }
  int configure(Vector<String> &conf, ErrorHandler *errh) override;

  void push(int port, Packet *p) override;

  enum Reason {
    R_OK = 0,
    R_TOO_SHORT,
    R_BAD_VERSION,
    R_BAD_HLEN,
    R_BAD_LENGTH,
    R_BAD_IP_CKSUM,
    R_BAD_SADDR,
    R_FRAGMENT,
    R_BAD_UDP_LENGTH,
    R_BAD_UDP_CKSUM,
    R_NOT_UDP,
    NREASONS
  };

private:
  unsigned _offset;
  bool _verify_udp_cksum;
  uint64_t _drops[NREASONS];
  uint64_t _udp;
  uint64_t _non_udp;

  int check_ip(Packet *p);
  int check_udp(Packet *p);
};

UDPClassifier::UDPClassifier()
    : _offset(14), _verify_udp_cksum(true), _udp(0), _non_udp(0) {
  for (int i = 0; i < NREASONS; i++)
    _drops[i] = 0;
}

int UDPClassifier::configure(Vector<String> &conf, ErrorHandler *errh) {
  // UDPClassifier([OFFSET [, VERIFY_UDP]]): OFFSET 0 for bare IP packets.
  if (conf.size() > 2)
    return errh->error("too many arguments");
  if (conf.size() >= 1) {
    if (conf[0] == "0")
      _offset = 0;
    else if (conf[0] == "14")
      _offset = 14;
    else
      return errh->error("OFFSET must be 0 or 14");
  }
  if (conf.size() == 2)
    _verify_udp_cksum = !(conf[1] == "false");
  return 0;
}

int UDPClassifier::check_ip(Packet *p) {
  if (p->length() < _offset + sizeof(click_ip))
    return R_TOO_SHORT;
  const click_ip *iph = reinterpret_cast<const click_ip *>(p->data() + _offset);
  unsigned avail = p->length() - _offset;
  if (iph->ip_v != 4)
    return R_BAD_VERSION;
  unsigned hlen = iph->ip_hl << 2;
  if (hlen < sizeof(click_ip) || hlen > avail)
    return R_BAD_HLEN;
  unsigned len = ntohs(iph->ip_len);
  if (len < hlen || len > avail)
    return R_BAD_LENGTH;
  if (click_in_cksum(reinterpret_cast<const unsigned char *>(iph), hlen) != 0)
    return R_BAD_IP_CKSUM;
  // Limited broadcast and multicast are never valid source addresses.
  uint32_t src = ntohl(iph->ip_src.s_addr);
  if (src == 0xFFFFFFFFU || (src & 0xF0000000U) == 0xE0000000U)
    return R_BAD_SADDR;
  // Drop link-layer padding beyond the IP datagram.
  if (avail > len)
    p->take(avail - len);
  p->set_ip_header(iph, hlen);
  return R_OK;
}

int UDPClassifier::check_udp(Packet *p) {
  const click_ip *iph = p->ip_header();
  if (iph->ip_p != IP_PROTO_UDP)
    return R_NOT_UDP;
  if ((ntohs(iph->ip_off) & (IP_MF | IP_OFFMASK)) != 0)
    return R_FRAGMENT;
  unsigned hlen = iph->ip_hl << 2;
  unsigned ip_payload = ntohs(iph->ip_len) - hlen;
  if (ip_payload < sizeof(click_udp))
    return R_BAD_UDP_LENGTH;
  const click_udp *udph = p->udp_header();
  unsigned ulen = ntohs(udph->uh_ulen);
  if (ulen < sizeof(click_udp) || ulen > ip_payload)
    return R_BAD_UDP_LENGTH;
  // A zero UDP checksum means the sender did not compute one.
  if (_verify_udp_cksum && udph->uh_sum != 0) {
    unsigned csum =
        click_in_cksum(reinterpret_cast<const unsigned char *>(udph), ulen);
    if (click_in_cksum_pseudohdr(csum, iph, ulen) != 0)
      return R_BAD_UDP_CKSUM;
  }
  return R_OK;
}

void UDPClassifier::push(int, Packet *p) {
  int reason = check_ip(p);
  if (reason == R_OK)
    reason = check_udp(p);
  if (reason == R_OK) {
    _udp++;
    output(0).push(p);
  } else if (reason == R_NOT_UDP) {
    _non_udp++;
    checked_output_push(1, p);
  } else {
    _drops[reason]++;
    p->kill();
  }
}

// ---------------------------------------------------------------------------
// UDPCount: per-flow counters for the datagrams UDPClassifier accepted.

struct UDPFlowStats {
  uint64_t packets;
  uint64_t bytes;
  uint32_t first_sec;
  uint32_t last_sec;
  uint16_t min_len;
  uint16_t max_len;
  uint32_t restarts; // times the flow went idle and started again
};

class UDPCount : public Element {
public:
  UDPCount();

  const char *class_name() const override { return "UDPCount"; }
  const char *port_count() const override { return PORTS_1_1; }

  Packet *simple_action(Packet *p) override;

  enum { FLOW_CAPACITY = 1024, IDLE_TIMEOUT_SEC = 60, NBUCKETS = 8 };

private:
  HashTable<IPFlowID, UDPFlowStats> _flows;
  uint64_t _packets;
  uint64_t _bytes;
  uint64_t _payload_bytes;
  uint64_t _new_flows;
  uint64_t _table_full;
  uint64_t _size_hist[NBUCKETS];

  static int size_bucket(unsigned len);
  static void update_flow(UDPFlowStats &s, unsigned len, uint32_t now);
  bool add_flow(const IPFlowID &flow, unsigned len, uint32_t now);
};

UDPCount::UDPCount()
    : _packets(0), _bytes(0), _payload_bytes(0), _new_flows(0), _table_full(0) {
  for (int i = 0; i < NBUCKETS; i++)
    _size_hist[i] = 0;
}

// Buckets: <=64, <=128, <=256, <=512, <=1024, <=1518, <=9000, larger.
int UDPCount::size_bucket(unsigned len) {
  static const uint16_t limits[NBUCKETS - 1] = {64,   128,  256, 512,
                                                1024, 1518, 9000};
  int b = 0;
  while (b < NBUCKETS - 1 && len > limits[b])
    b++;
  return b;
}

void UDPCount::update_flow(UDPFlowStats &s, unsigned len, uint32_t now) {
  if (now - s.last_sec > IDLE_TIMEOUT_SEC) {
    // Same 5-tuple after a long silence: count it as a new incarnation.
    s.restarts++;
    s.first_sec = now;
  }
  s.packets++;
  s.bytes += len;
  s.last_sec = now;
  if (len < s.min_len)
    s.min_len = len;
  if (len > s.max_len)
    s.max_len = len;
}

bool UDPCount::add_flow(const IPFlowID &flow, unsigned len, uint32_t now) {
  UDPFlowStats s;
  s.packets = 1;
  s.bytes = len;
  s.first_sec = s.last_sec = now;
  s.min_len = s.max_len = len;
  s.restarts = 0;
  return _flows.set(flow, s);
}

Packet *UDPCount::simple_action(Packet *p) {
  const click_ip *iph = p->ip_header();
  const click_udp *udph = p->udp_header();
  unsigned len = ntohs(iph->ip_len);
  unsigned ulen = ntohs(udph->uh_ulen);

  _packets++;
  _bytes += len;
  _payload_bytes += ulen - sizeof(click_udp);
  _size_hist[size_bucket(len)]++;

  uint32_t now = p->timestamp_anno().sec();
  IPFlowID flow(p);
  HashTable<IPFlowID, UDPFlowStats>::iterator it = _flows.find(flow);
  if (it.live())
    update_flow(it.value(), len, now);
  else if (add_flow(flow, len, now))
    _new_flows++;
  else
    // Bucket full: the datagram is still forwarded, only counted in totals.
    _table_full++;
  return p;
}

// ---------------------------------------------------------------------------
// Factory for clara-replay: UDPClassifier(14) -> UDPCount. config, if given,
// configures the UDPClassifier (e.g. "0" for bare IP packets).

#include <click/clara.hh>

extern "C" Element *clara_nf_create(const char *config) {
  UDPClassifier *cls = new UDPClassifier;
  UDPCount *count = new UDPCount;
  String conf = config && *config ? String(config) : String("14");
  if (clara_element_setup(cls, conf, 1, 2) < 0 ||
      clara_element_setup(count, String(), 1, 1) < 0 ||
      clara_connect(cls, 0, count, 0) < 0) {
    delete cls;
    delete count;
    return 0;
  }
  return cls;
}

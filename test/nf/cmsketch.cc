//===- test/nf/cmsketch.cc - CMSketch: count-min heavy-hitter detector ----===//
//
// Estimates per-flow packet (or byte) counts with a count-min sketch: DEPTH
// rows of WIDTH counters, each row indexed by its own seeded hash of the
// flow's 5-tuple. A flow whose estimate (the minimum over the rows) crosses
// THRESHOLD within the current epoch is a heavy hitter: its packets are
// painted and sent to output 1. The sketch is cleared at every epoch
// boundary, judged by the packets' timestamps. This is the paper's
// 'cmsketch' NF (heavy-hitter detection).
//
// Entry points: CMSketch::push
// State: CMSketch::_counters (array, DEPTH x WIDTH = 4 x 2048 counters);
//        CMSketch::_seeds (array, per-row hash seeds);
//        CMSketch::_threshold (none, heavy-hitter estimate);
//        CMSketch::_count_bytes (none, count bytes not packets);
//        CMSketch::_epoch_sec (none, epoch length);
//        CMSketch::_epoch_start (none, current epoch start second);
//        CMSketch::_packets (none, packets seen);
//        CMSketch::_heavy_packets (none, heavy-hitter packets);
//        CMSketch::_non_ip (none, packets without an IP header);
//        CMSketch::_epochs (none, epochs completed)
// Accelerator opportunities: hash: CMSketch::hash_row with its helper rotl32
//        (Bob Jenkins' lookup3 mix/final over the 5-tuple, seeded per row)
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
// CHECK: clara-annotate: EntryPoints=1 StateObjects=10
// CHECK-DAG: EntryPoint Function=_ZN8CMSketch4pushEiP6Packet Demangled=CMSketch::push(int, Packet*)
// DBG-DAG: StateObject Name=CMSketch::_counters Bytes=32768 Container=array Shared=no
// NODBG-DAG: StateObject Name=CMSketch.1 Bytes=32768 Container=array Shared=no
// DBG-DAG: StateObject Name=CMSketch::_seeds Bytes=16 Container=array Shared=no
// NODBG-DAG: StateObject Name=CMSketch.2 Bytes=16 Container=array Shared=no
// DBG-DAG: StateObject Name=CMSketch::_threshold Bytes=4 Container=none Shared=no
// NODBG-DAG: StateObject Name=CMSketch.3 Bytes=4 Container=none Shared=no
// DBG-DAG: StateObject Name=CMSketch::_count_bytes Bytes=1 Container=none Shared=no
// NODBG-DAG: StateObject Name=CMSketch.4 Bytes=1 Container=none Shared=no
// DBG-DAG: StateObject Name=CMSketch::_epoch_sec Bytes=4 Container=none Shared=no
// NODBG-DAG: StateObject Name=CMSketch.6 Bytes=4 Container=none Shared=no
// DBG-DAG: StateObject Name=CMSketch::_epoch_start Bytes=4 Container=none Shared=no
// NODBG-DAG: StateObject Name=CMSketch.7 Bytes=4 Container=none Shared=no
// DBG-DAG: StateObject Name=CMSketch::_packets Bytes=8 Container=none Shared=no
// NODBG-DAG: StateObject Name=CMSketch.9 Bytes=8 Container=none Shared=no
// DBG-DAG: StateObject Name=CMSketch::_heavy_packets Bytes=8 Container=none Shared=no
// NODBG-DAG: StateObject Name=CMSketch.10 Bytes=8 Container=none Shared=no
// DBG-DAG: StateObject Name=CMSketch::_non_ip Bytes=8 Container=none Shared=no
// NODBG-DAG: StateObject Name=CMSketch.11 Bytes=8 Container=none Shared=no
// DBG-DAG: StateObject Name=CMSketch::_epochs Bytes=4 Container=none Shared=no
// NODBG-DAG: StateObject Name=CMSketch.12 Bytes=4 Container=none Shared=no
// clang-format on

#include <click/args.hh>
#include <click/clara.hh>
#include <click/config.h>
#include <click/element.hh>
#include <click/error.hh>
#include <click/packet.hh>
#include <click/packet_anno.hh>
#include <clicknet/ip.h>
#include <clicknet/tcp.h>
#include <clicknet/udp.h>

class CMSketch : public Element {
public:
  CMSketch();

  const char *class_name() const override { return "CMSketch"; }
  const char *port_count() const override { return "1/1-2"; }
  const char *processing() const override { return PUSH; }

  int configure(Vector<String> &conf, ErrorHandler *errh) override;
  void push(int port, Packet *p) override;

  enum { DEPTH = 4, WIDTH = 2048, WIDTH_MASK = WIDTH - 1 };

private:
  struct FlowKey {
    uint32_t saddr;
    uint32_t daddr;
    uint32_t ports; // sport << 16 | dport, 0 for non-TCP/UDP
    uint32_t proto;
  };

  uint32_t _counters[DEPTH][WIDTH];
  uint32_t _seeds[DEPTH];
  uint32_t _threshold;     // heavy-hitter estimate
  bool _count_bytes;       // count bytes instead of packets
  uint32_t _epoch_sec;     // epoch length in seconds
  uint32_t _epoch_start;   // current epoch's start, seconds
  uint64_t _packets;       // packets seen
  uint64_t _heavy_packets; // packets of heavy flows
  uint64_t _non_ip;        // packets without a usable IP header
  uint32_t _epochs;        // epochs completed

  static uint32_t hash_row(const FlowKey &key, uint32_t seed);
  bool extract_key(Packet *p, FlowKey &key);
  void maybe_new_epoch(Packet *p);
  uint32_t update(const FlowKey &key, uint32_t amount);
};

CMSketch::CMSketch()
    : _threshold(1000), _count_bytes(false), _epoch_sec(1), _epoch_start(0),
      _packets(0), _heavy_packets(0), _non_ip(0), _epochs(0) {
  for (int r = 0; r < DEPTH; r++) {
    _seeds[r] = 0x9e3779b9u * (uint32_t)(2 * r + 1);
    for (int i = 0; i < WIDTH; i++)
      _counters[r][i] = 0;
  }
}

int CMSketch::configure(Vector<String> &conf, ErrorHandler *errh) {
  uint32_t threshold = _threshold, epoch = _epoch_sec, seed = 0;
  bool bytes = false;
  if (Args(conf, this, errh)
          .read_p("THRESHOLD", threshold)
          .read("EPOCH", SecondsArg(), epoch)
          .read("BYTES", bytes)
          .read("SEED", seed)
          .complete() < 0)
    return -1;
  if (threshold == 0 || epoch == 0)
    return errh->error("THRESHOLD and EPOCH must be positive");
  _threshold = threshold;
  _epoch_sec = epoch;
  _count_bytes = bytes;
  // Distinct odd multiples of the golden ratio give unrelated row seeds.
  for (int r = 0; r < DEPTH; r++)
    _seeds[r] = seed ^ (0x9e3779b9u * (uint32_t)(2 * r + 1));
  return 0;
}

static inline uint32_t rotl32(uint32_t x, int k) {
  return (x << k) | (x >> (32 - k));
}

// Bob Jenkins' lookup3 mixing of three words, written out for 12 key bytes
// plus a fourth word folded into the final round. Each row passes its own
// seed as the initial value, which gives DEPTH independent hash functions.
uint32_t CMSketch::hash_row(const FlowKey &key, uint32_t seed) {
  uint32_t a, b, c;
  a = b = c = 0xdeadbeefu + (uint32_t)sizeof(FlowKey) + seed;

  a += key.saddr;
  b += key.daddr;
  c += key.ports;
  // mix(a, b, c)
  a -= c;
  a ^= rotl32(c, 4);
  c += b;
  b -= a;
  b ^= rotl32(a, 6);
  a += c;
  c -= b;
  c ^= rotl32(b, 8);
  b += a;
  a -= c;
  a ^= rotl32(c, 16);
  c += b;
  b -= a;
  b ^= rotl32(a, 19);
  a += c;
  c -= b;
  c ^= rotl32(b, 4);
  b += a;

  a += key.proto;
  // final(a, b, c)
  c ^= b;
  c -= rotl32(b, 14);
  a ^= c;
  a -= rotl32(c, 11);
  b ^= a;
  b -= rotl32(a, 25);
  c ^= b;
  c -= rotl32(b, 16);
  a ^= c;
  a -= rotl32(c, 4);
  b ^= a;
  b -= rotl32(a, 14);
  c ^= b;
  c -= rotl32(b, 24);
  return c;
}

bool CMSketch::extract_key(Packet *p, FlowKey &key) {
  if (!p->has_network_header())
    return false;
  const click_ip *iph = p->ip_header();
  if (iph->ip_v != 4 || p->network_length() < (int)sizeof(click_ip))
    return false;

  key.saddr = iph->ip_src.s_addr;
  key.daddr = iph->ip_dst.s_addr;
  key.proto = iph->ip_p;
  key.ports = 0;

  // Only first fragments carry the transport header.
  if ((iph->ip_off & htons(IP_OFFMASK)) != 0)
    return true;
  if (iph->ip_p == IP_PROTO_TCP &&
      p->transport_length() >= (int)sizeof(click_tcp)) {
    const click_tcp *th = p->tcp_header();
    key.ports = ((uint32_t)ntohs(th->th_sport) << 16) | ntohs(th->th_dport);
  } else if (iph->ip_p == IP_PROTO_UDP &&
             p->transport_length() >= (int)sizeof(click_udp)) {
    const click_udp *uh = p->udp_header();
    key.ports = ((uint32_t)ntohs(uh->uh_sport) << 16) | ntohs(uh->uh_dport);
  }
  return true;
}

void CMSketch::maybe_new_epoch(Packet *p) {
  uint32_t now = p->timestamp_anno().sec();
  if (now - _epoch_start < _epoch_sec)
    return;
  for (int r = 0; r < DEPTH; r++)
    for (int i = 0; i < WIDTH; i++)
      _counters[r][i] = 0;
  _epoch_start = now;
  _epochs++;
}

// Adds AMOUNT to the flow's counter in every row and returns the new
// estimate, the smallest of those counters. Counters saturate.
uint32_t CMSketch::update(const FlowKey &key, uint32_t amount) {
  uint32_t estimate = 0xFFFFFFFFu;
  for (int r = 0; r < DEPTH; r++) {
    uint32_t idx = hash_row(key, _seeds[r]) & WIDTH_MASK;
    uint32_t v = _counters[r][idx];
    if (v > 0xFFFFFFFFu - amount)
      v = 0xFFFFFFFFu;
    else
      v += amount;
    _counters[r][idx] = v;
    if (v < estimate)
      estimate = v;
  }
  return estimate;
}

void CMSketch::push(int, Packet *p) {
  _packets++;
  FlowKey key;
  if (!extract_key(p, key)) {
    _non_ip++;
    output(0).push(p);
    return;
  }

  maybe_new_epoch(p);
  uint32_t amount = _count_bytes ? ntohs(p->ip_header()->ip_len) : 1;
  uint32_t estimate = update(key, amount);

  if (estimate >= _threshold) {
    _heavy_packets++;
    SET_PAINT_ANNO(p, 1);
    output(noutputs() == 2 ? 1 : 0).push(p);
  } else
    output(0).push(p);
}

extern "C" Element *clara_nf_create(const char *config) {
  CMSketch *e = new CMSketch;
  String conf =
      config && *config ? String(config) : String("THRESHOLD 1000, EPOCH 1");
  if (clara_element_setup(e, conf, 1, 2) < 0) {
    delete e;
    return nullptr;
  }
  return e;
}

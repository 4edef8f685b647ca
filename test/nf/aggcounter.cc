//===- test/nf/aggcounter.cc - AggregateCounter: per-aggregate counters ---===//
//
// Counts packets and bytes per aggregate (the flow or class number that an
// upstream classifier left in the aggregate annotation) in a fixed-size,
// linearly probed table of counters, with running totals and the heaviest
// aggregate so far. Counting stops (the element freezes) once a configured
// number of distinct aggregates or a total count is reached; packets it does
// not count leave on output 1 if connected, else they are dropped. This is
// the paper's 'aggcounter' NF.
//
// Entry points: AggregateCounter::push
// State: AggregateCounter::_bytes (none, limits judged by bytes);
//        AggregateCounter::_ip_bytes (none, count IP length);
//        AggregateCounter::_use_packet_count (none, honour EXTRA_PACKETS);
//        AggregateCounter::_use_extra_length (none, honour EXTRA_LENGTH);
//        AggregateCounter::_active (none, counting enabled);
//        AggregateCounter::_frozen (none, stop flag set by a limit);
//        AggregateCounter::_call_nnz (none, nonzero-aggregate limit);
//        AggregateCounter::_call_count (none, total-count limit);
//        AggregateCounter::_num_nonzero (none, aggregates counted);
//        AggregateCounter::_total_packets (none, packet total);
//        AggregateCounter::_total_bytes (none, byte total);
//        AggregateCounter::_uncounted (none, rejected packets);
//        AggregateCounter::_max_aggregate (none, heaviest aggregate);
//        AggregateCounter::_max_count (none, its count);
//        AggregateCounter::_freeze_time (none, Timestamp of freezing);
//        AggregateCounter::_counts (array, 1024 per-aggregate counters)
// Accelerator opportunities: none
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
// CHECK: clara-annotate: EntryPoints=1 StateObjects=16
// CHECK-DAG: EntryPoint Function=_ZN16AggregateCounter4pushEiP6Packet Demangled=AggregateCounter::push(int, Packet*)
// DBG-DAG: StateObject Name=AggregateCounter::_bytes Bytes=1 Container=none Shared=no
// NODBG-DAG: StateObject Name=AggregateCounter.1 Bytes=1 Container=none Shared=no
// DBG-DAG: StateObject Name=AggregateCounter::_ip_bytes Bytes=1 Container=none Shared=no
// NODBG-DAG: StateObject Name=AggregateCounter.2 Bytes=1 Container=none Shared=no
// DBG-DAG: StateObject Name=AggregateCounter::_use_packet_count Bytes=1 Container=none Shared=no
// NODBG-DAG: StateObject Name=AggregateCounter.3 Bytes=1 Container=none Shared=no
// DBG-DAG: StateObject Name=AggregateCounter::_use_extra_length Bytes=1 Container=none Shared=no
// NODBG-DAG: StateObject Name=AggregateCounter.4 Bytes=1 Container=none Shared=no
// DBG-DAG: StateObject Name=AggregateCounter::_active Bytes=1 Container=none Shared=no
// NODBG-DAG: StateObject Name=AggregateCounter.5 Bytes=1 Container=none Shared=no
// DBG-DAG: StateObject Name=AggregateCounter::_frozen Bytes=1 Container=none Shared=no
// NODBG-DAG: StateObject Name=AggregateCounter.6 Bytes=1 Container=none Shared=no
// DBG-DAG: StateObject Name=AggregateCounter::_call_nnz Bytes=4 Container=none Shared=no
// NODBG-DAG: StateObject Name=AggregateCounter.7 Bytes=4 Container=none Shared=no
// DBG-DAG: StateObject Name=AggregateCounter::_call_count Bytes=8 Container=none Shared=no
// NODBG-DAG: StateObject Name=AggregateCounter.8 Bytes=8 Container=none Shared=no
// DBG-DAG: StateObject Name=AggregateCounter::_num_nonzero Bytes=4 Container=none Shared=no
// NODBG-DAG: StateObject Name=AggregateCounter.9 Bytes=4 Container=none Shared=no
// DBG-DAG: StateObject Name=AggregateCounter::_total_packets Bytes=8 Container=none Shared=no
// NODBG-DAG: StateObject Name=AggregateCounter.10 Bytes=8 Container=none Shared=no
// DBG-DAG: StateObject Name=AggregateCounter::_total_bytes Bytes=8 Container=none Shared=no
// NODBG-DAG: StateObject Name=AggregateCounter.11 Bytes=8 Container=none Shared=no
// DBG-DAG: StateObject Name=AggregateCounter::_uncounted Bytes=8 Container=none Shared=no
// NODBG-DAG: StateObject Name=AggregateCounter.12 Bytes=8 Container=none Shared=no
// DBG-DAG: StateObject Name=AggregateCounter::_max_aggregate Bytes=4 Container=none Shared=no
// NODBG-DAG: StateObject Name=AggregateCounter.13 Bytes=4 Container=none Shared=no
// DBG-DAG: StateObject Name=AggregateCounter::_max_count Bytes=8 Container=none Shared=no
// NODBG-DAG: StateObject Name=AggregateCounter.14 Bytes=8 Container=none Shared=no
// DBG-DAG: StateObject Name=AggregateCounter::_freeze_time Bytes=8 Container=none Shared=no
// NODBG-DAG: StateObject Name=AggregateCounter.15 Bytes=8 Container=none Shared=no
// DBG-DAG: StateObject Name=AggregateCounter::_counts Bytes=24576 Container=array Shared=no
// NODBG-DAG: StateObject Name=AggregateCounter.16 Bytes=24576 Container=array Shared=no
// clang-format on

#include <click/args.hh>
#include <click/clara.hh>
#include <click/config.h>
#include <click/element.hh>
#include <click/error.hh>
#include <click/packet.hh>
#include <click/packet_anno.hh>
#include <clicknet/ip.h>

class AggregateCounter : public Element {
public:
  AggregateCounter();

  const char *class_name() const override { return "AggregateCounter"; }
  const char *port_count() const override { return "1-2/1-2"; }
  const char *processing() const override { return PUSH; }

  int configure(Vector<String> &conf, ErrorHandler *errh) override;
  void push(int port, Packet *p) override;

private:
  enum { TABLE_SIZE = 1024, TABLE_MASK = TABLE_SIZE - 1, MAX_PROBE = 8 };

  struct Counter {
    uint32_t aggregate;
    uint32_t in_use;
    uint64_t packets;
    uint64_t bytes;
  };

  bool _bytes;            // limits and "heaviest" judged by bytes
  bool _ip_bytes;         // byte counts from the IP length, not the buffer
  bool _use_packet_count; // honour the extra-packets annotation
  bool _use_extra_length; // honour the extra-length annotation
  bool _active;           // counting enabled by configuration
  bool _frozen;           // counting stopped by a limit
  uint32_t _call_nnz;     // freeze after this many nonzero aggregates
  uint64_t _call_count;   // freeze once the total count reaches this
  uint32_t _num_nonzero;  // aggregates with a nonzero count
  uint64_t _total_packets;
  uint64_t _total_bytes;
  uint64_t _uncounted;     // packets not counted (frozen or table full)
  uint32_t _max_aggregate; // the heaviest aggregate so far
  uint64_t _max_count;     // and its count
  Timestamp _freeze_time;  // timestamp of the packet that froze counting
  Counter _counts[TABLE_SIZE];

  uint32_t packet_bytes(Packet *p) const;
  Counter *find_counter(uint32_t agg);
  void update_heaviest(const Counter *c);
  void check_limits(Packet *p);
  void reject(Packet *p);
};

AggregateCounter::AggregateCounter()
    : _bytes(false), _ip_bytes(false), _use_packet_count(false),
      _use_extra_length(false), _active(true), _frozen(false), _call_nnz(0),
      _call_count(0), _num_nonzero(0), _total_packets(0), _total_bytes(0),
      _uncounted(0), _max_aggregate(0), _max_count(0) {
  for (int i = 0; i < TABLE_SIZE; i++) {
    _counts[i].aggregate = 0;
    _counts[i].in_use = 0;
    _counts[i].packets = 0;
    _counts[i].bytes = 0;
  }
}

int AggregateCounter::configure(Vector<String> &conf, ErrorHandler *errh) {
  bool bytes = false, ip_bytes = false, multipacket = true, extra = true;
  bool active = true;
  uint32_t stop_nnz = 0;
  uint64_t stop_count = 0;
  if (Args(conf, this, errh)
          .read("BYTES", bytes)
          .read("IP_BYTES", ip_bytes)
          .read("MULTIPACKET", multipacket)
          .read("EXTRA_LENGTH", extra)
          .read("ACTIVE", active)
          .read("STOP_NNZ", stop_nnz)
          .read("STOP_COUNT", stop_count)
          .complete() < 0)
    return -1;
  _bytes = bytes;
  _ip_bytes = ip_bytes;
  _use_packet_count = multipacket;
  _use_extra_length = extra;
  _active = active;
  _call_nnz = stop_nnz;
  _call_count = stop_count;
  return 0;
}

// The packet's size: the IP total length when IP_BYTES (a truncated capture
// still counts its on-the-wire length), else the buffer length.
uint32_t AggregateCounter::packet_bytes(Packet *p) const {
  uint32_t len;
  if (_ip_bytes && p->has_network_header() &&
      p->network_length() >= (int)sizeof(click_ip)) {
    const click_ip *iph = p->ip_header();
    len = ntohs(iph->ip_len);
    if (len < (uint32_t)(iph->ip_hl << 2))
      len = p->network_length();
  } else
    len = p->length();
  if (_use_extra_length)
    len += EXTRA_LENGTH_ANNO(p);
  return len;
}

// Linear probing over a small window from the aggregate's slot; a full
// window means the aggregate cannot be tracked (as in a NIC's fixed table).
AggregateCounter::Counter *AggregateCounter::find_counter(uint32_t agg) {
  uint32_t slot = agg & TABLE_MASK;
  for (int probe = 0; probe < MAX_PROBE; probe++) {
    Counter *c = &_counts[(slot + probe) & TABLE_MASK];
    if (c->in_use && c->aggregate == agg)
      return c;
    if (!c->in_use) {
      c->in_use = 1;
      c->aggregate = agg;
      c->packets = 0;
      c->bytes = 0;
      return c;
    }
  }
  return nullptr;
}

void AggregateCounter::update_heaviest(const Counter *c) {
  uint64_t count = _bytes ? c->bytes : c->packets;
  if (count > _max_count) {
    _max_count = count;
    _max_aggregate = c->aggregate;
  }
}

void AggregateCounter::check_limits(Packet *p) {
  uint64_t total = _bytes ? _total_bytes : _total_packets;
  bool stop = (_call_nnz != 0 && _num_nonzero >= _call_nnz) ||
              (_call_count != 0 && total >= _call_count);
  if (stop && !_frozen) {
    _frozen = true;
    _freeze_time = p->timestamp_anno();
  }
}

void AggregateCounter::reject(Packet *p) {
  _uncounted++;
  if (noutputs() == 2)
    output(1).push(p);
  else
    p->kill();
}

// Input 0 counts packets and bytes; input 1 counts the packet's bytes only
// (e.g. retransmissions that should not inflate the packet count).
void AggregateCounter::push(int port, Packet *p) {
  if (!_active || _frozen) {
    reject(p);
    return;
  }

  Counter *c = find_counter(AGGREGATE_ANNO(p));
  if (!c) {
    reject(p);
    return;
  }

  uint32_t npackets = 0;
  if (port == 0) {
    npackets = 1;
    if (_use_packet_count)
      npackets += EXTRA_PACKETS_ANNO(p);
  }
  uint32_t nbytes = packet_bytes(p);

  if (c->packets == 0 && c->bytes == 0 && (npackets != 0 || nbytes != 0))
    _num_nonzero++;
  c->packets += npackets;
  c->bytes += nbytes;
  _total_packets += npackets;
  _total_bytes += nbytes;

  update_heaviest(c);
  check_limits(p);
  output(0).push(p);
}

extern "C" Element *clara_nf_create(const char *config) {
  AggregateCounter *e = new AggregateCounter;
  String conf = config && *config ? String(config) : String("STOP_NNZ 1000");
  if (clara_element_setup(e, conf, 1, 2) < 0) {
    delete e;
    return nullptr;
  }
  return e;
}

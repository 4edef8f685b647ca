//===- test/nf/timefilter.cc - TimeFilter: pass packets in a time window --===//
//
// Passes packets whose timestamp annotation lies in the window [START, END)
// on output 0; earlier and later ones go to output 1 when it exists and are
// dropped otherwise. The window may be absolute, relative to the first
// packet (START_DELAY/END_DELAY), or START plus an INTERVAL. Counts early,
// passed and late packets and bytes, untimestamped and out-of-order packets,
// and keeps a histogram of passed packets per BIN of the window, as a
// capture-trimming filter does. This is the paper's 'timefilter' NF.
//
// Entry points: TimeFilter::push
// State: TimeFilter::_first (none, window start Timestamp);
//        TimeFilter::_last (none, window end Timestamp);
//        TimeFilter::_first_relative (none, start is relative);
//        TimeFilter::_last_relative (none, end is relative);
//        TimeFilter::_last_interval (none, end is start + interval);
//        TimeFilter::_ready (none, window made absolute);
//        TimeFilter::_stop (none, pass nothing after the window);
//        TimeFilter::_pass_untimed (none, pass unstamped packets);
//        TimeFilter::_finished (none, a late packet was seen);
//        TimeFilter::_bin_msec (none, histogram bin width);
//        TimeFilter::_count (array, packets per verdict);
//        TimeFilter::_bytes (array, bytes per verdict);
//        TimeFilter::_untimed (none, unstamped packets);
//        TimeFilter::_bad_stamps (none, corrupt timestamps);
//        TimeFilter::_reordered (none, out-of-order packets);
//        TimeFilter::_newest (none, newest Timestamp seen);
//        TimeFilter::_end_seen (none, first late Timestamp);
//        TimeFilter::_first_passed (none, earliest passed Timestamp);
//        TimeFilter::_last_passed (none, latest passed Timestamp);
//        TimeFilter::_rate_sec (none, second of the rate counter);
//        TimeFilter::_rate_count (none, passed packets that second);
//        TimeFilter::_peak_rate (none, peak packets per second);
//        TimeFilter::_peak_sec (none, second of the peak);
//        TimeFilter::_bins (array, 64-bin histogram of passed packets)
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
// CHECK: clara-annotate: EntryPoints=1 StateObjects=24
// CHECK-DAG: EntryPoint Function=_ZN10TimeFilter4pushEiP6Packet Demangled=TimeFilter::push(int, Packet*)
// DBG-DAG: StateObject Name=TimeFilter::_first Bytes=8 Container=none Shared=no
// NODBG-DAG: StateObject Name=TimeFilter.1 Bytes=8 Container=none Shared=no
// DBG-DAG: StateObject Name=TimeFilter::_last Bytes=8 Container=none Shared=no
// NODBG-DAG: StateObject Name=TimeFilter.2 Bytes=8 Container=none Shared=no
// DBG-DAG: StateObject Name=TimeFilter::_first_relative Bytes=1 Container=none Shared=no
// NODBG-DAG: StateObject Name=TimeFilter.3 Bytes=1 Container=none Shared=no
// DBG-DAG: StateObject Name=TimeFilter::_last_relative Bytes=1 Container=none Shared=no
// NODBG-DAG: StateObject Name=TimeFilter.4 Bytes=1 Container=none Shared=no
// DBG-DAG: StateObject Name=TimeFilter::_last_interval Bytes=1 Container=none Shared=no
// NODBG-DAG: StateObject Name=TimeFilter.5 Bytes=1 Container=none Shared=no
// DBG-DAG: StateObject Name=TimeFilter::_ready Bytes=1 Container=none Shared=no
// NODBG-DAG: StateObject Name=TimeFilter.6 Bytes=1 Container=none Shared=no
// DBG-DAG: StateObject Name=TimeFilter::_stop Bytes=1 Container=none Shared=no
// NODBG-DAG: StateObject Name=TimeFilter.7 Bytes=1 Container=none Shared=no
// DBG-DAG: StateObject Name=TimeFilter::_pass_untimed Bytes=1 Container=none Shared=no
// NODBG-DAG: StateObject Name=TimeFilter.8 Bytes=1 Container=none Shared=no
// DBG-DAG: StateObject Name=TimeFilter::_finished Bytes=1 Container=none Shared=no
// NODBG-DAG: StateObject Name=TimeFilter.9 Bytes=1 Container=none Shared=no
// DBG-DAG: StateObject Name=TimeFilter::_bin_msec Bytes=4 Container=none Shared=no
// NODBG-DAG: StateObject Name=TimeFilter.10 Bytes=4 Container=none Shared=no
// DBG-DAG: StateObject Name=TimeFilter::_count Bytes=24 Container=array Shared=no
// NODBG-DAG: StateObject Name=TimeFilter.11 Bytes=24 Container=array Shared=no
// DBG-DAG: StateObject Name=TimeFilter::_bytes Bytes=24 Container=array Shared=no
// NODBG-DAG: StateObject Name=TimeFilter.12 Bytes=24 Container=array Shared=no
// DBG-DAG: StateObject Name=TimeFilter::_untimed Bytes=8 Container=none Shared=no
// NODBG-DAG: StateObject Name=TimeFilter.13 Bytes=8 Container=none Shared=no
// DBG-DAG: StateObject Name=TimeFilter::_bad_stamps Bytes=8 Container=none Shared=no
// NODBG-DAG: StateObject Name=TimeFilter.14 Bytes=8 Container=none Shared=no
// DBG-DAG: StateObject Name=TimeFilter::_reordered Bytes=8 Container=none Shared=no
// NODBG-DAG: StateObject Name=TimeFilter.15 Bytes=8 Container=none Shared=no
// DBG-DAG: StateObject Name=TimeFilter::_newest Bytes=8 Container=none Shared=no
// NODBG-DAG: StateObject Name=TimeFilter.16 Bytes=8 Container=none Shared=no
// DBG-DAG: StateObject Name=TimeFilter::_end_seen Bytes=8 Container=none Shared=no
// NODBG-DAG: StateObject Name=TimeFilter.17 Bytes=8 Container=none Shared=no
// DBG-DAG: StateObject Name=TimeFilter::_first_passed Bytes=8 Container=none Shared=no
// NODBG-DAG: StateObject Name=TimeFilter.18 Bytes=8 Container=none Shared=no
// DBG-DAG: StateObject Name=TimeFilter::_last_passed Bytes=8 Container=none Shared=no
// NODBG-DAG: StateObject Name=TimeFilter.19 Bytes=8 Container=none Shared=no
// DBG-DAG: StateObject Name=TimeFilter::_rate_sec Bytes=4 Container=none Shared=no
// NODBG-DAG: StateObject Name=TimeFilter.20 Bytes=4 Container=none Shared=no
// DBG-DAG: StateObject Name=TimeFilter::_rate_count Bytes=4 Container=none Shared=no
// NODBG-DAG: StateObject Name=TimeFilter.21 Bytes=4 Container=none Shared=no
// DBG-DAG: StateObject Name=TimeFilter::_peak_rate Bytes=4 Container=none Shared=no
// NODBG-DAG: StateObject Name=TimeFilter.22 Bytes=4 Container=none Shared=no
// DBG-DAG: StateObject Name=TimeFilter::_peak_sec Bytes=4 Container=none Shared=no
// NODBG-DAG: StateObject Name=TimeFilter.23 Bytes=4 Container=none Shared=no
// DBG-DAG: StateObject Name=TimeFilter::_bins Bytes=256 Container=array Shared=no
// NODBG-DAG: StateObject Name=TimeFilter.24 Bytes=256 Container=array Shared=no
// clang-format on

#include <click/args.hh>
#include <click/clara.hh>
#include <click/config.h>
#include <click/element.hh>
#include <click/error.hh>
#include <click/packet.hh>
#include <click/timestamp.hh>

class TimeFilter : public Element {
public:
  TimeFilter();

  const char *class_name() const override { return "TimeFilter"; }
  const char *port_count() const override { return "1/1-2"; }
  const char *processing() const override { return PUSH; }

  int configure(Vector<String> &conf, ErrorHandler *errh) override;
  void push(int port, Packet *p) override;

private:
  enum Verdict { EARLY = 0, INSIDE = 1, LATE = 2 };
  enum { NBINS = 64 };

  Timestamp _first;        // window start (absolute once _ready)
  Timestamp _last;         // window end, exclusive
  bool _first_relative;    // _first is an offset from the first packet
  bool _last_relative;     // _last is an offset from the first packet
  bool _last_interval;     // _last is an offset from _first
  bool _ready;             // the window is absolute
  bool _stop;              // once past the window, pass nothing more
  bool _pass_untimed;      // pass packets without a timestamp
  bool _finished;          // a packet past the window has been seen
  uint32_t _bin_msec;      // histogram bin width
  uint64_t _count[3];      // packets per Verdict
  uint64_t _bytes[3];      // bytes per Verdict
  uint64_t _untimed;       // packets with a zero timestamp
  uint64_t _bad_stamps;    // packets with an impossible timestamp
  uint64_t _reordered;     // packets older than the newest seen
  Timestamp _newest;       // newest timestamp seen so far
  Timestamp _end_seen;     // timestamp of the first late packet
  Timestamp _first_passed; // earliest and latest passed timestamps
  Timestamp _last_passed;
  int32_t _rate_sec;     // second being counted for the peak rate
  uint32_t _rate_count;  // passed packets in that second
  uint32_t _peak_rate;   // most passed packets in one second
  int32_t _peak_sec;     // the second that had them
  uint32_t _bins[NBINS]; // passed packets per bin since _first

  void first_packet(const Timestamp &ts);
  int classify(const Timestamp &ts) const;
  void note_order(const Timestamp &ts);
  void count_in_bin(const Timestamp &ts);
  void note_passed(const Timestamp &ts);
  void reject(Packet *p);
};

TimeFilter::TimeFilter()
    : _first_relative(false), _last_relative(false), _last_interval(false),
      _ready(false), _stop(false), _pass_untimed(false), _finished(false),
      _bin_msec(1000), _untimed(0), _bad_stamps(0), _reordered(0), _rate_sec(0),
      _rate_count(0), _peak_rate(0), _peak_sec(0) {
  for (int v = 0; v < 3; v++)
    _count[v] = _bytes[v] = 0;
  for (int i = 0; i < NBINS; i++)
    _bins[i] = 0;
}

int TimeFilter::configure(Vector<String> &conf, ErrorHandler *errh) {
  Timestamp first, last, first_delay, last_delay, interval;
  bool stop = false, pass_untimed = false;
  uint32_t bin_msec = 1000;
  Args args(conf, this, errh);
  bool have_first = args.read_with_found("START", 0, SecondsArg(), first);
  bool have_last = args.read_with_found("END", 0, SecondsArg(), last);
  bool have_first_delay =
      args.read_with_found("START_DELAY", 0, SecondsArg(), first_delay);
  bool have_last_delay =
      args.read_with_found("END_DELAY", 0, SecondsArg(), last_delay);
  bool have_interval =
      args.read_with_found("INTERVAL", 0, SecondsArg(), interval);
  if (args.read("STOP", stop)
          .read("PASS_UNTIMED", pass_untimed)
          .read("BIN_MSEC", bin_msec)
          .complete() < 0)
    return -1;

  if ((int)have_first + (int)have_first_delay > 1)
    return errh->error("START and START_DELAY are mutually exclusive");
  if ((int)have_last + (int)have_last_delay + (int)have_interval > 1)
    return errh->error("END, END_DELAY and INTERVAL are mutually exclusive");
  if (bin_msec == 0)
    return errh->error("BIN_MSEC must be positive");

  _first = have_first_delay ? first_delay : first;
  _first_relative = have_first_delay;
  if (have_last_delay) {
    _last = last_delay;
    _last_relative = true;
  } else if (have_interval) {
    _last = interval;
    _last_interval = true;
  } else if (have_last)
    _last = last;
  else
    _last = Timestamp(Timestamp::max_seconds, 0U);
  _ready = !_first_relative && !_last_relative && !_last_interval;
  if (_ready && _last < _first)
    return errh->error("END before START");
  _stop = stop;
  _pass_untimed = pass_untimed;
  _bin_msec = bin_msec;
  return 0;
}

// Turns relative window bounds into absolute ones at the first packet.
void TimeFilter::first_packet(const Timestamp &ts) {
  if (_first_relative)
    _first += ts;
  if (_last_relative)
    _last += ts;
  else if (_last_interval)
    _last += _first;
  _newest = ts;
  _ready = true;
}

int TimeFilter::classify(const Timestamp &ts) const {
  if (ts < _first)
    return EARLY;
  if (ts < _last)
    return INSIDE;
  return LATE;
}

void TimeFilter::note_order(const Timestamp &ts) {
  if (ts < _newest)
    _reordered++;
  else
    _newest = ts;
}

// Histogram of passed packets: bin = milliseconds since the window start
// divided by the bin width; the last bin collects the tail.
void TimeFilter::count_in_bin(const Timestamp &ts) {
  Timestamp offset = ts - _first;
  uint64_t bin = (uint64_t)offset.msecval() / _bin_msec;
  if (bin >= NBINS)
    bin = NBINS - 1;
  if (_bins[bin] != 0xFFFFFFFFu)
    _bins[bin]++;
}

// Span of the passed packets and the peak per-second rate inside the window.
void TimeFilter::note_passed(const Timestamp &ts) {
  if (_count[INSIDE] == 1 || ts < _first_passed)
    _first_passed = ts;
  if (_last_passed < ts)
    _last_passed = ts;
  if (ts.sec() != _rate_sec) {
    _rate_sec = ts.sec();
    _rate_count = 0;
  }
  _rate_count++;
  if (_rate_count > _peak_rate) {
    _peak_rate = _rate_count;
    _peak_sec = _rate_sec;
  }
}

void TimeFilter::reject(Packet *p) {
  if (noutputs() == 2)
    output(1).push(p);
  else
    p->kill();
}

void TimeFilter::push(int, Packet *p) {
  const Timestamp &ts = p->timestamp_anno();
  // A zero timestamp means "never stamped"; a subsecond part out of range
  // means a corrupt capture record. Neither can be placed in the window.
  if (ts.sec() == 0 && ts.subsec() == 0) {
    _untimed++;
    if (_pass_untimed)
      output(0).push(p);
    else
      reject(p);
    return;
  }
  if (ts.subsec() >= (uint32_t)Timestamp::subsec_per_sec) {
    _bad_stamps++;
    reject(p);
    return;
  }

  if (!_ready)
    first_packet(ts);
  note_order(ts);

  int verdict = classify(ts);
  if (verdict == INSIDE && _finished && _stop)
    verdict = LATE; // a reordered straggler after the window closed
  _count[verdict]++;
  _bytes[verdict] += p->length();

  if (verdict == INSIDE) {
    count_in_bin(ts);
    note_passed(ts);
    output(0).push(p);
    return;
  }
  if (verdict == LATE && !_finished) {
    _finished = true;
    _end_seen = ts;
  }
  reject(p);
}

extern "C" Element *clara_nf_create(const char *config) {
  TimeFilter *e = new TimeFilter;
  String conf =
      config && *config ? String(config) : String("START_DELAY 1, INTERVAL 30");
  if (clara_element_setup(e, conf, 1, 2) < 0) {
    delete e;
    return nullptr;
  }
  return e;
}

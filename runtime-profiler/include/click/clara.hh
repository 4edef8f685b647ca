// click/clara.hh - Clara's host driver API for Click-compatible elements
//
// Part of Clara; NOT a Click header. Element code never needs it: it is for
// programs that run elements on the host (clara-replay, tests). It sets up
// ports and configuration the way a Click router would, connects elements,
// provides simple sinks, a virtual clock and a reproducible random seed, and
// (with -DCLARA_ELEMENT_REGISTRY) a registry filled by EXPORT_ELEMENT().
// Implementation: runtime-profiler/lib/clara_host.cc.
#ifndef CLICK_CLARA_HH
#define CLICK_CLARA_HH
#include <click/element.hh>
#include <click/timestamp.hh>

CLICK_DECLS

/// Connect from's output out_port to to's input in_port. 0 or -1.
int clara_connect(Element *from, int out_port, Element *to, int in_port);

/// Prepare an element as a router would: set its port counts (ninputs,
/// noutputs; -1 derives them from port_count(): the lower bound, or 1 when
/// the range allows it), split config at top-level commas into arguments,
/// then call configure(), add_handlers() and initialize(). Returns 0 or the
/// first negative result. errh null means the default handler.
int clara_element_setup(Element *e, const String &config, int ninputs = -1,
                        int noutputs = -1, ErrorHandler *errh = 0);

/// Give an element the name Element::name() returns.
void clara_set_element_name(Element *e, const String &name);

/// Call a read handler added by e's add_handlers(); String() if absent.
String clara_call_read_handler(Element *e, const String &name);
/// Call a write handler added by e's add_handlers(); -ENOENT if absent.
int clara_call_write_handler(Element *e, const String &name,
                             const String &value, ErrorHandler *errh = 0);

/// Make Timestamp::now() and click_jiffies() return *t (copied); null
/// returns to the wall clock.
void clara_set_virtual_now(const Timestamp *t);
/// Reseed click_random() deterministically.
void clara_random_seed(uint32_t seed);

/// Fire, in expiry order, every scheduled Timer whose expiry is at or
/// before now (timers scheduled while firing are included when due).
/// Returns the number fired.
int clara_run_timers(const Timestamp &now);
/// The earliest expiry of a scheduled Timer; false when none is scheduled.
bool clara_next_timer_expiry(Timestamp *expiry);
/// Run every scheduled Task once (running unschedules it; the element
/// reschedules it to run again), up to rounds times while any is scheduled.
/// Returns the number of runs that reported work (true).
int clara_run_tasks(int rounds = 1);

/// Packets and bytes seen by a ClaraCounterSink.
struct ClaraSinkCounts {
  uint64_t packets;
  uint64_t bytes;
};

/// An element with any number of inputs that counts and kills every packet
/// pushed to it (and returns no packet when pulled).
class ClaraCounterSink : public Element {
public:
  ClaraCounterSink();
  const char *class_name() const override { return "ClaraCounterSink"; }
  const char *port_count() const override { return "-/0"; }
  const char *processing() const override { return PUSH; }
  void push(int port, Packet *p) override;
  Packet *pull(int port) override;
  inline const ClaraSinkCounts &counts() const { return _counts; }
  /// Keep up to capacity pushed packets instead of killing them (the caller
  /// takes them with take_kept()); 0 restores killing.
  void set_keep(int capacity);
  /// The kept packets in arrival order; the caller owns them.
  Packet *take_kept();

private:
  ClaraSinkCounts _counts;
  Packet *_kept_head;
  Packet *_kept_tail;
  int _keep_capacity;
  int _nkept;
};

/// A registered element factory (filled by EXPORT_ELEMENT with
/// -DCLARA_ELEMENT_REGISTRY).
typedef Element *(*ClaraElementFactory)();
struct ClaraElementRegistrar {
  ClaraElementRegistrar(const char *cxx_class_name, ClaraElementFactory f);
};
/// A new element of the registered C++ class (or Click class_name()), or
/// null when unknown.
Element *clara_make_element(const char *name);
/// Number of registered classes, and the i-th class's C++ name.
int clara_element_registry_size();
const char *clara_element_registry_name(int i);

CLICK_ENDDECLS

#endif // CLICK_CLARA_HH

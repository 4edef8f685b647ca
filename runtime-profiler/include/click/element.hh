// click/element.hh - Element, the base class of every packet processor
//
// Part of Clara. Mirrors the API of the Click modular router's
// <click/element.hh>: the per-packet virtuals (push, pull, simple_action),
// the characteristics (class_name, port_count, processing), configure and
// initialize, and ports (Element::Port with push/pull, input(), output(),
// ninputs(), noutputs(), checked_output_push()), but is Clara's own code: no
// Click source was copied.
//
// As in Click, the default push() runs simple_action() and pushes the result
// to an output, and the default pull() pulls from an input and runs
// simple_action(). Ports are connected with connect_port() (or
// clara_connect() in <click/clara.hh>); a port left unconnected leads to a
// sink that kills pushed packets and returns no packet when pulled.
// Non-inline members live in runtime-profiler/lib/element.cc.
#ifndef CLICK_ELEMENT_HH
#define CLICK_ELEMENT_HH
#include <click/glue.hh>
#include <click/handler.hh>
#include <click/packet.hh>
#include <click/string.hh>
#include <click/vector.hh>

#include <assert.h>

CLICK_DECLS

class Router;
class Master;
class Task;
class Timer;
class ErrorHandler;
class Bitvector;
class EtherAddress;
class atomic_uint32_t;

class Element {
public:
  Element();
  virtual ~Element();
  static int nelements_allocated;

  // RUNTIME
  virtual void push(int port, Packet *p);
  virtual Packet *pull(int port) CLICK_WARN_UNUSED_RESULT;
  virtual Packet *simple_action(Packet *p);

  virtual bool run_task(Task *task);
  virtual void run_timer(Timer *timer);
  virtual void selected(int fd, int mask);
  virtual void selected(int fd);

  inline void checked_output_push(int port, Packet *p) const;
  inline Packet *checked_input_pull(int port) const;

  // ELEMENT CHARACTERISTICS
  virtual const char *class_name() const = 0;

  virtual const char *port_count() const;
  static const char PORTS_0_0[];
  static const char PORTS_0_1[];
  static const char PORTS_1_0[];
  static const char PORTS_1_1[];
  static const char PORTS_1_1X2[];

  virtual const char *processing() const;
  static const char AGNOSTIC[];
  static const char PUSH[];
  static const char PULL[];
  static const char PUSH_TO_PULL[];
  static const char PULL_TO_PUSH[];
  static const char PROCESSING_A_AH[];

  virtual const char *flow_code() const;
  static const char COMPLETE_FLOW[];

  virtual const char *flags() const;
  int flag_value(int flag) const;

  virtual void *cast(const char *name);
  virtual void *port_cast(bool isoutput, int port, const char *name);

  // CONFIGURATION, INITIALIZATION, AND CLEANUP
  enum ConfigurePhase {
    CONFIGURE_PHASE_FIRST = 0,
    CONFIGURE_PHASE_INFO = 20,
    CONFIGURE_PHASE_PRIVILEGED = 90,
    CONFIGURE_PHASE_DEFAULT = 100,
    CONFIGURE_PHASE_LAST = 2000
  };
  virtual int configure_phase() const;
  virtual int configure(Vector<String> &conf, ErrorHandler *errh);
  virtual void add_handlers();
  virtual int initialize(ErrorHandler *errh);
  virtual void take_state(Element *old_element, ErrorHandler *errh);
  virtual Element *hotswap_element() const;

  enum CleanupStage {
    CLEANUP_NO_ROUTER = 0,
    CLEANUP_BEFORE_CONFIGURE = 0,
    CLEANUP_CONFIGURE_FAILED = 1,
    CLEANUP_CONFIGURED = 2,
    CLEANUP_INITIALIZE_FAILED = 3,
    CLEANUP_INITIALIZED = 4,
    CLEANUP_ROUTER_INITIALIZED = 5,
    CLEANUP_MANUAL = 6
  };
  virtual void cleanup(CleanupStage stage);

  virtual bool can_live_reconfigure() const;
  virtual int live_reconfigure(Vector<String> &conf, ErrorHandler *errh);

  // ELEMENT ROUTER CONNECTIONS
  /// The element's name (set by the host driver; class_name() otherwise).
  String name() const;
  virtual String declaration() const;
  inline Router *router() const { return _router; }
  inline int eindex() const { return _eindex; }
  inline int eindex(Router *r) const { return r == _router ? _eindex : -1; }
  inline Master *master() const { return 0; }
  inline void attach_router(Router *r, int eindex) {
    _router = r;
    _eindex = eindex;
  }

  // INPUTS AND OUTPUTS
  class Port;
  inline int nports(bool isoutput) const { return _nports[isoutput]; }
  inline int ninputs() const { return _nports[0]; }
  inline int noutputs() const { return _nports[1]; }
  inline const Port &port(bool isoutput, int port) const;
  inline const Port &input(int port) const;
  inline const Port &output(int port) const;
  inline bool port_active(bool isoutput, int port) const;
  inline bool input_is_push(int port) const;
  inline bool input_is_pull(int port) const;
  inline bool output_is_push(int port) const;
  inline bool output_is_pull(int port) const;

  /// Set the number of ports; new ports lead to the sink. 0 or -1.
  int set_nports(int ninputs, int noutputs);
  /// Connect this element's port (an output if isoutput) to element e's
  /// port e_port, growing the port count when needed. 0 or -1.
  int connect_port(bool isoutput, int port, Element *e, int e_port);

  // HANDLERS
  void add_read_handler(const String &name, ReadHandlerCallback read_callback,
                        const void *user_data = 0, uint32_t flags = 0);
  void add_read_handler(const String &name, ReadHandlerCallback read_callback,
                        int user_data, uint32_t flags = 0);
  void add_write_handler(const String &name,
                         WriteHandlerCallback write_callback,
                         const void *user_data = 0, uint32_t flags = 0);
  void add_write_handler(const String &name,
                         WriteHandlerCallback write_callback, int user_data,
                         uint32_t flags = 0);
  void set_handler(const String &name, int flags, HandlerCallback callback,
                   const void *read_user_data = 0,
                   const void *write_user_data = 0);
  void set_handler(const String &name, int flags, HandlerCallback callback,
                   int read_user_data, int write_user_data = 0);
  void add_task_handlers(Task *task, const String &prefix = String());

  void add_data_handlers(const char *name, int flags, uint8_t *data);
  void add_data_handlers(const char *name, int flags, bool *data);
  void add_data_handlers(const char *name, int flags, uint16_t *data);
  void add_data_handlers(const char *name, int flags, int *data);
  void add_data_handlers(const char *name, int flags, unsigned *data);
  void add_data_handlers(const char *name, int flags, atomic_uint32_t *data);
  void add_data_handlers(const char *name, int flags, long *data);
  void add_data_handlers(const char *name, int flags, unsigned long *data);
  void add_data_handlers(const char *name, int flags, long long *data);
  void add_data_handlers(const char *name, int flags, unsigned long long *data);
  void add_data_handlers(const char *name, int flags, double *data);
  void add_data_handlers(const char *name, int flags, IPAddress *data);
  void add_data_handlers(const char *name, int flags, EtherAddress *data);
  void add_data_handlers(const char *name, int flags, Timestamp *data,
                         bool is_interval = false);
  void add_data_handlers(const char *name, int flags, String *data);

  /// A port: the element and port number at the other end of a connection.
  class Port {
  public:
    inline bool active() const { return _port >= 0; }
    inline Element *element() const { return _e; }
    inline int port() const { return _port; }
    /// Push p to the connected element's input.
    inline void push(Packet *p) const { _e->push(_port, p); }
    /// Pull a packet from the connected element's output (may be null).
    inline Packet *pull() const { return _e->pull(_port); }

  private:
    Element *_e;
    int _port;

    inline Port() : _e(0), _port(-2) {}
    inline void assign(Element *e, int port) {
      _e = e;
      _port = port;
    }
    friend class Element;
  };

private:
  enum { INLINE_PORTS = 4 };

  Port *_ports[2];
  Port _inline_ports[INLINE_PORTS];
  int _nports[2];
  Router *_router;
  int _eindex;

  Element(const Element &) = delete;
  Element &operator=(const Element &) = delete;
};

inline const Element::Port &Element::port(bool isoutput, int p) const {
  assert((unsigned)p < (unsigned)_nports[isoutput]);
  return _ports[isoutput][p];
}

inline const Element::Port &Element::input(int p) const {
  return port(false, p);
}

inline const Element::Port &Element::output(int p) const {
  return port(true, p);
}

inline bool Element::port_active(bool isoutput, int p) const {
  return (unsigned)p < (unsigned)nports(isoutput) &&
         _ports[isoutput][p].active();
}

inline bool Element::input_is_push(int p) const {
  return (unsigned)p < (unsigned)ninputs();
}
inline bool Element::input_is_pull(int p) const {
  return (unsigned)p < (unsigned)ninputs() && _ports[0][p].active();
}
inline bool Element::output_is_push(int p) const {
  return (unsigned)p < (unsigned)noutputs() && _ports[1][p].active();
}
inline bool Element::output_is_pull(int p) const {
  return (unsigned)p < (unsigned)noutputs() && !_ports[1][p].active();
}

inline void Element::checked_output_push(int port, Packet *p) const {
  if ((unsigned)port < (unsigned)noutputs())
    _ports[1][port].push(p);
  else
    p->kill();
}

inline Packet *Element::checked_input_pull(int port) const {
  if ((unsigned)port < (unsigned)ninputs())
    return _ports[0][port].pull();
  return 0;
}

CLICK_ENDDECLS

#ifdef CLARA_ELEMENT_REGISTRY
#include <click/clara.hh>
#endif

#endif // CLICK_ELEMENT_HH

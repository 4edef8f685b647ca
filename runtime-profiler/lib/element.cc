// element.cc - Element's constructor, default virtuals, ports and handlers
//
// Part of Clara's Click-compatible framework (library click_compat).
// Mirrors the behaviour of the Click modular router's Element, but is
// Clara's own code: no Click source was copied.
#include <click/args.hh>
#include <click/atomic.hh>
#include <click/config.h>
#include <click/confparse.hh>
#include <click/element.hh>
#include <click/error.hh>
#include <click/etheraddress.hh>

#include "clara_internal.hh"

CLICK_DECLS

const char Element::PORTS_0_0[] = "0/0";
const char Element::PORTS_0_1[] = "0/1";
const char Element::PORTS_1_0[] = "1/0";
const char Element::PORTS_1_1[] = "1/1";
const char Element::PORTS_1_1X2[] = "1/1-2";
const char Element::AGNOSTIC[] = "a";
const char Element::PUSH[] = "h";
const char Element::PULL[] = "l";
const char Element::PUSH_TO_PULL[] = "h/l";
const char Element::PULL_TO_PUSH[] = "l/h";
const char Element::PROCESSING_A_AH[] = "a/ah";
const char Element::COMPLETE_FLOW[] = "x/x";

int Element::nelements_allocated = 0;

namespace {
/// Where unconnected ports lead: pushed packets are killed, pulls are empty.
class ClaraPortSink : public Element {
public:
  const char *class_name() const override { return "ClaraPortSink"; }
  const char *port_count() const override { return "-/-"; }
  void push(int, Packet *p) override { p->kill(); }
  Packet *pull(int) override { return 0; }
};
} // namespace

Element *clara_port_sink() {
  static ClaraPortSink sink;
  return &sink;
}

Element::Element() : _router(0), _eindex(-1) {
  _ports[0] = _ports[1] = _inline_ports;
  _nports[0] = _nports[1] = 0;
  ++nelements_allocated;
}

Element::~Element() {
  if (_ports[0] != _inline_ports)
    delete[] _ports[0];
  clara_forget_element(this);
  --nelements_allocated;
}

// RUNTIME

void Element::push(int port, Packet *p) {
  p = simple_action(p);
  if (!p)
    return;
  if (port < noutputs())
    output(port).push(p);
  else if (noutputs() > 0)
    output(0).push(p);
  else
    p->kill();
}

Packet *Element::pull(int port) {
  if (ninputs() == 0)
    return 0;
  Packet *p = input(port < ninputs() ? port : 0).pull();
  if (p)
    p = simple_action(p);
  return p;
}

Packet *Element::simple_action(Packet *p) { return p; }

bool Element::run_task(Task *) { return false; }
void Element::run_timer(Timer *) {}
void Element::selected(int, int) {}
void Element::selected(int fd) { selected(fd, 1); }

// CHARACTERISTICS

const char *Element::port_count() const { return PORTS_0_0; }
const char *Element::processing() const { return AGNOSTIC; }
const char *Element::flow_code() const { return COMPLETE_FLOW; }
const char *Element::flags() const { return ""; }

int Element::flag_value(int flag) const {
  const char *f = flags();
  if (!f)
    return -1;
  for (const char *s = f; *s; ++s) {
    bool at_word_start = s == f || isspace((unsigned char)s[-1]);
    if (*s == flag && at_word_start) {
      if (!isdigit((unsigned char)s[1]))
        return 1;
      return atoi(s + 1);
    }
  }
  return -1;
}

void *Element::cast(const char *name) {
  const char *cn = class_name();
  if (name && cn && strcmp(name, cn) == 0)
    return this;
  return 0;
}

void *Element::port_cast(bool, int, const char *name) { return cast(name); }

// CONFIGURATION

int Element::configure_phase() const { return CONFIGURE_PHASE_DEFAULT; }

int Element::configure(Vector<String> &conf, ErrorHandler *errh) {
  if (conf.size() > 0) {
    if (!errh)
      errh = ErrorHandler::default_handler();
    return errh->error("%s: too many arguments", class_name());
  }
  return 0;
}

void Element::add_handlers() {}
int Element::initialize(ErrorHandler *) { return 0; }
void Element::take_state(Element *, ErrorHandler *) {}
Element *Element::hotswap_element() const { return 0; }
void Element::cleanup(CleanupStage) {}
bool Element::can_live_reconfigure() const { return false; }

int Element::live_reconfigure(Vector<String> &conf, ErrorHandler *errh) {
  if (can_live_reconfigure())
    return configure(conf, errh);
  if (!errh)
    errh = ErrorHandler::default_handler();
  return errh->error("%s: cannot reconfigure live", class_name());
}

String Element::name() const {
  std::map<const Element *, std::string> &names = clara_element_names();
  std::map<const Element *, std::string>::const_iterator it = names.find(this);
  if (it != names.end())
    return String(it->second.data(), (int)it->second.size());
  return String(class_name());
}

String Element::declaration() const { return name() + " :: " + class_name(); }

// PORTS

int Element::set_nports(int ninputs, int noutputs) {
  if (ninputs < 0 || noutputs < 0)
    return -1;
  int total = ninputs + noutputs;
  // Build the new port array (new ports lead to the sink, kept ones keep
  // their connection), then install it inline or on the heap.
  Port scratch[INLINE_PORTS];
  Port *fresh = scratch;
  if (total > INLINE_PORTS) {
    fresh = new (std::nothrow) Port[total];
    if (!fresh)
      return -1;
  }
  for (int i = 0; i < total; ++i)
    fresh[i].assign(clara_port_sink(), -1);
  for (int i = 0; i < ninputs && i < _nports[0]; ++i)
    fresh[i] = _ports[0][i];
  for (int i = 0; i < noutputs && i < _nports[1]; ++i)
    fresh[ninputs + i] = _ports[1][i];
  if (_ports[0] != _inline_ports)
    delete[] _ports[0];
  if (fresh == scratch) {
    for (int i = 0; i < total; ++i)
      _inline_ports[i] = scratch[i];
    fresh = _inline_ports;
  }
  _ports[0] = fresh;
  _ports[1] = fresh + ninputs;
  _nports[0] = ninputs;
  _nports[1] = noutputs;
  return 0;
}

int Element::connect_port(bool isoutput, int port, Element *e, int e_port) {
  if (port < 0 || !e)
    return -1;
  if (port >= _nports[isoutput]) {
    int r = isoutput ? set_nports(_nports[0], port + 1)
                     : set_nports(port + 1, _nports[1]);
    if (r < 0)
      return r;
  }
  _ports[isoutput][port].assign(e, e_port);
  return 0;
}

// HANDLERS

static ClaraHandlerRecord &handler_record(Element *e, const String &name) {
  std::vector<ClaraHandlerRecord> &recs = clara_handler_records();
  std::string n(name.data(), name.length());
  for (size_t i = 0; i < recs.size(); ++i)
    if (recs[i].element == e && recs[i].name == n)
      return recs[i];
  ClaraHandlerRecord r = {e, n, 0, 0, 0, 0, 0, 0, 0, 0};
  recs.push_back(r);
  return recs.back();
}

void Element::add_read_handler(const String &name,
                               ReadHandlerCallback read_callback,
                               const void *user_data, uint32_t flags) {
  ClaraHandlerRecord &r = handler_record(this, name);
  r.read = read_callback;
  r.read_user_data = const_cast<void *>(user_data);
  r.flags |= (int)flags | Handler::f_read;
}

void Element::add_read_handler(const String &name,
                               ReadHandlerCallback read_callback, int user_data,
                               uint32_t flags) {
  add_read_handler(name, read_callback, (const void *)(intptr_t)user_data,
                   flags);
}

void Element::add_write_handler(const String &name,
                                WriteHandlerCallback write_callback,
                                const void *user_data, uint32_t flags) {
  ClaraHandlerRecord &r = handler_record(this, name);
  r.write = write_callback;
  r.write_user_data = const_cast<void *>(user_data);
  r.flags |= (int)flags | Handler::f_write;
}

void Element::add_write_handler(const String &name,
                                WriteHandlerCallback write_callback,
                                int user_data, uint32_t flags) {
  add_write_handler(name, write_callback, (const void *)(intptr_t)user_data,
                    flags);
}

void Element::set_handler(const String &name, int flags,
                          HandlerCallback callback, const void *read_user_data,
                          const void *write_user_data) {
  ClaraHandlerRecord &r = handler_record(this, name);
  r.callback = callback;
  r.callback_read_user_data = read_user_data;
  r.callback_write_user_data = write_user_data;
  r.flags |= flags;
}

void Element::set_handler(const String &name, int flags,
                          HandlerCallback callback, int read_user_data,
                          int write_user_data) {
  set_handler(name, flags, callback, (const void *)(intptr_t)read_user_data,
              (const void *)(intptr_t)write_user_data);
}

void Element::add_task_handlers(Task *, const String &) {}

// Data handlers read and write a member through its address.
static String unparse_value(bool x) { return String(x); }
static String unparse_value(uint8_t x) { return String((unsigned)x); }
static String unparse_value(uint16_t x) { return String((unsigned)x); }
static String unparse_value(int x) { return String(x); }
static String unparse_value(unsigned x) { return String(x); }
static String unparse_value(long x) { return String(x); }
static String unparse_value(unsigned long x) { return String(x); }
static String unparse_value(long long x) { return String(x); }
static String unparse_value(unsigned long long x) { return String(x); }
static String unparse_value(double x) { return String(x); }
static String unparse_value(const atomic_uint32_t &x) {
  return String(x.value());
}
static String unparse_value(const IPAddress &x) { return x.unparse(); }
static String unparse_value(const EtherAddress &x) { return x.unparse(); }
static String unparse_value(const Timestamp &x) { return x.unparse(); }
static String unparse_value(const String &x) { return x; }

template <typename T> static bool parse_value(const String &s, T &x) {
  return DefaultArg<T>().parse(s, x);
}
static bool parse_value(const String &s, atomic_uint32_t &x) {
  uint32_t v;
  if (!IntArg().parse(s, v))
    return false;
  x = v;
  return true;
}

template <typename T> static String read_data(Element *, void *user_data) {
  return unparse_value(*static_cast<T *>(user_data));
}

template <typename T>
static int write_data(const String &str, Element *e, void *user_data,
                      ErrorHandler *errh) {
  T tmp = T();
  if (parse_value(cp_uncomment(str), tmp)) {
    *static_cast<T *>(user_data) = tmp;
    return 0;
  }
  if (!errh)
    errh = ErrorHandler::default_handler();
  return errh->error("%s: bad value", e->class_name());
}

template <typename T>
static void add_data(Element *e, const char *name, int flags, T *data) {
  if (flags & Handler::f_read)
    e->add_read_handler(name, read_data<T>, data, flags);
  if (flags & Handler::f_write)
    e->add_write_handler(name, write_data<T>, data, flags);
}

void Element::add_data_handlers(const char *name, int flags, uint8_t *data) {
  add_data(this, name, flags, data);
}
void Element::add_data_handlers(const char *name, int flags, bool *data) {
  add_data(this, name, flags, data);
}
void Element::add_data_handlers(const char *name, int flags, uint16_t *data) {
  add_data(this, name, flags, data);
}
void Element::add_data_handlers(const char *name, int flags, int *data) {
  add_data(this, name, flags, data);
}
void Element::add_data_handlers(const char *name, int flags, unsigned *data) {
  add_data(this, name, flags, data);
}
void Element::add_data_handlers(const char *name, int flags,
                                atomic_uint32_t *data) {
  add_data(this, name, flags, data);
}
void Element::add_data_handlers(const char *name, int flags, long *data) {
  add_data(this, name, flags, data);
}
void Element::add_data_handlers(const char *name, int flags,
                                unsigned long *data) {
  add_data(this, name, flags, data);
}
void Element::add_data_handlers(const char *name, int flags, long long *data) {
  add_data(this, name, flags, data);
}
void Element::add_data_handlers(const char *name, int flags,
                                unsigned long long *data) {
  add_data(this, name, flags, data);
}
void Element::add_data_handlers(const char *name, int flags, double *data) {
  add_data(this, name, flags, data);
}
void Element::add_data_handlers(const char *name, int flags, IPAddress *data) {
  add_data(this, name, flags, data);
}
void Element::add_data_handlers(const char *name, int flags,
                                EtherAddress *data) {
  add_data(this, name, flags, data);
}
void Element::add_data_handlers(const char *name, int flags, Timestamp *data,
                                bool is_interval) {
  (void)is_interval;
  add_data(this, name, flags, data);
}
void Element::add_data_handlers(const char *name, int flags, String *data) {
  add_data(this, name, flags, data);
}

CLICK_ENDDECLS

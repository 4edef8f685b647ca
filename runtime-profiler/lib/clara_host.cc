// clara_host.cc - Clara's host driver for Click-compatible elements
//
// Part of Clara's Click-compatible framework (library click_compat); the
// API is Clara's own (<click/clara.hh>), not Click's. It does for one
// process what a Click router does for a configuration: port counts from
// port_count(), configuration strings split into arguments, configure /
// add_handlers / initialize, connections, handler calls, and an element
// registry filled by EXPORT_ELEMENT.
#include <click/clara.hh>
#include <click/config.h>
#include <click/confparse.hh>
#include <click/error.hh>

#include "clara_internal.hh"

CLICK_DECLS

// Never destroyed: elements with static storage duration (and the port
// sink) may be destroyed after any other static object.
std::vector<ClaraHandlerRecord> &clara_handler_records() {
  static std::vector<ClaraHandlerRecord> *records =
      new std::vector<ClaraHandlerRecord>;
  return *records;
}

std::map<const Element *, std::string> &clara_element_names() {
  static std::map<const Element *, std::string> *names =
      new std::map<const Element *, std::string>;
  return *names;
}

void clara_forget_element(const Element *e) {
  clara_element_names().erase(e);
  std::vector<ClaraHandlerRecord> &recs = clara_handler_records();
  size_t out = 0;
  for (size_t i = 0; i < recs.size(); ++i)
    if (recs[i].element != e)
      recs[out++] = recs[i];
  recs.resize(out);
}

int clara_connect(Element *from, int out_port, Element *to, int in_port) {
  if (!from || !to)
    return -1;
  if (from->connect_port(true, out_port, to, in_port) < 0)
    return -1;
  return to->connect_port(false, in_port, from, out_port);
}

// One side of a port_count() string: "N", "N-M", "N-", "-M", "-", or "="
// (outputs: as many as inputs). Returns the count a router would use when
// nothing else decides: the lower bound, or 1 when the range allows it.
static int default_port_count(const char *begin, const char *end, int ninputs) {
  if (begin == end)
    return 0;
  if (*begin == '=')
    return ninputs;
  int lo = 0, hi = -1; // hi -1: unbounded
  const char *s = begin;
  if (isdigit((unsigned char)*s)) {
    lo = 0;
    while (s < end && isdigit((unsigned char)*s))
      lo = lo * 10 + (*s++ - '0');
    hi = lo;
  }
  if (s < end && *s == '-') {
    ++s;
    hi = -1;
    if (s < end && isdigit((unsigned char)*s)) {
      hi = 0;
      while (s < end && isdigit((unsigned char)*s))
        hi = hi * 10 + (*s++ - '0');
    }
  }
  if (lo > 0)
    return lo;
  return hi != 0 ? 1 : 0;
}

int clara_element_setup(Element *e, const String &config, int ninputs,
                        int noutputs, ErrorHandler *errh) {
  if (!errh)
    errh = ErrorHandler::default_handler();
  if (!e)
    return errh->error("clara_element_setup: null element");
  const char *pc = e->port_count();
  if (!pc)
    pc = Element::PORTS_0_0;
  const char *slash = strchr(pc, '/');
  const char *in_end = slash ? slash : pc + strlen(pc);
  const char *out_begin = slash ? slash + 1 : pc;
  const char *out_end = out_begin + strlen(out_begin);
  if (ninputs < 0)
    ninputs = default_port_count(pc, in_end, 0);
  if (noutputs < 0)
    noutputs = default_port_count(out_begin, out_end, ninputs);
  // keep ports that are already connected
  if (ninputs < e->ninputs())
    ninputs = e->ninputs();
  if (noutputs < e->noutputs())
    noutputs = e->noutputs();
  if (e->set_nports(ninputs, noutputs) < 0)
    return errh->error("%s: bad port counts", e->class_name());

  Vector<String> conf;
  cp_argvec(config, conf);
  int r = e->configure(conf, errh);
  if (r < 0)
    return r;
  e->add_handlers();
  r = e->initialize(errh);
  return r < 0 ? r : 0;
}

void clara_set_element_name(Element *e, const String &name) {
  clara_element_names()[e] = std::string(name.data(), name.length());
}

static ClaraHandlerRecord *find_handler(Element *e, const String &name) {
  std::vector<ClaraHandlerRecord> &recs = clara_handler_records();
  std::string n(name.data(), name.length());
  for (size_t i = 0; i < recs.size(); ++i)
    if (recs[i].element == e && recs[i].name == n)
      return &recs[i];
  return 0;
}

String clara_call_read_handler(Element *e, const String &name) {
  ClaraHandlerRecord *r = find_handler(e, name);
  if (!r)
    return String();
  if (r->read)
    return r->read(e, r->read_user_data);
  if (r->callback && (r->flags & Handler::f_read)) {
    String data;
    Handler *h = 0;
    if (r->callback(Handler::f_read, data, e, h,
                    ErrorHandler::silent_handler()) >= 0)
      return data;
  }
  return String();
}

int clara_call_write_handler(Element *e, const String &name,
                             const String &value, ErrorHandler *errh) {
  if (!errh)
    errh = ErrorHandler::default_handler();
  ClaraHandlerRecord *r = find_handler(e, name);
  if (!r)
    return -ENOENT;
  if (r->write)
    return r->write(value, e, r->write_user_data, errh);
  if (r->callback && (r->flags & Handler::f_write)) {
    String data = value;
    Handler *h = 0;
    return r->callback(Handler::f_write, data, e, h, errh);
  }
  return -ENOENT;
}

// SINK

ClaraCounterSink::ClaraCounterSink()
    : _kept_head(0), _kept_tail(0), _keep_capacity(0), _nkept(0) {
  _counts.packets = 0;
  _counts.bytes = 0;
}

void ClaraCounterSink::push(int, Packet *p) {
  ++_counts.packets;
  _counts.bytes += p->length();
  if (_nkept < _keep_capacity) {
    p->set_next(0);
    if (_kept_tail)
      _kept_tail->set_next(p);
    else
      _kept_head = p;
    _kept_tail = p;
    ++_nkept;
  } else
    p->kill();
}

Packet *ClaraCounterSink::pull(int) { return 0; }

void ClaraCounterSink::set_keep(int capacity) {
  _keep_capacity = capacity < 0 ? 0 : capacity;
}

Packet *ClaraCounterSink::take_kept() {
  Packet *p = _kept_head;
  _kept_head = _kept_tail = 0;
  _nkept = 0;
  return p;
}

// REGISTRY

namespace {
struct RegistryEntry {
  const char *name;
  ClaraElementFactory factory;
};
} // namespace

static std::vector<RegistryEntry> &registry() {
  static std::vector<RegistryEntry> *entries = new std::vector<RegistryEntry>;
  return *entries;
}

ClaraElementRegistrar::ClaraElementRegistrar(const char *cxx_class_name,
                                             ClaraElementFactory f) {
  RegistryEntry e = {cxx_class_name, f};
  registry().push_back(e);
}

Element *clara_make_element(const char *name) {
  if (!name)
    return 0;
  std::vector<RegistryEntry> &reg = registry();
  for (size_t i = 0; i < reg.size(); ++i)
    if (strcmp(reg[i].name, name) == 0)
      return reg[i].factory();
  // not a C++ class name: try the Click class names
  for (size_t i = 0; i < reg.size(); ++i) {
    Element *e = reg[i].factory();
    if (e && e->class_name() && strcmp(e->class_name(), name) == 0)
      return e;
    delete e;
  }
  return 0;
}

int clara_element_registry_size() { return (int)registry().size(); }

const char *clara_element_registry_name(int i) {
  if (i < 0 || i >= (int)registry().size())
    return 0;
  return registry()[i].name;
}

CLICK_ENDDECLS

// args.cc - Args and the argument parsers
//
// Part of Clara's Click-compatible framework (library click_compat).
// Mirrors the behaviour of the Click modular router's Args (a minimal
// subset; see <click/args.hh> for the rules), but is Clara's own code: no
// Click source was copied.
#include <click/args.hh>
#include <click/config.h>
#include <click/confparse.hh>
#include <click/element.hh>

#include <stdarg.h>

CLICK_DECLS

void ArgContext::error(const char *fmt, ...) const {
  if (!_errh)
    return;
  va_list val;
  va_start(val, fmt);
  String msg = _errh->vformat(fmt, val);
  va_end(val);
  if (_context)
    _errh->error("%s: %s", _context->class_name(), msg.c_str());
  else
    _errh->error("%s", msg.c_str());
}

// PARSERS

static bool parse_ll(const String &str, int base, long long &v) {
  String t = str.trim_space();
  if (t.empty())
    return false;
  const char *b = t.c_str();
  char *e;
  errno = 0;
  v = strtoll(b, &e, base);
  return errno == 0 && e != b && *e == '\0';
}

static bool parse_ull(const String &str, int base, unsigned long long &v) {
  String t = str.trim_space();
  if (t.empty() || t[0] == '-')
    return false;
  const char *b = t.c_str();
  char *e;
  errno = 0;
  v = strtoull(b, &e, base);
  return errno == 0 && e != b && *e == '\0';
}

#define CLARA_INTARG_SIGNED(type, lo, hi)                                      \
  bool IntArg::parse(const String &str, type &result, const ArgContext &)      \
      const {                                                                  \
    long long v;                                                               \
    if (!parse_ll(str, base, v) || v < (long long)(lo) || v > (long long)(hi)) \
      return false;                                                            \
    result = (type)v;                                                          \
    return true;                                                               \
  }
#define CLARA_INTARG_UNSIGNED(type, hi)                                        \
  bool IntArg::parse(const String &str, type &result, const ArgContext &)      \
      const {                                                                  \
    unsigned long long v;                                                      \
    if (!parse_ull(str, base, v) || v > (unsigned long long)(hi))              \
      return false;                                                            \
    result = (type)v;                                                          \
    return true;                                                               \
  }
CLARA_INTARG_SIGNED(int, INT_MIN, INT_MAX)
CLARA_INTARG_UNSIGNED(unsigned, UINT_MAX)
CLARA_INTARG_SIGNED(long, LONG_MIN, LONG_MAX)
CLARA_INTARG_UNSIGNED(unsigned long, ULONG_MAX)
CLARA_INTARG_SIGNED(long long, LLONG_MIN, LLONG_MAX)
CLARA_INTARG_UNSIGNED(unsigned long long, ULLONG_MAX)
CLARA_INTARG_SIGNED(short, SHRT_MIN, SHRT_MAX)
CLARA_INTARG_UNSIGNED(unsigned short, USHRT_MAX)
CLARA_INTARG_SIGNED(signed char, SCHAR_MIN, SCHAR_MAX)
CLARA_INTARG_UNSIGNED(unsigned char, UCHAR_MAX)
CLARA_INTARG_SIGNED(char, CHAR_MIN, CHAR_MAX)
#undef CLARA_INTARG_SIGNED
#undef CLARA_INTARG_UNSIGNED

bool BoolArg::parse(const String &str, bool &result, const ArgContext &) {
  return cp_bool(str, &result);
}

bool DoubleArg::parse(const String &str, double &result, const ArgContext &) {
  return cp_double(str, &result);
}

bool DoubleArg::parse(const String &str, float &result, const ArgContext &) {
  double d;
  if (!cp_double(str, &d))
    return false;
  result = (float)d;
  return true;
}

bool StringArg::parse(const String &str, String &result, const ArgContext &) {
  result = cp_unquote(str);
  return true;
}

bool IPAddressArg::parse(const String &str, IPAddress &result,
                         const ArgContext &ctx) {
  return cp_ip_address(str, &result, ctx.context());
}

bool IPPrefixArg::parse(const String &str, IPAddress &addr, IPAddress &mask,
                        const ArgContext &ctx) const {
  return cp_ip_prefix(str, &addr, &mask, allow_bare_address, ctx.context());
}

bool EtherAddressArg::parse(const String &str, EtherAddress &result,
                            const ArgContext &ctx) const {
  return cp_ethernet_address(str, &result, ctx.context());
}

bool SecondsArg::parse(const String &str, Timestamp &result,
                       const ArgContext &) const {
  return cp_time(str, &result);
}

bool SecondsArg::parse(const String &str, double &result,
                       const ArgContext &) const {
  Timestamp t;
  if (!cp_time(str, &t))
    return false;
  result = t.doubleval();
  return true;
}

bool SecondsArg::parse(const String &str, uint32_t &result,
                       const ArgContext &) const {
  Timestamp t;
  if (!cp_time(str, &t) || t.sec() < 0)
    return false;
  double v = t.doubleval();
  for (int i = 0; i < precision; ++i)
    v *= 10;
  if (v > 4294967295.0)
    return false;
  result = (uint32_t)(v + 0.5);
  return true;
}

// ARGS

struct Args::Slot {
  String keyword; ///< first word when keyword-shaped, else empty
  String value;   ///< text after the keyword, or the whole argument
  String whole;
  bool used;
};

// A keyword is an upper-case word: letters, digits, '_', ':' and '.',
// starting with a letter.
static bool split_keyword(const String &arg, String &kw, String &value) {
  int i = 0, n = arg.length();
  if (n == 0 || !(arg[0] >= 'A' && arg[0] <= 'Z'))
    return false;
  while (i < n && ((arg[i] >= 'A' && arg[i] <= 'Z') ||
                   (arg[i] >= '0' && arg[i] <= '9') || arg[i] == '_' ||
                   arg[i] == ':' || arg[i] == '.'))
    ++i;
  if (i < n && !isspace((unsigned char)arg[i]))
    return false;
  kw = arg.substring(0, i);
  value = arg.substring(i).trim_space();
  return true;
}

Args::Args(ErrorHandler *errh)
    : ArgContext(errh), _slots(0), _nslots(0), _capacity(0),
      _next_positional(0), _status(true), _bound(0) {}

Args::Args(const Vector<String> &conf, ErrorHandler *errh)
    : ArgContext(errh), _slots(0), _nslots(0), _capacity(0),
      _next_positional(0), _status(true), _bound(0) {
  push_back_args(conf);
}

Args::Args(const Vector<String> &conf, const Element *context,
           ErrorHandler *errh)
    : ArgContext(context, errh), _slots(0), _nslots(0), _capacity(0),
      _next_positional(0), _status(true), _bound(0) {
  push_back_args(conf);
}

Args::Args(const Args &x)
    : ArgContext(x._context, x._errh), _slots(0), _nslots(0), _capacity(0),
      _next_positional(0), _status(true), _bound(0) {
  copy_from(x);
}

Args::~Args() { delete[] _slots; }

Args &Args::operator=(const Args &x) {
  if (&x != this) {
    _context = x._context;
    _errh = x._errh;
    copy_from(x);
  }
  return *this;
}

void Args::copy_from(const Args &x) {
  delete[] _slots;
  _slots = x._capacity ? new Slot[x._capacity] : 0;
  _capacity = x._capacity;
  _nslots = x._nslots;
  for (int i = 0; i < _nslots; ++i)
    _slots[i] = x._slots[i];
  _next_positional = x._next_positional;
  _status = x._status;
  _bound = x._bound;
}

Args &Args::bind(Vector<String> &conf) {
  reset();
  push_back_args(conf);
  _bound = &conf;
  return *this;
}

Args &Args::push_back(const String &arg) {
  if (_nslots == _capacity) {
    int cap = _capacity ? 2 * _capacity : 8;
    Slot *s = new Slot[cap];
    for (int i = 0; i < _nslots; ++i)
      s[i] = _slots[i];
    delete[] _slots;
    _slots = s;
    _capacity = cap;
  }
  Slot &s = _slots[_nslots++];
  s.whole = arg.trim_space();
  s.used = false;
  if (!split_keyword(s.whole, s.keyword, s.value)) {
    s.keyword = String();
    s.value = s.whole;
  }
  return *this;
}

Args &Args::push_back_args(const Vector<String> &conf) {
  for (int i = 0; i < conf.size(); ++i)
    push_back(conf[i]);
  return *this;
}

Args &Args::push_back_words(const String &str) {
  Vector<String> words;
  cp_spacevec(str, words);
  return push_back_args(words);
}

Args &Args::reset() {
  _nslots = 0;
  _next_positional = 0;
  _status = true;
  _bound = 0;
  return *this;
}

bool Args::find(const char *keyword, int flags, String &value) {
  // keyword form: the last occurrence wins
  int found = -1;
  for (int i = 0; i < _nslots; ++i)
    if (!_slots[i].used && _slots[i].keyword.length() &&
        _slots[i].keyword == keyword) {
      _slots[i].used = true;
      found = i;
    }
  if (found >= 0) {
    value = _slots[found].value;
    return true;
  }
  // positional: the next argument, unless it has a keyword and a value
  if (flags & positional) {
    while (_next_positional < _nslots && _slots[_next_positional].used)
      ++_next_positional;
    if (_next_positional < _nslots) {
      Slot &s = _slots[_next_positional];
      if (s.keyword.empty() || s.value.empty()) {
        s.used = true;
        ++_next_positional;
        value = s.whole;
        return true;
      }
    }
  }
  if (flags & mandatory) {
    error("missing mandatory %s argument", keyword);
    _status = false;
  }
  return false;
}

void Args::parse_error(const char *keyword, const String &value) {
  String v = value;
  error("%s: bad value '%s'", keyword, v.c_str());
  _status = false;
}

int Args::execute() {
  for (int i = 0; i < _nslots; ++i)
    if (!_slots[i].used) {
      if (_slots[i].keyword.length())
        error("unknown keyword %s", _slots[i].keyword.c_str());
      else
        error("too many arguments");
      _status = false;
      break;
    }
  return _status ? 0 : -EINVAL;
}

int Args::complete() { return execute(); }

int Args::consume() {
  if (_bound && _status) {
    Vector<String> rest;
    for (int i = 0; i < _nslots; ++i)
      if (!_slots[i].used)
        rest.push_back(_slots[i].whole);
    *_bound = rest;
  }
  return _status ? 0 : -EINVAL;
}

CLICK_ENDDECLS

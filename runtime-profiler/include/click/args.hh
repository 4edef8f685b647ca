// click/args.hh - Args, configuration argument parsing
//
// Part of Clara. Mirrors the API of the Click modular router's
// <click/args.hh> (a minimal subset: Args(conf, this, errh).read(...)
// .read_mp(...).complete(), read_or_set, consume, and the parsers IntArg,
// BoundedIntArg, BoolArg, DoubleArg, StringArg, AnyArg, IPAddressArg,
// IPPrefixArg, EtherAddressArg, SecondsArg), but is Clara's own code: no
// Click source was copied.
//
// Arguments are "KEYWORD value" or positional "value" strings. read(KW, x)
// takes the last argument whose first word is KW; read_p (positional) also
// accepts the next positional argument when no keyword form is present;
// read_m / read_mp report a missing argument as an error. complete() fails
// on unused arguments. Values are parsed immediately and stored on success.
// Implementation: runtime-profiler/lib/args.cc.
#ifndef CLICK_ARGS_HH
#define CLICK_ARGS_HH
#include <click/error.hh>
#include <click/etheraddress.hh>
#include <click/ipaddress.hh>
#include <click/string.hh>
#include <click/timestamp.hh>
#include <click/vector.hh>

CLICK_DECLS

class Element;

class ArgContext {
public:
  inline ArgContext(ErrorHandler *errh = 0) : _context(0), _errh(errh) {}
  inline ArgContext(const Element *context, ErrorHandler *errh = 0)
      : _context(context), _errh(errh) {}
  inline const Element *context() const { return _context; }
  inline ErrorHandler *errh() const { return _errh; }
  /// Report an error through errh (if any).
  void error(const char *fmt, ...) const __attribute__((format(printf, 2, 3)));

protected:
  const Element *_context;
  ErrorHandler *_errh;
};

/// Integers in decimal, 0x hex or 0 octal (base 0), or a fixed base.
class IntArg {
public:
  inline IntArg(int base = 0) : base(base) {}
  bool parse(const String &str, int &result,
             const ArgContext &ctx = ArgContext()) const;
  bool parse(const String &str, unsigned &result,
             const ArgContext &ctx = ArgContext()) const;
  bool parse(const String &str, long &result,
             const ArgContext &ctx = ArgContext()) const;
  bool parse(const String &str, unsigned long &result,
             const ArgContext &ctx = ArgContext()) const;
  bool parse(const String &str, long long &result,
             const ArgContext &ctx = ArgContext()) const;
  bool parse(const String &str, unsigned long long &result,
             const ArgContext &ctx = ArgContext()) const;
  bool parse(const String &str, short &result,
             const ArgContext &ctx = ArgContext()) const;
  bool parse(const String &str, unsigned short &result,
             const ArgContext &ctx = ArgContext()) const;
  bool parse(const String &str, signed char &result,
             const ArgContext &ctx = ArgContext()) const;
  bool parse(const String &str, unsigned char &result,
             const ArgContext &ctx = ArgContext()) const;
  bool parse(const String &str, char &result,
             const ArgContext &ctx = ArgContext()) const;
  int base;
};

/// An integer within [lo, hi].
class BoundedIntArg {
public:
  inline BoundedIntArg(long long lo, long long hi, int base = 0)
      : lo(lo), hi(hi), base(base) {}
  template <typename V>
  inline bool parse(const String &str, V &result,
                    const ArgContext &ctx = ArgContext()) const {
    long long x;
    if (!IntArg(base).parse(str, x, ctx) || x < lo || x > hi)
      return false;
    result = (V)x;
    return true;
  }
  long long lo, hi;
  int base;
};

/// true/false, yes/no, 1/0, on/off.
class BoolArg {
public:
  static bool parse(const String &str, bool &result,
                    const ArgContext &ctx = ArgContext());
  static String unparse(bool x) { return String(x); }
};

class DoubleArg {
public:
  static bool parse(const String &str, double &result,
                    const ArgContext &ctx = ArgContext());
  static bool parse(const String &str, float &result,
                    const ArgContext &ctx = ArgContext());
};

/// A possibly double-quoted string (quotes removed).
class StringArg {
public:
  static bool parse(const String &str, String &result,
                    const ArgContext &ctx = ArgContext());
};

/// The argument text as is.
class AnyArg {
public:
  static bool parse(const String &str, String &result,
                    const ArgContext &ctx = ArgContext()) {
    (void)ctx;
    result = str;
    return true;
  }
};

class IPAddressArg {
public:
  static bool parse(const String &str, IPAddress &result,
                    const ArgContext &ctx = ArgContext());
};

/// "A.B.C.D/LEN" or "A.B.C.D/MASK" (or a bare address, /32).
class IPPrefixArg {
public:
  inline IPPrefixArg(bool allow_bare_address = true)
      : allow_bare_address(allow_bare_address) {}
  bool parse(const String &str, IPAddress &addr, IPAddress &mask,
             const ArgContext &ctx = ArgContext()) const;
  bool allow_bare_address;
};

/// "00:1a:2b:3c:4d:5e" or "00-1A-2B-3C-4D-5E".
class EtherAddressArg {
public:
  inline EtherAddressArg(int flags = 0) : flags(flags) {}
  bool parse(const String &str, EtherAddress &result,
             const ArgContext &ctx = ArgContext()) const;
  int flags;
};

/// A time in seconds with optional unit suffix (s, ms, us, ns, min, h);
/// parses into Timestamp, or into an integer count of 10^-precision s.
class SecondsArg {
public:
  inline SecondsArg(int precision = 0) : precision(precision) {}
  bool parse(const String &str, Timestamp &result,
             const ArgContext &ctx = ArgContext()) const;
  bool parse(const String &str, double &result,
             const ArgContext &ctx = ArgContext()) const;
  bool parse(const String &str, uint32_t &result,
             const ArgContext &ctx = ArgContext()) const;
  int precision;
};

/// The default parser of each type, used by Args::read(keyword, x).
template <typename T> struct DefaultArg {};
template <> struct DefaultArg<bool> : public BoolArg {};
template <> struct DefaultArg<char> : public IntArg {};
template <> struct DefaultArg<signed char> : public IntArg {};
template <> struct DefaultArg<unsigned char> : public IntArg {};
template <> struct DefaultArg<short> : public IntArg {};
template <> struct DefaultArg<unsigned short> : public IntArg {};
template <> struct DefaultArg<int> : public IntArg {};
template <> struct DefaultArg<unsigned> : public IntArg {};
template <> struct DefaultArg<long> : public IntArg {};
template <> struct DefaultArg<unsigned long> : public IntArg {};
template <> struct DefaultArg<long long> : public IntArg {};
template <> struct DefaultArg<unsigned long long> : public IntArg {};
template <> struct DefaultArg<float> : public DoubleArg {};
template <> struct DefaultArg<double> : public DoubleArg {};
template <> struct DefaultArg<String> : public StringArg {};
template <> struct DefaultArg<IPAddress> : public IPAddressArg {};
template <> struct DefaultArg<EtherAddress> : public EtherAddressArg {};
template <> struct DefaultArg<Timestamp> : public SecondsArg {};

class Args : public ArgContext {
public:
  enum {
    mandatory = 1,  ///< missing argument is an error
    positional = 2, ///< may be given without its keyword
    deprecated = 4
  };

  Args(ErrorHandler *errh = 0);
  Args(const Vector<String> &conf, ErrorHandler *errh = 0);
  Args(const Vector<String> &conf, const Element *context,
       ErrorHandler *errh = 0);
  Args(const Args &x);
  ~Args();
  Args &operator=(const Args &x);

  /// Remember conf so that consume() removes the used arguments from it.
  Args &bind(Vector<String> &conf);
  Args &push_back(const String &arg);
  Args &push_back_args(const Vector<String> &conf);
  /// Add each space-separated word of str as an argument.
  Args &push_back_words(const String &str);
  Args &reset();

  template <typename T> inline Args &read(const char *keyword, T &x) {
    return read_with(keyword, 0, DefaultArg<T>(), x);
  }
  template <typename P, typename T>
  inline Args &read(const char *keyword, P parser, T &x) {
    return read_with(keyword, 0, parser, x);
  }
  template <typename T> inline Args &read_m(const char *keyword, T &x) {
    return read_with(keyword, mandatory, DefaultArg<T>(), x);
  }
  template <typename P, typename T>
  inline Args &read_m(const char *keyword, P parser, T &x) {
    return read_with(keyword, mandatory, parser, x);
  }
  template <typename T> inline Args &read_p(const char *keyword, T &x) {
    return read_with(keyword, positional, DefaultArg<T>(), x);
  }
  template <typename P, typename T>
  inline Args &read_p(const char *keyword, P parser, T &x) {
    return read_with(keyword, positional, parser, x);
  }
  template <typename T> inline Args &read_mp(const char *keyword, T &x) {
    return read_with(keyword, mandatory | positional, DefaultArg<T>(), x);
  }
  template <typename P, typename T>
  inline Args &read_mp(const char *keyword, P parser, T &x) {
    return read_with(keyword, mandatory | positional, parser, x);
  }
  template <typename T, typename V>
  inline Args &read_or_set(const char *keyword, T &x, const V &default_value) {
    if (!read_with_found(keyword, 0, DefaultArg<T>(), x))
      x = default_value;
    return *this;
  }
  template <typename T, typename V>
  inline Args &read_or_set_p(const char *keyword, T &x,
                             const V &default_value) {
    if (!read_with_found(keyword, positional, DefaultArg<T>(), x))
      x = default_value;
    return *this;
  }
  /// IPPrefixArg reads two values.
  inline Args &read(const char *keyword, IPPrefixArg parser, IPAddress &addr,
                    IPAddress &mask) {
    String str;
    if (find(keyword, 0, str) && !parser.parse(str, addr, mask, *this))
      parse_error(keyword, str);
    return *this;
  }
  inline Args &read_mp(const char *keyword, IPPrefixArg parser, IPAddress &addr,
                       IPAddress &mask) {
    String str;
    if (find(keyword, mandatory | positional, str) &&
        !parser.parse(str, addr, mask, *this))
      parse_error(keyword, str);
    return *this;
  }

  /// Read with explicit flags; true if the argument was present.
  template <typename P, typename T>
  inline bool read_with_found(const char *keyword, int flags, P parser, T &x) {
    String str;
    if (!find(keyword, flags, str))
      return false;
    T tmp(x);
    if (parser.parse(str, tmp, *this))
      x = tmp;
    else
      parse_error(keyword, str);
    return true;
  }
  template <typename P, typename T>
  inline Args &read_with(const char *keyword, int flags, P parser, T &x) {
    read_with_found(keyword, flags, parser, x);
    return *this;
  }

  /// True if no error occurred so far.
  inline bool status() const { return _status; }
  inline bool read_status() const { return _status; }
  inline Args &read_status(bool &x) {
    x = _status;
    return *this;
  }

  /// 0 if no error occurred and every argument was used, else -EINVAL.
  int complete();
  /// 0 if no error occurred (unused arguments allowed; with bind(), they
  /// are left in the bound Vector), else -EINVAL.
  int consume();
  /// Like complete(), leaving the bound Vector unchanged.
  int execute();

  /// Find the argument for keyword (see the file comment); marks it used.
  bool find(const char *keyword, int flags, String &value);
  void parse_error(const char *keyword, const String &value);

private:
  struct Slot;
  Slot *_slots; ///< heap array, _capacity entries
  int _nslots;
  int _capacity;
  int _next_positional;
  bool _status;
  Vector<String> *_bound;

  void copy_from(const Args &x);
};

CLICK_ENDDECLS

#endif // CLICK_ARGS_HH

// click/error.hh - ErrorHandler and friends
//
// Part of Clara. Mirrors the API of the Click modular router's
// <click/error.hh> (ErrorHandler with debug/message/warning/error/fatal,
// FileErrorHandler, SilentErrorHandler, PrefixErrorHandler,
// ContextErrorHandler), but is Clara's own code: no Click source was copied.
// Format strings are plain printf formats. Implementation:
// runtime-profiler/lib/error.cc.
#ifndef CLICK_ERROR_HH
#define CLICK_ERROR_HH
#include <click/string.hh>

#include <stdarg.h>

CLICK_DECLS

class ErrorHandler {
public:
  enum Level {
    el_abort = -999,
    el_fatal = -1,
    el_emergency = 0,
    el_alert = 1,
    el_critical = 2,
    el_error = 3,
    el_warning = 4,
    el_notice = 5,
    el_info = 6,
    el_debug = 7
  };
  enum ConventionalResult { ok_result = 0, error_result = -EINVAL };

  inline ErrorHandler() : _nerrors(0), _nwarnings(0) {}
  virtual ~ErrorHandler();

  /// The handler printing to standard error.
  static ErrorHandler *default_handler();
  /// A handler that only counts.
  static ErrorHandler *silent_handler();
  static void set_default_handler(ErrorHandler *errh);
  static ErrorHandler *static_initialize(ErrorHandler *errh);
  static void static_cleanup();

  inline int nerrors() const { return _nerrors; }
  inline int nwarnings() const { return _nwarnings; }
  inline void reset_counts() { _nerrors = _nwarnings = 0; }

  void debug(const char *fmt, ...) __attribute__((format(printf, 2, 3)));
  void message(const char *fmt, ...) __attribute__((format(printf, 2, 3)));
  /// Report a warning; returns error_result.
  int warning(const char *fmt, ...) __attribute__((format(printf, 2, 3)));
  /// Report an error; returns error_result (-EINVAL).
  int error(const char *fmt, ...) __attribute__((format(printf, 2, 3)));
  void fatal(const char *fmt, ...) __attribute__((format(printf, 2, 3)));

  void lmessage(const String &landmark, const char *fmt, ...)
      __attribute__((format(printf, 3, 4)));
  int lwarning(const String &landmark, const char *fmt, ...)
      __attribute__((format(printf, 3, 4)));
  int lerror(const String &landmark, const char *fmt, ...)
      __attribute__((format(printf, 3, 4)));

  int xmessage(int level, const String &str);
  int xmessage(const String &str) { return xmessage(el_info, str); }
  int vxmessage(int level, const char *fmt, va_list val);

  /// Format a message (printf semantics).
  virtual String vformat(const char *fmt, va_list val);
  /// Decorate a formatted message (e.g. add a prefix).
  virtual String decorate(const String &str);
  /// Emit one line; subclasses print, collect or drop it.
  virtual void *emit(const String &str, void *user_data, bool more);
  /// Count a message of the given level.
  virtual void account(int level);

protected:
  int _nerrors;
  int _nwarnings;
};

/// Prints messages to a FILE, each prefixed by prefix.
class FileErrorHandler : public ErrorHandler {
public:
  FileErrorHandler(FILE *f, const String &prefix = String());
  void *emit(const String &str, void *user_data, bool more) override;

private:
  FILE *_f;
  String _prefix;
};

/// Counts messages, prints nothing.
class SilentErrorHandler : public ErrorHandler {
public:
  inline SilentErrorHandler() {}
  void *emit(const String &str, void *user_data, bool more) override;
};

/// Passes messages on to another handler (counting them here too).
class ErrorVeneer : public ErrorHandler {
public:
  inline ErrorVeneer(ErrorHandler *errh) : _errh(errh) {}
  String vformat(const char *fmt, va_list val) override;
  String decorate(const String &str) override;
  void *emit(const String &str, void *user_data, bool more) override;
  void account(int level) override;

protected:
  ErrorHandler *_errh;
};

/// Adds a prefix to every message.
class PrefixErrorHandler : public ErrorVeneer {
public:
  PrefixErrorHandler(ErrorHandler *errh, const String &prefix);
  String decorate(const String &str) override;

private:
  String _prefix;
};

/// Prints a context line (once) before the first message.
class ContextErrorHandler : public ErrorVeneer {
public:
  ContextErrorHandler(ErrorHandler *errh, const char *fmt, ...)
      __attribute__((format(printf, 3, 4)));
  String decorate(const String &str) override;

private:
  String _context;
  bool _context_printed;
};

CLICK_ENDDECLS

#endif // CLICK_ERROR_HH

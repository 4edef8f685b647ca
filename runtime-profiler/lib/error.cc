// error.cc - ErrorHandler and its subclasses
//
// Part of Clara's Click-compatible framework (library click_compat).
// Mirrors the behaviour of the Click modular router's ErrorHandler, but is
// Clara's own code: no Click source was copied. Messages are printf-
// formatted, decorated (prefix, context, "warning: "), then emitted.
#include <click/config.h>
#include <click/error.hh>

CLICK_DECLS

static ErrorHandler *the_default_handler = 0;
static ErrorHandler *the_silent_handler = 0;

ErrorHandler::~ErrorHandler() {}

ErrorHandler *ErrorHandler::default_handler() {
  if (!the_default_handler)
    the_default_handler = new FileErrorHandler(stderr);
  return the_default_handler;
}

ErrorHandler *ErrorHandler::silent_handler() {
  if (!the_silent_handler)
    the_silent_handler = new SilentErrorHandler;
  return the_silent_handler;
}

void ErrorHandler::set_default_handler(ErrorHandler *errh) {
  the_default_handler = errh;
}

ErrorHandler *ErrorHandler::static_initialize(ErrorHandler *errh) {
  if (errh)
    the_default_handler = errh;
  return default_handler();
}

void ErrorHandler::static_cleanup() {}

String ErrorHandler::vformat(const char *fmt, va_list val) {
  va_list copy;
  va_copy(copy, val);
  int n = vsnprintf(0, 0, fmt, copy);
  va_end(copy);
  if (n <= 0)
    return String();
  String s = String::make_uninitialized(n);
  vsnprintf(s.mutable_data(), (size_t)n + 1, fmt, val);
  return s;
}

String ErrorHandler::decorate(const String &str) { return str; }

void *ErrorHandler::emit(const String &str, void *user_data, bool more) {
  (void)str;
  (void)more;
  return user_data;
}

void ErrorHandler::account(int level) {
  if (level <= el_error)
    ++_nerrors;
  else if (level == el_warning)
    ++_nwarnings;
}

int ErrorHandler::xmessage(int level, const String &str) {
  String text = str;
  if (level == el_warning)
    text = "warning: " + text;
  text = decorate(text);
  // emit line by line
  void *user_data = 0;
  int start = 0, len = text.length();
  do {
    int nl = text.find_left('\n', start);
    int end = nl < 0 ? len : nl;
    user_data = emit(text.substring(start, end - start), user_data, nl >= 0);
    start = end + 1;
  } while (start < len);
  account(level);
  return level <= el_warning ? error_result : ok_result;
}

int ErrorHandler::vxmessage(int level, const char *fmt, va_list val) {
  return xmessage(level, vformat(fmt, val));
}

#define CLARA_ERRH_FORWARD(level)                                              \
  va_list val;                                                                 \
  va_start(val, fmt);                                                          \
  int r = vxmessage(level, fmt, val);                                          \
  va_end(val);

void ErrorHandler::debug(const char *fmt, ...) {
  CLARA_ERRH_FORWARD(el_debug)
  (void)r;
}
void ErrorHandler::message(const char *fmt, ...) {
  CLARA_ERRH_FORWARD(el_info)
  (void)r;
}
int ErrorHandler::warning(const char *fmt, ...) {
  CLARA_ERRH_FORWARD(el_warning)
  return r;
}
int ErrorHandler::error(const char *fmt, ...) {
  CLARA_ERRH_FORWARD(el_error)
  return r;
}
void ErrorHandler::fatal(const char *fmt, ...) {
  CLARA_ERRH_FORWARD(el_fatal)
  (void)r;
  exit(1);
}
#undef CLARA_ERRH_FORWARD

#define CLARA_ERRH_LFORWARD(level)                                             \
  va_list val;                                                                 \
  va_start(val, fmt);                                                          \
  String text = vformat(fmt, val);                                             \
  va_end(val);                                                                 \
  int r = xmessage(level, landmark ? landmark + ": " + text : text);

void ErrorHandler::lmessage(const String &landmark, const char *fmt, ...) {
  CLARA_ERRH_LFORWARD(el_info)
  (void)r;
}
int ErrorHandler::lwarning(const String &landmark, const char *fmt, ...) {
  CLARA_ERRH_LFORWARD(el_warning)
  return r;
}
int ErrorHandler::lerror(const String &landmark, const char *fmt, ...) {
  CLARA_ERRH_LFORWARD(el_error)
  return r;
}
#undef CLARA_ERRH_LFORWARD

FileErrorHandler::FileErrorHandler(FILE *f, const String &prefix)
    : _f(f), _prefix(prefix) {}

void *FileErrorHandler::emit(const String &str, void *user_data, bool more) {
  (void)more;
  fprintf(_f, "%.*s%.*s\n", _prefix.length(), _prefix.data(), str.length(),
          str.data());
  return user_data;
}

void *SilentErrorHandler::emit(const String &str, void *user_data, bool more) {
  (void)str;
  (void)more;
  return user_data;
}

String ErrorVeneer::vformat(const char *fmt, va_list val) {
  return _errh ? _errh->vformat(fmt, val) : ErrorHandler::vformat(fmt, val);
}

String ErrorVeneer::decorate(const String &str) {
  return _errh ? _errh->decorate(str) : str;
}

void *ErrorVeneer::emit(const String &str, void *user_data, bool more) {
  return _errh ? _errh->emit(str, user_data, more) : user_data;
}

void ErrorVeneer::account(int level) {
  ErrorHandler::account(level);
  if (_errh)
    _errh->account(level);
}

PrefixErrorHandler::PrefixErrorHandler(ErrorHandler *errh, const String &prefix)
    : ErrorVeneer(errh), _prefix(prefix) {}

String PrefixErrorHandler::decorate(const String &str) {
  return ErrorVeneer::decorate(_prefix + str);
}

ContextErrorHandler::ContextErrorHandler(ErrorHandler *errh, const char *fmt,
                                         ...)
    : ErrorVeneer(errh), _context_printed(false) {
  va_list val;
  va_start(val, fmt);
  _context = ErrorHandler::vformat(fmt, val);
  va_end(val);
}

String ContextErrorHandler::decorate(const String &str) {
  String s = ErrorVeneer::decorate("  " + str);
  if (!_context_printed && _context) {
    _context_printed = true;
    return ErrorVeneer::decorate(_context + ":") + "\n" + s;
  }
  return s;
}

CLICK_ENDDECLS

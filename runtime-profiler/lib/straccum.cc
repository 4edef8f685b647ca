// straccum.cc - StringAccum's buffer management and formatting
//
// Part of Clara's Click-compatible framework (library click_compat).
// Mirrors the behaviour of the Click modular router's StringAccum, but is
// Clara's own code: no Click source was copied.
#include <click/config.h>
#include <click/straccum.hh>

#include <stdarg.h>

CLICK_DECLS

StringAccum::StringAccum(int capacity) : _s(0), _len(0), _cap(0) {
  if (capacity > 0)
    grow(capacity);
}

StringAccum::StringAccum(const String &str) : _s(0), _len(0), _cap(0) {
  append(str.data(), str.length());
}

StringAccum::StringAccum(const StringAccum &x) : _s(0), _len(0), _cap(0) {
  append(x._s, x._len);
}

StringAccum &StringAccum::operator=(const StringAccum &x) {
  if (&x != this) {
    _len = 0;
    append(x._s, x._len);
  }
  return *this;
}

bool StringAccum::grow(int want) {
  if (want <= _cap)
    return true;
  int cap = _cap ? _cap : 64;
  while (cap < want)
    cap *= 2;
  char *s = static_cast<char *>(realloc(_s, (size_t)cap + 1)); // +1: c_str
  if (!s) {
    fputs("StringAccum: out of memory\n", stderr);
    abort();
  }
  _s = s;
  _cap = cap;
  return true;
}

const char *StringAccum::c_str() {
  if (!_s)
    grow(1);
  _s[_len] = '\0'; // grow() keeps one byte beyond _cap for this
  return _s;
}

int StringAccum::resize(int len) {
  if (len < 0)
    len = 0;
  if (len > _cap)
    grow(len);
  _len = len;
  return 0;
}

char *StringAccum::extend(int nadjust, int nreserve) {
  char *p = reserve(nadjust + nreserve);
  if (p)
    _len += nadjust;
  return p;
}

void StringAccum::append(const char *s, int len) {
  if (len <= 0)
    return;
  if (_len + len > _cap) {
    // s may point into our own buffer
    ptrdiff_t off = (_s && s >= _s && s < _s + _cap) ? s - _s : -1;
    grow(_len + len);
    if (off >= 0)
      s = _s + off;
  }
  memmove(_s + _len, s, len);
  _len += len;
}

void StringAccum::append_fill(int c, int len) {
  if (len > 0 && reserve(len)) {
    memset(_s + _len, c, len);
    _len += len;
  }
}

StringAccum &StringAccum::snprintf(int n, const char *format, ...) {
  if (n <= 0)
    return *this;
  char *p = reserve(n + 1);
  va_list val;
  va_start(val, format);
  int m = vsnprintf(p, (size_t)n + 1, format, val);
  va_end(val);
  if (m > n)
    m = n;
  if (m > 0)
    _len += m;
  return *this;
}

String StringAccum::take_string() {
  String s(_s ? _s : "", _len);
  _len = 0;
  return s;
}

void StringAccum::swap(StringAccum &x) {
  char *s = _s;
  int len = _len, cap = _cap;
  _s = x._s;
  _len = x._len;
  _cap = x._cap;
  x._s = s;
  x._len = len;
  x._cap = cap;
}

#define CLARA_SA_NUMBER(type, fmt)                                             \
  StringAccum &operator<<(StringAccum &sa, type x) {                           \
    char buf[64];                                                              \
    int n = ::snprintf(buf, sizeof(buf), fmt, x);                              \
    sa.append(buf, n);                                                         \
    return sa;                                                                 \
  }
CLARA_SA_NUMBER(int, "%d")
CLARA_SA_NUMBER(unsigned, "%u")
CLARA_SA_NUMBER(long, "%ld")
CLARA_SA_NUMBER(unsigned long, "%lu")
CLARA_SA_NUMBER(long long, "%lld")
CLARA_SA_NUMBER(unsigned long long, "%llu")
CLARA_SA_NUMBER(double, "%.12g")
CLARA_SA_NUMBER(const void *, "%p")
#undef CLARA_SA_NUMBER

CLICK_ENDDECLS

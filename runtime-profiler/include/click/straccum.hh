// click/straccum.hh - StringAccum, an efficient string builder
//
// Part of Clara. Mirrors the API of the Click modular router's
// <click/straccum.hh> (a minimal subset), but is Clara's own code: no Click
// source was copied. Buffer growth lives in runtime-profiler/lib/straccum.cc.
#ifndef CLICK_STRACCUM_HH
#define CLICK_STRACCUM_HH
#include <click/glue.hh>
#include <click/string.hh>

CLICK_DECLS

class StringAccum {
public:
  typedef const char *const_iterator;
  typedef char *iterator;
  typedef int (StringAccum::*unspecified_bool_type)() const;

  inline StringAccum() : _s(0), _len(0), _cap(0) {}
  explicit StringAccum(int capacity);
  explicit StringAccum(const String &str);
  StringAccum(const StringAccum &x);
  inline ~StringAccum() {
    if (_s)
      free(_s);
  }
  StringAccum &operator=(const StringAccum &x);

  inline const char *data() const { return _s; }
  inline char *data() { return _s; }
  inline int length() const { return _len; }
  inline int capacity() const { return _cap; }
  inline bool empty() const { return _len == 0; }
  inline operator unspecified_bool_type() const {
    return _len != 0 ? &StringAccum::length : 0;
  }
  inline bool out_of_memory() const { return false; }
  /// The contents, null-terminated (the terminator is not counted).
  const char *c_str();

  inline char operator[](int i) const { return _s[i]; }
  inline char &operator[](int i) { return _s[i]; }
  inline char front() const { return _s[0]; }
  inline char back() const { return _s[_len - 1]; }
  inline const_iterator begin() const { return _s; }
  inline iterator begin() { return _s; }
  inline const_iterator end() const { return _s + _len; }
  inline iterator end() { return _s + _len; }

  inline void clear() { _len = 0; }
  /// Space for n more bytes; call adjust_length() after filling it.
  inline char *reserve(int n) {
    if (_len + n <= _cap || grow(_len + n))
      return _s + _len;
    return 0;
  }
  inline void set_length(int len) { _len = len; }
  int resize(int len);
  inline void adjust_length(int delta) { _len += delta; }
  char *extend(int nadjust, int nreserve = 0);
  inline void pop_back(int n = 1) { _len = n < _len ? _len - n : 0; }

  inline void append(char c) {
    if (_len < _cap || grow(_len + 1))
      _s[_len++] = c;
  }
  inline void append(unsigned char c) { append((char)c); }
  void append(const char *s, int len);
  inline void append(const char *cstr) { append(cstr, (int)strlen(cstr)); }
  inline void append(const char *begin, const char *end) {
    if (begin < end)
      append(begin, (int)(end - begin));
  }
  inline void append(const String &str) { append(str.data(), str.length()); }
  void append_fill(int c, int len);
  /// Append at most n bytes formatted by printf-style format.
  StringAccum &snprintf(int n, const char *format, ...)
      __attribute__((format(printf, 3, 4)));

  /// The contents as a String; the accumulator is left empty.
  String take_string();
  void swap(StringAccum &x);

private:
  char *_s;
  int _len;
  int _cap;

  bool grow(int want);
};

inline StringAccum &operator<<(StringAccum &sa, char c) {
  sa.append(c);
  return sa;
}
inline StringAccum &operator<<(StringAccum &sa, unsigned char c) {
  sa.append(c);
  return sa;
}
inline StringAccum &operator<<(StringAccum &sa, const char *cstr) {
  sa.append(cstr);
  return sa;
}
inline StringAccum &operator<<(StringAccum &sa, const String &str) {
  sa.append(str.data(), str.length());
  return sa;
}
inline StringAccum &operator<<(StringAccum &sa, const StringAccum &x) {
  sa.append(x.data(), x.length());
  return sa;
}
StringAccum &operator<<(StringAccum &sa, int x);
StringAccum &operator<<(StringAccum &sa, unsigned x);
StringAccum &operator<<(StringAccum &sa, long x);
StringAccum &operator<<(StringAccum &sa, unsigned long x);
StringAccum &operator<<(StringAccum &sa, long long x);
StringAccum &operator<<(StringAccum &sa, unsigned long long x);
StringAccum &operator<<(StringAccum &sa, double x);
StringAccum &operator<<(StringAccum &sa, const void *ptr);
inline StringAccum &operator<<(StringAccum &sa, short x) {
  return sa << (int)x;
}
inline StringAccum &operator<<(StringAccum &sa, unsigned short x) {
  return sa << (unsigned)x;
}

CLICK_ENDDECLS

#endif // CLICK_STRACCUM_HH

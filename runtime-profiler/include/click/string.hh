// click/string.hh - String, a reference-counted byte string
//
// Part of Clara. Mirrors the API of the Click modular router's
// <click/string.hh> (a minimal subset: construction, access, substrings,
// search, comparison, appending), but is Clara's own code: no Click source
// was copied. Copies share one heap "memo"; the destructor and accessors are
// inline as in Click, allocation lives in runtime-profiler/lib/string.cc.
#ifndef CLICK_STRING_HH
#define CLICK_STRING_HH
#include <click/glue.hh>
#include <click/hashcode.hh>

CLICK_DECLS

class String {
public:
  typedef const char *const_iterator;
  typedef const_iterator iterator;
  typedef int (String::*unspecified_bool_type)() const;

  /// Shared storage of a String's characters.
  struct memo_type {
    int refcount;
    int capacity; ///< bytes available in real_data
    int dirty;    ///< bytes of real_data in use
    char real_data[8];
  };

  inline String() : _data(""), _length(0), _memo(0) {}
  inline String(const String &x)
      : _data(x._data), _length(x._length), _memo(x._memo) {
    ref();
  }
  String(const char *cstr);
  String(const char *s, int len);
  String(const unsigned char *s, int len);
  String(const char *begin, const char *end);
  explicit String(bool x);
  explicit String(char c);
  explicit String(unsigned char c);
  explicit String(int x);
  explicit String(unsigned x);
  explicit String(long x);
  explicit String(unsigned long x);
  explicit String(long long x);
  explicit String(unsigned long long x);
  explicit String(double x);
  inline ~String() { deref(); }

  static String make_empty() { return String(); }
  /// A String that points at s without copying; s must outlive it.
  static String make_stable(const char *s, int len = -1);
  static String make_uninitialized(int len);
  static String make_fill(int c, int len);

  inline int length() const { return _length; }
  inline const char *data() const { return _data; }
  /// A null-terminated copy of the characters (may reallocate).
  const char *c_str() const;

  inline const_iterator begin() const { return _data; }
  inline const_iterator end() const { return _data + _length; }
  inline bool empty() const { return _length == 0; }
  inline operator unspecified_bool_type() const {
    return _length != 0 ? &String::length : 0;
  }
  inline bool operator!() const { return _length == 0; }

  inline char operator[](int i) const { return _data[i]; }
  inline char at(int i) const { return _data[i]; }
  inline char front() const { return _data[0]; }
  inline char back() const { return _data[_length - 1]; }

  static hashcode_t hashcode(const char *begin, const char *end);
  inline hashcode_t hashcode() const {
    return _length ? hashcode(_data, _data + _length) : 0;
  }

  String substring(const char *begin, const char *end) const;
  inline String substring(int pos, int len) const {
    return substring_clamped(pos, len);
  }
  inline String substring(int pos) const {
    return substring_clamped(pos, _length);
  }
  String trim_space() const;
  String lower() const;
  String upper() const;
  String printable() const;

  bool equals(const char *s, int len) const;
  inline bool equals(const String &x) const {
    return equals(x._data, x._length);
  }
  static int compare(const String &a, const String &b);
  inline int compare(const String &x) const { return compare(*this, x); }
  bool starts_with(const char *s, int len) const;
  inline bool starts_with(const String &x) const {
    return starts_with(x._data, x._length);
  }

  int find_left(char c, int start = 0) const;
  int find_left(const String &x, int start = 0) const;
  int find_right(char c, int start = 0x7FFFFFFF) const;

  inline String &operator=(const String &x) {
    if (&x != this) {
      x.ref();
      deref();
      _data = x._data;
      _length = x._length;
      _memo = x._memo;
    }
    return *this;
  }
  String &operator=(const char *cstr);

  void append(const char *s, int len);
  inline void append(const char *begin, const char *end) {
    if (begin < end)
      append(begin, (int)(end - begin));
  }
  void append(const char *cstr);
  inline void append(const String &x) { append(x._data, x._length); }
  inline void append(char c) { append(&c, 1); }
  void append_fill(int c, int len);
  /// Grow by len bytes and return a pointer to them (to be filled in).
  char *append_uninitialized(int len);

  inline String &operator+=(const String &x) {
    append(x._data, x._length);
    return *this;
  }
  inline String &operator+=(const char *cstr) {
    append(cstr);
    return *this;
  }
  inline String &operator+=(char c) {
    append(&c, 1);
    return *this;
  }

  char *mutable_data();
  char *mutable_c_str();

  inline bool is_shared() const { return _memo && _memo->refcount > 1; }
  inline bool is_stable() const { return !_memo; }
  inline bool out_of_memory() const { return false; }

private:
  mutable const char *_data;
  mutable int _length;
  mutable memo_type *_memo;

  inline void ref() const {
    if (_memo)
      ++_memo->refcount;
  }
  inline void deref() const {
    if (_memo && --_memo->refcount == 0)
      delete_memo(_memo);
  }
  static void delete_memo(memo_type *memo);
  String substring_clamped(int pos, int len) const;
  void assign(const char *s, int len);
};

inline bool operator==(const String &a, const String &b) { return a.equals(b); }
inline bool operator==(const String &a, const char *b) {
  return a.equals(b, (int)strlen(b));
}
inline bool operator==(const char *a, const String &b) {
  return b.equals(a, (int)strlen(a));
}
inline bool operator!=(const String &a, const String &b) { return !(a == b); }
inline bool operator!=(const String &a, const char *b) { return !(a == b); }
inline bool operator!=(const char *a, const String &b) { return !(a == b); }
inline bool operator<(const String &a, const String &b) {
  return String::compare(a, b) < 0;
}
inline bool operator<=(const String &a, const String &b) {
  return String::compare(a, b) <= 0;
}
inline bool operator>(const String &a, const String &b) {
  return String::compare(a, b) > 0;
}
inline bool operator>=(const String &a, const String &b) {
  return String::compare(a, b) >= 0;
}

inline String operator+(String a, const String &b) {
  a += b;
  return a;
}
inline String operator+(String a, const char *b) {
  a.append(b);
  return a;
}
inline String operator+(const char *a, const String &b) {
  String s(a);
  s += b;
  return s;
}
inline String operator+(String a, char b) {
  a.append(&b, 1);
  return a;
}

CLICK_ENDDECLS

#endif // CLICK_STRING_HH

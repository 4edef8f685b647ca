// string.cc - String's allocation and out-of-line operations
//
// Part of Clara's Click-compatible framework (library click_compat).
// Mirrors the behaviour of the Click modular router's String, but is
// Clara's own code: no Click source was copied.
#include <click/config.h>
#include <click/string.hh>

CLICK_DECLS

static String::memo_type *new_memo(int capacity) {
  if (capacity < 8)
    capacity = 8;
  size_t bytes = offsetof(String::memo_type, real_data) + (size_t)capacity;
  String::memo_type *m = static_cast<String::memo_type *>(malloc(bytes));
  if (!m) {
    fputs("String: out of memory\n", stderr);
    abort();
  }
  m->refcount = 1;
  m->capacity = capacity;
  m->dirty = 0;
  return m;
}

void String::delete_memo(memo_type *memo) { free(memo); }

void String::assign(const char *s, int len) {
  if (!s) {
    s = "";
    len = 0;
  }
  if (len < 0)
    len = (int)strlen(s);
  memo_type *m = 0;
  const char *d = "";
  if (len > 0) {
    m = new_memo(len + 1);
    memcpy(m->real_data, s, len);
    m->real_data[len] = '\0';
    m->dirty = len + 1;
    d = m->real_data;
  }
  deref();
  _data = d;
  _length = len;
  _memo = m;
}

String::String(const char *cstr) : String() { assign(cstr, -1); }
String::String(const char *s, int len) : String() { assign(s, len); }
String::String(const unsigned char *s, int len) : String() {
  assign(reinterpret_cast<const char *>(s), len);
}
String::String(const char *begin, const char *end) : String() {
  assign(begin, begin < end ? (int)(end - begin) : 0);
}
String::String(bool x) : String() { assign(x ? "true" : "false", -1); }
String::String(char c) : String() { assign(&c, 1); }
String::String(unsigned char c) : String() {
  assign(reinterpret_cast<const char *>(&c), 1);
}

#define CLARA_STRING_FROM_NUMBER(type, fmt)                                    \
  String::String(type x) : String() {                                          \
    char buf[64];                                                              \
    int n = snprintf(buf, sizeof(buf), fmt, x);                                \
    assign(buf, n);                                                            \
  }
CLARA_STRING_FROM_NUMBER(int, "%d")
CLARA_STRING_FROM_NUMBER(unsigned, "%u")
CLARA_STRING_FROM_NUMBER(long, "%ld")
CLARA_STRING_FROM_NUMBER(unsigned long, "%lu")
CLARA_STRING_FROM_NUMBER(long long, "%lld")
CLARA_STRING_FROM_NUMBER(unsigned long long, "%llu")
CLARA_STRING_FROM_NUMBER(double, "%.12g")
#undef CLARA_STRING_FROM_NUMBER

String String::make_stable(const char *s, int len) {
  String str;
  if (!s)
    return str;
  if (len < 0) {
    // null-terminated: point at it without copying
    str._data = s;
    str._length = (int)strlen(s);
  } else
    str.assign(s, len); // may not be terminated: copy
  return str;
}

String String::make_uninitialized(int len) {
  String s;
  if (len > 0) {
    memo_type *m = new_memo(len + 1);
    memset(m->real_data, 0, len + 1);
    m->dirty = len + 1;
    s._data = m->real_data;
    s._length = len;
    s._memo = m;
  }
  return s;
}

String String::make_fill(int c, int len) {
  String s = make_uninitialized(len);
  if (len > 0)
    memset(const_cast<char *>(s._data), c, len);
  return s;
}

const char *String::c_str() const {
  if (!_memo)
    return _data; // empty or stable null-terminated text
  const char *memo_end = _memo->real_data + _memo->dirty;
  if (_data + _length < memo_end && _data[_length] == '\0')
    return _data;
  // a substring: copy it into its own terminated memo
  memo_type *m = new_memo(_length + 1);
  memcpy(m->real_data, _data, _length);
  m->real_data[_length] = '\0';
  m->dirty = _length + 1;
  deref();
  _memo = m;
  _data = m->real_data;
  return _data;
}

hashcode_t String::hashcode(const char *begin, const char *end) {
  // FNV-1a
  uint32_t h = 2166136261U;
  for (; begin < end; ++begin) {
    h ^= (unsigned char)*begin;
    h *= 16777619U;
  }
  return h;
}

String String::substring(const char *begin, const char *end) const {
  if (begin < _data)
    begin = _data;
  if (end > _data + _length)
    end = _data + _length;
  String s;
  if (begin < end) {
    s._data = begin;
    s._length = (int)(end - begin);
    s._memo = _memo;
    s.ref();
  }
  return s;
}

String String::substring_clamped(int pos, int len) const {
  if (pos < 0) {
    pos += _length;
    if (pos < 0)
      pos = 0;
  }
  if (pos > _length)
    pos = _length;
  if (len < 0) {
    len = _length - pos + len;
    if (len < 0)
      len = 0;
  }
  if (len > _length - pos)
    len = _length - pos;
  return substring(_data + pos, _data + pos + len);
}

String String::trim_space() const {
  const char *b = _data, *e = _data + _length;
  while (b < e && isspace((unsigned char)*b))
    ++b;
  while (e > b && isspace((unsigned char)e[-1]))
    --e;
  return substring(b, e);
}

String String::lower() const {
  String s(_data, _length);
  for (int i = 0; i < s._length; ++i)
    const_cast<char *>(s._data)[i] = (char)tolower((unsigned char)s._data[i]);
  return s;
}

String String::upper() const {
  String s(_data, _length);
  for (int i = 0; i < s._length; ++i)
    const_cast<char *>(s._data)[i] = (char)toupper((unsigned char)s._data[i]);
  return s;
}

String String::printable() const {
  String out;
  for (int i = 0; i < _length; ++i) {
    unsigned char c = (unsigned char)_data[i];
    if (c >= 32 && c < 127)
      out.append((char)c);
    else {
      char buf[8];
      snprintf(buf, sizeof(buf), "\\%03o", c);
      out.append(buf);
    }
  }
  return out;
}

bool String::equals(const char *s, int len) const {
  if (len < 0)
    len = (int)strlen(s);
  return _length == len && (len == 0 || memcmp(_data, s, len) == 0);
}

int String::compare(const String &a, const String &b) {
  int n = a._length < b._length ? a._length : b._length;
  int c = n ? memcmp(a._data, b._data, n) : 0;
  if (c)
    return c;
  return a._length - b._length;
}

bool String::starts_with(const char *s, int len) const {
  if (len < 0)
    len = (int)strlen(s);
  return _length >= len && (len == 0 || memcmp(_data, s, len) == 0);
}

int String::find_left(char c, int start) const {
  if (start < 0)
    start = 0;
  for (int i = start; i < _length; ++i)
    if (_data[i] == c)
      return i;
  return -1;
}

int String::find_left(const String &x, int start) const {
  if (start < 0)
    start = 0;
  if (x._length == 0)
    return start <= _length ? start : -1;
  for (int i = start; i + x._length <= _length; ++i)
    if (memcmp(_data + i, x._data, x._length) == 0)
      return i;
  return -1;
}

int String::find_right(char c, int start) const {
  if (start >= _length)
    start = _length - 1;
  for (int i = start; i >= 0; --i)
    if (_data[i] == c)
      return i;
  return -1;
}

String &String::operator=(const char *cstr) {
  assign(cstr, -1);
  return *this;
}

char *String::append_uninitialized(int len) {
  if (len <= 0)
    return const_cast<char *>(_data + _length);
  // Grow in place when this String alone owns the memo's used end.
  if (_memo && _memo->refcount == 1 &&
      _data + _length + 1 == _memo->real_data + _memo->dirty &&
      _memo->dirty + len <= _memo->capacity) {
    char *p = const_cast<char *>(_data + _length);
    _length += len;
    _memo->dirty += len;
    p[len] = '\0';
    return p;
  }
  int want = _length + len + 1;
  int cap = want < 16 ? 16 : want + want / 2;
  memo_type *m = new_memo(cap);
  if (_length)
    memcpy(m->real_data, _data, _length);
  m->real_data[_length + len] = '\0';
  m->dirty = _length + len + 1;
  deref();
  _memo = m;
  _data = m->real_data;
  char *p = m->real_data + _length;
  _length += len;
  return p;
}

void String::append(const char *s, int len) {
  if (!s || len <= 0)
    return;
  // s may point into this String's own memo, which append_uninitialized may
  // release: keep a reference until the copy is done.
  memo_type *hold = 0;
  if (_memo && s >= _memo->real_data &&
      s < _memo->real_data + _memo->capacity) {
    hold = _memo;
    ++hold->refcount;
  }
  char *p = append_uninitialized(len);
  memmove(p, s, len);
  if (hold && --hold->refcount == 0)
    delete_memo(hold);
}

void String::append(const char *cstr) {
  if (cstr)
    append(cstr, (int)strlen(cstr));
}

void String::append_fill(int c, int len) {
  if (len > 0)
    memset(append_uninitialized(len), c, len);
}

char *String::mutable_data() {
  if (!_memo || _memo->refcount > 1) {
    String copy(_data, _length);
    *this = copy;
  }
  return const_cast<char *>(_data);
}

char *String::mutable_c_str() {
  mutable_data();
  c_str();
  return const_cast<char *>(_data);
}

CLICK_ENDDECLS

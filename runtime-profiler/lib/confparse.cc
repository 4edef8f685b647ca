// confparse.cc - configuration string parsing helpers
//
// Part of Clara's Click-compatible framework (library click_compat).
// Mirrors the behaviour of the Click modular router's cp_* functions (a
// minimal subset), but is Clara's own code: no Click source was copied.
#include <click/config.h>
#include <click/confparse.hh>

#include <math.h>

CLICK_DECLS

static bool is_space(char c) { return isspace((unsigned char)c) != 0; }

static String trim(const String &s) { return s.trim_space(); }

String cp_uncomment(const String &str) {
  String out;
  const char *s = str.begin(), *end = str.end();
  char quote = 0;
  while (s < end) {
    if (quote) {
      if (*s == '\\' && quote == '"' && s + 1 < end) {
        out.append(s, 2);
        s += 2;
        continue;
      }
      if (*s == quote)
        quote = 0;
      out.append(*s++);
    } else if (*s == '"' || *s == '\'') {
      quote = *s;
      out.append(*s++);
    } else if (*s == '/' && s + 1 < end && s[1] == '/') {
      while (s < end && *s != '\n' && *s != '\r')
        ++s;
    } else if (*s == '/' && s + 1 < end && s[1] == '*') {
      s += 2;
      while (s + 1 < end && !(s[0] == '*' && s[1] == '/'))
        ++s;
      s = s + 1 < end ? s + 2 : end;
      out.append(' ');
    } else
      out.append(*s++);
  }
  return trim(out);
}

String cp_unquote(const String &str) {
  String in = trim(str);
  String out;
  const char *s = in.begin(), *end = in.end();
  while (s < end) {
    if (*s == '"') {
      for (++s; s < end && *s != '"'; ++s) {
        if (*s == '\\' && s + 1 < end) {
          ++s;
          switch (*s) {
          case 'n':
            out.append('\n');
            break;
          case 't':
            out.append('\t');
            break;
          case 'r':
            out.append('\r');
            break;
          case '0':
            out.append('\0');
            break;
          default:
            out.append(*s);
          }
        } else
          out.append(*s);
      }
      if (s < end)
        ++s;
    } else if (*s == '\'') {
      for (++s; s < end && *s != '\''; ++s)
        out.append(*s);
      if (s < end)
        ++s;
    } else
      out.append(*s++);
  }
  return out;
}

void cp_argvec(const String &str, Vector<String> &conf) {
  String text = cp_uncomment(str);
  if (text.empty())
    return;
  const char *s = text.begin(), *end = text.end(), *start = s;
  int depth = 0;
  char quote = 0;
  for (; s < end; ++s) {
    if (quote) {
      if (*s == '\\' && quote == '"' && s + 1 < end)
        ++s;
      else if (*s == quote)
        quote = 0;
    } else if (*s == '"' || *s == '\'')
      quote = *s;
    else if (*s == '(' || *s == '[' || *s == '{')
      ++depth;
    else if ((*s == ')' || *s == ']' || *s == '}') && depth > 0)
      --depth;
    else if (*s == ',' && depth == 0) {
      conf.push_back(trim(text.substring(start, s)));
      start = s + 1;
    }
  }
  conf.push_back(trim(text.substring(start, end)));
}

String cp_unargvec(const Vector<String> &conf) {
  String out;
  for (int i = 0; i < conf.size(); ++i) {
    if (i)
      out.append(", ");
    out.append(conf[i]);
  }
  return out;
}

// The first space-separated word at s (quotes keep spaces); sets *next
// after it and the spaces that follow.
static String first_word(const char *s, const char *end, const char **next) {
  while (s < end && is_space(*s))
    ++s;
  const char *start = s;
  char quote = 0;
  for (; s < end; ++s) {
    if (quote) {
      if (*s == '\\' && quote == '"' && s + 1 < end)
        ++s;
      else if (*s == quote)
        quote = 0;
    } else if (*s == '"' || *s == '\'')
      quote = *s;
    else if (is_space(*s))
      break;
  }
  const char *word_end = s;
  while (s < end && is_space(*s))
    ++s;
  *next = s;
  return String(start, word_end);
}

void cp_spacevec(const String &str, Vector<String> &conf) {
  const char *s = str.begin(), *end = str.end();
  while (s < end) {
    const char *next;
    String w = first_word(s, end, &next);
    if (!w.empty())
      conf.push_back(w);
    if (next == s)
      break;
    s = next;
  }
}

String cp_shift_spacevec(String &str) {
  const char *next;
  String w = first_word(str.begin(), str.end(), &next);
  str = String(next, str.end());
  return w;
}

// INTEGERS

static bool parse_integer(const String &str, int base, bool is_signed,
                          long long &sval, unsigned long long &uval) {
  String t = trim(str);
  if (t.empty())
    return false;
  const char *b = t.c_str();
  if (!is_signed && *b == '-')
    return false;
  char *e;
  errno = 0;
  if (is_signed)
    sval = strtoll(b, &e, base);
  else
    uval = strtoull(b, &e, base);
  return errno == 0 && e != b && *e == '\0';
}

#define CLARA_CP_SIGNED(type, lo, hi)                                          \
  bool cp_integer(const String &str, int base, type *result) {                 \
    long long v;                                                               \
    unsigned long long u;                                                      \
    if (!parse_integer(str, base, true, v, u) || v < (lo) || v > (hi))         \
      return false;                                                            \
    *result = (type)v;                                                         \
    return true;                                                               \
  }
#define CLARA_CP_UNSIGNED(type, hi)                                            \
  bool cp_integer(const String &str, int base, type *result) {                 \
    long long v;                                                               \
    unsigned long long u;                                                      \
    if (!parse_integer(str, base, false, v, u) || u > (hi))                    \
      return false;                                                            \
    *result = (type)u;                                                         \
    return true;                                                               \
  }
CLARA_CP_SIGNED(int, INT_MIN, INT_MAX)
CLARA_CP_UNSIGNED(unsigned, UINT_MAX)
static CLARA_CP_SIGNED(long, LONG_MIN, LONG_MAX) static CLARA_CP_UNSIGNED(
    unsigned long,
    ULONG_MAX) static CLARA_CP_SIGNED(long long, LLONG_MIN,
                                      LLONG_MAX) static CLARA_CP_UNSIGNED(unsigned long long,
                                                                          ULLONG_MAX)
#undef CLARA_CP_SIGNED
#undef CLARA_CP_UNSIGNED

    bool cp_integer(const String &str, int *result) {
  return cp_integer(str, 0, result);
}
bool cp_integer(const String &str, unsigned *result) {
  return cp_integer(str, 0, result);
}
bool cp_integer(const String &str, long *result) {
  return cp_integer(str, 0, result);
}
bool cp_integer(const String &str, unsigned long *result) {
  return cp_integer(str, 0, result);
}
bool cp_integer(const String &str, long long *result) {
  return cp_integer(str, 0, result);
}
bool cp_integer(const String &str, unsigned long long *result) {
  return cp_integer(str, 0, result);
}

const char *cp_integer(const char *begin, const char *end, int base,
                       int *result) {
  const char *s = begin;
  if (s < end && (*s == '-' || *s == '+'))
    ++s;
  while (s < end && isalnum((unsigned char)*s))
    ++s;
  // shrink until the span parses
  for (const char *e = s; e > begin; --e)
    if (cp_integer(String(begin, e), base, result))
      return e;
  return begin;
}

const char *cp_integer(const char *begin, const char *end, int base,
                       unsigned *result) {
  const char *s = begin;
  while (s < end && isalnum((unsigned char)*s))
    ++s;
  for (const char *e = s; e > begin; --e)
    if (cp_integer(String(begin, e), base, result))
      return e;
  return begin;
}

// OTHER SCALARS

bool cp_bool(const String &str, bool *result) {
  String t = trim(str).lower();
  if (t == "true" || t == "yes" || t == "1" || t == "on") {
    *result = true;
    return true;
  }
  if (t == "false" || t == "no" || t == "0" || t == "off") {
    *result = false;
    return true;
  }
  return false;
}

bool cp_double(const String &str, double *result) {
  String t = trim(str);
  if (t.empty())
    return false;
  const char *b = t.c_str();
  char *e;
  double d = strtod(b, &e);
  if (e == b || *e != '\0')
    return false;
  *result = d;
  return true;
}

bool cp_string(const String &str, String *result, String *rest) {
  const char *next;
  String w = first_word(str.begin(), str.end(), &next);
  if (w.empty())
    return false;
  if (!rest && next != str.end())
    return false;
  *result = cp_unquote(w);
  if (rest)
    *rest = String(next, str.end());
  return true;
}

bool cp_word(const String &str, String *result, String *rest) {
  const char *next;
  String w = first_word(str.begin(), str.end(), &next);
  if (w.empty() || w.find_left('"') >= 0 || w.find_left('\'') >= 0)
    return false;
  if (!rest && next != str.end())
    return false;
  *result = w;
  if (rest)
    *rest = String(next, str.end());
  return true;
}

bool cp_keyword(const String &str, String *result, String *rest) {
  String w;
  if (!cp_word(str, &w, rest))
    return false;
  for (int i = 0; i < w.length(); ++i) {
    char c = w[i];
    if (!isalnum((unsigned char)c) && c != '_' && c != '.' && c != ':' &&
        c != '?' && c != '!')
      return false;
  }
  *result = w;
  return true;
}

// ADDRESSES

bool cp_ip_address(const String &str, unsigned char *result,
                   const Element *context) {
  (void)context;
  String t = trim(str);
  const char *s = t.begin(), *end = t.end();
  unsigned char bytes[4];
  for (int i = 0; i < 4; ++i) {
    if (s >= end || !isdigit((unsigned char)*s))
      return false;
    unsigned v = 0;
    int ndigits = 0;
    while (s < end && isdigit((unsigned char)*s) && ndigits < 4) {
      v = v * 10 + (unsigned)(*s++ - '0');
      ++ndigits;
    }
    if (v > 255)
      return false;
    bytes[i] = (unsigned char)v;
    if (i < 3) {
      if (s >= end || *s != '.')
        return false;
      ++s;
    }
  }
  if (s != end)
    return false;
  memcpy(result, bytes, 4);
  return true;
}

bool cp_ip_address(const String &str, IPAddress *result,
                   const Element *context) {
  return cp_ip_address(str, result->data(), context);
}

bool cp_ip_prefix(const String &str, IPAddress *addr, IPAddress *mask,
                  bool allow_bare_address, const Element *context) {
  String t = trim(str);
  int slash = t.find_left('/');
  IPAddress a, m;
  if (slash < 0) {
    if (!allow_bare_address || !cp_ip_address(t, &a, context))
      return false;
    m = IPAddress(0xFFFFFFFFU);
  } else {
    if (!cp_ip_address(t.substring(0, slash), &a, context))
      return false;
    String ms = t.substring(slash + 1);
    int len;
    if (cp_integer(ms, &len) && len >= 0 && len <= 32)
      m = IPAddress::make_prefix(len);
    else if (!cp_ip_address(ms, &m, context))
      return false;
  }
  *addr = a;
  *mask = m;
  return true;
}

static int hex_value(char c) {
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

bool cp_ethernet_address(const String &str, unsigned char *result,
                         const Element *context) {
  (void)context;
  String t = trim(str);
  const char *s = t.begin(), *end = t.end();
  unsigned char bytes[6];
  char sep = 0;
  for (int i = 0; i < 6; ++i) {
    int v = 0, ndigits = 0;
    while (s < end && hex_value(*s) >= 0 && ndigits < 2) {
      v = v * 16 + hex_value(*s++);
      ++ndigits;
    }
    if (ndigits == 0)
      return false;
    bytes[i] = (unsigned char)v;
    if (i < 5) {
      if (s >= end || (*s != ':' && *s != '-') || (sep && *s != sep))
        return false;
      sep = *s++;
    }
  }
  if (s != end)
    return false;
  memcpy(result, bytes, 6);
  return true;
}

bool cp_ethernet_address(const String &str, EtherAddress *result,
                         const Element *context) {
  return cp_ethernet_address(str, result->data(), context);
}

// TIME

static bool parse_seconds(const String &str, double *seconds) {
  String t = trim(str);
  int i = 0;
  while (i < t.length() &&
         (isdigit((unsigned char)t[i]) || t[i] == '.' || t[i] == '-' ||
          t[i] == '+' || t[i] == 'e' || t[i] == 'E'))
    ++i;
  // "e" might start a unit in no case we accept; numbers come first
  double v;
  if (!cp_double(t.substring(0, i), &v))
    return false;
  String unit = trim(t.substring(i)).lower();
  double scale;
  if (unit.empty() || unit == "s" || unit == "sec" || unit == "secs")
    scale = 1;
  else if (unit == "ms" || unit == "msec" || unit == "msecs")
    scale = 1e-3;
  else if (unit == "us" || unit == "usec" || unit == "usecs")
    scale = 1e-6;
  else if (unit == "ns" || unit == "nsec" || unit == "nsecs")
    scale = 1e-9;
  else if (unit == "m" || unit == "min" || unit == "mins")
    scale = 60;
  else if (unit == "h" || unit == "hr" || unit == "hrs")
    scale = 3600;
  else if (unit == "d" || unit == "day" || unit == "days")
    scale = 86400;
  else
    return false;
  *seconds = v * scale;
  return true;
}

bool cp_time(const String &str, Timestamp *result) {
  double s;
  if (!parse_seconds(str, &s))
    return false;
  *result = Timestamp(s);
  return true;
}

bool cp_seconds_as_milli(const String &str, uint32_t *result) {
  double s;
  if (!parse_seconds(str, &s) || s < 0 || s * 1e3 > 4294967295.0)
    return false;
  *result = (uint32_t)floor(s * 1e3 + 0.5);
  return true;
}

bool cp_seconds_as_micro(const String &str, uint32_t *result) {
  double s;
  if (!parse_seconds(str, &s) || s < 0 || s * 1e6 > 4294967295.0)
    return false;
  *result = (uint32_t)floor(s * 1e6 + 0.5);
  return true;
}

CLICK_ENDDECLS

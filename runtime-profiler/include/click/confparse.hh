// click/confparse.hh - configuration string parsing helpers
//
// Part of Clara. Mirrors the API of the Click modular router's
// <click/confparse.hh> (a minimal subset: cp_uncomment, cp_unquote,
// cp_argvec, cp_spacevec, cp_shift_spacevec, cp_integer, cp_bool,
// cp_double, cp_ip_address, cp_ip_prefix, cp_ethernet_address, cp_time),
// but is Clara's own code: no Click source was copied. Implementation:
// runtime-profiler/lib/confparse.cc.
#ifndef CLICK_CONFPARSE_HH
#define CLICK_CONFPARSE_HH
#include <click/etheraddress.hh>
#include <click/ipaddress.hh>
#include <click/string.hh>
#include <click/timestamp.hh>
#include <click/vector.hh>

CLICK_DECLS

class Element;

/// str with comments (// and /* */) removed and space trimmed.
String cp_uncomment(const String &str);
/// str with surrounding double quotes removed and escapes processed.
String cp_unquote(const String &str);
/// Split str at top-level commas (outside quotes and brackets) into conf,
/// each argument uncommented and trimmed; an empty str gives no argument.
void cp_argvec(const String &str, Vector<String> &conf);
/// Split str at top-level spaces into words.
void cp_spacevec(const String &str, Vector<String> &conf);
/// Remove and return the first space-separated word of str.
String cp_shift_spacevec(String &str);
/// Join arguments with ", ".
String cp_unargvec(const Vector<String> &conf);

bool cp_integer(const String &str, int *result);
bool cp_integer(const String &str, unsigned *result);
bool cp_integer(const String &str, long *result);
bool cp_integer(const String &str, unsigned long *result);
bool cp_integer(const String &str, long long *result);
bool cp_integer(const String &str, unsigned long long *result);
bool cp_integer(const String &str, int base, int *result);
bool cp_integer(const String &str, int base, unsigned *result);
/// Parse an integer at [begin, end); returns the first unparsed character
/// (begin when nothing parsed).
const char *cp_integer(const char *begin, const char *end, int base,
                       int *result);
const char *cp_integer(const char *begin, const char *end, int base,
                       unsigned *result);

bool cp_bool(const String &str, bool *result);
bool cp_double(const String &str, double *result);
bool cp_string(const String &str, String *result, String *rest = 0);
bool cp_word(const String &str, String *result, String *rest = 0);
bool cp_keyword(const String &str, String *result, String *rest = 0);

bool cp_ip_address(const String &str, IPAddress *result,
                   const Element *context = 0);
bool cp_ip_address(const String &str, unsigned char *result,
                   const Element *context = 0);
bool cp_ip_prefix(const String &str, IPAddress *addr, IPAddress *mask,
                  bool allow_bare_address = false, const Element *context = 0);
bool cp_ethernet_address(const String &str, EtherAddress *result,
                         const Element *context = 0);
bool cp_ethernet_address(const String &str, unsigned char *result,
                         const Element *context = 0);
/// A time in seconds with optional unit (s, ms, us, ns, min, h).
bool cp_time(const String &str, Timestamp *result);
bool cp_seconds_as_milli(const String &str, uint32_t *result);
bool cp_seconds_as_micro(const String &str, uint32_t *result);

CLICK_ENDDECLS

#endif // CLICK_CONFPARSE_HH

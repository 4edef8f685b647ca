// etheraddress.cc - EtherAddress unparsing
//
// Part of Clara's Click-compatible framework (library click_compat).
// Mirrors the behaviour of the Click modular router's EtherAddress, but is
// Clara's own code: no Click source was copied.
#include <click/config.h>
#include <click/etheraddress.hh>
#include <click/straccum.hh>

CLICK_DECLS

static String unparse_with(const unsigned char *p, const char *fmt) {
  char buf[24];
  int n = snprintf(buf, sizeof(buf), fmt, p[0], p[1], p[2], p[3], p[4], p[5]);
  return String(buf, n);
}

String EtherAddress::unparse() const { return unparse_dash(); }

String EtherAddress::unparse_dash() const {
  return unparse_with(data(), "%02X-%02X-%02X-%02X-%02X-%02X");
}

String EtherAddress::unparse_colon() const {
  return unparse_with(data(), "%02x:%02x:%02x:%02x:%02x:%02x");
}

StringAccum &operator<<(StringAccum &sa, const EtherAddress &e) {
  return sa << e.unparse();
}

CLICK_ENDDECLS

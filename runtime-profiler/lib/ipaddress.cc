// ipaddress.cc - IPAddress parsing and unparsing
//
// Part of Clara's Click-compatible framework (library click_compat).
// Mirrors the behaviour of the Click modular router's IPAddress, but is
// Clara's own code: no Click source was copied.
#include <click/config.h>
#include <click/confparse.hh>
#include <click/ipaddress.hh>
#include <click/straccum.hh>

CLICK_DECLS

IPAddress::IPAddress(const String &text) : _addr(0) {
  IPAddress a;
  if (cp_ip_address(text, &a))
    _addr = a.addr();
}

int IPAddress::mask_to_prefix_len() const {
  uint32_t host = ntohl(_addr);
  // a prefix mask is ones followed by zeros: its complement plus one is a
  // power of two (or zero for the all-ones mask)
  uint32_t inv = ~host;
  if ((inv & (inv + 1)) != 0)
    return -1;
  int len = 0;
  while (len < 32 && (host & (0x80000000U >> len)))
    ++len;
  return len;
}

String IPAddress::unparse() const {
  const unsigned char *p = data();
  char buf[20];
  int n = snprintf(buf, sizeof(buf), "%u.%u.%u.%u", p[0], p[1], p[2], p[3]);
  return String(buf, n);
}

String IPAddress::unparse_mask() const {
  int len = mask_to_prefix_len();
  if (len >= 0)
    return String(len);
  return unparse();
}

String IPAddress::unparse_with_mask(IPAddress mask) const {
  return unparse() + "/" + mask.unparse_mask();
}

StringAccum &operator<<(StringAccum &sa, IPAddress a) {
  return sa << a.unparse();
}

CLICK_ENDDECLS

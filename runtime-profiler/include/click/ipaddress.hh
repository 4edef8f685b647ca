// click/ipaddress.hh - IPAddress, an IPv4 address
//
// Part of Clara. Mirrors the API of the Click modular router's
// <click/ipaddress.hh>, but is Clara's own code: no Click source was copied.
// The address is kept in network byte order, as in Click. Parsing and
// unparsing live in runtime-profiler/lib/ipaddress.cc.
#ifndef CLICK_IPADDRESS_HH
#define CLICK_IPADDRESS_HH
#include <click/glue.hh>
#include <click/hashcode.hh>
#include <click/string.hh>

CLICK_DECLS

class StringAccum;

class IPAddress {
public:
  /// The zero address 0.0.0.0.
  inline IPAddress() : _addr(0) {}
  /// From 4 bytes in network order.
  explicit inline IPAddress(const unsigned char *data) {
    memcpy(&_addr, data, 4);
  }
  /// From a 32-bit value in network byte order.
  inline IPAddress(uint32_t addr) : _addr(addr) {}
  explicit inline IPAddress(int addr) : _addr((uint32_t)addr) {}
  explicit inline IPAddress(unsigned long addr) : _addr((uint32_t)addr) {}
  explicit inline IPAddress(long addr) : _addr((uint32_t)addr) {}
  inline IPAddress(struct in_addr ina) : _addr(ina.s_addr) {}
  /// Parse dotted-quad text; the zero address if it does not parse.
  explicit IPAddress(const String &text);

  /// The netmask with prefix_len leading one bits (0..32).
  static inline IPAddress make_prefix(int prefix_len) {
    if (prefix_len <= 0)
      return IPAddress(0U);
    if (prefix_len >= 32)
      return IPAddress(0xFFFFFFFFU);
    return IPAddress(htonl(0xFFFFFFFFU << (32 - prefix_len)));
  }
  static inline IPAddress make_broadcast() { return IPAddress(0xFFFFFFFFU); }

  inline bool empty() const { return _addr == 0; }
  inline uint32_t addr() const { return _addr; }
  inline operator uint32_t() const { return _addr; }
  inline struct in_addr in_addr() const {
    struct in_addr ia;
    ia.s_addr = _addr;
    return ia;
  }
  inline operator struct in_addr() const { return in_addr(); }
  inline unsigned char *data() {
    return reinterpret_cast<unsigned char *>(&_addr);
  }
  inline const unsigned char *data() const {
    return reinterpret_cast<const unsigned char *>(&_addr);
  }
  inline uint32_t *data32() { return &_addr; }
  inline const uint32_t *data32() const { return &_addr; }

  inline hashcode_t hashcode() const { return _addr; }

  /// If this is a prefix mask, its length (0..32); otherwise -1.
  int mask_to_prefix_len() const;
  /// True if this address matches addr under mask.
  inline bool matches_prefix(IPAddress addr, IPAddress mask) const {
    return ((_addr ^ addr._addr) & mask._addr) == 0;
  }
  /// True if this mask is at least as specific as mask.
  inline bool mask_as_specific(IPAddress mask) const {
    return (_addr & mask._addr) == mask._addr;
  }
  /// True if this mask is strictly more specific than mask.
  inline bool mask_more_specific(IPAddress mask) const {
    return ((_addr & mask._addr) == mask._addr) && _addr != mask._addr;
  }

  inline IPAddress &operator&=(IPAddress x) {
    _addr &= x._addr;
    return *this;
  }
  inline IPAddress &operator|=(IPAddress x) {
    _addr |= x._addr;
    return *this;
  }
  inline IPAddress &operator^=(IPAddress x) {
    _addr ^= x._addr;
    return *this;
  }
  inline IPAddress operator~() const { return IPAddress(~_addr); }

  String unparse() const;
  String unparse_mask() const;
  String unparse_with_mask(IPAddress mask) const;
  inline String s() const { return unparse(); }

private:
  uint32_t _addr;
};

inline bool operator==(IPAddress a, IPAddress b) {
  return a.addr() == b.addr();
}
inline bool operator==(IPAddress a, uint32_t b) { return a.addr() == b; }
inline bool operator!=(IPAddress a, IPAddress b) {
  return a.addr() != b.addr();
}
inline bool operator!=(IPAddress a, uint32_t b) { return a.addr() != b; }
inline bool operator==(IPAddress a, int b) { return a.addr() == (uint32_t)b; }
inline bool operator!=(IPAddress a, int b) { return a.addr() != (uint32_t)b; }
inline IPAddress operator&(IPAddress a, IPAddress b) {
  return IPAddress(a.addr() & b.addr());
}
inline IPAddress operator|(IPAddress a, IPAddress b) {
  return IPAddress(a.addr() | b.addr());
}
inline IPAddress operator^(IPAddress a, IPAddress b) {
  return IPAddress(a.addr() ^ b.addr());
}

StringAccum &operator<<(StringAccum &sa, IPAddress a);

CLICK_ENDDECLS

#endif // CLICK_IPADDRESS_HH

// click/etheraddress.hh - EtherAddress, a 48-bit Ethernet address
//
// Part of Clara. Mirrors the API of the Click modular router's
// <click/etheraddress.hh>, but is Clara's own code: no Click source was
// copied. Stored as three 16-bit words in network order, as in Click.
// Unparsing lives in runtime-profiler/lib/etheraddress.cc.
#ifndef CLICK_ETHERADDRESS_HH
#define CLICK_ETHERADDRESS_HH
#include <click/glue.hh>
#include <click/hashcode.hh>
#include <click/string.hh>

CLICK_DECLS

class StringAccum;

class EtherAddress {
public:
  typedef bool (EtherAddress::*unspecified_bool_type)() const;

  /// The zero address 00-00-00-00-00-00.
  inline EtherAddress() { _data[0] = _data[1] = _data[2] = 0; }
  /// From 6 bytes.
  explicit inline EtherAddress(const unsigned char *data) {
    memcpy(_data, data, 6);
  }
  /// From 3 16-bit words in network order.
  explicit inline EtherAddress(const uint16_t *data) {
    _data[0] = data[0];
    _data[1] = data[1];
    _data[2] = data[2];
  }

  static inline EtherAddress make_broadcast() {
    EtherAddress e;
    e._data[0] = e._data[1] = e._data[2] = 0xFFFF;
    return e;
  }
  static inline EtherAddress broadcast() { return make_broadcast(); }

  inline bool is_zero() const { return (_data[0] | _data[1] | _data[2]) == 0; }
  inline operator unspecified_bool_type() const {
    return is_zero() ? 0 : &EtherAddress::is_zero;
  }
  /// True for group (multicast or broadcast) addresses.
  inline bool is_group() const { return data()[0] & 1; }
  /// True for locally administered addresses.
  inline bool is_local() const { return data()[0] & 2; }
  inline bool is_broadcast() const {
    return (_data[0] & _data[1] & _data[2]) == 0xFFFF;
  }

  inline unsigned char *data() {
    return reinterpret_cast<unsigned char *>(_data);
  }
  inline const unsigned char *data() const {
    return reinterpret_cast<const unsigned char *>(_data);
  }
  inline uint16_t *sdata() { return _data; }
  inline const uint16_t *sdata() const { return _data; }

  inline hashcode_t hashcode() const {
    return ((hashcode_t)_data[2] << 16 | _data[1]) ^
           ((hashcode_t)_data[0] << 8);
  }

  /// "00-1A-2B-3C-4D-5E".
  String unparse() const;
  String unparse_dash() const;
  /// "00:1a:2b:3c:4d:5e".
  String unparse_colon() const;
  inline String s() const { return unparse(); }

private:
  uint16_t _data[3];
};

inline bool operator==(const EtherAddress &a, const EtherAddress &b) {
  return a.sdata()[0] == b.sdata()[0] && a.sdata()[1] == b.sdata()[1] &&
         a.sdata()[2] == b.sdata()[2];
}
inline bool operator!=(const EtherAddress &a, const EtherAddress &b) {
  return !(a == b);
}

StringAccum &operator<<(StringAccum &sa, const EtherAddress &e);

CLICK_ENDDECLS

#endif // CLICK_ETHERADDRESS_HH

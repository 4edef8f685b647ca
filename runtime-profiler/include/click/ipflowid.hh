// click/ipflowid.hh - IPFlowID, a TCP/UDP flow's address/port 4-tuple
//
// Part of Clara. Mirrors the API of the Click modular router's
// <click/ipflowid.hh>, but is Clara's own code: no Click source was copied.
// Addresses and ports are kept in network byte order, as in Click. The
// constructors from a packet or an IP header live in
// runtime-profiler/lib/ipflowid.cc.
#ifndef CLICK_IPFLOWID_HH
#define CLICK_IPFLOWID_HH
#include <click/ipaddress.hh>

CLICK_DECLS

class Packet;
struct click_ip;

class IPFlowID {
public:
  typedef IPAddress (IPFlowID::*unspecified_bool_type)() const;

  /// The empty flow (all zero).
  inline IPFlowID() : _saddr(), _daddr(), _sport(0), _dport(0) {}
  /// From addresses and ports (network byte order).
  inline IPFlowID(IPAddress saddr, uint16_t sport, IPAddress daddr,
                  uint16_t dport)
      : _saddr(saddr), _daddr(daddr), _sport(sport), _dport(dport) {}
  /// From a packet's IP header and the TCP/UDP ports after it; reversed
  /// (destination first) if reverse.
  explicit IPFlowID(const Packet *p, bool reverse = false);
  /// From an IP header and the transport header following it.
  explicit IPFlowID(const click_ip *iph, bool reverse = false);

  inline operator unspecified_bool_type() const {
    return (_saddr.addr() || _daddr.addr()) ? &IPFlowID::saddr : 0;
  }

  inline IPAddress saddr() const { return _saddr; }
  inline IPAddress daddr() const { return _daddr; }
  inline uint16_t sport() const { return _sport; }
  inline uint16_t dport() const { return _dport; }

  inline void set_saddr(IPAddress a) { _saddr = a; }
  inline void set_daddr(IPAddress a) { _daddr = a; }
  inline void set_sport(uint16_t p) { _sport = p; }
  inline void set_dport(uint16_t p) { _dport = p; }
  inline void assign(IPAddress saddr, uint16_t sport, IPAddress daddr,
                     uint16_t dport) {
    _saddr = saddr;
    _daddr = daddr;
    _sport = sport;
    _dport = dport;
  }

  /// The flow in the other direction.
  inline IPFlowID reverse() const {
    return IPFlowID(_daddr, _dport, _saddr, _sport);
  }
  inline IPFlowID rev() const { return reverse(); }

  inline hashcode_t hashcode() const {
    uint32_t a = _saddr.addr(), b = _daddr.addr();
    uint32_t ports = ((uint32_t)_sport << 16) | _dport;
    uint32_t h = a * 0x9E3779B1U;
    h = ((h << 7) | (h >> 25)) ^ b;
    h = h * 0x85EBCA77U ^ ports;
    return h;
  }

  /// "(SADDR, SPORT, DADDR, DPORT)".
  String unparse() const;
  inline String s() const { return unparse(); }

protected:
  IPAddress _saddr;
  IPAddress _daddr;
  uint16_t _sport; // network byte order
  uint16_t _dport; // network byte order
};

inline bool operator==(const IPFlowID &a, const IPFlowID &b) {
  return a.saddr() == b.saddr() && a.daddr() == b.daddr() &&
         a.sport() == b.sport() && a.dport() == b.dport();
}
inline bool operator!=(const IPFlowID &a, const IPFlowID &b) {
  return !(a == b);
}

StringAccum &operator<<(StringAccum &sa, const IPFlowID &flow);

CLICK_ENDDECLS

#endif // CLICK_IPFLOWID_HH

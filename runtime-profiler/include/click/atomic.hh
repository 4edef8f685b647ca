// click/atomic.hh - atomic_uint32_t
//
// Part of Clara. Mirrors the API of the Click modular router's
// <click/atomic.hh>, but is Clara's own code: no Click source was copied.
// Clara profiles one element on one host thread, so the operations are plain
// (non-atomic) integer operations, like a NIC thread's local counter.
#ifndef CLICK_ATOMIC_HH
#define CLICK_ATOMIC_HH
#include <click/config.h>

#include <stdint.h>

CLICK_DECLS

class atomic_uint32_t {
public:
  inline uint32_t value() const { return _val; }
  inline operator uint32_t() const { return _val; }
  inline atomic_uint32_t &operator=(uint32_t x) {
    _val = x;
    return *this;
  }
  inline atomic_uint32_t &operator+=(int32_t delta) {
    _val += delta;
    return *this;
  }
  inline atomic_uint32_t &operator-=(int32_t delta) {
    _val -= delta;
    return *this;
  }
  inline atomic_uint32_t &operator|=(uint32_t mask) {
    _val |= mask;
    return *this;
  }
  inline atomic_uint32_t &operator&=(uint32_t mask) {
    _val &= mask;
    return *this;
  }
  inline void operator++() { ++_val; }
  inline void operator++(int) { ++_val; }
  inline void operator--() { --_val; }
  inline void operator--(int) { --_val; }
  /// Set to x and return the previous value.
  inline uint32_t swap(uint32_t x) {
    uint32_t old = _val;
    _val = x;
    return old;
  }
  /// Add delta and return the previous value.
  inline uint32_t fetch_and_add(uint32_t delta) {
    uint32_t old = _val;
    _val += delta;
    return old;
  }
  /// Decrement and return true if the result is zero.
  inline bool dec_and_test() { return --_val == 0; }
  /// If the value equals expected, set it to desired; return the old value.
  inline uint32_t compare_swap(uint32_t expected, uint32_t desired) {
    uint32_t old = _val;
    if (old == expected)
      _val = desired;
    return old;
  }
  inline bool compare_and_swap(uint32_t expected, uint32_t desired) {
    return compare_swap(expected, desired) == expected;
  }

private:
  uint32_t _val;
};

CLICK_ENDDECLS

#endif // CLICK_ATOMIC_HH

// click/hashcode.hh - hash codes for container keys
//
// Part of Clara. Mirrors the API of the Click modular router's
// <click/hashcode.hh> (hashcode_t and the free hashcode() overloads that
// HashTable/HashMap use), but is Clara's own code: no Click source was
// copied. A key type provides either a hashcode() member or a free
// hashcode(const K&) overload.
#ifndef CLICK_HASHCODE_HH
#define CLICK_HASHCODE_HH
#include <click/config.h>

#include <stddef.h>
#include <stdint.h>

CLICK_DECLS

typedef size_t hashcode_t; ///< Type of a hashcode() value.

template <typename T> inline hashcode_t hashcode(const T &x) {
  return x.hashcode();
}
inline hashcode_t hashcode(char c) { return (unsigned char)c; }
inline hashcode_t hashcode(signed char c) { return (unsigned char)c; }
inline hashcode_t hashcode(unsigned char c) { return c; }
inline hashcode_t hashcode(short s) { return (unsigned short)s; }
inline hashcode_t hashcode(unsigned short s) { return s; }
inline hashcode_t hashcode(int i) { return (unsigned)i; }
inline hashcode_t hashcode(unsigned u) { return u; }
inline hashcode_t hashcode(long l) { return (unsigned long)l; }
inline hashcode_t hashcode(unsigned long l) { return l; }
inline hashcode_t hashcode(long long l) {
  return (hashcode_t)((unsigned long long)l ^ ((unsigned long long)l >> 32));
}
inline hashcode_t hashcode(unsigned long long l) {
  return (hashcode_t)(l ^ (l >> 32));
}
template <typename T> inline hashcode_t hashcode(T *const &p) {
  return (hashcode_t)((uintptr_t)p >> 3);
}

CLICK_ENDDECLS

#endif // CLICK_HASHCODE_HH

// click/pair.hh - Pair<T, U>
//
// Part of Clara. Mirrors the API of the Click modular router's
// <click/pair.hh> (a pair with public first/second, used as the entry of
// HashTable<K, V>), but is Clara's own code: no Click source was copied.
#ifndef CLICK_PAIR_HH
#define CLICK_PAIR_HH
#include <click/hashcode.hh>

CLICK_DECLS

template <typename T, typename U> struct Pair {
  typedef T first_type;
  typedef U second_type;
  typedef T key_type;
  typedef const T &key_const_reference;

  T first;
  U second;

  inline Pair() : first(), second() {}
  inline Pair(const T &t, const U &u) : first(t), second(u) {}
  inline const T &hashkey() const { return first; }
  inline hashcode_t hashcode() const {
    return CLICK_NAME(hashcode)(first) * 31 + CLICK_NAME(hashcode)(second);
  }
};

template <typename T, typename U>
inline bool operator==(const Pair<T, U> &a, const Pair<T, U> &b) {
  return a.first == b.first && a.second == b.second;
}
template <typename T, typename U>
inline bool operator!=(const Pair<T, U> &a, const Pair<T, U> &b) {
  return !(a == b);
}
template <typename T, typename U>
inline Pair<T, U> make_pair(const T &t, const U &u) {
  return Pair<T, U>(t, u);
}

CLICK_ENDDECLS

#endif // CLICK_PAIR_HH

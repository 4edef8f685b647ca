// click/vector.hh - Vector<T>, a fixed-capacity array with inline storage
//
// Part of Clara. Mirrors the API of the Click modular router's
// <click/vector.hh> (size_type int, operator[], at, push_back, pop_back,
// front/back, begin/end, insert, erase, resize, clear, swap ...), but is
// Clara's own code: no Click source was copied.
//
// REVERSE-PORTED: Click's Vector grows on the heap. A SmartNIC library has
// no allocator on the fast path, so this Vector keeps its elements inline in
// the object with a fixed capacity and never reallocates; push_back returns
// false (and stores nothing) when the Vector is full. Host runs thus take the
// same paths a NIC port would, and LLVM's DataLayout size of the object is
// its real memory footprint.
//
// Capacity: the optional second template parameter, default
// CLICK_VECTOR_DEFAULT_CAPACITY (64), e.g. Vector<Route, 1024>. Defining
// CLICK_VECTOR_DEFAULT_CAPACITY before the first include changes the default
// (do it for every translation unit of a program, including click_compat).
#ifndef CLICK_VECTOR_HH
#define CLICK_VECTOR_HH
#include <click/glue.hh>

#include <assert.h>
#include <new>

// With -DCLARA_RT_OCCUPANCY (Clara's instrumented profiling builds), the
// containers report each new size to libclara_rt for the profile's
// peak_entries (runtime-profiler/README.md).
#if defined(CLARA_RT_OCCUPANCY) && !defined(CLARA_RT_OCCUPANCY_DECLARED)
#define CLARA_RT_OCCUPANCY_DECLARED
extern "C" void clara_rt_container_grow(const void *container,
                                        unsigned long entries);
#endif

#ifndef CLICK_VECTOR_DEFAULT_CAPACITY
#define CLICK_VECTOR_DEFAULT_CAPACITY 64
#endif

CLICK_DECLS

template <typename T, unsigned CAPACITY = CLICK_VECTOR_DEFAULT_CAPACITY>
class Vector {
  static_assert(CAPACITY > 0, "Vector capacity must be positive");

public:
  typedef T value_type;
  typedef T &reference;
  typedef const T &const_reference;
  typedef T *pointer;
  typedef const T *const_pointer;
  typedef const T &value_argument;
  typedef int size_type;
  typedef T *iterator;
  typedef const T *const_iterator;
  enum { RESERVE_GROW = (size_type)-1 };
  enum { static_capacity = CAPACITY };

  inline Vector() : _n(0) {}
  /// n copies of v (at most CAPACITY).
  explicit inline Vector(size_type n, value_argument v) : _n(0) {
    assign(n, v);
  }
  inline Vector(const Vector &x) : _n(0) {
    for (size_type i = 0; i < x._n; ++i)
      new ((void *)(data() + i)) T(x.data()[i]);
    _n = x._n;
  }
  inline ~Vector() { clear(); }
  inline Vector &operator=(const Vector &x) {
    if (&x != this) {
      clear();
      for (size_type i = 0; i < x._n; ++i)
        new ((void *)(data() + i)) T(x.data()[i]);
      _n = x._n;
    }
    return *this;
  }

  inline size_type size() const { return _n; }
  inline size_type capacity() const { return (size_type)CAPACITY; }
  inline bool empty() const { return _n == 0; }
  /// True when push_back would fail (Clara extension).
  inline bool full() const { return _n == (size_type)CAPACITY; }

  inline iterator begin() { return data(); }
  inline const_iterator begin() const { return data(); }
  inline iterator end() { return data() + _n; }
  inline const_iterator end() const { return data() + _n; }
  inline const_iterator cbegin() const { return data(); }
  inline const_iterator cend() const { return data() + _n; }

  inline T &operator[](size_type i) { return data()[i]; }
  inline const T &operator[](size_type i) const { return data()[i]; }
  inline T &at(size_type i) {
    assert((unsigned)i < (unsigned)_n);
    return data()[i];
  }
  inline const T &at(size_type i) const {
    assert((unsigned)i < (unsigned)_n);
    return data()[i];
  }
  inline T &unchecked_at(size_type i) { return data()[i]; }
  inline const T &unchecked_at(size_type i) const { return data()[i]; }
  inline T &at_u(size_type i) { return data()[i]; }
  inline const T &at_u(size_type i) const { return data()[i]; }
  inline T &front() { return data()[0]; }
  inline const T &front() const { return data()[0]; }
  inline T &back() { return data()[_n - 1]; }
  inline const T &back() const { return data()[_n - 1]; }

  inline T *data() { return reinterpret_cast<T *>(_storage); }
  inline const T *data() const { return reinterpret_cast<const T *>(_storage); }

  /// Append v; false (nothing stored) when full.
  inline bool push_back(value_argument v) {
    if (_n >= (size_type)CAPACITY)
      return false;
    new ((void *)(data() + _n)) T(v);
    ++_n;
#ifdef CLARA_RT_OCCUPANCY
    clara_rt_container_grow(this, _n);
#endif
    return true;
  }
  inline void pop_back() {
    if (_n > 0) {
      --_n;
      data()[_n].~T();
    }
  }
  /// Prepend v (shifting the others); false when full.
  inline bool push_front(value_argument v) {
    if (_n >= (size_type)CAPACITY)
      return false;
    insert(begin(), v);
    return true;
  }
  inline void pop_front() {
    if (_n > 0)
      erase(begin());
  }

  /// Insert v before it; returns the new element's position, or end() when
  /// full.
  inline iterator insert(iterator it, value_argument v) {
    if (_n >= (size_type)CAPACITY)
      return end();
    size_type pos = (size_type)(it - begin());
    T copy(v);
    if (pos == _n) {
      new ((void *)(data() + _n)) T(copy);
    } else {
      new ((void *)(data() + _n)) T(data()[_n - 1]);
      for (size_type i = _n - 1; i > pos; --i)
        data()[i] = data()[i - 1];
      data()[pos] = copy;
    }
    ++_n;
#ifdef CLARA_RT_OCCUPANCY
    clara_rt_container_grow(this, _n);
#endif
    return data() + pos;
  }
  inline iterator erase(iterator it) { return erase(it, it + 1); }
  inline iterator erase(iterator a, iterator b) {
    if (a >= b)
      return a;
    size_type first = (size_type)(a - begin());
    size_type count = (size_type)(b - a);
    for (size_type i = first; i + count < _n; ++i)
      data()[i] = data()[i + count];
    for (size_type i = 0; i < count; ++i)
      pop_back();
    return data() + first;
  }

  inline void clear() {
    while (_n > 0)
      pop_back();
  }
  /// Resize to n elements (new ones are copies of v); false and resized to
  /// CAPACITY when n exceeds it.
  inline bool resize(size_type n, value_argument v = T()) {
    bool ok = n <= (size_type)CAPACITY;
    if (!ok)
      n = (size_type)CAPACITY;
    if (n < 0)
      n = 0;
    while (_n > n)
      pop_back();
    while (_n < n)
      push_back(v);
    return ok;
  }
  /// True when n elements fit; never allocates.
  inline bool reserve(size_type n) {
    return n == RESERVE_GROW ? _n < (size_type)CAPACITY
                             : n <= (size_type)CAPACITY;
  }
  inline Vector &assign(size_type n, value_argument v = T()) {
    T copy(v);
    clear();
    resize(n, copy);
    return *this;
  }
  inline void swap(Vector &x) {
    Vector tmp(x);
    x = *this;
    *this = tmp;
  }

private:
  alignas(T) unsigned char _storage[CAPACITY * sizeof(T)];
  size_type _n;
};

template <typename T, unsigned C>
inline bool operator==(const Vector<T, C> &a, const Vector<T, C> &b) {
  if (a.size() != b.size())
    return false;
  for (int i = 0; i < a.size(); ++i)
    if (!(a[i] == b[i]))
      return false;
  return true;
}
template <typename T, unsigned C>
inline bool operator!=(const Vector<T, C> &a, const Vector<T, C> &b) {
  return !(a == b);
}

template <typename T, unsigned C>
inline void click_swap(Vector<T, C> &a, Vector<T, C> &b) {
  a.swap(b);
}

CLICK_ENDDECLS

#endif // CLICK_VECTOR_HH

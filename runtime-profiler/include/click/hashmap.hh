// click/hashmap.hh - HashMap<K, V>, a fixed-size hash map with inline
// storage
//
// Part of Clara. Mirrors the API of the Click modular router's
// <click/hashmap.hh> (find returning the value or the default, findp
// returning a pointer, find_force, insert, erase/remove, operator[], size,
// clear; iterators with live(), key(), value(), pair()), but is Clara's own
// code: no Click source was copied.
//
// REVERSE-PORTED: like HashTable (see <click/hashtable.hh>), this HashMap
// follows a SmartNIC table library's control flow instead of Click's
// growing heap table: BUCKETS buckets (power of two) of DEPTH slots, stored
// inline in the object, never rehashed; an insert fails when the key's
// bucket is full and erasing marks the slot invalid.
//
// Capacity: template parameters BUCKETS (default
// CLICK_HASHTABLE_DEFAULT_BUCKETS = 256) and DEPTH (default
// CLICK_HASHTABLE_DEFAULT_DEPTH = 4), e.g. HashMap<IPAddress, int, 1024, 8>.
//
// Failure results: insert() returns false, find_force() returns a reference
// to a scratch value (reset to the default each time) when the key's bucket
// is full.
#ifndef CLICK_HASHMAP_HH
#define CLICK_HASHMAP_HH
#include <click/hashtable.hh>

CLICK_DECLS

template <typename K, typename V,
          unsigned BUCKETS = CLICK_HASHTABLE_DEFAULT_BUCKETS,
          unsigned DEPTH = CLICK_HASHTABLE_DEFAULT_DEPTH>
class HashMap;
template <typename C> class _HashMap_iterator;
template <typename C> class _HashMap_const_iterator;

template <typename K, typename V> struct HashMap_Pair {
  K key;
  V value;
  inline HashMap_Pair() : key(), value() {}
  inline HashMap_Pair(const K &k, const V &v) : key(k), value(v) {}
};
template <typename K, typename V> struct HashMap_pair_key {
  static inline const K &key(const HashMap_Pair<K, V> &e) { return e.key; }
};

template <typename K, typename V, unsigned BUCKETS, unsigned DEPTH>
class HashMap {
public:
  typedef K key_type;
  typedef V value_type;
  typedef HashMap_Pair<K, V> Pair;
  typedef HashMap_Pair<K, V> entry_type;
  typedef uint32_t size_type;
  typedef HashContainer<entry_type, K, HashMap_pair_key<K, V>, BUCKETS, DEPTH>
      rep_type;
  typedef _HashMap_const_iterator<HashMap> const_iterator;
  typedef _HashMap_iterator<HashMap> iterator;
  enum { nbuckets = BUCKETS, depth = DEPTH, nslots = BUCKETS * DEPTH };

  inline HashMap() : _default() {}
  explicit inline HashMap(const V &default_value) : _default(default_value) {}

  inline size_type size() const { return _rep.size(); }
  inline bool empty() const { return _rep.size() == 0; }
  /// Maximum number of entries.
  inline size_type capacity() const { return BUCKETS * DEPTH; }
  inline size_type bucket_count() const { return BUCKETS; }
  inline size_type bucket_depth() const { return DEPTH; }
  inline const V &default_value() const { return _default; }
  /// No-ops: the map never resizes.
  inline void set_dynamic_resizing(bool) {}
  inline void resize(size_type) {}

  inline const_iterator begin() const {
    return const_iterator(this, _rep.next_live(0));
  }
  inline iterator begin() { return iterator(this, _rep.next_live(0)); }
  inline const_iterator end() const { return const_iterator(this, nslots); }
  inline iterator end() { return iterator(this, nslots); }

  /// The value for key, or the default value.
  inline const V &find(const K &key) const {
    int i = _rep.find_slot(key);
    return i < 0 ? _default : _rep._slots[i].entry.value;
  }
  /// A pointer to the value for key, or null.
  inline V *findp(const K &key) const {
    int i = _rep.find_slot(key);
    return i < 0 ? 0 : const_cast<V *>(&_rep._slots[i].entry.value);
  }
  inline const V &operator[](const K &key) const { return find(key); }
  inline size_type count(const K &key) const {
    return _rep.find_slot(key) >= 0 ? 1 : 0;
  }
  /// The value for key, inserted as default_value if absent. When the
  /// bucket is full, a scratch value (reset to default_value) is returned.
  inline V &find_force(const K &key, const V &default_value) {
    bool inserted;
    int i = _rep.find_insert_slot(key, inserted);
    if (i < 0) {
      _scratch = default_value;
      return _scratch;
    }
    if (inserted) {
      _rep._slots[i].entry.key = key;
      _rep._slots[i].entry.value = default_value;
    }
    return _rep._slots[i].entry.value;
  }
  inline V &find_force(const K &key) { return find_force(key, _default); }
  /// A pointer to the value for key, inserted as the default if absent;
  /// null when the bucket is full.
  inline V *findp_force(const K &key) {
    bool inserted;
    int i = _rep.find_insert_slot(key, inserted);
    if (i < 0)
      return 0;
    if (inserted) {
      _rep._slots[i].entry.key = key;
      _rep._slots[i].entry.value = _default;
    }
    return &_rep._slots[i].entry.value;
  }

  /// Map key to value (insert or replace); true only if key was new (false
  /// when it existed, or when the bucket is full and nothing was stored).
  inline bool insert(const K &key, const V &value) {
    bool inserted;
    int i = _rep.find_insert_slot(key, inserted);
    if (i < 0)
      return false;
    _rep._slots[i].entry.key = key;
    _rep._slots[i].entry.value = value;
    return inserted;
  }
  /// Remove key (marks its slot invalid); true if it was present.
  inline bool erase(const K &key) {
    int i = _rep.find_slot(key);
    if (i < 0)
      return false;
    _rep.erase_slot(i);
    return true;
  }
  inline bool remove(const K &key) { return erase(key); }
  inline iterator erase(const iterator &it) {
    if (it._i >= (int)nslots)
      return end();
    _rep.erase_slot(it._i);
    return iterator(this, _rep.next_live(it._i + 1));
  }
  inline void clear() { _rep.clear(); }
  inline void swap(HashMap &x) {
    HashMap tmp(x);
    x = *this;
    *this = tmp;
  }

private:
  rep_type _rep;
  V _default;
  V _scratch;

  friend class _HashMap_iterator<HashMap>;
  friend class _HashMap_const_iterator<HashMap>;
};

/// Iterator over a HashMap's live entries; Click style is
/// for (it = m.begin(); it.live(); ++it) ... it.key() ... it.value().
template <typename C> class _HashMap_const_iterator {
public:
  typedef typename C::key_type K;
  typedef typename C::value_type V;
  typedef typename C::entry_type entry_type;
  typedef bool (_HashMap_const_iterator::*unspecified_bool_type)() const;

  inline _HashMap_const_iterator() : _t(0), _i((int)C::nslots) {}
  inline _HashMap_const_iterator(const C *t, int i) : _t(t), _i(i) {}

  inline bool live() const { return _i < (int)C::nslots; }
  inline operator unspecified_bool_type() const {
    return live() ? &_HashMap_const_iterator::live : 0;
  }
  inline const entry_type *pair() const { return &_t->_rep._slots[_i].entry; }
  inline const entry_type *operator->() const { return pair(); }
  inline const entry_type &operator*() const { return *pair(); }
  inline const K &key() const { return pair()->key; }
  inline const V &value() const { return pair()->value; }
  inline _HashMap_const_iterator &operator++() {
    _i = _t->_rep.next_live(_i + 1);
    return *this;
  }
  inline void operator++(int) { ++*this; }
  inline bool operator==(const _HashMap_const_iterator &x) const {
    return _i == x._i;
  }
  inline bool operator!=(const _HashMap_const_iterator &x) const {
    return _i != x._i;
  }

  const C *_t;
  int _i;
};

template <typename C>
class _HashMap_iterator : public _HashMap_const_iterator<C> {
public:
  typedef typename C::value_type V;
  typedef typename C::entry_type entry_type;

  inline _HashMap_iterator() {}
  inline _HashMap_iterator(C *t, int i) : _HashMap_const_iterator<C>(t, i) {}

  inline entry_type *pair() const {
    return const_cast<entry_type *>(_HashMap_const_iterator<C>::pair());
  }
  inline entry_type *operator->() const { return pair(); }
  inline entry_type &operator*() const { return *pair(); }
  inline V &value() const { return pair()->value; }
  inline _HashMap_iterator &operator++() {
    _HashMap_const_iterator<C>::operator++();
    return *this;
  }
  inline void operator++(int) { ++*this; }
};

CLICK_ENDDECLS

#endif // CLICK_HASHMAP_HH

// click/hashtable.hh - HashTable<K, V> and HashTable<T>, fixed-size hash
// tables with inline storage
//
// Part of Clara. Mirrors the API of the Click modular router's
// <click/hashtable.hh> (HashTable<K, V> whose entries are Pair<K, V> with
// .first/.second; find, find_insert, get, get_pointer, set, erase,
// operator[], size, empty, clear, begin/end, bucket_count; iterators with
// live(), key(), value()), but is Clara's own code: no Click source was
// copied.
//
// REVERSE-PORTED: Click's HashTable is a chained table on the heap that
// rehashes as it grows. A SmartNIC flow-table library instead has a fixed
// number of buckets, each a fixed number of entry slots, all in one
// preallocated block: no allocation, no rehash, and an insert fails when the
// key's bucket is full; erasing marks the slot invalid. This HashTable
// follows that control flow so that host runs exercise the paths a NIC port
// would, and keeps its storage inline in the object, so LLVM's DataLayout
// size of the object is its memory footprint.
//
// Capacity: template parameters BUCKETS (a power of two, default
// CLICK_HASHTABLE_DEFAULT_BUCKETS = 256) and DEPTH (slots per bucket, default
// CLICK_HASHTABLE_DEFAULT_DEPTH = 4), e.g. HashTable<IPFlowID, int, 4096, 8>;
// HashTable<T> is a set (V = void): HashTable<T, void, 1024, 4>.
// The macros may be defined before the first include to change the defaults
// (do it for every translation unit of a program).
//
// Failure results: find_insert() returns end(), set()/insert() return false,
// operator[] returns a reference to a scratch value (reset to the default
// value each time) when the key's bucket is full.
#ifndef CLICK_HASHTABLE_HH
#define CLICK_HASHTABLE_HH
#include <click/glue.hh>
#include <click/hashcode.hh>
#include <click/pair.hh>

// With -DCLARA_RT_OCCUPANCY (Clara's instrumented profiling builds), the
// containers report each new size to libclara_rt for the profile's
// peak_entries (runtime-profiler/README.md).
#if defined(CLARA_RT_OCCUPANCY) && !defined(CLARA_RT_OCCUPANCY_DECLARED)
#define CLARA_RT_OCCUPANCY_DECLARED
extern "C" void clara_rt_container_grow(const void *container,
                                        unsigned long entries);
#endif

#ifndef CLICK_HASHTABLE_DEFAULT_BUCKETS
#define CLICK_HASHTABLE_DEFAULT_BUCKETS 256
#endif
#ifndef CLICK_HASHTABLE_DEFAULT_DEPTH
#define CLICK_HASHTABLE_DEFAULT_DEPTH 4
#endif

CLICK_DECLS

template <typename K, typename V = void,
          unsigned BUCKETS = CLICK_HASHTABLE_DEFAULT_BUCKETS,
          unsigned DEPTH = CLICK_HASHTABLE_DEFAULT_DEPTH>
class HashTable;
template <typename C> class HashTable_iterator;
template <typename C> class HashTable_const_iterator;

/// Bucket-and-slot storage shared by HashTable and HashMap: BUCKETS buckets
/// of DEPTH slots, each slot an entry E plus a live flag. KeyOf::key(e)
/// gives an entry's key.
template <typename E, typename K, typename KeyOf, unsigned BUCKETS,
          unsigned DEPTH>
class HashContainer {
  static_assert(BUCKETS > 0 && (BUCKETS & (BUCKETS - 1)) == 0,
                "HashTable bucket count must be a power of two");
  static_assert(DEPTH > 0, "HashTable bucket depth must be positive");

public:
  typedef uint32_t size_type;
  enum { nbuckets = BUCKETS, depth = DEPTH, nslots = BUCKETS * DEPTH };

  struct slot_type {
    E entry;
    bool live;
    inline slot_type() : entry(), live(false) {}
  };

  inline HashContainer() : _size(0) {}

  inline size_type size() const { return _size; }

  /// The bucket of key: its hash code, folded to 32 bits and mixed so that
  /// structured keys (addresses in network byte order) spread evenly.
  static inline size_type bucket(const K &key) {
    hashcode_t hc = CLICK_NAME(hashcode)(key);
    uint32_t h = (uint32_t)hc;
    if (sizeof(hashcode_t) > 4)
      h ^= (uint32_t)((hc >> 16) >> 16);
    h ^= h >> 16;
    h *= 0x7feb352dU;
    h ^= h >> 15;
    h *= 0x846ca68bU;
    h ^= h >> 16;
    return h & (BUCKETS - 1);
  }

  /// Slot index holding key, or -1.
  inline int find_slot(const K &key) const {
    int first = (int)(bucket(key) * DEPTH);
    for (int i = first; i < first + (int)DEPTH; ++i)
      if (_slots[i].live && KeyOf::key(_slots[i].entry) == key)
        return i;
    return -1;
  }

  /// Slot index holding key; if absent, claims the bucket's first free slot
  /// (inserted = true; the caller fills the entry). -1 when the bucket is
  /// full.
  inline int find_insert_slot(const K &key, bool &inserted) {
    int first = (int)(bucket(key) * DEPTH);
    int free_slot = -1;
    inserted = false;
    for (int i = first; i < first + (int)DEPTH; ++i) {
      if (_slots[i].live) {
        if (KeyOf::key(_slots[i].entry) == key)
          return i;
      } else if (free_slot < 0)
        free_slot = i;
    }
    if (free_slot >= 0) {
      _slots[free_slot].live = true;
      ++_size;
      inserted = true;
#ifdef CLARA_RT_OCCUPANCY
      clara_rt_container_grow(this, _size);
#endif
    }
    return free_slot;
  }

  /// Marks slot i invalid (the entry's contents stay until reused).
  inline void erase_slot(int i) {
    if (_slots[i].live) {
      _slots[i].live = false;
      --_size;
    }
  }

  /// First live slot at or after i, or nslots.
  inline int next_live(int i) const {
    while (i < (int)nslots && !_slots[i].live)
      ++i;
    return i;
  }

  inline void clear() {
    for (int i = 0; i < (int)nslots; ++i)
      _slots[i].live = false;
    _size = 0;
  }

  slot_type _slots[BUCKETS * DEPTH];
  size_type _size;
};

template <typename K, typename V> struct HashTable_pair_key {
  static inline const K &key(const Pair<K, V> &e) { return e.first; }
};
template <typename T> struct HashTable_self_key {
  static inline const T &key(const T &e) { return e; }
};

/// HashTable<K, V>: a map from K to V whose entries are Pair<K, V>.
template <typename K, typename V, unsigned BUCKETS, unsigned DEPTH>
class HashTable {
public:
  typedef K key_type;
  typedef V mapped_type;
  typedef Pair<K, V> value_type;
  typedef Pair<K, V> entry_type;
  typedef const K &key_const_reference;
  typedef const V &value_const_reference;
  typedef V &value_reference;
  typedef uint32_t size_type;
  typedef HashContainer<Pair<K, V>, K, HashTable_pair_key<K, V>, BUCKETS, DEPTH>
      rep_type;
  typedef HashTable_iterator<HashTable> iterator;
  typedef HashTable_const_iterator<HashTable> const_iterator;
  enum { nbuckets = BUCKETS, depth = DEPTH, nslots = BUCKETS * DEPTH };

  inline HashTable() : _default() {}
  explicit inline HashTable(value_const_reference default_value)
      : _default(default_value) {}

  inline size_type size() const { return _rep.size(); }
  inline bool empty() const { return _rep.size() == 0; }
  inline size_type bucket_count() const { return BUCKETS; }
  /// Slots per bucket (Clara extension).
  inline size_type bucket_depth() const { return DEPTH; }
  /// Maximum number of entries (Clara extension).
  inline size_type capacity() const { return BUCKETS * DEPTH; }
  inline size_type bucket(key_const_reference key) const {
    return rep_type::bucket(key);
  }
  inline value_const_reference default_value() const { return _default; }
  inline void set_default_value(value_const_reference v) { _default = v; }

  inline iterator begin() { return iterator(this, _rep.next_live(0)); }
  inline const_iterator begin() const {
    return const_iterator(this, _rep.next_live(0));
  }
  inline iterator end() { return iterator(this, nslots); }
  inline const_iterator end() const { return const_iterator(this, nslots); }

  inline iterator find(key_const_reference key) {
    int i = _rep.find_slot(key);
    return iterator(this, i < 0 ? (int)nslots : i);
  }
  inline const_iterator find(key_const_reference key) const {
    int i = _rep.find_slot(key);
    return const_iterator(this, i < 0 ? (int)nslots : i);
  }
  inline size_type count(key_const_reference key) const {
    return _rep.find_slot(key) >= 0 ? 1 : 0;
  }

  /// The entry for key, inserting (key, default value) if absent; end()
  /// when the key's bucket is full.
  inline iterator find_insert(key_const_reference key) {
    bool inserted;
    int i = _rep.find_insert_slot(key, inserted);
    if (i < 0)
      return end();
    if (inserted) {
      _rep._slots[i].entry.first = key;
      _rep._slots[i].entry.second = _default;
    }
    return iterator(this, i);
  }
  /// The entry for value.first, inserting value if absent; end() when full.
  inline iterator find_insert(const value_type &value) {
    bool inserted;
    int i = _rep.find_insert_slot(value.first, inserted);
    if (i < 0)
      return end();
    if (inserted)
      _rep._slots[i].entry = value;
    return iterator(this, i);
  }

  /// The value for key, or the default value.
  inline value_const_reference get(key_const_reference key) const {
    int i = _rep.find_slot(key);
    return i < 0 ? _default : _rep._slots[i].entry.second;
  }
  inline V *get_pointer(key_const_reference key) {
    int i = _rep.find_slot(key);
    return i < 0 ? 0 : &_rep._slots[i].entry.second;
  }
  inline const V *get_pointer(key_const_reference key) const {
    int i = _rep.find_slot(key);
    return i < 0 ? 0 : &_rep._slots[i].entry.second;
  }
  inline value_const_reference operator[](key_const_reference key) const {
    return get(key);
  }
  /// The value for key, inserted with the default value if absent. When the
  /// bucket is full, a scratch value (reset to the default) is returned.
  inline value_reference operator[](key_const_reference key) {
    iterator it = find_insert(key);
    if (it.live())
      return it->second;
    _scratch = _default;
    return _scratch;
  }

  /// Map key to value (insert or replace); false when the bucket is full.
  inline bool set(key_const_reference key, value_const_reference value) {
    bool inserted;
    int i = _rep.find_insert_slot(key, inserted);
    if (i < 0)
      return false;
    _rep._slots[i].entry.first = key;
    _rep._slots[i].entry.second = value;
    return true;
  }
  /// Map key to value (insert or replace); true only if key was new
  /// (false when it existed, or when the bucket is full and nothing was
  /// stored).
  inline bool insert(key_const_reference key, value_const_reference value) {
    bool inserted;
    int i = _rep.find_insert_slot(key, inserted);
    if (i < 0)
      return false;
    _rep._slots[i].entry.first = key;
    _rep._slots[i].entry.second = value;
    return inserted;
  }
  /// Like set(), returning the entry (end() when full).
  inline iterator set(iterator hint, key_const_reference key,
                      value_const_reference value) {
    (void)hint;
    return set(key, value) ? find(key) : end();
  }
  inline bool replace(key_const_reference key, value_const_reference value) {
    return insert(key, value);
  }

  /// Remove key (marks its slot invalid); returns the number removed.
  inline size_type erase(key_const_reference key) {
    int i = _rep.find_slot(key);
    if (i < 0)
      return 0;
    _rep.erase_slot(i);
    return 1;
  }
  /// Remove the entry at it; returns an iterator to the next live entry.
  inline iterator erase(const iterator &it) {
    if (it._i >= (int)nslots)
      return end();
    _rep.erase_slot(it._i);
    return iterator(this, _rep.next_live(it._i + 1));
  }

  inline void clear() { _rep.clear(); }
  inline void swap(HashTable &x) {
    HashTable tmp(x);
    x = *this;
    *this = tmp;
  }
  /// No-ops: the table never resizes.
  inline void rehash(size_type) {}
  inline void resize(size_type) {}

  // Entry accessors used by the iterators.
  static inline const K &entry_key(const entry_type &e) { return e.first; }
  static inline V &entry_value(entry_type &e) { return e.second; }
  static inline const V &entry_value(const entry_type &e) { return e.second; }

private:
  rep_type _rep;
  V _default;
  V _scratch;

  friend class HashTable_iterator<HashTable>;
  friend class HashTable_const_iterator<HashTable>;
};

/// HashTable<T>: a set of T (Click's single-argument form).
template <typename T, unsigned BUCKETS, unsigned DEPTH>
class HashTable<T, void, BUCKETS, DEPTH> {
public:
  typedef T key_type;
  typedef T value_type;
  typedef T entry_type;
  typedef const T &key_const_reference;
  typedef const T &value_const_reference;
  typedef uint32_t size_type;
  typedef HashContainer<T, T, HashTable_self_key<T>, BUCKETS, DEPTH> rep_type;
  typedef HashTable_iterator<HashTable> iterator;
  typedef HashTable_const_iterator<HashTable> const_iterator;
  enum { nbuckets = BUCKETS, depth = DEPTH, nslots = BUCKETS * DEPTH };

  inline HashTable() {}

  inline size_type size() const { return _rep.size(); }
  inline bool empty() const { return _rep.size() == 0; }
  inline size_type bucket_count() const { return BUCKETS; }
  inline size_type bucket_depth() const { return DEPTH; }
  inline size_type capacity() const { return BUCKETS * DEPTH; }
  inline size_type bucket(key_const_reference key) const {
    return rep_type::bucket(key);
  }

  inline iterator begin() { return iterator(this, _rep.next_live(0)); }
  inline const_iterator begin() const {
    return const_iterator(this, _rep.next_live(0));
  }
  inline iterator end() { return iterator(this, nslots); }
  inline const_iterator end() const { return const_iterator(this, nslots); }

  inline iterator find(key_const_reference key) {
    int i = _rep.find_slot(key);
    return iterator(this, i < 0 ? (int)nslots : i);
  }
  inline const_iterator find(key_const_reference key) const {
    int i = _rep.find_slot(key);
    return const_iterator(this, i < 0 ? (int)nslots : i);
  }
  inline size_type count(key_const_reference key) const {
    return _rep.find_slot(key) >= 0 ? 1 : 0;
  }
  inline T *get_pointer(key_const_reference key) {
    int i = _rep.find_slot(key);
    return i < 0 ? 0 : &_rep._slots[i].entry;
  }
  /// The entry equal to key, inserting it if absent; end() when full.
  inline iterator find_insert(key_const_reference key) {
    bool inserted;
    int i = _rep.find_insert_slot(key, inserted);
    if (i < 0)
      return end();
    if (inserted)
      _rep._slots[i].entry = key;
    return iterator(this, i);
  }
  /// Insert key; true only if it was new (false if present or full).
  inline bool insert(key_const_reference key) {
    bool inserted;
    int i = _rep.find_insert_slot(key, inserted);
    if (i < 0)
      return false;
    if (inserted)
      _rep._slots[i].entry = key;
    return inserted;
  }
  inline size_type erase(key_const_reference key) {
    int i = _rep.find_slot(key);
    if (i < 0)
      return 0;
    _rep.erase_slot(i);
    return 1;
  }
  inline iterator erase(const iterator &it) {
    if (it._i >= (int)nslots)
      return end();
    _rep.erase_slot(it._i);
    return iterator(this, _rep.next_live(it._i + 1));
  }
  inline void clear() { _rep.clear(); }
  inline void swap(HashTable &x) {
    HashTable tmp(x);
    x = *this;
    *this = tmp;
  }
  inline void rehash(size_type) {}
  inline void resize(size_type) {}

  static inline const T &entry_key(const entry_type &e) { return e; }
  static inline T &entry_value(entry_type &e) { return e; }
  static inline const T &entry_value(const entry_type &e) { return e; }

private:
  rep_type _rep;

  friend class HashTable_iterator<HashTable>;
  friend class HashTable_const_iterator<HashTable>;
};

/// Iterator over a HashTable's live entries (slot order).
template <typename C> class HashTable_iterator {
public:
  typedef typename C::entry_type entry_type;
  typedef bool (HashTable_iterator::*unspecified_bool_type)() const;

  inline HashTable_iterator() : _t(0), _i((int)C::nslots) {}
  inline HashTable_iterator(C *t, int i) : _t(t), _i(i) {}

  inline bool live() const { return _i < (int)C::nslots; }
  inline operator unspecified_bool_type() const {
    return live() ? &HashTable_iterator::live : 0;
  }
  inline entry_type *get() const { return &_t->_rep._slots[_i].entry; }
  inline entry_type *operator->() const { return get(); }
  inline entry_type &operator*() const { return *get(); }
  inline const typename C::key_type &key() const {
    return C::entry_key(*get());
  }
  inline auto value() const -> decltype(C::entry_value(*get())) {
    return C::entry_value(*get());
  }
  inline HashTable_iterator &operator++() {
    _i = _t->_rep.next_live(_i + 1);
    return *this;
  }
  inline HashTable_iterator operator++(int) {
    HashTable_iterator old(*this);
    ++*this;
    return old;
  }
  inline bool operator==(const HashTable_iterator &x) const {
    return _i == x._i;
  }
  inline bool operator!=(const HashTable_iterator &x) const {
    return _i != x._i;
  }

  C *_t;
  int _i;
};

template <typename C> class HashTable_const_iterator {
public:
  typedef typename C::entry_type entry_type;
  typedef bool (HashTable_const_iterator::*unspecified_bool_type)() const;

  inline HashTable_const_iterator() : _t(0), _i((int)C::nslots) {}
  inline HashTable_const_iterator(const C *t, int i) : _t(t), _i(i) {}
  inline HashTable_const_iterator(const HashTable_iterator<C> &x)
      : _t(x._t), _i(x._i) {}

  inline bool live() const { return _i < (int)C::nslots; }
  inline operator unspecified_bool_type() const {
    return live() ? &HashTable_const_iterator::live : 0;
  }
  inline const entry_type *get() const { return &_t->_rep._slots[_i].entry; }
  inline const entry_type *operator->() const { return get(); }
  inline const entry_type &operator*() const { return *get(); }
  inline const typename C::key_type &key() const {
    return C::entry_key(*get());
  }
  inline auto value() const -> decltype(C::entry_value(*get())) {
    return C::entry_value(*get());
  }
  inline HashTable_const_iterator &operator++() {
    _i = _t->_rep.next_live(_i + 1);
    return *this;
  }
  inline HashTable_const_iterator operator++(int) {
    HashTable_const_iterator old(*this);
    ++*this;
    return old;
  }
  inline bool operator==(const HashTable_const_iterator &x) const {
    return _i == x._i;
  }
  inline bool operator!=(const HashTable_const_iterator &x) const {
    return _i != x._i;
  }

  const C *_t;
  int _i;
};

CLICK_ENDDECLS

#endif // CLICK_HASHTABLE_HH

// Longest-prefix match in a splay tree of prefixes ordered by
// (first address, length), with an "enclosed-by" link per prefix.
//
// For an address A, let P be the last prefix whose key is <= (A, 63).  If P
// covers A it is the longest match (any other match encloses P).  If not,
// every match encloses P, so the answer is the first prefix on P's chain of
// enclosing prefixes that covers A.  Inserting a prefix N links it to its
// nearest encloser E and re-links the prefixes inside N that pointed at E;
// deleting N hands N's direct insiders back to N's own encloser.

#include <stdint.h>
#include <string.h>

namespace splayfib {

class PrefixSplay {
public:
  static const int kMax = 8192;

  PrefixSplay() { reset(); }

  void reset() {
    root_ = -1;
    free_head_ = 0;
    for (int i = 0; i < kMax; ++i)
      node_[i].right = i + 1 < kMax ? i + 1 : -1;
  }

  bool insert(uint32_t prefix, unsigned len, int value);
  bool erase(uint32_t prefix, unsigned len);
  int match(uint32_t addr);

private:
  struct Node {
    uint64_t key;   // first address << 6 | length
    int value;
    int left, right;
    int encloser;   // nearest strictly enclosing prefix, or -1
  };

  static uint64_t make_key(uint32_t first, unsigned len) {
    return ((uint64_t)first << 6) | len;
  }
  static uint32_t first_of(uint64_t key) { return (uint32_t)(key >> 6); }
  static unsigned len_of(uint64_t key) { return (unsigned)(key & 63); }
  static uint32_t mask_of(unsigned len) {
    return len == 0 ? 0u : 0xFFFFFFFFu << (32 - len);
  }
  bool covers(int n, uint32_t addr) const {
    uint64_t k = node_[n].key;
    return ((addr ^ first_of(k)) & mask_of(len_of(k))) == 0;
  }

  void splay(uint64_t key);
  int last_at_most(uint64_t key);
  int innermost_cover(int from, uint32_t addr) const;
  void relink_inside(int t, uint64_t lo, uint64_t hi, int from, int to);

  Node node_[kMax];
  int root_;
  int free_head_;
};

// Top-down splay: afterwards the root is the node with KEY if present,
// otherwise a neighbour of KEY in key order.
void PrefixSplay::splay(uint64_t key) {
  if (root_ < 0)
    return;
  int left_max = -1, right_min = -1; // tails of the assembled side trees
  int left_root = -1, right_root = -1;
  int t = root_;
  for (;;) {
    if (key < node_[t].key) {
      int c = node_[t].left;
      if (c < 0)
        break;
      if (key < node_[c].key) { // zig-zig: rotate right
        node_[t].left = node_[c].right;
        node_[c].right = t;
        t = c;
        if (node_[t].left < 0)
          break;
      }
      // link t into the right tree
      if (right_min < 0)
        right_root = t;
      else
        node_[right_min].left = t;
      right_min = t;
      t = node_[t].left;
    } else if (key > node_[t].key) {
      int c = node_[t].right;
      if (c < 0)
        break;
      if (key > node_[c].key) { // zig-zig: rotate left
        node_[t].right = node_[c].left;
        node_[c].left = t;
        t = c;
        if (node_[t].right < 0)
          break;
      }
      if (left_max < 0)
        left_root = t;
      else
        node_[left_max].right = t;
      left_max = t;
      t = node_[t].right;
    } else {
      break;
    }
  }
  // reassemble
  if (left_max >= 0) {
    node_[left_max].right = node_[t].left;
    node_[t].left = left_root;
  }
  if (right_min >= 0) {
    node_[right_min].left = node_[t].right;
    node_[t].right = right_root;
  }
  root_ = t;
}

// The node with the largest key <= KEY, or -1.
int PrefixSplay::last_at_most(uint64_t key) {
  if (root_ < 0)
    return -1;
  splay(key);
  if (node_[root_].key <= key)
    return root_;
  int n = node_[root_].left;
  if (n < 0)
    return -1;
  while (node_[n].right >= 0)
    n = node_[n].right;
  return n;
}

int PrefixSplay::innermost_cover(int from, uint32_t addr) const {
  int n = from;
  while (n >= 0 && !covers(n, addr))
    n = node_[n].encloser;
  return n;
}

// In the subtree at T, nodes with key in [LO, HI] whose encloser is FROM get TO.
void PrefixSplay::relink_inside(int t, uint64_t lo, uint64_t hi, int from, int to) {
  while (t >= 0) {
    uint64_t k = node_[t].key;
    if (k < lo) {
      t = node_[t].right;
    } else if (k > hi) {
      t = node_[t].left;
    } else {
      if (node_[t].encloser == from)
        node_[t].encloser = to;
      relink_inside(node_[t].left, lo, hi, from, to);
      t = node_[t].right;
    }
  }
}

bool PrefixSplay::insert(uint32_t prefix, unsigned len, int value) {
  if (len > 32)
    return false;
  prefix &= mask_of(len);
  uint64_t key = make_key(prefix, len);
  splay(key);
  if (root_ >= 0 && node_[root_].key == key) {
    node_[root_].value = value;
    return true;
  }
  if (free_head_ < 0)
    return false;

  int outer = -1;
  if (len > 0)
    outer = innermost_cover(last_at_most(key - 1), prefix);

  int n = free_head_;
  free_head_ = node_[n].right;
  node_[n].key = key;
  node_[n].value = value;
  node_[n].encloser = outer;
  node_[n].left = node_[n].right = -1;

  splay(key);
  if (root_ >= 0) {
    if (key < node_[root_].key) {
      node_[n].left = node_[root_].left;
      node_[n].right = root_;
      node_[root_].left = -1;
    } else {
      node_[n].right = node_[root_].right;
      node_[n].left = root_;
      node_[root_].right = -1;
    }
  }
  root_ = n;

  uint32_t last = prefix | ~mask_of(len);
  relink_inside(node_[n].right, key + 1, make_key(last, 63), outer, n);
  return true;
}

bool PrefixSplay::erase(uint32_t prefix, unsigned len) {
  if (len > 32 || root_ < 0)
    return false;
  prefix &= mask_of(len);
  uint64_t key = make_key(prefix, len);
  splay(key);
  int n = root_;
  if (node_[n].key != key)
    return false;

  uint32_t last = prefix | ~mask_of(len);
  relink_inside(node_[n].right, key + 1, make_key(last, 63), n, node_[n].encloser);

  if (node_[n].left < 0) {
    root_ = node_[n].right;
  } else {
    int right = node_[n].right;
    root_ = node_[n].left;
    splay(key); // key exceeds everything in the left tree: its max rises
    node_[root_].right = right;
  }
  node_[n].right = free_head_;
  free_head_ = n;
  return true;
}

int PrefixSplay::match(uint32_t addr) {
  int n = innermost_cover(last_at_most(make_key(addr, 63)), addr);
  return n < 0 ? -1 : node_[n].value;
}

} // namespace splayfib

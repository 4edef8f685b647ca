// IPv6 longest-prefix match on a z-fast trie (compacted binary trie whose
// nodes are also reachable through a dictionary of "handles").
//
// The trie is path-compressed: every stored prefix is a node, plus the
// branching nodes.  A node with extent e (its bit string) hanging below a
// parent with extent length p covers the lengths (p, |e|]; its handle is
// e cut to the 2-fattest number of that interval (the one with the most
// trailing zero bits).  Handles are kept in an open-addressing table.
//
// A lookup never walks the trie: it binary-searches the length of the
// deepest node whose extent is a prefix of the address ("fat binary search"
// of Belazzougui, Boldi, Pagh and Vigna), probing the handle table with the
// address cut to the fattest length of the remaining interval.  Every node
// carries 'best', the deepest stored prefix on its root path, so the answer
// is read off the node the search ends on.
//
// Insert and erase work top-down on the trie, split or splice edges, re-key
// the handles of the nodes whose interval changed, and refresh 'best' in the
// subtree below a prefix that appeared or vanished.
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

namespace zft {

// ---- bit-string helpers -------------------------------------------------

static void cut_bits(uint64_t hi, uint64_t lo, int n, uint64_t *oh, uint64_t *ol) {
  if (n <= 0) {
    *oh = 0;
    *ol = 0;
  } else if (n < 64) {
    *oh = hi & (~0ull << (64 - n));
    *ol = 0;
  } else if (n == 64) {
    *oh = hi;
    *ol = 0;
  } else {
    *oh = hi;
    *ol = n >= 128 ? lo : lo & (~0ull << (128 - n));
  }
}

static int bit_of(uint64_t hi, uint64_t lo, int i) {
  return i < 64 ? (int)((hi >> (63 - i)) & 1) : (int)((lo >> (127 - i)) & 1);
}

static int shared_bits(uint64_t ah, uint64_t al, uint64_t bh, uint64_t bl) {
  uint64_t d = ah ^ bh;
  int n = 0;
  if (d == 0) {
    d = al ^ bl;
    n = 64;
    if (d == 0)
      return 128;
  }
  while (!(d & 0x8000000000000000ull)) {
    d <<= 1;
    n++;
  }
  return n;
}

// The number in (a, b] with the most trailing zeros (0 <= a < b).
static int fattest_in(int a, int b) {
  unsigned x = (unsigned)(a ^ b);
  int top = 0;
  while (x >> (top + 1))
    top++;
  return b & ~((1 << top) - 1);
}

static uint32_t mix_key(uint64_t hi, uint64_t lo, int len) {
  uint64_t h = hi * 0x9E3779B97F4A7C15ull ^ (lo + 0x632BE59BD9B4E019ull) * 0xC2B2AE3D27D4EB4Full;
  h ^= (uint64_t)len * 0x165667B19E3779F9ull;
  h ^= h >> 29;
  h *= 0xBF58476D1CE4E5B9ull;
  h ^= h >> 32;
  return (uint32_t)h;
}

// ---- the trie -----------------------------------------------------------

class HandleTrie {
public:
  explicit HandleTrie(int max_prefixes);
  ~HandleTrie();
  bool ok() const { return node_ != 0 && slot_ != 0 && work_ != 0; }

  int insert(uint64_t hi, uint64_t lo, int len, uint32_t hop);
  int erase(uint64_t hi, uint64_t lo, int len);
  int64_t lookup(uint64_t hi, uint64_t lo) const;

private:
  struct Node {
    uint64_t hi, lo;   // extent, zero beyond len
    int16_t len;       // extent length
    int16_t hlen;      // handle length (root: none)
    int32_t up;
    int32_t kid[2];
    int32_t best;      // deepest marked node on the root path, -1 if none
    uint32_t hop;
    uint8_t marked;
  };
  struct Slot {
    uint64_t hi, lo;
    int32_t len;
    int32_t node;      // -1: empty
  };

  Node *node_;
  int nnode_, free_;
  Slot *slot_;
  uint32_t smask_;
  int32_t *work_;

  int grab_node();
  void release_node(int n);

  int handle_find(uint64_t hi, uint64_t lo, int len) const;
  void handle_put(int n);
  void handle_drop(int n);
  void rekey(int n);
  void refresh_best(int top);
  void splice_out(int n);
};

HandleTrie::HandleTrie(int max_prefixes) : nnode_(0), free_(-1) {
  int cap = 2 * (max_prefixes > 0 ? max_prefixes : 1) + 2;
  uint32_t ns = 16;
  while (ns < 4u * (uint32_t)cap)
    ns <<= 1;
  node_ = (Node *)calloc((size_t)cap, sizeof(Node));
  slot_ = (Slot *)malloc(ns * sizeof(Slot));
  work_ = (int32_t *)malloc((size_t)cap * sizeof(int32_t));
  smask_ = ns - 1;
  nnode_ = cap;
  if (!ok())
    return;
  for (uint32_t i = 0; i < ns; i++)
    slot_[i].node = -1;
  // node 0 is the root (empty extent); the others start on the free list
  for (int i = cap - 1; i >= 1; i--) {
    node_[i].up = free_;
    free_ = i;
  }
  Node &r = node_[0];
  r.len = 0;
  r.hlen = -1;
  r.up = -1;
  r.kid[0] = r.kid[1] = -1;
  r.best = -1;
}

HandleTrie::~HandleTrie() {
  free(node_);
  free(slot_);
  free(work_);
}

int HandleTrie::grab_node() {
  int n = free_;
  if (n < 0)
    return -1;
  free_ = node_[n].up;
  memset(&node_[n], 0, sizeof(Node));
  node_[n].kid[0] = node_[n].kid[1] = -1;
  node_[n].best = -1;
  node_[n].hlen = -1;
  return n;
}

void HandleTrie::release_node(int n) {
  node_[n].up = free_;
  free_ = n;
}

// ---- handle dictionary --------------------------------------------------

int HandleTrie::handle_find(uint64_t hi, uint64_t lo, int len) const {
  uint32_t i = mix_key(hi, lo, len) & smask_;
  while (slot_[i].node >= 0) {
    const Slot &s = slot_[i];
    if (s.len == len && s.hi == hi && s.lo == lo)
      return s.node;
    i = (i + 1) & smask_;
  }
  return -1;
}

// Enter node n under the handle of its current interval (|up|, |n|].
void HandleTrie::handle_put(int n) {
  Node &x = node_[n];
  int f = fattest_in(node_[x.up].len, x.len);
  uint64_t h, l;
  cut_bits(x.hi, x.lo, f, &h, &l);
  x.hlen = (int16_t)f;
  uint32_t i = mix_key(h, l, f) & smask_;
  while (slot_[i].node >= 0)
    i = (i + 1) & smask_;
  slot_[i].hi = h;
  slot_[i].lo = l;
  slot_[i].len = f;
  slot_[i].node = n;
}

// Remove node n's handle; linear probing with backward shifting.
void HandleTrie::handle_drop(int n) {
  Node &x = node_[n];
  if (x.hlen < 0)
    return;
  uint64_t h, l;
  cut_bits(x.hi, x.lo, x.hlen, &h, &l);
  uint32_t i = mix_key(h, l, x.hlen) & smask_;
  while (slot_[i].node != n) {
    if (slot_[i].node < 0)
      return;
    i = (i + 1) & smask_;
  }
  uint32_t j = i;
  for (;;) {
    j = (j + 1) & smask_;
    if (slot_[j].node < 0)
      break;
    uint32_t home = mix_key(slot_[j].hi, slot_[j].lo, slot_[j].len) & smask_;
    bool stays = i <= j ? (i < home && home <= j) : (i < home || home <= j);
    if (stays)
      continue;
    slot_[i] = slot_[j];
    i = j;
  }
  slot_[i].node = -1;
  x.hlen = -1;
}

void HandleTrie::rekey(int n) {
  handle_drop(n);
  handle_put(n);
}

// Recompute 'best' for top and every node below it (preorder).
void HandleTrie::refresh_best(int top) {
  int sp = 0;
  work_[sp++] = top;
  while (sp > 0) {
    int n = work_[--sp];
    Node &x = node_[n];
    if (x.marked)
      x.best = n;
    else
      x.best = x.up >= 0 ? node_[x.up].best : -1;
    if (x.kid[0] >= 0)
      work_[sp++] = x.kid[0];
    if (x.kid[1] >= 0)
      work_[sp++] = x.kid[1];
  }
}

// Remove an unmarked node with exactly one child; the child takes its place.
void HandleTrie::splice_out(int n) {
  Node &x = node_[n];
  int c = x.kid[0] >= 0 ? x.kid[0] : x.kid[1];
  int p = x.up;
  handle_drop(n);
  node_[p].kid[node_[p].kid[0] == n ? 0 : 1] = c;
  node_[c].up = p;
  release_node(n);
  rekey(c);   // its interval now starts at p's depth
}

// ---- updates ------------------------------------------------------------

// 1: new prefix, 0: next hop replaced, -1: out of nodes or bad length.
int HandleTrie::insert(uint64_t hi, uint64_t lo, int len, uint32_t hop) {
  if (len < 0 || len > 128)
    return -1;
  cut_bits(hi, lo, len, &hi, &lo);
  int n = 0;
  for (;;) {
    Node &cur = node_[n];
    if (cur.len == len) {
      int fresh = !cur.marked;
      cur.marked = 1;
      cur.hop = hop;
      if (fresh)
        refresh_best(n);
      return fresh;
    }
    int d = bit_of(hi, lo, cur.len);
    int c = cur.kid[d];
    if (c < 0) {
      int leaf = grab_node();
      if (leaf < 0)
        return -1;
      Node &l = node_[leaf];
      l.hi = hi;
      l.lo = lo;
      l.len = (int16_t)len;
      l.up = n;
      l.marked = 1;
      l.hop = hop;
      l.best = leaf;
      node_[n].kid[d] = leaf;
      handle_put(leaf);
      return 1;
    }
    int cp = shared_bits(hi, lo, node_[c].hi, node_[c].lo);
    if (cp > len)
      cp = len;
    if (cp >= node_[c].len) {
      n = c;
      continue;
    }
    // the new prefix leaves the edge n -> c at depth cp: split it there
    int need = cp == len ? 1 : 2;
    if (free_ < 0 || (need == 2 && node_[free_].up < 0))
      return -1;
    int m = grab_node();
    Node &mid = node_[m];
    cut_bits(hi, lo, cp, &mid.hi, &mid.lo);
    mid.len = (int16_t)cp;
    mid.up = n;
    node_[n].kid[d] = m;
    mid.kid[bit_of(node_[c].hi, node_[c].lo, cp)] = c;
    handle_drop(c);
    node_[c].up = m;
    handle_put(m);
    handle_put(c);
    if (cp == len) {
      mid.marked = 1;
      mid.hop = hop;
      refresh_best(m);
    } else {
      mid.best = node_[n].best;
      int leaf = grab_node();
      Node &l = node_[leaf];
      l.hi = hi;
      l.lo = lo;
      l.len = (int16_t)len;
      l.up = m;
      l.marked = 1;
      l.hop = hop;
      l.best = leaf;
      node_[m].kid[bit_of(hi, lo, cp)] = leaf;
      handle_put(leaf);
    }
    return 1;
  }
}

// 1: removed, 0: not present.
int HandleTrie::erase(uint64_t hi, uint64_t lo, int len) {
  if (len < 0 || len > 128)
    return 0;
  cut_bits(hi, lo, len, &hi, &lo);
  int n = 0;
  while (node_[n].len < len) {
    int c = node_[n].kid[bit_of(hi, lo, node_[n].len)];
    if (c < 0 || node_[c].len > len)
      return 0;
    uint64_t h, l;
    cut_bits(hi, lo, node_[c].len, &h, &l);
    if (h != node_[c].hi || l != node_[c].lo)
      return 0;
    n = c;
  }
  Node &x = node_[n];
  if (x.len != len || !x.marked)
    return 0;
  x.marked = 0;
  if (n == 0) {
    refresh_best(0);
    return 1;
  }
  int nk = (x.kid[0] >= 0) + (x.kid[1] >= 0);
  if (nk == 2) {
    refresh_best(n);
  } else if (nk == 1) {
    int c = x.kid[0] >= 0 ? x.kid[0] : x.kid[1];
    splice_out(n);
    refresh_best(c);
  } else {
    int p = x.up;
    handle_drop(n);
    node_[p].kid[node_[p].kid[0] == n ? 0 : 1] = -1;
    release_node(n);
    // a routeless branching node left with one child is no longer needed
    if (p != 0 && !node_[p].marked)
      splice_out(p);
  }
  return 1;
}

// ---- lookup -------------------------------------------------------------

int64_t HandleTrie::lookup(uint64_t hi, uint64_t lo) const {
  int a = 0, b = 128, cur = 0;
  while (a < b) {
    int f = fattest_in(a, b);
    uint64_t h, l;
    cut_bits(hi, lo, f, &h, &l);
    int g = handle_find(h, l, f);
    if (g < 0) {
      b = f - 1;
      continue;
    }
    const Node &x = node_[g];
    cut_bits(hi, lo, x.len, &h, &l);
    if (h == x.hi && l == x.lo) {
      a = x.len;
      cur = g;
    } else {
      cur = x.up;   // the address leaves the trie inside g's edge
      break;
    }
  }
  int w = node_[cur].best;
  return w >= 0 ? (int64_t)node_[w].hop : -1;
}

} // namespace zft

// C-callable surface
extern "C" {
void *zft6_create(int max_prefixes) {
  zft::HandleTrie *t = new zft::HandleTrie(max_prefixes);
  if (!t->ok()) {
    delete t;
    return 0;
  }
  return t;
}
void zft6_destroy(void *t) { delete (zft::HandleTrie *)t; }
int zft6_insert(void *t, uint64_t hi, uint64_t lo, int len, uint32_t hop) {
  return ((zft::HandleTrie *)t)->insert(hi, lo, len, hop);
}
int zft6_erase(void *t, uint64_t hi, uint64_t lo, int len) {
  return ((zft::HandleTrie *)t)->erase(hi, lo, len);
}
int64_t zft6_lookup(void *t, uint64_t hi, uint64_t lo) {
  return ((zft::HandleTrie *)t)->lookup(hi, lo);
}
}

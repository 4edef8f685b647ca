// Link-state shortest-path-first computation with equal-cost multipath, as a
// routing daemon runs it over its link-state database after a topology
// change: Dijkstra from the computing router over a directed graph with
// positive integer link costs, keeping for every node its distance and the
// SET of first-hop neighbours that lie on some shortest path (ECMP).
//
// The graph is held in compressed-sparse-row form; the tentative list is an
// indexed 4-ary min-heap keyed by (distance, node id) with decrease-key.
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

namespace spf {

static const uint32_t kInfinity = 0xFFFFFFFFu;

struct Link {
  uint32_t from;
  uint32_t to;
  uint32_t cost; // >= 1, OSPF-style interface cost
};

class LinkStateDb {
public:
  LinkStateDb() : n_(0), m_(0), row_(nullptr), dst_(nullptr), cost_(nullptr) {}
  ~LinkStateDb() { release(); }
  LinkStateDb(const LinkStateDb &) = delete;
  LinkStateDb &operator=(const LinkStateDb &) = delete;

  // Build the adjacency arrays from an unordered link list (counting sort by
  // source).  Returns false on a bad node id, zero cost or out of memory.
  bool build(uint32_t nodes, const Link *links, uint32_t nlinks);

  uint32_t nodes() const { return n_; }
  uint32_t edge_begin(uint32_t v) const { return row_[v]; }
  uint32_t edge_end(uint32_t v) const { return row_[v + 1]; }
  uint32_t edge_dst(uint32_t e) const { return dst_[e]; }
  uint32_t edge_cost(uint32_t e) const { return cost_[e]; }

private:
  void release() {
    free(row_);
    free(dst_);
    free(cost_);
    row_ = dst_ = cost_ = nullptr;
    n_ = m_ = 0;
  }
  uint32_t n_, m_;
  uint32_t *row_;
  uint32_t *dst_;
  uint32_t *cost_;
};

bool LinkStateDb::build(uint32_t nodes, const Link *links, uint32_t nlinks) {
  release();
  row_ = static_cast<uint32_t *>(calloc(nodes + 1, sizeof(uint32_t)));
  dst_ = static_cast<uint32_t *>(malloc((nlinks ? nlinks : 1) * sizeof(uint32_t)));
  cost_ = static_cast<uint32_t *>(malloc((nlinks ? nlinks : 1) * sizeof(uint32_t)));
  if (!row_ || !dst_ || !cost_) {
    release();
    return false;
  }
  for (uint32_t i = 0; i < nlinks; i++) {
    if (links[i].from >= nodes || links[i].to >= nodes || links[i].cost == 0) {
      release();
      return false;
    }
    row_[links[i].from + 1]++;
  }
  for (uint32_t v = 0; v < nodes; v++)
    row_[v + 1] += row_[v];
  uint32_t *fill = static_cast<uint32_t *>(malloc((nodes + 1) * sizeof(uint32_t)));
  if (!fill) {
    release();
    return false;
  }
  memcpy(fill, row_, (nodes + 1) * sizeof(uint32_t));
  for (uint32_t i = 0; i < nlinks; i++) {
    uint32_t slot = fill[links[i].from]++;
    dst_[slot] = links[i].to;
    cost_[slot] = links[i].cost;
  }
  free(fill);
  n_ = nodes;
  m_ = nlinks;
  return true;
}

// Indexed 4-ary heap over node ids; pos_[v] is v's slot or kAbsent.
class CandidateList {
public:
  static const uint32_t kAbsent = 0xFFFFFFFFu;

  explicit CandidateList(uint32_t n)
      : size_(0), heap_(static_cast<uint32_t *>(malloc((n ? n : 1) * sizeof(uint32_t)))),
        pos_(static_cast<uint32_t *>(malloc((n ? n : 1) * sizeof(uint32_t)))) {
    for (uint32_t i = 0; i < n; i++)
      pos_[i] = kAbsent;
  }
  ~CandidateList() {
    free(heap_);
    free(pos_);
  }
  CandidateList(const CandidateList &) = delete;
  CandidateList &operator=(const CandidateList &) = delete;

  bool ok() const { return heap_ && pos_; }
  bool empty() const { return size_ == 0; }

  // Insert v, or move it up after its key dropped.
  void push_or_decrease(uint32_t v, const uint32_t *key) {
    uint32_t i = pos_[v];
    if (i == kAbsent) {
      i = size_++;
      heap_[i] = v;
      pos_[v] = i;
    }
    sift_up(i, key);
  }

  uint32_t pop_min(const uint32_t *key) {
    uint32_t top = heap_[0];
    pos_[top] = kAbsent;
    size_--;
    if (size_ > 0) {
      heap_[0] = heap_[size_];
      pos_[heap_[0]] = 0;
      sift_down(0, key);
    }
    return top;
  }

private:
  static bool before(uint32_t a, uint32_t b, const uint32_t *key) {
    return key[a] < key[b] || (key[a] == key[b] && a < b);
  }
  void place(uint32_t i, uint32_t v) {
    heap_[i] = v;
    pos_[v] = i;
  }
  void sift_up(uint32_t i, const uint32_t *key) {
    uint32_t v = heap_[i];
    while (i > 0) {
      uint32_t parent = (i - 1) >> 2;
      if (!before(v, heap_[parent], key))
        break;
      place(i, heap_[parent]);
      i = parent;
    }
    place(i, v);
  }
  void sift_down(uint32_t i, const uint32_t *key) {
    uint32_t v = heap_[i];
    for (;;) {
      uint32_t c = (i << 2) + 1;
      if (c >= size_)
        break;
      uint32_t best = c;
      uint32_t last = c + 4 < size_ ? c + 4 : size_;
      for (uint32_t k = c + 1; k < last; k++)
        if (before(heap_[k], heap_[best], key))
          best = k;
      if (!before(heap_[best], v, key))
        break;
      place(i, heap_[best]);
      i = best;
    }
    place(i, v);
  }

  uint32_t size_;
  uint32_t *heap_;
  uint32_t *pos_;
};

// Result of one SPF run.  nexthops[v] has bit j set when the root's
// neighbour with node id j (j < 64) is the first hop of a shortest path.
struct SpfResult {
  uint32_t *dist;
  uint64_t *nexthops;
  uint32_t *order; // nodes in the order they became permanent
  uint32_t reached;
};

static uint32_t sat_add(uint32_t a, uint32_t b) {
  uint64_t s = static_cast<uint64_t>(a) + b;
  return s >= kInfinity ? kInfinity - 1 : static_cast<uint32_t>(s);
}

// Run SPF from root; the arrays in out must hold db.nodes() entries.
// First hops are only tracked for neighbour ids below 64.
bool run_spf(const LinkStateDb &db, uint32_t root, SpfResult *out) {
  uint32_t n = db.nodes();
  if (root >= n)
    return false;
  CandidateList cand(n);
  if (!cand.ok())
    return false;
  uint8_t *done = static_cast<uint8_t *>(calloc(n, 1));
  if (!done)
    return false;

  for (uint32_t v = 0; v < n; v++) {
    out->dist[v] = kInfinity;
    out->nexthops[v] = 0;
  }
  out->reached = 0;
  out->dist[root] = 0;
  cand.push_or_decrease(root, out->dist);

  while (!cand.empty()) {
    uint32_t u = cand.pop_min(out->dist);
    done[u] = 1;
    out->order[out->reached++] = u;
    for (uint32_t e = db.edge_begin(u); e < db.edge_end(u); e++) {
      uint32_t v = db.edge_dst(e);
      if (done[v])
        continue;
      uint32_t nd = sat_add(out->dist[u], db.edge_cost(e));
      // Paths leaving the root directly carry the neighbour itself as hop.
      uint64_t via = (u == root) ? (v < 64 ? (uint64_t)1 << v : 0) : out->nexthops[u];
      if (nd < out->dist[v]) {
        out->dist[v] = nd;
        out->nexthops[v] = via;
        cand.push_or_decrease(v, out->dist);
      } else if (nd == out->dist[v]) {
        out->nexthops[v] |= via; // equal-cost: merge first-hop sets
      }
    }
  }
  free(done);
  return true;
}

} // namespace spf

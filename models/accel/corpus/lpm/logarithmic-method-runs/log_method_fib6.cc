// IPv6 longest-prefix match by the Bentley-Saxe logarithmic method.
//
// LPM is a decomposable query: the best prefix over a union of route sets is
// the longer of the best prefixes of the parts. So the route set is kept as a
// handful of static "runs", run k holding at most 2^k prefixes. A run is an
// elementary-interval table: the sorted cut points (every prefix's first
// address and one past its last) and, for each segment between cuts, the
// innermost prefix covering it, found by a sweep with a nesting stack.
// Insertion works like incrementing a binary counter: the new prefix and
// every occupied run from level 0 upward are merged until a free level is
// found, and that level is rebuilt. Deletion rebuilds the run that held the
// prefix. A lookup binary-searches each occupied run and keeps the longest.
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

namespace logfib {

struct V6 {
  uint64_t hi, lo;
};

// generic 128-bit helpers
static inline bool v6_less(const V6 &a, const V6 &b) {
  return a.hi < b.hi || (a.hi == b.hi && a.lo < b.lo);
}
static inline bool v6_same(const V6 &a, const V6 &b) {
  return a.hi == b.hi && a.lo == b.lo;
}
static uint64_t load_be64(const uint8_t *p) {
  uint64_t v = 0;
  for (int i = 0; i < 8; i++)
    v = (v << 8) | p[i];
  return v;
}

struct Route6 {
  V6 first, last;
  int plen;
  int hop;
};

// Orders routes by first address, then outer before inner.
static inline bool route_before(const Route6 &a, const Route6 &b) {
  if (!v6_same(a.first, b.first))
    return v6_less(a.first, b.first);
  return a.plen < b.plen;
}

// generic bottom-up merge sort of 128-bit keys
static void sort_keys(V6 *k, int n, V6 *tmp) {
  for (int w = 1; w < n; w *= 2) {
    for (int s = 0; s < n; s += 2 * w) {
      int m = s + w < n ? s + w : n, e = s + 2 * w < n ? s + 2 * w : n;
      int i = s, j = m, o = s;
      while (i < m && j < e)
        tmp[o++] = v6_less(k[j], k[i]) ? k[j++] : k[i++];
      while (i < m)
        tmp[o++] = k[i++];
      while (j < e)
        tmp[o++] = k[j++];
    }
    memcpy(k, tmp, sizeof(V6) * (size_t)n);
  }
}

class Run {
public:
  Route6 *r = nullptr; // sorted by route_before
  int n = 0;
  V6 *cut = nullptr;
  int *owner = nullptr; // per segment: index into r, or -1
  int ncut = 0;

  void drop();

  // Builds the segment table from r[0..n).
  bool build();

  // Index of the innermost prefix of this run covering A, or -1.
  int stab(const V6 &a) const;

  int locate(const Route6 &p) const;
};

class LogMethodFib6 {
public:
  enum { LEVELS = 32 };

  LogMethodFib6() {}
  ~LogMethodFib6();

  static Route6 make_route(const uint8_t addr[16], int plen, int hop);

  int insert(const uint8_t addr[16], int plen, int hop);

  int remove(const uint8_t addr[16], int plen);

  // Longest-prefix match: next hop, or -1.
  int lookup(const uint8_t addr[16]) const;

  int size() const;

private:
  Run runs_[LEVELS];
};

void Run::drop() {
  free(r);
  free(cut);
  free(owner);
  r = nullptr;
  cut = nullptr;
  owner = nullptr;
  n = ncut = 0;
}

bool Run::build() {
  free(cut);
  free(owner);
  cut = (V6 *)malloc(sizeof(V6) * (size_t)(2 * n + 1));
  owner = (int *)malloc(sizeof(int) * (size_t)(2 * n + 1));
  V6 *tmp = (V6 *)malloc(sizeof(V6) * (size_t)(2 * n + 1));
  if (!cut || !owner || !tmp) {
    free(tmp);
    return false;
  }
  int m = 0;
  for (int i = 0; i < n; i++) {
    cut[m++] = r[i].first;
    V6 nx = r[i].last;
    if (++nx.lo == 0 && ++nx.hi == 0)
      continue; // the prefix runs to the top of the space
    cut[m++] = nx;
  }
  sort_keys(cut, m, tmp);
  free(tmp);
  int u = 0;
  for (int i = 0; i < m; i++)
    if (u == 0 || !v6_same(cut[u - 1], cut[i]))
      cut[u++] = cut[i];
  ncut = u;
  // sweep: the stack holds the prefixes covering the current cut, outer first
  int stack[130], sp = 0, next = 0;
  for (int c = 0; c < ncut; c++) {
    while (sp > 0 && v6_less(r[stack[sp - 1]].last, cut[c]))
      sp--;
    while (next < n && v6_same(r[next].first, cut[c]))
      stack[sp++] = next++;
    owner[c] = sp > 0 ? stack[sp - 1] : -1;
  }
  return true;
}

int Run::stab(const V6 &a) const {
  int lo = 0, hi = ncut; // first cut > a
  while (lo < hi) {
    int mid = (lo + hi) >> 1;
    if (v6_less(a, cut[mid]))
      hi = mid;
    else
      lo = mid + 1;
  }
  return lo == 0 ? -1 : owner[lo - 1];
}

int Run::locate(const Route6 &p) const {
  int lo = 0, hi = n - 1;
  while (lo <= hi) {
    int mid = (lo + hi) >> 1;
    if (v6_same(r[mid].first, p.first) && r[mid].plen == p.plen)
      return mid;
    if (route_before(r[mid], p))
      lo = mid + 1;
    else
      hi = mid - 1;
  }
  return -1;
}

LogMethodFib6::~LogMethodFib6() {
  for (int k = 0; k < LEVELS; k++)
    runs_[k].drop();
}

Route6 LogMethodFib6::make_route(const uint8_t addr[16], int plen, int hop) {
  Route6 p;
  uint64_t mh = plen >= 64 ? ~0ull : (plen == 0 ? 0 : ~0ull << (64 - plen));
  uint64_t ml = plen <= 64 ? 0 : (plen == 128 ? ~0ull : ~0ull << (128 - plen));
  p.first.hi = load_be64(addr) & mh;
  p.first.lo = load_be64(addr + 8) & ml;
  p.last.hi = p.first.hi | ~mh;
  p.last.lo = p.first.lo | ~ml;
  p.plen = plen;
  p.hop = hop;
  return p;
}

int LogMethodFib6::insert(const uint8_t addr[16], int plen, int hop) {
  if (plen < 0 || plen > 128)
    return -1;
  Route6 p = make_route(addr, plen, hop);
  for (int k = 0; k < LEVELS; k++) {
    int at = runs_[k].n ? runs_[k].locate(p) : -1;
    if (at >= 0) {
      runs_[k].r[at].hop = hop;
      return 0;
    }
  }
  // carry the new prefix up through the occupied levels
  Route6 *carry = (Route6 *)malloc(sizeof(Route6));
  if (!carry)
    return -1;
  carry[0] = p;
  int nc = 1, k = 0;
  while (k < LEVELS && runs_[k].n > 0) {
    Run &run = runs_[k];
    Route6 *m = (Route6 *)malloc(sizeof(Route6) * (size_t)(nc + run.n));
    if (!m) {
      free(carry);
      return -1;
    }
    int i = 0, j = 0, o = 0;
    while (i < nc && j < run.n)
      m[o++] = route_before(run.r[j], carry[i]) ? run.r[j++] : carry[i++];
    while (i < nc)
      m[o++] = carry[i++];
    while (j < run.n)
      m[o++] = run.r[j++];
    free(carry);
    carry = m;
    nc = o;
    run.drop();
    k++;
  }
  if (k == LEVELS) {
    free(carry);
    return -1;
  }
  runs_[k].r = carry;
  runs_[k].n = nc;
  return runs_[k].build() ? 0 : -1;
}

int LogMethodFib6::remove(const uint8_t addr[16], int plen) {
  if (plen < 0 || plen > 128)
    return -1;
  Route6 p = make_route(addr, plen, 0);
  for (int k = 0; k < LEVELS; k++) {
    Run &run = runs_[k];
    int at = run.n ? run.locate(p) : -1;
    if (at < 0)
      continue;
    memmove(&run.r[at], &run.r[at + 1],
            sizeof(Route6) * (size_t)(run.n - at - 1));
    run.n--;
    if (run.n == 0) {
      run.drop();
      return 0;
    }
    return run.build() ? 0 : -1;
  }
  return -1;
}

int LogMethodFib6::lookup(const uint8_t addr[16]) const {
  V6 a;
  a.hi = load_be64(addr);
  a.lo = load_be64(addr + 8);
  int best_len = -1, best_hop = -1;
  for (int k = 0; k < LEVELS; k++) {
    const Run &run = runs_[k];
    if (run.n == 0)
      continue;
    int i = run.stab(a);
    if (i >= 0 && run.r[i].plen > best_len) {
      best_len = run.r[i].plen;
      best_hop = run.r[i].hop;
    }
  }
  return best_hop;
}

int LogMethodFib6::size() const {
  int s = 0;
  for (int k = 0; k < LEVELS; k++)
    s += runs_[k].n;
  return s;
}

} // namespace logfib

// Multicolumn binary search for IPv6 longest-prefix match
// (Lampson, Srinivasan & Varghese's "multicolumn search"): the 128-bit
// address is cut into four 32-bit columns.  In one column, the prefixes that
// end within that column become ranges of the column word; they are cut into
// elementary intervals, each carrying the best next hop (inheriting the
// default handed down from the previous column).  Prefixes that reach past
// the column are grouped by their exact word there; each such word owns a
// sub-table for the next column, whose default is the best hop the current
// column gives that word.  A lookup is one interval search and one exact
// search per column, descending while an exact word matches.
//
// The table is static: insert/erase edit the prefix set and rebuild.
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

namespace mcs6 {

struct Prefix {
  uint32_t w[4];
  int len;
  int hop;
};

struct Column {
  // Elementary intervals: interval i is [start[i], start[i+1]) with hop[i].
  uint32_t *start;
  int *hop;
  int nint;
  // Words continued in the next column, ascending, with their sub-tables.
  uint32_t *word;
  Column **next;
  int nnext;
};

class Table {
public:
  Table() : _pfx(0), _n(0), _cap(0), _root(0) { rebuild(); }
  ~Table() {
    release(_root);
    free(_pfx);
  }
  bool insert(const uint32_t addr[4], int len, int hop);
  bool erase(const uint32_t addr[4], int len);
  int lookup(const uint32_t addr[4]) const;

private:
  Prefix *_pfx;
  int _n, _cap;
  Column *_root;

  static uint32_t head_mask(int bits) {
    return bits <= 0 ? 0u : bits >= 32 ? 0xFFFFFFFFu : 0xFFFFFFFFu << (32 - bits);
  }
  static void canon(uint32_t w[4], int len);
  int find(const uint32_t w[4], int len) const;
  void rebuild();
  Column *build(int col, const int *ids, int nids, int dflt);
  static int interval_hop(const Column *c, uint32_t x);
  static void release(Column *c);
};

// Clears the bits of W beyond LEN.
void Table::canon(uint32_t w[4], int len) {
  for (int k = 0; k < 4; k++)
    w[k] &= head_mask(len - 32 * k);
}

int Table::find(const uint32_t w[4], int len) const {
  for (int i = 0; i < _n; i++)
    if (_pfx[i].len == len && memcmp(_pfx[i].w, w, sizeof _pfx[i].w) == 0)
      return i;
  return -1;
}

bool Table::insert(const uint32_t addr[4], int len, int hop) {
  if (len < 0 || len > 128)
    return false;
  uint32_t w[4] = {addr[0], addr[1], addr[2], addr[3]};
  canon(w, len);
  int i = find(w, len);
  if (i < 0) {
    if (_n == _cap) {
      int nc = _cap ? 2 * _cap : 16;
      Prefix *np = (Prefix *)realloc(_pfx, nc * sizeof(Prefix));
      if (!np)
        return false;
      _pfx = np;
      _cap = nc;
    }
    i = _n++;
    memcpy(_pfx[i].w, w, sizeof w);
    _pfx[i].len = len;
  }
  _pfx[i].hop = hop;
  rebuild();
  return true;
}

bool Table::erase(const uint32_t addr[4], int len) {
  if (len < 0 || len > 128)
    return false;
  uint32_t w[4] = {addr[0], addr[1], addr[2], addr[3]};
  canon(w, len);
  int i = find(w, len);
  if (i < 0)
    return false;
  _pfx[i] = _pfx[--_n];
  rebuild();
  return true;
}

// Hop of the elementary interval of C containing X (binary search for the
// last interval start <= X; start[0] is always 0).
int Table::interval_hop(const Column *c, uint32_t x) {
  int lo = 0, hi = c->nint - 1;
  while (lo < hi) {
    int mid = (lo + hi + 1) >> 1;
    if (c->start[mid] <= x)
      lo = mid;
    else
      hi = mid - 1;
  }
  return c->hop[lo];
}

static int cmp_u32(const void *a, const void *b) {
  uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
  return x < y ? -1 : x > y;
}

// Builds the column COL table for the prefixes IDS (all equal on columns
// before COL), DFLT being the best hop inherited for the whole column.
Column *Table::build(int col, const int *ids, int nids, int dflt) {
  Column *c = new Column();
  // 1. Boundaries of the ranges of prefixes ending in this column.
  uint32_t *cut = (uint32_t *)malloc((2 * nids + 1) * sizeof(uint32_t));
  int ncut = 0;
  cut[ncut++] = 0;
  int nlong = 0;
  for (int k = 0; k < nids; k++) {
    const Prefix &p = _pfx[ids[k]];
    int bits = p.len - 32 * col;
    if (bits > 32) {
      nlong++;
      continue;
    }
    uint32_t lo = p.w[col] & head_mask(bits);
    uint32_t hi = lo | ~head_mask(bits);
    cut[ncut++] = lo;
    if (hi != 0xFFFFFFFFu)
      cut[ncut++] = hi + 1;
  }
  qsort(cut, ncut, sizeof(uint32_t), cmp_u32);
  int m = 0;
  for (int k = 0; k < ncut; k++)
    if (m == 0 || cut[k] != cut[m - 1])
      cut[m++] = cut[k];
  // 2. Best hop of every elementary interval, then merge equal neighbours.
  c->start = (uint32_t *)malloc(m * sizeof(uint32_t));
  c->hop = (int *)malloc(m * sizeof(int));
  c->nint = 0;
  for (int e = 0; e < m; e++) {
    int best = dflt, bestlen = -1;
    for (int k = 0; k < nids; k++) {
      const Prefix &p = _pfx[ids[k]];
      int bits = p.len - 32 * col;
      if (bits > 32 || bits <= bestlen)
        continue;
      if (((cut[e] ^ p.w[col]) & head_mask(bits)) == 0) {
        best = p.hop;
        bestlen = bits;
      }
    }
    if (c->nint > 0 && c->hop[c->nint - 1] == best)
      continue;
    c->start[c->nint] = cut[e];
    c->hop[c->nint] = best;
    c->nint++;
  }
  free(cut);
  // 3. Longer prefixes, grouped by their word in this column.
  c->word = (uint32_t *)malloc((nlong + 1) * sizeof(uint32_t));
  c->next = (Column **)malloc((nlong + 1) * sizeof(Column *));
  c->nnext = 0;
  if (nlong > 0) {
    int *grp = (int *)malloc(nlong * sizeof(int));
    uint32_t *words = (uint32_t *)malloc(nlong * sizeof(uint32_t));
    int nw = 0;
    for (int k = 0; k < nids; k++)
      if (_pfx[ids[k]].len - 32 * col > 32)
        words[nw++] = _pfx[ids[k]].w[col];
    qsort(words, nw, sizeof(uint32_t), cmp_u32);
    for (int a = 0; a < nw; a++) {
      if (a > 0 && words[a] == words[a - 1])
        continue;
      int ng = 0;
      for (int k = 0; k < nids; k++) {
        const Prefix &p = _pfx[ids[k]];
        if (p.len - 32 * col > 32 && p.w[col] == words[a])
          grp[ng++] = ids[k];
      }
      c->word[c->nnext] = words[a];
      c->next[c->nnext] = build(col + 1, grp, ng, interval_hop(c, words[a]));
      c->nnext++;
    }
    free(words);
    free(grp);
  }
  return c;
}

void Table::release(Column *c) {
  if (!c)
    return;
  for (int k = 0; k < c->nnext; k++)
    release(c->next[k]);
  free(c->start);
  free(c->hop);
  free(c->word);
  free(c->next);
  delete c;
}

void Table::rebuild() {
  release(_root);
  int *all = (int *)malloc((_n + 1) * sizeof(int));
  for (int i = 0; i < _n; i++)
    all[i] = i;
  _root = build(0, all, _n, -1);
  free(all);
}

// Longest-prefix match of the address given as four host-order words.
int Table::lookup(const uint32_t addr[4]) const {
  const Column *c = _root;
  for (int col = 0;; col++) {
    uint32_t x = addr[col];
    int hop = interval_hop(c, x);
    int lo = 0, hi = c->nnext;
    while (lo < hi) {
      int mid = (lo + hi) >> 1;
      if (c->word[mid] < x)
        lo = mid + 1;
      else
        hi = mid;
    }
    if (lo == c->nnext || c->word[lo] != x || col == 3)
      return hop;
    c = c->next[lo];
  }
}

} // namespace mcs6

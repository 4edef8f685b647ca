// PSTRouteLookup: destination-address route lookup on a priority search tree.
//
// A prefix is the address interval [lo, hi].  Route intervals are nested or
// disjoint, so among the routes containing an address d the most specific one
// is the one with the greatest lo (ties on lo: the longer length).  Finding it
// is a three-sided query: maximise key = (lo, len) subject to lo <= d and
// hi >= d.  A priority search tree answers that: every node holds the route
// with the largest hi among its subtree (a max-heap on hi), and the remaining
// routes are split between two subtrees by the median key (a search tree on
// key).  Subtrees whose heap top ends before d are skipped whole, and the
// right (larger-key) side is tried first so the left side is only entered
// when the right one yields nothing.
//
// Routes are kept in a key-sorted array; every add/remove rebuilds the tree
// from it (McCreight's static construction), which is O(n log n).
//
// Configuration: PSTRouteLookup(ADDR/LEN PORT, ADDR/LEN PORT, ...)
#include <click/config.h>
#include <click/confparse.hh>
#include <click/element.hh>
#include <click/error.hh>
#include <click/ipaddress.hh>
#include <click/packet.hh>
#include <clicknet/ip.h>

class PSTRouteLookup : public Element {
public:
  PSTRouteLookup();

  const char *class_name() const override { return "PSTRouteLookup"; }
  const char *port_count() const override { return "1/-"; }
  const char *processing() const override { return PUSH; }

  int configure(Vector<String> &conf, ErrorHandler *errh) override;
  void push(int port, Packet *p) override;

  int add_route(uint32_t addr, int len, int out);
  int remove_route(uint32_t addr, int len);
  int lookup(uint32_t addr) const;

private:
  enum { CAP = 1024 };

  struct Interval {
    uint32_t lo, hi;
    uint8_t len;
    int16_t out;
  };
  struct TreeNode {
    uint64_t split;   // smallest key in the right subtree
    int16_t route;    // index into _iv
    int16_t left, right;
  };

  static uint64_t key_of(const Interval &r) {
    return ((uint64_t)r.lo << 6) | r.len;
  }
  int position(uint64_t key) const;
  void rebuild();
  int grow(int a, int b);
  int descend(int node, uint32_t d) const;

  Interval _iv[CAP];      // sorted by key
  int _n;
  int16_t _work[CAP];     // construction scratch
  TreeNode _tree[CAP];
  int _ntree;
  int _root;
  uint64_t _hits, _misses;
};

PSTRouteLookup::PSTRouteLookup()
    : _n(0), _ntree(0), _root(-1), _hits(0), _misses(0) {}

// First index whose key is >= key.
int PSTRouteLookup::position(uint64_t key) const {
  int lo = 0, hi = _n;
  while (lo < hi) {
    int m = (lo + hi) >> 1;
    if (key_of(_iv[m]) < key)
      lo = m + 1;
    else
      hi = m;
  }
  return lo;
}

// Builds the subtree for the routes listed in _work[a..b), which are in key
// order.  The entry with the largest hi becomes the node; the others are
// closed up and split in two halves by key.
int PSTRouteLookup::grow(int a, int b) {
  if (a >= b)
    return -1;
  int top = a;
  for (int i = a + 1; i < b; i++)
    if (_iv[_work[i]].hi > _iv[_work[top]].hi)
      top = i;
  int16_t chosen = _work[top];
  for (int i = top; i > a; i--)
    _work[i] = _work[i - 1];
  a++;
  int me = _ntree++;
  TreeNode &t = _tree[me];
  t.route = chosen;
  int mid = a + (b - a) / 2;
  t.split = mid < b ? key_of(_iv[_work[mid]]) : ~(uint64_t)0;
  int l = grow(a, mid);
  int r = grow(mid, b);
  _tree[me].left = (int16_t)l;
  _tree[me].right = (int16_t)r;
  return me;
}

void PSTRouteLookup::rebuild() {
  for (int i = 0; i < _n; i++)
    _work[i] = (int16_t)i;
  _ntree = 0;
  _root = grow(0, _n);
}

int PSTRouteLookup::add_route(uint32_t addr, int len, int out) {
  if (len < 0 || len > 32)
    return -1;
  uint32_t host = len == 32 ? 0 : (0xFFFFFFFFu >> len);
  Interval r;
  r.lo = addr & ~host;
  r.hi = r.lo | host;
  r.len = (uint8_t)len;
  r.out = (int16_t)out;
  int at = position(key_of(r));
  if (at < _n && key_of(_iv[at]) == key_of(r)) {
    _iv[at].out = r.out;
    return 0;
  }
  if (_n == CAP)
    return -1;
  for (int i = _n; i > at; i--)
    _iv[i] = _iv[i - 1];
  _iv[at] = r;
  _n++;
  rebuild();
  return 1;
}

int PSTRouteLookup::remove_route(uint32_t addr, int len) {
  if (len < 0 || len > 32)
    return 0;
  uint32_t lo = len == 0 ? 0 : addr & (0xFFFFFFFFu << (32 - len));
  uint64_t k = ((uint64_t)lo << 6) | (uint64_t)len;
  int at = position(k);
  if (at >= _n || key_of(_iv[at]) != k)
    return 0;
  for (int i = at; i + 1 < _n; i++)
    _iv[i] = _iv[i + 1];
  _n--;
  rebuild();
  return 1;
}

// Best (largest-key) route in the subtree of NODE with lo <= d <= hi.
int PSTRouteLookup::descend(int node, uint32_t d) const {
  if (node < 0)
    return -1;
  const TreeNode &t = _tree[node];
  const Interval &own = _iv[t.route];
  if (own.hi < d)
    return -1; // nothing below ends at or after d
  int best = own.lo <= d ? t.route : -1;
  int found = -1;
  if (t.right >= 0 && (uint32_t)(t.split >> 6) <= d)
    found = descend(t.right, d);
  if (found < 0)
    found = descend(t.left, d);
  if (found >= 0 && (best < 0 || key_of(_iv[found]) > key_of(_iv[best])))
    best = found;
  return best;
}

int PSTRouteLookup::lookup(uint32_t addr) const {
  int r = descend(_root, addr);
  return r < 0 ? -1 : _iv[r].out;
}

int PSTRouteLookup::configure(Vector<String> &conf, ErrorHandler *errh) {
  for (int i = 0; i < conf.size(); i++) {
    Vector<String> words;
    cp_spacevec(conf[i], words);
    IPAddress addr, mask;
    int out;
    if (words.size() != 2 || !cp_ip_prefix(words[0], &addr, &mask, true, this) ||
        !cp_integer(words[1], &out))
      return errh->error("route %d: expected ADDR/LEN PORT", i + 1);
    int len = mask.mask_to_prefix_len();
    if (len < 0 || add_route(ntohl(addr.addr()), len, out) < 0)
      return errh->error("route %d: bad prefix or table full", i + 1);
  }
  return 0;
}

void PSTRouteLookup::push(int, Packet *p) {
  const click_ip *iph = p->ip_header();
  if (!iph || p->network_length() < (int)sizeof(click_ip)) {
    p->kill();
    return;
  }
  int out = lookup(ntohl(iph->ip_dst.s_addr));
  if (out < 0 || out >= noutputs()) {
    _misses++;
    p->kill();
    return;
  }
  _hits++;
  output(out).push(p);
}

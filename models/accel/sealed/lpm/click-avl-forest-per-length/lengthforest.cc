// LengthForestLookup: IPv4 destination routing over a forest of AVL trees,
// one balanced search tree per prefix length.
//
// A route ADDR/LEN lives in tree LEN, keyed by its masked address.  A bit
// set records which lengths hold routes.  The lookup for a destination D
// visits the non-empty lengths from /32 down to /0 and searches tree LEN
// for D masked to LEN; the first hit is the longest matching prefix.
// Routes can be added and removed at run time; both rebalance the tree
// they touch.  The trees share one node pool stored as parallel arrays
// (key, port, left, right, height), linked by index.
//
// Configuration: a list of "ADDR/LEN PORT" routes.  A packet leaves on the
// output of its route; packets without a route are counted and dropped.
#include <click/config.h>
#include <click/confparse.hh>
#include <click/element.hh>
#include <click/error.hh>
#include <click/ipaddress.hh>
#include <click/packet.hh>
#include <clicknet/ip.h>

class LengthForestLookup : public Element {
public:
  LengthForestLookup();

  const char *class_name() const override { return "LengthForestLookup"; }
  const char *port_count() const override { return "1/-"; }
  const char *processing() const override { return PUSH; }

  int configure(Vector<String> &conf, ErrorHandler *errh) override;
  void push(int port, Packet *p) override;

  int add_route(uint32_t addr, int len, int port);
  int remove_route(uint32_t addr, int len);
  int lookup_port(uint32_t addr) const;

  enum { POOL = 16384 };

private:
  int32_t _root[33];
  uint64_t _present;     // bit L set: tree L is not empty
  int _nroutes;

  uint32_t _key[POOL];
  int32_t _port[POOL];
  int32_t _left[POOL];   // also links the free list
  int32_t _right[POOL];
  int8_t _height[POOL];
  int32_t _free;

  uint64_t _routed;
  uint64_t _unrouted;

  int take_node();
  void give_node(int n);

  int rebalance(int t);
  int tree_insert(int t, uint32_t key, int port, int &added);
  int tree_detach_min(int t, int &min);
  int tree_remove(int t, uint32_t key, int &removed);
};

LengthForestLookup::LengthForestLookup()
    : _present(0), _nroutes(0), _free(-1), _routed(0), _unrouted(0) {
  for (int l = 0; l <= 32; l++)
    _root[l] = -1;
  for (int i = POOL - 1; i >= 0; i--) {
    _left[i] = _free;
    _free = i;
  }
}

int LengthForestLookup::take_node() {
  int n = _free;
  if (n >= 0) {
    _free = _left[n];
    _left[n] = _right[n] = -1;
    _height[n] = 1;
  }
  return n;
}

void LengthForestLookup::give_node(int n) {
  _left[n] = _free;
  _free = n;
}

#define LF_H(x) ((x) >= 0 ? (int)_height[x] : 0)
#define LF_FIX(x) (_height[x] = (int8_t)(1 + (LF_H(_left[x]) > LF_H(_right[x]) \
                                                  ? LF_H(_left[x]) : LF_H(_right[x]))))

// Restore the AVL condition at t after one of its subtrees changed height
// by at most one; returns the subtree's new root.
int LengthForestLookup::rebalance(int t) {
  int l = _left[t], r = _right[t];
  int bal = LF_H(l) - LF_H(r);

  if (bal > 1) {
    if (LF_H(_right[l]) > LF_H(_left[l])) {
      // left-right case: the inner grandchild becomes the root
      int g = _right[l];
      _right[l] = _left[g];
      _left[t] = _right[g];
      _left[g] = l;
      _right[g] = t;
      LF_FIX(l);
      LF_FIX(t);
      LF_FIX(g);
      return g;
    }
    // left-left case: rotate right
    _left[t] = _right[l];
    _right[l] = t;
    LF_FIX(t);
    LF_FIX(l);
    return l;
  }
  if (bal < -1) {
    if (LF_H(_left[r]) > LF_H(_right[r])) {
      // right-left case
      int g = _left[r];
      _left[r] = _right[g];
      _right[t] = _left[g];
      _right[g] = r;
      _left[g] = t;
      LF_FIX(r);
      LF_FIX(t);
      LF_FIX(g);
      return g;
    }
    // right-right case: rotate left
    _right[t] = _left[r];
    _left[r] = t;
    LF_FIX(t);
    LF_FIX(r);
    return r;
  }
  LF_FIX(t);
  return t;
}

int LengthForestLookup::tree_insert(int t, uint32_t key, int port, int &added) {
  if (t < 0) {
    int n = take_node();
    if (n < 0) {
      added = -1;
      return -1;
    }
    _key[n] = key;
    _port[n] = port;
    added = 1;
    return n;
  }
  if (key == _key[t]) {
    _port[t] = port;
    added = 0;
    return t;
  }
  if (key < _key[t]) {
    int s = tree_insert(_left[t], key, port, added);
    if (added < 0)
      return t;
    _left[t] = s;
  } else {
    int s = tree_insert(_right[t], key, port, added);
    if (added < 0)
      return t;
    _right[t] = s;
  }
  return added ? rebalance(t) : t;
}

// Unlink the smallest node of subtree t into 'min'; returns the new root.
int LengthForestLookup::tree_detach_min(int t, int &min) {
  if (_left[t] < 0) {
    min = t;
    return _right[t];
  }
  _left[t] = tree_detach_min(_left[t], min);
  return rebalance(t);
}

int LengthForestLookup::tree_remove(int t, uint32_t key, int &removed) {
  if (t < 0)
    return -1;
  if (key < _key[t]) {
    _left[t] = tree_remove(_left[t], key, removed);
  } else if (key > _key[t]) {
    _right[t] = tree_remove(_right[t], key, removed);
  } else {
    int l = _left[t], r = _right[t];
    removed = 1;
    give_node(t);
    if (l < 0)
      return r;
    if (r < 0)
      return l;
    int m;
    int nr = tree_detach_min(r, m);
    _left[m] = l;
    _right[m] = nr;
    return rebalance(m);
  }
  return removed ? rebalance(t) : t;
}

// 1: new route, 0: port replaced, -1: bad length or pool exhausted.
int LengthForestLookup::add_route(uint32_t addr, int len, int port) {
  if (len < 0 || len > 32)
    return -1;
  uint32_t key = len ? addr & (0xFFFFFFFFu << (32 - len)) : 0;
  int added = 0;
  int nr = tree_insert(_root[len], key, port, added);
  if (added < 0)
    return -1;
  _root[len] = nr;
  _present |= (uint64_t)1 << len;
  _nroutes += added;
  return added;
}

// 1: removed, 0: no such route.
int LengthForestLookup::remove_route(uint32_t addr, int len) {
  if (len < 0 || len > 32 || !((_present >> len) & 1))
    return 0;
  uint32_t key = len ? addr & (0xFFFFFFFFu << (32 - len)) : 0;
  int removed = 0;
  _root[len] = tree_remove(_root[len], key, removed);
  if (_root[len] < 0)
    _present &= ~((uint64_t)1 << len);
  _nroutes -= removed;
  return removed;
}

// Port of the longest prefix that covers addr (host order), or -1.
int LengthForestLookup::lookup_port(uint32_t addr) const {
  for (int len = 32; len >= 0; len--) {
    if (!((_present >> len) & 1))
      continue;
    uint32_t key = len ? addr & (0xFFFFFFFFu << (32 - len)) : 0;
    int t = _root[len];
    while (t >= 0) {
      if (_key[t] == key)
        return _port[t];
      t = key < _key[t] ? _left[t] : _right[t];
    }
  }
  return -1;
}

int LengthForestLookup::configure(Vector<String> &conf, ErrorHandler *errh) {
  for (int i = 0; i < conf.size(); i++) {
    Vector<String> words;
    cp_spacevec(conf[i], words);
    IPAddress addr, mask;
    int port;
    if (words.size() != 2 || !cp_ip_prefix(words[0], &addr, &mask, true, this) ||
        !cp_integer(words[1], &port) || port < 0)
      return errh->error("route %d: expected ADDR/LEN PORT", i + 1);
    int len = mask.mask_to_prefix_len();
    if (len < 0 || add_route(ntohl(addr.addr()), len, port) < 0)
      return errh->error("route %d: bad prefix or table full", i + 1);
  }
  return 0;
}

void LengthForestLookup::push(int, Packet *p) {
  if (!p->has_network_header() || p->network_length() < (int)sizeof(click_ip)) {
    _unrouted++;
    p->kill();
    return;
  }
  int port = lookup_port(ntohl(p->ip_header()->ip_dst.s_addr));
  if (port < 0 || port >= noutputs()) {
    _unrouted++;
    p->kill();
    return;
  }
  _routed++;
  output(port).push(p);
}

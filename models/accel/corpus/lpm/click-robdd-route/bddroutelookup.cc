// BddRouteLookup: forwards IPv4 packets by their destination, the routing
// table being held as a reduced ordered binary decision diagram over the 32
// destination bits (bit 0 = most significant).  Terminals are (output port,
// prefix length) pairs, so the diagram is the leaf-pushed forwarding function
// with identical sub-functions shared; a node whose two branches agree is
// never created, so one node may skip many address bits.
//
// Adding a route rewrites, along the route's bit path, the sub-diagram below
// depth LEN: every terminal of a shorter (or no) route there becomes the new
// route's terminal.  Removing one maps its terminals back to the longest
// configured route covering it.  Nodes are hash-consed through a unique
// table; unreachable ones are reclaimed by copying the live diagram.
//
// Configuration: one "ADDR/LEN PORT" per argument.
#include <click/config.h>
#include <click/confparse.hh>
#include <click/element.hh>
#include <click/error.hh>
#include <click/ipaddress.hh>
#include <click/packet.hh>
#include <clicknet/ip.h>
#include <stdlib.h>
#include <string.h>

class BddRouteLookup : public Element {
public:
  BddRouteLookup();
  ~BddRouteLookup();

  const char *class_name() const override { return "BddRouteLookup"; }
  const char *port_count() const override { return "1/-"; }
  const char *processing() const override { return PUSH; }

  int configure(Vector<String> &conf, ErrorHandler *errh) override;
  void push(int port, Packet *p) override;

  int add_route(uint32_t net, int len, int port);
  int remove_route(uint32_t net, int len);
  int lookup(uint32_t addr) const;
  int live_nodes() const { return _nnodes; }

private:
  enum { TERM = 32 };
  struct Node {
    int32_t var; // 0..31 decision bit; TERM for a terminal
    int32_t lo;  // branch for bit 0; terminal: port + 1 (0 = unrouted)
    int32_t hi;  // branch for bit 1; terminal: prefix length
  };
  struct Edit {
    bool withdraw;
    int len;      // length of the route being added / removed
    int to;       // terminal written into the region
  };
  struct Route {
    uint32_t net;
    int len;
    int port;
  };

  Node *_nodes;
  int _nnodes, _nodecap;
  int32_t *_unique; // node ids, -1 empty; open addressing
  uint32_t _ucap;
  int32_t *_memo;
  uint32_t *_memo_epoch;
  uint32_t _epoch;
  int _memocap;
  int _root;
  int _gc_mark;
  Route *_routes;
  int _nroutes, _routecap;
  uint64_t _unrouted;

  static uint32_t triple_digest(int var, int lo, int hi);
  bool reserve_nodes();
  void rehash_unique();
  int mk(int var, int lo, int hi);
  int terminal(int port, int len) { return mk(TERM, port + 1, len); }
  int remap(int f, const Edit &e);
  int rewrite(int f, int var, uint32_t net, const Edit &e);
  int copy_live(const Node *old, int f, int32_t *moved);
  void reclaim();
  void apply(uint32_t net, const Edit &e);
};

BddRouteLookup::BddRouteLookup()
    : _nodes(0), _nnodes(0), _nodecap(0), _unique(0), _ucap(0), _memo(0),
      _memo_epoch(0), _epoch(0), _memocap(0), _root(-1), _gc_mark(4096),
      _routes(0), _nroutes(0), _routecap(0), _unrouted(0) {
  rehash_unique();
  _root = terminal(-1, 0);
}

BddRouteLookup::~BddRouteLookup() {
  free(_nodes);
  free(_unique);
  free(_memo);
  free(_memo_epoch);
  free(_routes);
}

uint32_t BddRouteLookup::triple_digest(int var, int lo, int hi) {
  uint32_t h = (uint32_t)var * 0x9E3779B1u;
  h ^= (uint32_t)lo + 0x7F4A7C15u + (h << 6) + (h >> 2);
  h ^= (uint32_t)hi * 0x85EBCA77u + (h << 6) + (h >> 2);
  h ^= h >> 15;
  h *= 0x2C1B3C6Du;
  return h ^ (h >> 13);
}

bool BddRouteLookup::reserve_nodes() {
  if (_nnodes < _nodecap)
    return true;
  int nc = _nodecap ? 2 * _nodecap : 256;
  Node *nn = (Node *)realloc(_nodes, nc * sizeof(Node));
  if (!nn)
    return false;
  _nodes = nn;
  _nodecap = nc;
  return true;
}

// Re-sizes the unique table to at least four slots per node and re-enters
// every node.
void BddRouteLookup::rehash_unique() {
  uint32_t cap = 1024;
  while (cap < 4u * (uint32_t)_nnodes + 4)
    cap <<= 1;
  free(_unique);
  _unique = (int32_t *)malloc(cap * sizeof(int32_t));
  memset(_unique, 0xFF, cap * sizeof(int32_t));
  _ucap = cap;
  for (int id = 0; id < _nnodes; id++) {
    const Node &n = _nodes[id];
    uint32_t i = triple_digest(n.var, n.lo, n.hi) & (cap - 1);
    while (_unique[i] >= 0)
      i = (i + 1) & (cap - 1);
    _unique[i] = id;
  }
}

// The node (VAR, LO, HI), created if needed; a decision whose branches are
// equal is the branch itself.
int BddRouteLookup::mk(int var, int lo, int hi) {
  if (var != TERM && lo == hi)
    return lo;
  uint32_t mask = _ucap - 1;
  uint32_t i = triple_digest(var, lo, hi) & mask;
  for (; _unique[i] >= 0; i = (i + 1) & mask) {
    const Node &n = _nodes[_unique[i]];
    if (n.var == var && n.lo == lo && n.hi == hi)
      return _unique[i];
  }
  if (!reserve_nodes())
    return -1;
  int id = _nnodes++;
  _nodes[id].var = var;
  _nodes[id].lo = lo;
  _nodes[id].hi = hi;
  _unique[i] = id;
  if (4u * (uint32_t)_nnodes > 2u * _ucap)
    rehash_unique();
  return id;
}

// E applied to every terminal reachable from F (all of F is in the region).
int BddRouteLookup::remap(int f, const Edit &e) {
  if (f < _memocap && _memo_epoch[f] == _epoch)
    return _memo[f];
  Node n = _nodes[f];
  int r;
  if (n.var == TERM) {
    bool routed = n.lo != 0;
    bool hit = e.withdraw ? (routed && n.hi == e.len) : (!routed || n.hi <= e.len);
    r = hit ? e.to : f;
  } else {
    int lo = remap(n.lo, e);
    int hi = remap(n.hi, e);
    r = mk(n.var, lo, hi);
  }
  if (f < _memocap) {
    _memo[f] = r;
    _memo_epoch[f] = _epoch;
  }
  return r;
}

// Follows NET's bits from VAR to the region's depth E.len, then remaps.
int BddRouteLookup::rewrite(int f, int var, uint32_t net, const Edit &e) {
  if (var == e.len)
    return remap(f, e);
  Node n = _nodes[f];
  int lo = f, hi = f; // VAR skipped by F: both branches are F
  if (n.var == var) {
    lo = n.lo;
    hi = n.hi;
  }
  if ((net >> (31 - var)) & 1)
    hi = rewrite(hi, var + 1, net, e);
  else
    lo = rewrite(lo, var + 1, net, e);
  return mk(var, lo, hi);
}

int BddRouteLookup::copy_live(const Node *old, int f, int32_t *moved) {
  if (moved[f] >= 0)
    return moved[f];
  const Node &n = old[f];
  int r;
  if (n.var == TERM)
    r = mk(TERM, n.lo, n.hi);
  else {
    int lo = copy_live(old, n.lo, moved);
    int hi = copy_live(old, n.hi, moved);
    r = mk(n.var, lo, hi);
  }
  moved[f] = r;
  return r;
}

// Copies the diagram reachable from the root into fresh storage.
void BddRouteLookup::reclaim() {
  Node *old = _nodes;
  int nold = _nnodes;
  int32_t *moved = (int32_t *)malloc(nold * sizeof(int32_t));
  memset(moved, 0xFF, nold * sizeof(int32_t));
  _nodes = 0;
  _nnodes = _nodecap = 0;
  rehash_unique();
  _root = copy_live(old, _root, moved);
  free(moved);
  free(old);
  _gc_mark = 4 * _nnodes + 4096;
}

void BddRouteLookup::apply(uint32_t net, const Edit &e) {
  if (_memocap < _nnodes) {
    int mc = 2 * _nnodes;
    free(_memo);
    free(_memo_epoch);
    _memo = (int32_t *)malloc(mc * sizeof(int32_t));
    _memo_epoch = (uint32_t *)calloc(mc, sizeof(uint32_t));
    _memocap = mc;
    _epoch = 0;
  }
  _epoch++;
  _root = rewrite(_root, 0, net, e);
  if (_nnodes > _gc_mark)
    reclaim();
}

static inline uint32_t bdd_mask(int len) {
  return len ? 0xFFFFFFFFu << (32 - len) : 0u;
}

// Adds (or replaces) NET/LEN -> PORT; NET in host order.
int BddRouteLookup::add_route(uint32_t net, int len, int port) {
  if (len < 0 || len > 32 || port < 0)
    return -1;
  net &= bdd_mask(len);
  int i;
  for (i = 0; i < _nroutes; i++)
    if (_routes[i].len == len && _routes[i].net == net)
      break;
  if (i == _nroutes) {
    if (_nroutes == _routecap) {
      int rc = _routecap ? 2 * _routecap : 32;
      Route *nr = (Route *)realloc(_routes, rc * sizeof(Route));
      if (!nr)
        return -1;
      _routes = nr;
      _routecap = rc;
    }
    _nroutes++;
    _routes[i].net = net;
    _routes[i].len = len;
  } else if (_routes[i].port != port) {
    // Same route, new port: first take the old terminal out.
    remove_route(net, len);
    return add_route(net, len, port);
  }
  _routes[i].port = port;
  Edit e;
  e.withdraw = false;
  e.len = len;
  e.to = terminal(port, len);
  apply(net, e);
  return 0;
}

// Removes NET/LEN; its addresses fall back to the longest covering route.
int BddRouteLookup::remove_route(uint32_t net, int len) {
  if (len < 0 || len > 32)
    return -1;
  net &= bdd_mask(len);
  int i;
  for (i = 0; i < _nroutes; i++)
    if (_routes[i].len == len && _routes[i].net == net)
      break;
  if (i == _nroutes)
    return -1;
  _routes[i] = _routes[--_nroutes];
  int cover_len = -1, cover_port = -1;
  for (int j = 0; j < _nroutes; j++) {
    const Route &r = _routes[j];
    if (r.len < len && r.len > cover_len && ((net ^ r.net) & bdd_mask(r.len)) == 0) {
      cover_len = r.len;
      cover_port = r.port;
    }
  }
  Edit e;
  e.withdraw = true;
  e.len = len;
  e.to = cover_len < 0 ? terminal(-1, 0) : terminal(cover_port, cover_len);
  apply(net, e);
  return 0;
}

// Output port for host-order ADDR, or -1.
int BddRouteLookup::lookup(uint32_t addr) const {
  int f = _root;
  while (_nodes[f].var != TERM) {
    const Node &n = _nodes[f];
    f = ((addr << n.var) & 0x80000000u) ? n.hi : n.lo;
  }
  return _nodes[f].lo - 1;
}

int BddRouteLookup::configure(Vector<String> &conf, ErrorHandler *errh) {
  for (int i = 0; i < conf.size(); i++) {
    Vector<String> words;
    cp_spacevec(conf[i], words);
    IPAddress addr, mask;
    int port;
    if (words.size() != 2 || !cp_ip_prefix(words[0], &addr, &mask, true, this) ||
        !cp_integer(words[1], &port))
      return errh->error("route %d: expected ADDR/LEN PORT", i + 1);
    int len = mask.mask_to_prefix_len();
    if (len < 0 || port >= noutputs() || add_route(ntohl(addr.addr()), len, port) < 0)
      return errh->error("route %d: bad prefix or port", i + 1);
  }
  return 0;
}

void BddRouteLookup::push(int, Packet *p) {
  const click_ip *iph = p->ip_header();
  int port = iph ? lookup(ntohl(iph->ip_dst.s_addr)) : -1;
  if (port < 0 || port >= noutputs()) {
    _unrouted++;
    p->kill();
    return;
  }
  output(port).push(p);
}

EXPORT_ELEMENT(BddRouteLookup)

//===- test/nf/iplookup.cc - RadixIPLookup: longest-prefix-match routing --===//
//
// IP route lookup: the routing table is a path-compressed binary (Patricia)
// trie kept in a fixed pool of nodes inside the element. Each packet's
// destination annotation is looked up for the longest matching prefix; a
// gateway, if the route has one, replaces the destination annotation, and
// the packet leaves on the route's output port. Packets with no route are
// counted and dropped. A small direct-mapped destination cache in front of
// the trie plays the role of a NIC's flow cache. This is the paper's
// 'iplookup' NF (its 'radixlookup' element).
//
// Entry points: RadixIPLookup::push
// State: RadixIPLookup::_routes (array, 256 routes: prefix, gateway, port,
//        hit count); RadixIPLookup::_nroutes (none, routes in use);
//        RadixIPLookup::_nodes (array, 513-node pool of the Patricia trie);
//        RadixIPLookup::_nnodes (none, nodes in use);
//        RadixIPLookup::_cache (array, 64-entry direct-mapped destination
//        cache); RadixIPLookup::_port_packets (array, packets per output);
//        RadixIPLookup::_port_bytes (array, bytes per output);
//        RadixIPLookup::_no_dest (none, packets without a destination);
//        RadixIPLookup::_no_route (none, unrouted packets);
//        RadixIPLookup::_bad_port (none, routes to missing outputs);
//        RadixIPLookup::_cache_hits (none, cache hits);
//        RadixIPLookup::_cache_misses (none, cache misses);
//        RadixIPLookup::_trie_steps (none, trie nodes visited);
//        RadixIPLookup::_max_steps (none, deepest lookup)
// Accelerator opportunities: lpm: RadixIPLookup::lookup_route (Patricia-trie
//        longest prefix match)
//
//===----------------------------------------------------------------------===//

// clang-format off
// RUN: %clara_nf_cxx -g %s -o %t.g.bc
// RUN: %clara_opt -passes='print<clara-annotate>' -disable-output %t.g.bc 2>&1 | FileCheck %s --check-prefixes=CHECK,DBG
// RUN: %clara_nf_cxx %s -o %t.bc
// RUN: %clara_opt -passes='print<clara-annotate>' -disable-output %t.bc 2>&1 | FileCheck %s --check-prefixes=CHECK,NODBG
// RUN: %clara_nf_cxx_plain %s -o %t.plain.bc
// RUN: %clara_opt -passes='print<clara-annotate>' -disable-output %t.plain.bc 2>&1 | FileCheck %s --check-prefixes=CHECK,NODBG
//
// CHECK: clara-annotate: EntryPoints=1 StateObjects=14
// CHECK-DAG: EntryPoint Function=_ZN13RadixIPLookup4pushEiP6Packet Demangled=RadixIPLookup::push(int, Packet*)
// DBG-DAG: StateObject Name=RadixIPLookup::_routes Bytes=6144 Container=array Shared=no
// NODBG-DAG: StateObject Name=RadixIPLookup.2 Bytes=6144 Container=array Shared=no
// DBG-DAG: StateObject Name=RadixIPLookup::_nroutes Bytes=4 Container=none Shared=no
// NODBG-DAG: StateObject Name=RadixIPLookup.3 Bytes=4 Container=none Shared=no
// DBG-DAG: StateObject Name=RadixIPLookup::_nodes Bytes=6156 Container=array Shared=no
// NODBG-DAG: StateObject Name=RadixIPLookup.4 Bytes=6156 Container=array Shared=no
// DBG-DAG: StateObject Name=RadixIPLookup::_nnodes Bytes=4 Container=none Shared=no
// NODBG-DAG: StateObject Name=RadixIPLookup.5 Bytes=4 Container=none Shared=no
// DBG-DAG: StateObject Name=RadixIPLookup::_cache Bytes=512 Container=array Shared=no
// NODBG-DAG: StateObject Name=RadixIPLookup.6 Bytes=512 Container=array Shared=no
// DBG-DAG: StateObject Name=RadixIPLookup::_port_packets Bytes=128 Container=array Shared=no
// NODBG-DAG: StateObject Name=RadixIPLookup.8 Bytes=128 Container=array Shared=no
// DBG-DAG: StateObject Name=RadixIPLookup::_port_bytes Bytes=128 Container=array Shared=no
// NODBG-DAG: StateObject Name=RadixIPLookup.9 Bytes=128 Container=array Shared=no
// DBG-DAG: StateObject Name=RadixIPLookup::_no_dest Bytes=8 Container=none Shared=no
// NODBG-DAG: StateObject Name=RadixIPLookup.10 Bytes=8 Container=none Shared=no
// DBG-DAG: StateObject Name=RadixIPLookup::_no_route Bytes=8 Container=none Shared=no
// NODBG-DAG: StateObject Name=RadixIPLookup.11 Bytes=8 Container=none Shared=no
// DBG-DAG: StateObject Name=RadixIPLookup::_bad_port Bytes=8 Container=none Shared=no
// NODBG-DAG: StateObject Name=RadixIPLookup.12 Bytes=8 Container=none Shared=no
// DBG-DAG: StateObject Name=RadixIPLookup::_cache_hits Bytes=8 Container=none Shared=no
// NODBG-DAG: StateObject Name=RadixIPLookup.13 Bytes=8 Container=none Shared=no
// DBG-DAG: StateObject Name=RadixIPLookup::_cache_misses Bytes=8 Container=none Shared=no
// NODBG-DAG: StateObject Name=RadixIPLookup.14 Bytes=8 Container=none Shared=no
// DBG-DAG: StateObject Name=RadixIPLookup::_trie_steps Bytes=8 Container=none Shared=no
// NODBG-DAG: StateObject Name=RadixIPLookup.15 Bytes=8 Container=none Shared=no
// DBG-DAG: StateObject Name=RadixIPLookup::_max_steps Bytes=4 Container=none Shared=no
// NODBG-DAG: StateObject Name=RadixIPLookup.16 Bytes=4 Container=none Shared=no
// clang-format on

#include <click/args.hh>
#include <click/clara.hh>
#include <click/config.h>
#include <click/confparse.hh>
#include <click/element.hh>
#include <click/error.hh>
#include <click/ipaddress.hh>
#include <click/packet.hh>
#include <click/packet_anno.hh>
#include <clicknet/ip.h>

class RadixIPLookup : public Element {
public:
  RadixIPLookup();

  const char *class_name() const override { return "RadixIPLookup"; }
  const char *port_count() const override { return "1/-"; }
  const char *processing() const override { return PUSH; }

  int configure(Vector<String> &conf, ErrorHandler *errh) override;
  void push(int port, Packet *p) override;

  int add_route(uint32_t addr, int prefix_len, uint32_t gw, int port);

private:
  enum {
    MAX_ROUTES = 256,
    MAX_NODES = 2 * MAX_ROUTES + 1,
    MAX_PORTS = 16,
    CACHE_SIZE = 64,
    CACHE_MASK = CACHE_SIZE - 1
  };

  struct Route {
    uint32_t addr; // host byte order
    uint32_t gw;   // network byte order, 0 if directly connected
    int32_t port;
    uint32_t prefix_len;
    uint64_t hits;
  };

  struct CacheEntry {
    uint32_t addr; // host byte order
    int32_t route; // -1: empty
  };

  // A trie node stands for the prefix KEY/BITLEN. Its children continue
  // with bit BITLEN (counted from the most significant bit) 0 or 1; a child
  // may skip bits (path compression).
  struct Node {
    uint32_t key;
    int16_t bitlen;
    int16_t route;    // index into _routes, -1 if none
    int16_t child[2]; // indices into _nodes, -1 if none
  };

  Route _routes[MAX_ROUTES];
  int _nroutes;
  Node _nodes[MAX_NODES];
  int _nnodes;
  CacheEntry _cache[CACHE_SIZE]; // destination cache, by low address bits
  uint64_t _port_packets[MAX_PORTS];
  uint64_t _port_bytes[MAX_PORTS];
  uint64_t _no_dest;  // packets with no destination to look up
  uint64_t _no_route; // packets with no matching route
  uint64_t _bad_port; // routes to an unconnected output
  uint64_t _cache_hits;
  uint64_t _cache_misses;
  uint64_t _trie_steps; // nodes visited by trie lookups
  int _max_steps;       // deepest lookup so far

  static inline uint32_t prefix_mask(int len) {
    return len == 0 ? 0 : 0xFFFFFFFFu << (32 - len);
  }
  static inline int bit_at(uint32_t addr, int bit) {
    return (addr >> (31 - bit)) & 1;
  }
  int new_node(uint32_t key, int bitlen, int route);
  void flush_cache();
  int lookup_route(uint32_t addr, int &steps) const;
  int cached_lookup(uint32_t addr);
  bool packet_destination(Packet *p, uint32_t &dst) const;
};

RadixIPLookup::RadixIPLookup()
    : _nroutes(0), _nnodes(0), _no_dest(0), _no_route(0), _bad_port(0),
      _cache_hits(0), _cache_misses(0), _trie_steps(0), _max_steps(0) {
  for (int i = 0; i < MAX_PORTS; i++)
    _port_packets[i] = _port_bytes[i] = 0;
  flush_cache();
  new_node(0, 0, -1); // the root, 0.0.0.0/0
}

void RadixIPLookup::flush_cache() {
  for (int i = 0; i < CACHE_SIZE; i++) {
    _cache[i].addr = 0;
    _cache[i].route = -1;
  }
}

int RadixIPLookup::new_node(uint32_t key, int bitlen, int route) {
  if (_nnodes == MAX_NODES)
    return -1;
  Node &n = _nodes[_nnodes];
  n.key = key & prefix_mask(bitlen);
  n.bitlen = bitlen;
  n.route = route;
  n.child[0] = n.child[1] = -1;
  return _nnodes++;
}

// Inserts ADDR/PREFIX_LEN (host byte order). Returns the route index, or -1
// when the route table or the node pool is full.
int RadixIPLookup::add_route(uint32_t addr, int prefix_len, uint32_t gw,
                             int port) {
  if (_nroutes == MAX_ROUTES || prefix_len < 0 || prefix_len > 32 || port < 0 ||
      port >= MAX_PORTS)
    return -1;
  addr &= prefix_mask(prefix_len);
  int r = _nroutes;
  Route &route = _routes[r];
  route.addr = addr;
  route.gw = gw;
  route.port = port;
  route.prefix_len = prefix_len;
  route.hits = 0;
  flush_cache();

  int n = 0;
  while (true) {
    Node &node = _nodes[n];
    if (node.bitlen == prefix_len) {
      node.route = r;
      break;
    }
    int dir = bit_at(addr, node.bitlen);
    int c = node.child[dir];
    if (c < 0) {
      int leaf = new_node(addr, prefix_len, r);
      if (leaf < 0)
        return -1;
      _nodes[n].child[dir] = leaf;
      break;
    }
    Node &child = _nodes[c];
    uint32_t diff = (addr ^ child.key);
    int common = diff ? __builtin_clz(diff) : 32;
    if (common > prefix_len)
      common = prefix_len;
    if (common >= child.bitlen) {
      n = c; // the child's prefix covers ADDR: descend
      continue;
    }
    if (common == prefix_len) {
      // The new prefix sits between NODE and CHILD.
      int mid = new_node(addr, prefix_len, r);
      if (mid < 0)
        return -1;
      _nodes[mid].child[bit_at(_nodes[c].key, prefix_len)] = c;
      _nodes[n].child[dir] = mid;
      break;
    }
    // ADDR and CHILD diverge at bit COMMON: split with a routeless node.
    int split = new_node(addr, common, -1);
    int leaf = new_node(addr, prefix_len, r);
    if (split < 0 || leaf < 0)
      return -1;
    _nodes[split].child[bit_at(_nodes[c].key, common)] = c;
    _nodes[split].child[bit_at(addr, common)] = leaf;
    _nodes[n].child[dir] = split;
    break;
  }
  _nroutes++;
  return r;
}

// Each argument is a route "ADDR/LEN [GW] PORT", as for Click's IP lookup
// elements.
int RadixIPLookup::configure(Vector<String> &conf, ErrorHandler *errh) {
  for (int i = 0; i < conf.size(); i++) {
    Vector<String> words;
    cp_spacevec(conf[i], words);
    IPAddress addr, mask, gw;
    int port;
    bool ok = (words.size() == 2 || words.size() == 3) &&
              cp_ip_prefix(words[0], &addr, &mask, true, this) &&
              cp_integer(words.back(), &port);
    if (ok && words.size() == 3)
      ok = cp_ip_address(words[1], &gw, this);
    if (!ok)
      return errh->error("route %d: expected ADDR/LEN [GW] PORT", i + 1);
    int len = mask.mask_to_prefix_len();
    if (len < 0)
      return errh->error("route %d: mask is not a prefix", i + 1);
    if (add_route(ntohl(addr.addr()), len, gw.addr(), port) < 0)
      return errh->error("route %d: table full or bad port", i + 1);
  }
  return 0;
}

// Longest prefix match: walk down while the node's prefix matches, keeping
// the deepest node that carries a route.
int RadixIPLookup::lookup_route(uint32_t addr, int &steps) const {
  int best = -1;
  int n = 0;
  steps = 0;
  while (n >= 0) {
    const Node &node = _nodes[n];
    steps++;
    if (((addr ^ node.key) & prefix_mask(node.bitlen)) != 0)
      break;
    if (node.route >= 0)
      best = node.route;
    if (node.bitlen == 32)
      break;
    n = node.child[bit_at(addr, node.bitlen)];
  }
  return best;
}

// The destination annotation, or the IP header's destination when an
// upstream element left the annotation empty. False when there is neither.
bool RadixIPLookup::packet_destination(Packet *p, uint32_t &dst) const {
  IPAddress anno = p->dst_ip_anno();
  if (anno.addr() != 0) {
    dst = anno.addr();
    return true;
  }
  if (!p->has_network_header() || p->network_length() < (int)sizeof(click_ip))
    return false;
  const click_ip *iph = p->ip_header();
  if (iph->ip_v != 4)
    return false;
  dst = iph->ip_dst.s_addr;
  return true;
}

// The trie lookup behind a direct-mapped cache indexed by the address's low
// bits (the host part varies fastest). Misses are not cached when no route
// matches, so a scan of unrouted space cannot evict useful entries.
int RadixIPLookup::cached_lookup(uint32_t addr) {
  CacheEntry &ce = _cache[addr & CACHE_MASK];
  if (ce.route >= 0 && ce.addr == addr) {
    _cache_hits++;
    return ce.route;
  }
  _cache_misses++;
  int steps;
  int r = lookup_route(addr, steps);
  _trie_steps += steps;
  if (steps > _max_steps)
    _max_steps = steps;
  if (r >= 0) {
    ce.addr = addr;
    ce.route = r;
  }
  return r;
}

void RadixIPLookup::push(int, Packet *p) {
  uint32_t dst;
  if (!packet_destination(p, dst)) {
    _no_dest++;
    p->kill();
    return;
  }
  uint32_t addr = ntohl(dst);
  int r = cached_lookup(addr);
  if (r < 0) {
    _no_route++;
    p->kill();
    return;
  }

  Route &route = _routes[r];
  route.hits++;
  if (route.port >= noutputs()) {
    _bad_port++;
    p->kill();
    return;
  }
  if (route.gw)
    p->set_dst_ip_anno(IPAddress(route.gw));
  else
    p->set_dst_ip_anno(IPAddress(htonl(addr)));
  _port_packets[route.port]++;
  _port_bytes[route.port] += p->length();
  output(route.port).push(p);
}

extern "C" Element *clara_nf_create(const char *config) {
  RadixIPLookup *e = new RadixIPLookup;
  String conf = config && *config
                    ? String(config)
                    : String("10.0.0.0/8 0, 10.1.0.0/16 10.1.0.1 1, "
                             "192.168.0.0/16 2, 0.0.0.0/0 192.0.2.1 3");
  if (clara_element_setup(e, conf, 1, 4) < 0) {
    delete e;
    return nullptr;
  }
  return e;
}

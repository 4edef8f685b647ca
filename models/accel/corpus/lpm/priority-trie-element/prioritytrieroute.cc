// A priority trie (after Lim, Yim and Swartzlander) as a Click-style IPv4
// route lookup. It is a binary trie in which every node holds exactly one
// prefix. A node at depth d holds either an "ordinary" prefix of length d
// (the prefix its path spells) or, in a position the plain binary trie
// would leave empty, a "priority" prefix: a longer prefix from its own
// subtree that is at least as long as every prefix below the node.
// Insertion walks down the new prefix's bits; a priority prefix shorter than
// the one being inserted trades places with it and continues downwards,
// the inserted prefix takes the position of its own length from a priority
// prefix it finds there, and whatever is still carried settles in the first
// missing node as a priority prefix. A lookup remembers the ordinary
// prefixes on its path (they match by construction) and stops at the first
// priority prefix that matches the address: nothing below can be longer.
// Label: lpm.

#include <click/config.h>
#include <click/element.hh>
#include <click/packet.hh>
#include <click/packet_anno.hh>
#include <clicknet/ip.h>

class PriorityTrieRoute : public Element {
public:
  PriorityTrieRoute() : _nodes(0), _root(-1), _misses(0) {}

  const char *class_name() const override { return "PriorityTrieRoute"; }
  const char *port_count() const override { return "1/1-"; }
  const char *processing() const override { return PUSH; }

  void push(int, Packet *p) override;

  bool add_route(uint32_t prefix, unsigned len, int port);
  int lookup_route(uint32_t addr) const;

private:
  enum { MAX_NODES = 1 << 16 };

  struct Node {
    uint32_t prefix;  // masked
    uint8_t len;
    bool priority;    // len > depth of the node
    int32_t port;
    int32_t child[2];
  };

  Node _node[MAX_NODES];
  int _nodes;
  int _root;
  uint64_t _misses;

  static uint32_t netmask(unsigned len) {
    return len ? 0xFFFFFFFFu << (32 - len) : 0u;
  }
  static unsigned bit_at(uint32_t v, unsigned depth) {
    return (v >> (31 - depth)) & 1u;
  }
  int make_node(uint32_t prefix, unsigned len, int port, unsigned depth);
};

int PriorityTrieRoute::make_node(uint32_t prefix, unsigned len, int port,
                                 unsigned depth) {
  if (_nodes == MAX_NODES)
    return -1;
  Node &n = _node[_nodes];
  n.prefix = prefix;
  n.len = (uint8_t)len;
  n.priority = len > depth;
  n.port = port;
  n.child[0] = n.child[1] = -1;
  return _nodes++;
}

bool PriorityTrieRoute::add_route(uint32_t prefix, unsigned len, int port) {
  if (len > 32)
    return false;
  // the prefix being carried down; it changes when priorities are traded
  uint32_t cp = prefix & netmask(len);
  unsigned cl = len;
  int cport = port;

  if (_root < 0) {
    _root = make_node(cp, cl, cport, 0);
    return _root >= 0;
  }
  int at = _root;
  for (unsigned depth = 0;; depth++) {
    Node &n = _node[at];
    if (n.len == cl && n.prefix == cp) {
      n.port = cport; // same prefix: replace its port
      return true;
    }
    if (depth == cl) {
      // the carried prefix belongs here; a node on its own path at its own
      // depth can only be holding a priority prefix, which moves down
      uint32_t tp = n.prefix;
      unsigned tl = n.len;
      int tport = n.port;
      n.prefix = cp;
      n.len = (uint8_t)cl;
      n.port = cport;
      n.priority = false;
      cp = tp;
      cl = tl;
      cport = tport;
    } else if (n.priority && n.len < cl) {
      uint32_t tp = n.prefix;
      unsigned tl = n.len;
      int tport = n.port;
      n.prefix = cp;
      n.len = (uint8_t)cl;
      n.port = cport;
      cp = tp;
      cl = tl;
      cport = tport;
    }
    unsigned b = bit_at(cp, depth);
    int next = n.child[b];
    if (next < 0) {
      int fresh = make_node(cp, cl, cport, depth + 1);
      if (fresh < 0)
        return false;
      _node[at].child[b] = fresh;
      return true;
    }
    at = next;
  }
}

int PriorityTrieRoute::lookup_route(uint32_t addr) const {
  int best = -1;
  unsigned depth = 0;
  for (int at = _root; at >= 0; depth++) {
    const Node &n = _node[at];
    if (n.priority) {
      if (((addr ^ n.prefix) & netmask(n.len)) == 0)
        return n.port;
    } else {
      best = n.port;
    }
    if (depth == 32)
      break;
    at = n.child[bit_at(addr, depth)];
  }
  return best;
}

void PriorityTrieRoute::push(int, Packet *p) {
  const click_ip *iph = p->ip_header();
  if (!iph) {
    _misses++;
    p->kill();
    return;
  }
  uint32_t dst = ntohl(iph->ip_dst.s_addr);
  int port = lookup_route(dst);
  if (port < 0) {
    _misses++;
    p->kill();
    return;
  }
  p->set_dst_ip_anno(IPAddress(iph->ip_dst));
  checked_output_push(port, p);
}

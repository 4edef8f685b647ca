// IPv6 route lookup in a trie with 16-bit strides: the destination is read
// as eight 16-bit words. A node at depth d stands for the first d words;
// it keeps its routes of 16d .. 16d+15 bits as (bits, length) pairs sorted
// longest first, and its children in an array sorted by word, found by
// binary search. The element forwards each IPv6 packet to the output its
// route names. Label: lpm.

#include <click/config.h>
#include <click/element.hh>
#include <click/packet.hh>
#include <clicknet/ip6.h>

class IP6StrideLookup : public Element {
public:
  IP6StrideLookup() : _nnodes(1), _unrouted(0) {
    _nodes[0].nkids = _nodes[0].nlocal = 0;
  }

  const char *class_name() const override { return "IP6StrideLookup"; }
  const char *port_count() const override { return "1/-"; }
  const char *processing() const override { return PUSH; }

  void push(int port, Packet *p) override;

  int add_route(const uint8_t *prefix, int plen, int port);
  int lookup_route(const uint8_t *dst) const;

  enum { MAX_NODES = 2048, MAX_KIDS = 32, MAX_LOCAL = 16 };

private:
  struct Local {
    uint16_t bits; // left-aligned in the word
    uint8_t len;   // 0..15 bits of this word
    int16_t port;
  };
  struct Node {
    uint16_t nkids, nlocal;
    uint16_t word[MAX_KIDS]; // sorted
    uint16_t kid[MAX_KIDS];
    Local local[MAX_LOCAL]; // sorted by len, longest first
  };

  Node _nodes[MAX_NODES];
  int _nnodes;
  uint64_t _unrouted;

  int child_slot(const Node &n, uint16_t w) const;
};

#define WORD16(a, i) ((uint16_t)((a)[2 * (i)] << 8 | (a)[2 * (i) + 1]))

// Index in n.word of w, or -(insertion point) - 1.
int IP6StrideLookup::child_slot(const Node &n, uint16_t w) const {
  int lo = 0, hi = n.nkids - 1;
  while (lo <= hi) {
    int mid = (lo + hi) >> 1;
    if (n.word[mid] == w)
      return mid;
    if (n.word[mid] < w)
      lo = mid + 1;
    else
      hi = mid - 1;
  }
  return -lo - 1;
}

int IP6StrideLookup::add_route(const uint8_t *prefix, int plen, int port) {
  if (plen < 0 || plen > 128)
    return -1;
  int cur = 0;
  for (int d = 0; d < plen / 16; d++) {
    Node &n = _nodes[cur];
    uint16_t w = WORD16(prefix, d);
    int s = child_slot(n, w);
    if (s < 0) {
      if (n.nkids == MAX_KIDS || _nnodes == MAX_NODES)
        return -1;
      s = -s - 1;
      for (int i = n.nkids; i > s; i--) {
        n.word[i] = n.word[i - 1];
        n.kid[i] = n.kid[i - 1];
      }
      n.word[s] = w;
      n.kid[s] = (uint16_t)_nnodes;
      n.nkids++;
      _nodes[_nnodes].nkids = _nodes[_nnodes].nlocal = 0;
      _nnodes++;
    }
    cur = n.kid[s];
  }
  Node &n = _nodes[cur];
  int len = plen % 16;
  uint16_t bits = 0;
  if (len)
    bits = (uint16_t)(WORD16(prefix, plen / 16) & (0xFFFF << (16 - len)));
  int i = 0;
  while (i < n.nlocal && n.local[i].len > len)
    i++;
  for (; i < n.nlocal && n.local[i].len == len; i++)
    if (n.local[i].bits == bits) {
      n.local[i].port = (int16_t)port;
      return 0;
    }
  if (n.nlocal == MAX_LOCAL)
    return -1;
  for (int j = n.nlocal; j > i; j--)
    n.local[j] = n.local[j - 1];
  n.local[i].bits = bits;
  n.local[i].len = (uint8_t)len;
  n.local[i].port = (int16_t)port;
  n.nlocal++;
  return 0;
}

int IP6StrideLookup::lookup_route(const uint8_t *dst) const {
  int port = -1;
  const Node *n = &_nodes[0];
  for (int d = 0;; d++) {
    uint16_t w = d < 8 ? WORD16(dst, d) : 0;
    for (int i = 0; i < n->nlocal; i++) {
      const Local &l = n->local[i];
      if (l.len == 0 || ((w ^ l.bits) >> (16 - l.len)) == 0) {
        port = l.port;
        break;
      }
    }
    if (d == 8)
      break;
    int s = child_slot(*n, w);
    if (s < 0)
      break;
    n = &_nodes[n->kid[s]];
  }
  return port;
}

void IP6StrideLookup::push(int, Packet *p) {
  const click_ip6 *ip6 = p->ip6_header();
  int port = -1;
  if (ip6 && (ip6->ip6_vfc >> 4) == 6)
    port = lookup_route(ip6->ip6_dst.s6_addr);
  if (port < 0 || port >= noutputs()) {
    _unrouted++;
    p->kill();
  } else {
    output(port).push(p);
  }
}

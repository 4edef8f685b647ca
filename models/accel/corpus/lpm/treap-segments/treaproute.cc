// Route lookup over a treap of address segments held in a node pool inside
// the element. The segments partition the IPv4 space; each node is keyed
// by the first address of its segment (the segment runs to the next key)
// and stores the output of the most specific prefix covering it together
// with that prefix's length. A new prefix first makes sure segments start
// at its first address and just after its last one (splitting the
// segments that hold them), then visits the keys in between in order and
// takes over those owned by a shorter prefix. A packet's destination is
// routed by the segment with the greatest key not above it. Node
// priorities are a hash of the key. Label: lpm.

#include <click/config.h>
#include <click/element.hh>
#include <click/packet.hh>
#include <clicknet/ip.h>

class TreapRoute : public Element {
public:
  TreapRoute() : _root(0), _used(1), _noroute(0) {
    _pool[0].lo = 0;
    _pool[0].prio = mix(0);
    _pool[0].kid[0] = _pool[0].kid[1] = -1;
    _pool[0].out = -1;
    _pool[0].plen = -1;
  }

  const char *class_name() const override { return "TreapRoute"; }
  const char *port_count() const override { return "1/-"; }
  const char *processing() const override { return PUSH; }

  void push(int port, Packet *p) override;

  int add_route(IPAddress addr, int prefix_len, int out);
  int route(uint32_t dst) const;

private:
  struct Node {
    uint32_t lo;
    uint32_t prio;
    int kid[2];
    int16_t out;
    int8_t plen;
  };
  enum { POOL = 8192 };

  Node _pool[POOL];
  int _root;
  int _used;
  uint64_t _noroute;

  static uint32_t mix(uint32_t x) {
    x ^= x >> 16;
    x *= 0x7feb352dU;
    x ^= x >> 15;
    return x;
  }
  int link(int t, int n);
  int cut(uint32_t key);
  void claim(int t, uint32_t first, uint32_t last, int len, int out);
};

// Treap insertion of pool node n under subtree t; returns the new root.
int TreapRoute::link(int t, int n) {
  if (t < 0)
    return n;
  int side = _pool[n].lo > _pool[t].lo;
  int c = link(_pool[t].kid[side], n);
  _pool[t].kid[side] = c;
  if (_pool[c].prio > _pool[t].prio) {
    _pool[t].kid[side] = _pool[c].kid[!side];
    _pool[c].kid[!side] = t;
    return c;
  }
  return t;
}

int TreapRoute::cut(uint32_t key) {
  int t = _root, floor = -1;
  while (t >= 0) {
    if (_pool[t].lo == key)
      return t;
    if (_pool[t].lo < key) {
      floor = t;
      t = _pool[t].kid[1];
    } else {
      t = _pool[t].kid[0];
    }
  }
  if (_used == POOL || floor < 0)
    return -1;
  int n = _used++;
  _pool[n].lo = key;
  _pool[n].prio = mix(key);
  _pool[n].kid[0] = _pool[n].kid[1] = -1;
  _pool[n].out = _pool[floor].out;
  _pool[n].plen = _pool[floor].plen;
  _root = link(_root, n);
  return n;
}

void TreapRoute::claim(int t, uint32_t first, uint32_t last, int len, int out) {
  while (t >= 0) {
    Node &x = _pool[t];
    if (x.lo > first)
      claim(x.kid[0], first, last, len, out);
    if (x.lo >= first && x.lo <= last && x.plen <= len) {
      x.plen = (int8_t)len;
      x.out = (int16_t)out;
    }
    if (x.lo >= last)
      return;
    t = x.kid[1];
  }
}

int TreapRoute::add_route(IPAddress addr, int prefix_len, int out) {
  if (prefix_len < 0 || prefix_len > 32 || out < 0 || out > 32767)
    return -1;
  uint32_t host = prefix_len == 32 ? 0 : 0xFFFFFFFFU >> prefix_len;
  uint32_t first = ntohl(addr.addr()) & ~host;
  uint32_t last = first | host;
  if (cut(first) < 0)
    return -1;
  if (last != 0xFFFFFFFFU && cut(last + 1) < 0)
    return -1;
  claim(_root, first, last, prefix_len, out);
  return 0;
}

int TreapRoute::route(uint32_t dst) const {
  int t = _root, best = -1;
  while (t >= 0) {
    const Node &x = _pool[t];
    if (x.lo <= dst) {
      best = x.out;
      if (x.lo == dst)
        break;
      t = x.kid[1];
    } else {
      t = x.kid[0];
    }
  }
  return best;
}

void TreapRoute::push(int, Packet *p) {
  const click_ip *iph = p->ip_header();
  int out = iph ? route(ntohl(iph->ip_dst.s_addr)) : -1;
  if (out < 0 || out >= noutputs()) {
    ++_noroute;
    p->kill();
    return;
  }
  p->set_dst_ip_anno(IPAddress(iph->ip_dst));
  output(out).push(p);
}

// OctStrideForwarder: annotates IPv4 packets with their gateway and a paint
// colour (the output port for a downstream PaintSwitch).
//
// The table is a multibit trie with 3-bit strides (ten 3-bit levels plus a
// final 2-bit level) kept in three flat arrays; node n owns slots
// [8n, 8n + 8).  Routes are expanded inside a stride; every slot remembers
// the length it was filled from.  Route withdrawal rebuilds the arrays from
// the control-plane route list, as a FIB download would.
//
// Configuration: "ADDR/MASK [GATEWAY] PORT" per argument.
#include <click/config.h>
#include <click/element.hh>
#include <click/packet.hh>
#include <click/packet_anno.hh>
#include <click/confparse.hh>
#include <click/error.hh>
#include <clicknet/ip.h>
#include <stdlib.h>
#include <string.h>

CLICK_DECLS

class OctStrideForwarder : public Element {
public:
  OctStrideForwarder();
  ~OctStrideForwarder();
  const char *class_name() const override { return "OctStrideForwarder"; }
  const char *port_count() const override { return PORTS_1_1; }
  int configure(Vector<String> &conf, ErrorHandler *errh) override;
  Packet *simple_action(Packet *p) override;

  int announce(uint32_t net, int bits, uint32_t gw, int color);
  int withdraw(uint32_t net, int bits);
  int locate(uint32_t dst) const;  // index into the route list or -1
  uint32_t gateway_of(int r) const { return _rgw[r]; }
  int color_of(int r) const { return _rcolor[r]; }
  int bits_of(int r) const { return _rbits[r]; }
  uint64_t unroutable() const { return _miss; }

private:
  enum { LEVELS = 11, FANOUT = 8 };
  // ten 3-bit strides then one 2-bit stride
  static int stride_width(int lvl) { return lvl < 10 ? 3 : 2; }

  int32_t *_slot_route;   // route index, -1 when empty
  uint8_t *_slot_bits;    // its prefix length
  uint32_t *_slot_child;  // child node, 0 = none (node 0 is the root)
  uint32_t _nodes, _node_cap;

  uint32_t *_rnet, *_rgw;
  uint8_t *_rbits;
  int16_t *_rcolor;
  int _nroutes, _route_cap;
  uint64_t _miss;

  uint32_t new_node();
  int place(int r);
  int rebuild();
  bool grow_routes();
};

OctStrideForwarder::OctStrideForwarder()
    : _slot_route(0), _slot_bits(0), _slot_child(0), _nodes(0), _node_cap(0),
      _rnet(0), _rgw(0), _rbits(0), _rcolor(0), _nroutes(0), _route_cap(0),
      _miss(0) {}

OctStrideForwarder::~OctStrideForwarder() {
  free(_slot_route);
  free(_slot_bits);
  free(_slot_child);
  free(_rnet);
  free(_rgw);
  free(_rbits);
  free(_rcolor);
}

uint32_t OctStrideForwarder::new_node() {
  if (_nodes == _node_cap) {
    uint32_t nc = _node_cap ? _node_cap * 2 : 32;
    int32_t *a = (int32_t *)realloc(_slot_route, sizeof(int32_t) * FANOUT * nc);
    if (a)
      _slot_route = a;
    uint8_t *b = (uint8_t *)realloc(_slot_bits, FANOUT * nc);
    if (b)
      _slot_bits = b;
    uint32_t *c = (uint32_t *)realloc(_slot_child, sizeof(uint32_t) * FANOUT * nc);
    if (c)
      _slot_child = c;
    if (!a || !b || !c)
      return ~0u;
    _node_cap = nc;
  }
  uint32_t n = _nodes++;
  for (int i = 0; i < FANOUT; i++) {
    _slot_route[n * FANOUT + i] = -1;
    _slot_bits[n * FANOUT + i] = 0;
    _slot_child[n * FANOUT + i] = 0;
  }
  return n;
}

// Expand route r into the trie.
int OctStrideForwarder::place(int r) {
  uint32_t net = _rnet[r];
  int bits = _rbits[r];
  uint32_t node = 0;
  int consumed = 0;
  for (int lvl = 0; lvl < LEVELS; lvl++) {
    int w = stride_width(lvl);
    unsigned idx = (net << consumed) >> (32 - w);
    if (bits <= consumed + w) {
      int spare = consumed + w - bits;
      unsigned first = idx & ~((1u << spare) - 1);
      for (unsigned k = 0; k < (1u << spare); k++) {
        uint32_t s = node * FANOUT + first + k;
        if (_slot_route[s] < 0 || _slot_bits[s] <= bits) {
          _slot_route[s] = r;
          _slot_bits[s] = (uint8_t)bits;
        }
      }
      return 0;
    }
    uint32_t s = node * FANOUT + idx;
    if (!_slot_child[s]) {
      uint32_t c = new_node();
      if (c == ~0u)
        return -1;
      _slot_child[s] = c;
    }
    node = _slot_child[s];
    consumed += w;
  }
  return 0;
}

int OctStrideForwarder::rebuild() {
  _nodes = 0;
  if (new_node() == ~0u)
    return -1;
  // shorter routes first, so a longer one always lands on top
  for (int b = 0; b <= 32; b++)
    for (int r = 0; r < _nroutes; r++)
      if (_rbits[r] == b && place(r) < 0)
        return -1;
  return 0;
}

bool OctStrideForwarder::grow_routes() {
  int nc = _route_cap ? _route_cap * 2 : 16;
  uint32_t *n1 = (uint32_t *)realloc(_rnet, sizeof(uint32_t) * nc);
  if (n1) _rnet = n1;
  uint32_t *n2 = (uint32_t *)realloc(_rgw, sizeof(uint32_t) * nc);
  if (n2) _rgw = n2;
  uint8_t *n3 = (uint8_t *)realloc(_rbits, nc);
  if (n3) _rbits = n3;
  int16_t *n4 = (int16_t *)realloc(_rcolor, sizeof(int16_t) * nc);
  if (n4) _rcolor = n4;
  if (!n1 || !n2 || !n3 || !n4)
    return false;
  _route_cap = nc;
  return true;
}

int OctStrideForwarder::announce(uint32_t net, int bits, uint32_t gw,
                                 int color) {
  if (bits < 0 || bits > 32 || color < 0 || color > 255)
    return -1;
  net &= bits ? 0xFFFFFFFFu << (32 - bits) : 0;
  if (!_nodes && new_node() == ~0u)
    return -1;
  for (int r = 0; r < _nroutes; r++)
    if (_rnet[r] == net && _rbits[r] == bits) {
      _rgw[r] = gw;
      _rcolor[r] = (int16_t)color;
      return 0;  // slots already point at r
    }
  if (_nroutes == _route_cap && !grow_routes())
    return -1;
  int r = _nroutes++;
  _rnet[r] = net;
  _rbits[r] = (uint8_t)bits;
  _rgw[r] = gw;
  _rcolor[r] = (int16_t)color;
  return place(r) < 0 ? -1 : 1;
}

int OctStrideForwarder::withdraw(uint32_t net, int bits) {
  if (bits < 0 || bits > 32)
    return 0;
  net &= bits ? 0xFFFFFFFFu << (32 - bits) : 0;
  for (int r = 0; r < _nroutes; r++)
    if (_rnet[r] == net && _rbits[r] == bits) {
      --_nroutes;
      _rnet[r] = _rnet[_nroutes];
      _rbits[r] = _rbits[_nroutes];
      _rgw[r] = _rgw[_nroutes];
      _rcolor[r] = _rcolor[_nroutes];
      return rebuild() < 0 ? -1 : 1;
    }
  return 0;
}

int OctStrideForwarder::locate(uint32_t dst) const {
  if (!_nodes)
    return -1;
  int found = -1;
  uint32_t node = 0, rest = dst;
  for (int lvl = 0; lvl < LEVELS; lvl++) {
    int w = stride_width(lvl);
    uint32_t s = node * FANOUT + (rest >> (32 - w));
    if (_slot_route[s] >= 0)
      found = _slot_route[s];
    node = _slot_child[s];
    if (!node)
      break;
    rest <<= w;
  }
  return found;
}

int OctStrideForwarder::configure(Vector<String> &conf, ErrorHandler *errh) {
  for (int i = 0; i < conf.size(); i++) {
    Vector<String> w;
    cp_spacevec(conf[i], w);
    IPAddress a, m, gw;
    int color;
    bool ok = (w.size() == 2 || w.size() == 3) &&
              cp_ip_prefix(w[0], &a, &m) &&
              cp_integer(w[w.size() - 1], &color) &&
              (w.size() == 2 || cp_ip_address(w[1], &gw));
    if (!ok)
      return errh->error("argument %d: expected ADDR/MASK [GATEWAY] PORT", i);
    if (announce(ntohl(a.addr()), m.mask_to_prefix_len(), gw.addr(), color) < 0)
      return errh->error("argument %d: route not accepted", i);
  }
  return 0;
}

Packet *OctStrideForwarder::simple_action(Packet *p) {
  const click_ip *iph = p->ip_header();
  int r = iph ? locate(ntohl(iph->ip_dst.s_addr)) : -1;
  if (r < 0 || !iph || iph->ip_ttl <= 1) {
    _miss++;
    p->kill();
    return 0;
  }
  WritablePacket *q = p->uniqueify();
  if (!q)
    return 0;
  click_ip *wip = q->ip_header();
  uint16_t before = *(const uint16_t *)&wip->ip_ttl;
  wip->ip_ttl--;
  click_update_in_cksum(&wip->ip_sum, before, *(const uint16_t *)&wip->ip_ttl);
  q->set_dst_ip_anno(_rgw[r] ? IPAddress(_rgw[r]) : IPAddress(wip->ip_dst));
  SET_PAINT_ANNO(q, (uint8_t)_rcolor[r]);
  return q;
}

CLICK_ENDDECLS
EXPORT_ELEMENT(OctStrideForwarder)

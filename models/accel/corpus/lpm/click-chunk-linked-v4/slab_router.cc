// SlabRouter: IPv4 forwarding element.  A 65536-entry first stage indexed by
// the top 16 destination bits; stage entries that need more detail point to
// 256-entry slabs (bits 16..23, then 24..31) that are taken from a linked
// list of free slabs and chained on an "in use" list.  Every entry carries
// the length of the route it was expanded from so a more specific route is
// never overwritten by a shorter one.
//
// Configuration: one argument per route, "ADDR/MASK PORT".
// Output: the packet goes to output PORT; unroutable packets go to the last
// output if there is more than one, otherwise they are dropped.
#include <click/config.h>
#include <click/element.hh>
#include <click/packet.hh>
#include <click/confparse.hh>
#include <click/error.hh>
#include <click/vector.hh>
#include <clicknet/ip.h>
#include <stdlib.h>
#include <string.h>

CLICK_DECLS

class SlabRouter : public Element {
public:
  SlabRouter();
  ~SlabRouter();
  const char *class_name() const override { return "SlabRouter"; }
  const char *port_count() const override { return "1/1-"; }
  const char *processing() const override { return PUSH; }
  int configure(Vector<String> &conf, ErrorHandler *errh) override;
  void push(int port, Packet *p) override;

  int add(uint32_t net, int len, int port);
  int remove(uint32_t net, int len);
  int resolve(uint32_t dst, int *len_out) const;

  uint64_t sent(int port) const { return port < 16 ? _sent[port] : 0; }
  uint64_t dropped() const { return _dropped; }
  int slabs_in_use() const { return _nused; }

private:
  struct Slab;
  struct Cell {
    int16_t port;  // -1: no route
    uint8_t len;
    uint8_t pad;
    Slab *down;
  };
  struct Slab {
    Cell cell[256];
    Slab *link;  // free list or in-use chain
  };
  struct Entry {
    uint32_t net;
    int len;
    int port;
  };

  Cell *_stage;  // 65536 cells
  Slab *_free;
  Slab *_inuse;
  int _nused;
  Entry *_rt;  // control-plane copy of the routes (for removal)
  int _nrt, _rtcap;
  uint64_t _sent[16];
  uint64_t _dropped;

  Slab *grab_slab(const Cell &from);
  void paint(Cell *c, int n, int depth, int len, int port, int oldlen);
};

SlabRouter::SlabRouter()
    : _stage(0), _free(0), _inuse(0), _nused(0), _rt(0), _nrt(0), _rtcap(0),
      _dropped(0) {
  memset(_sent, 0, sizeof(_sent));
}

SlabRouter::~SlabRouter() {
  while (_inuse) {
    Slab *s = _inuse;
    _inuse = s->link;
    free(s);
  }
  while (_free) {
    Slab *s = _free;
    _free = s->link;
    free(s);
  }
  free(_stage);
  free(_rt);
}

// A slab whose 256 cells all inherit the route held by `from`.
SlabRouter::Slab *SlabRouter::grab_slab(const Cell &from) {
  Slab *s = _free;
  if (s)
    _free = s->link;
  else if (!(s = (Slab *)malloc(sizeof(Slab))))
    return 0;
  for (int i = 0; i < 256; i++) {
    s->cell[i].port = from.port;
    s->cell[i].len = from.len;
    s->cell[i].pad = 0;
    s->cell[i].down = 0;
  }
  s->link = _inuse;
  _inuse = s;
  _nused++;
  return s;
}

// Write (port, len) over n consecutive cells at stage depth `depth` (0: first
// stage, 1: bits 16..23, 2: bits 24..31), descending into slabs below.  With
// oldlen < 0 (a new route) only empty cells and cells holding shorter routes
// change; otherwise only cells still holding the route of length oldlen.
void SlabRouter::paint(Cell *c, int n, int depth, int len, int port,
                       int oldlen) {
  for (int i = 0; i < n; i++) {
    Cell &x = c[i];
    bool take = oldlen < 0 ? (x.port < 0 || x.len < len)
                           : (x.port >= 0 && x.len == oldlen);
    if (take) {
      x.port = (int16_t)port;
      x.len = (uint8_t)len;
    }
    if (x.down && depth < 2)
      paint(x.down->cell, 256, depth + 1, len, port, oldlen);
  }
}

int SlabRouter::add(uint32_t net, int len, int port) {
  if (len < 0 || len > 32 || port < 0 || port > 32767)
    return -1;
  if (!_stage) {
    _stage = (Cell *)malloc(sizeof(Cell) * 65536);
    if (!_stage)
      return -1;
    for (int i = 0; i < 65536; i++) {
      _stage[i].port = -1;
      _stage[i].len = 0;
      _stage[i].pad = 0;
      _stage[i].down = 0;
    }
  }
  uint32_t m = len ? 0xFFFFFFFFu << (32 - len) : 0;
  net &= m;
  bool fresh = true;
  for (int i = 0; i < _nrt; i++)
    if (_rt[i].net == net && _rt[i].len == len) {
      _rt[i].port = port;
      fresh = false;
      break;
    }
  if (fresh) {
    if (_nrt == _rtcap) {
      int nc = _rtcap ? 2 * _rtcap : 64;
      Entry *n = (Entry *)realloc(_rt, sizeof(Entry) * nc);
      if (!n)
        return -1;
      _rt = n;
      _rtcap = nc;
    }
    _rt[_nrt].net = net;
    _rt[_nrt].len = len;
    _rt[_nrt].port = port;
    _nrt++;
  }

  Cell *c = _stage;
  int depth = 0, shift = 16, width = 16;
  while (len > shift) {
    Cell &x = c[(net >> (32 - shift)) & ((1u << width) - 1)];
    if (!x.down && !(x.down = grab_slab(x)))
      return -1;
    c = x.down->cell;
    depth++;
    shift += 8;
    width = 8;
  }
  int free_bits = shift - len;
  uint32_t base = ((net >> (32 - shift)) & ((1u << width) - 1)) &
                  ~((1u << free_bits) - 1);
  // equal length: replace it, otherwise only overwrite shorter routes
  paint(c + base, 1 << free_bits, depth, len, port, fresh ? -1 : len);
  return fresh ? 1 : 0;
}

int SlabRouter::remove(uint32_t net, int len) {
  if (len < 0 || len > 32 || !_stage)
    return 0;
  uint32_t m = len ? 0xFFFFFFFFu << (32 - len) : 0;
  net &= m;
  int at = -1;
  for (int i = 0; i < _nrt; i++)
    if (_rt[i].net == net && _rt[i].len == len)
      at = i;
  if (at < 0)
    return 0;
  _rt[at] = _rt[--_nrt];

  // the route that takes over: longest remaining one covering net/len
  int rport = -1, rlen = -1;
  for (int i = 0; i < _nrt; i++) {
    const Entry &e = _rt[i];
    uint32_t em = e.len ? 0xFFFFFFFFu << (32 - e.len) : 0;
    if (e.len < len && (net & em) == e.net && e.len > rlen) {
      rlen = e.len;
      rport = e.port;
    }
  }

  Cell *c = _stage;
  int depth = 0, shift = 16, width = 16;
  while (len > shift) {
    Cell &x = c[(net >> (32 - shift)) & ((1u << width) - 1)];
    if (!x.down)
      return 1;
    c = x.down->cell;
    depth++;
    shift += 8;
    width = 8;
  }
  int free_bits = shift - len;
  uint32_t base = ((net >> (32 - shift)) & ((1u << width) - 1)) &
                  ~((1u << free_bits) - 1);
  if (rlen < 0) {
    // nothing covers it any more: mark as "no route" of length 0
    paint(c + base, 1 << free_bits, depth, 0, -1, len);
  } else {
    paint(c + base, 1 << free_bits, depth, rlen, rport, len);
  }
  return 1;
}

int SlabRouter::resolve(uint32_t dst, int *len_out) const {
  if (!_stage)
    return -1;
  const Cell *x = &_stage[dst >> 16];
  if (x->down) {
    x = &x->down->cell[(dst >> 8) & 0xFF];
    if (x->down)
      x = &x->down->cell[dst & 0xFF];
  }
  if (len_out)
    *len_out = x->port < 0 ? -1 : x->len;
  return x->port;
}

int SlabRouter::configure(Vector<String> &conf, ErrorHandler *errh) {
  for (int i = 0; i < conf.size(); i++) {
    Vector<String> words;
    cp_spacevec(conf[i], words);
    IPAddress addr, mask;
    int port;
    if (words.size() != 2 || !cp_ip_prefix(words[0], &addr, &mask) ||
        !cp_integer(words[1], &port))
      return errh->error("route %d: expected ADDR/MASK PORT", i);
    if (add(ntohl(addr.addr()), mask.mask_to_prefix_len(), port) < 0)
      return errh->error("route %d: bad route", i);
  }
  return 0;
}

void SlabRouter::push(int, Packet *p) {
  const click_ip *iph = p->ip_header();
  int port = iph ? resolve(ntohl(iph->ip_dst.s_addr), 0) : -1;
  if (port < 0 || port >= noutputs()) {
    _dropped++;
    if (noutputs() > 1)
      output(noutputs() - 1).push(p);
    else
      p->kill();
    return;
  }
  if (port < 16)
    _sent[port]++;
  output(port).push(p);
}

CLICK_ENDDECLS
EXPORT_ELEMENT(SlabRouter)

// SharedNibbleLookup: IPv4 route lookup over a 4-bit-stride direct-indexed
// table (eight levels of 16-entry chunks) in which chunks are hash-consed:
// every distinct chunk content exists once, and any chunk whose 16 entries
// are the same route collapses into that route in its parent.  Routes are
// leaf-pushed, each entry carrying the pushed route's length, so updates are
// purely functional rewrites along the route's nibble path that re-intern
// the chunks they produce.  Large regions with one next hop (and repeated
// sub-tables) therefore cost one entry, while lookups stay one indexed load
// per nibble.
//
// Entries: bit 31 set = chunk index in the low bits; otherwise bits 16..23
// hold the prefix length and bits 0..15 the output port + 1 (0 = no route).
//
// Configuration: "ADDR/LEN PORT" arguments.  Packets go to the route's
// output by their IP destination; unmatched packets are dropped.
#include <click/config.h>
#include <click/confparse.hh>
#include <click/element.hh>
#include <click/error.hh>
#include <click/ipaddress.hh>
#include <click/packet.hh>
#include <clicknet/ip.h>
#include <stdlib.h>
#include <string.h>

class SharedNibbleLookup : public Element {
public:
  SharedNibbleLookup();
  ~SharedNibbleLookup();

  const char *class_name() const override { return "SharedNibbleLookup"; }
  const char *port_count() const override { return "1/1-"; }
  const char *processing() const override { return PUSH; }

  int configure(Vector<String> &conf, ErrorHandler *errh) override;
  void push(int port, Packet *p) override;

  bool insert(uint32_t net, int len, int port);
  bool withdraw(uint32_t net, int len);
  int route(uint32_t dst) const;

  static const uint32_t DOWN = 0x80000000u;
  static const int FAN = 16;

private:
  struct Op {
    bool removing;
    int len;
    uint32_t put; // entry written into the region
  };
  struct Cfg {
    uint32_t net;
    int len;
    int port;
  };

  uint32_t (*_pool)[FAN];
  int _used, _room;
  int32_t *_slots; // intern table: chunk ids, -1 free
  uint32_t _nslots;
  uint32_t _top;   // root entry
  int _settled;    // pool size after the last rebuild
  Cfg *_cfg;
  int _ncfg, _cfgroom;
  uint64_t _drops;

  static uint32_t chunk_digest(const uint32_t *cells);
  static uint32_t route_entry(int len, int port) {
    return ((uint32_t)len << 16) | (uint32_t)(port + 1);
  }
  void grow_slots();
  uint32_t intern(const uint32_t *cells);
  uint32_t edit_entry(uint32_t e, const Op &op) const;
  uint32_t rework_all(uint32_t e, const Op &op);
  uint32_t rework(uint32_t e, int level, uint32_t net, const Op &op);
  void rebuild();
  void reset_pool();
};

SharedNibbleLookup::SharedNibbleLookup()
    : _pool(0), _used(0), _room(0), _slots(0), _nslots(0), _top(0),
      _settled(0), _cfg(0), _ncfg(0), _cfgroom(0), _drops(0) {
  reset_pool();
}

SharedNibbleLookup::~SharedNibbleLookup() {
  free(_pool);
  free(_slots);
  free(_cfg);
}

void SharedNibbleLookup::reset_pool() {
  _used = 0;
  _nslots = 0;
  grow_slots();
  _top = 0;
}

uint32_t SharedNibbleLookup::chunk_digest(const uint32_t *cells) {
  uint32_t h = 2166136261u;
  for (int i = 0; i < FAN; i++) {
    h = (h ^ cells[i]) * 16777619u;
    h ^= h >> 16;
  }
  return h;
}

// Doubles the intern table (or creates it) and re-enters every chunk.
void SharedNibbleLookup::grow_slots() {
  uint32_t n = _nslots ? 2 * _nslots : 512;
  while (n < 2u * (uint32_t)_used)
    n *= 2;
  free(_slots);
  _slots = (int32_t *)malloc(n * sizeof(int32_t));
  for (uint32_t i = 0; i < n; i++)
    _slots[i] = -1;
  _nslots = n;
  for (int id = 0; id < _used; id++) {
    uint32_t s = chunk_digest(_pool[id]) & (n - 1);
    while (_slots[s] >= 0)
      s = (s + 1) & (n - 1);
    _slots[s] = id;
  }
}

// The entry standing for a chunk with CELLS: the shared route itself when
// all sixteen are one route, else the unique chunk with that content.
uint32_t SharedNibbleLookup::intern(const uint32_t *cells) {
  bool flat = !(cells[0] & DOWN);
  for (int i = 1; flat && i < FAN; i++)
    flat = cells[i] == cells[0];
  if (flat)
    return cells[0];
  uint32_t mask = _nslots - 1;
  uint32_t s = chunk_digest(cells) & mask;
  for (; _slots[s] >= 0; s = (s + 1) & mask)
    if (memcmp(_pool[_slots[s]], cells, sizeof(uint32_t) * FAN) == 0)
      return DOWN | (uint32_t)_slots[s];
  if (_used == _room) {
    int nr = _room ? 2 * _room : 256;
    void *np = realloc(_pool, (size_t)nr * sizeof *_pool);
    if (!np)
      return cells[0];
    _pool = (uint32_t(*)[FAN])np;
    _room = nr;
  }
  int id = _used++;
  memcpy(_pool[id], cells, sizeof(uint32_t) * FAN);
  _slots[s] = id;
  if (4u * (uint32_t)_used > 3u * _nslots)
    grow_slots();
  return DOWN | (uint32_t)id;
}

uint32_t SharedNibbleLookup::edit_entry(uint32_t e, const Op &op) const {
  bool routed = (e & 0xFFFFu) != 0;
  int elen = (int)((e >> 16) & 0xFF);
  if (op.removing)
    return routed && elen == op.len ? op.put : e;
  return !routed || elen <= op.len ? op.put : e;
}

uint32_t SharedNibbleLookup::rework_all(uint32_t e, const Op &op) {
  if (!(e & DOWN))
    return edit_entry(e, op);
  uint32_t cells[FAN];
  memcpy(cells, _pool[e & ~DOWN], sizeof cells);
  for (int i = 0; i < FAN; i++)
    cells[i] = rework_all(cells[i], op);
  return intern(cells);
}

// Rewrites entry E of level LEVEL (nibble LEVEL of the address) for the
// region NET/op.len.
uint32_t SharedNibbleLookup::rework(uint32_t e, int level, uint32_t net,
                                    const Op &op) {
  uint32_t cells[FAN];
  if (e & DOWN)
    memcpy(cells, _pool[e & ~DOWN], sizeof cells);
  else
    for (int i = 0; i < FAN; i++)
      cells[i] = e;
  int nib = (int)((net >> (28 - 4 * level)) & 0xF);
  int bits = op.len - 4 * level;
  if (bits <= 4) {
    int span = 1 << (4 - bits);
    int first = nib & ~(span - 1);
    for (int i = first; i < first + span; i++)
      cells[i] = rework_all(cells[i], op);
  } else {
    cells[nib] = rework(cells[nib], level + 1, net, op);
  }
  return intern(cells);
}

static inline uint32_t nib_mask(int len) {
  return len ? 0xFFFFFFFFu << (32 - len) : 0u;
}

// Re-creates the pool from the configured routes, dropping dead chunks.
void SharedNibbleLookup::rebuild() {
  reset_pool();
  for (int i = 0; i < _ncfg; i++) {
    Op op;
    op.removing = false;
    op.len = _cfg[i].len;
    op.put = route_entry(_cfg[i].len, _cfg[i].port);
    _top = rework(_top, 0, _cfg[i].net, op);
  }
  _settled = _used;
}

bool SharedNibbleLookup::insert(uint32_t net, int len, int port) {
  if (len < 0 || len > 32 || port < 0 || port > 0xFFFE)
    return false;
  net &= nib_mask(len);
  int i = 0;
  while (i < _ncfg && !(_cfg[i].len == len && _cfg[i].net == net))
    i++;
  if (i < _ncfg && _cfg[i].port != port) {
    withdraw(net, len);
    return insert(net, len, port);
  }
  if (i == _ncfg) {
    if (_ncfg == _cfgroom) {
      int nr = _cfgroom ? 2 * _cfgroom : 32;
      Cfg *nc = (Cfg *)realloc(_cfg, nr * sizeof(Cfg));
      if (!nc)
        return false;
      _cfg = nc;
      _cfgroom = nr;
    }
    _cfg[_ncfg].net = net;
    _cfg[_ncfg].len = len;
    _cfg[_ncfg].port = port;
    _ncfg++;
  }
  Op op;
  op.removing = false;
  op.len = len;
  op.put = route_entry(len, port);
  _top = rework(_top, 0, net, op);
  if (_used > 8 * _settled + 4096)
    rebuild();
  return true;
}

bool SharedNibbleLookup::withdraw(uint32_t net, int len) {
  if (len < 0 || len > 32)
    return false;
  net &= nib_mask(len);
  int i = 0;
  while (i < _ncfg && !(_cfg[i].len == len && _cfg[i].net == net))
    i++;
  if (i == _ncfg)
    return false;
  _cfg[i] = _cfg[--_ncfg];
  Op op;
  op.removing = true;
  op.len = len;
  op.put = 0;
  int best = -1;
  for (int k = 0; k < _ncfg; k++)
    if (_cfg[k].len < len && _cfg[k].len > best &&
        ((net ^ _cfg[k].net) & nib_mask(_cfg[k].len)) == 0) {
      best = _cfg[k].len;
      op.put = route_entry(_cfg[k].len, _cfg[k].port);
    }
  _top = rework(_top, 0, net, op);
  if (_used > 8 * _settled + 4096)
    rebuild();
  return true;
}

// Output port for DST (host order), -1 if no route covers it.
int SharedNibbleLookup::route(uint32_t dst) const {
  uint32_t e = _top;
  int shift = 28;
  while (e & DOWN) {
    e = _pool[e & ~DOWN][(dst >> shift) & 0xF];
    shift -= 4;
  }
  return (int)(e & 0xFFFFu) - 1;
}

int SharedNibbleLookup::configure(Vector<String> &conf, ErrorHandler *errh) {
  for (int i = 0; i < conf.size(); i++) {
    Vector<String> words;
    cp_spacevec(conf[i], words);
    IPAddress a, m;
    int port = -1;
    if (words.size() != 2 || !cp_ip_prefix(words[0], &a, &m, true, this) ||
        !cp_integer(words[1], &port) || port < 0 || port >= noutputs())
      return errh->error("argument %d: want ADDR/LEN PORT", i + 1);
    int len = m.mask_to_prefix_len();
    if (len < 0 || !insert(ntohl(a.addr()), len, port))
      return errh->error("argument %d: bad route", i + 1);
  }
  return 0;
}

void SharedNibbleLookup::push(int, Packet *p) {
  int port = route(ntohl(p->ip_header()->ip_dst.s_addr));
  if (port < 0) {
    _drops++;
    p->kill();
  } else
    checked_output_push(port, p);
}

EXPORT_ELEMENT(SharedNibbleLookup)

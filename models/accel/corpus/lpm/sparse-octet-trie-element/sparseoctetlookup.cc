// SparseOctetLookup: IPv4 route lookup in an 8-bit-stride trie whose nodes
// are sparse and never expanded.
//
// Each trie level consumes one octet of the destination. A node keeps its
// children as a sorted array of (octet, child) pairs, found by binary search,
// and keeps the routes that end inside its octet (prefix lengths 8d+0 ..
// 8d+7 at depth d) as short "stubs" of 0..7 leading bits, ordered from the
// longest stub to the shortest; a /32 ends as a zero-bit stub one level
// below its last octet. A lookup takes the longest stub matching each octet
// on its way down; the deepest one wins.
//
// Configuration: one "ADDR/LEN PORT" argument per route. Packets leave on
// the port of the longest matching route (destination from the IP header);
// packets with no route, or to a port that does not exist, are dropped.
#include <click/config.h>
#include <click/args.hh>
#include <click/confparse.hh>
#include <click/element.hh>
#include <click/error.hh>
#include <click/ipaddress.hh>
#include <click/packet.hh>
#include <clicknet/ip.h>
#include <stdlib.h>
#include <string.h>

class SparseOctetLookup : public Element {
public:
  SparseOctetLookup();
  ~SparseOctetLookup();

  const char *class_name() const override { return "SparseOctetLookup"; }
  const char *port_count() const override { return "1/-"; }
  const char *processing() const override { return PUSH; }

  int configure(Vector<String> &conf, ErrorHandler *errh) override;
  void push(int port, Packet *p) override;

  int add_route(uint32_t net, int len, int port);
  int remove_route(uint32_t net, int len);
  int route_of(uint32_t dst) const;

  uint64_t drops() const { return _drops; }

private:
  struct Stub {
    uint8_t lead; // the stub's leading bits, right-aligned
    uint8_t span; // 0..7 bits
    int16_t port;
  };
  struct Octet {
    uint8_t *key;  // sorted child octets
    Octet **kid;
    int nkid, kidcap;
    Stub *stub; // by decreasing span
    int nstub, stubcap;
  };

  Octet *_root;
  uint64_t _drops;
  uint64_t _forwarded;

  static Octet *fresh_octet();
  static void release(Octet *o);
  static int kid_slot(const Octet *o, uint8_t v, bool *present);
  static int adopt(Octet *o, int slot, uint8_t v, Octet *child);
  static int set_stub(Octet *o, uint8_t lead, uint8_t span, int port);
  static bool clear_stub(Octet *o, uint8_t lead, uint8_t span);
};

SparseOctetLookup::SparseOctetLookup() : _drops(0), _forwarded(0) {
  _root = fresh_octet();
}

SparseOctetLookup::~SparseOctetLookup() { release(_root); }

SparseOctetLookup::Octet *SparseOctetLookup::fresh_octet() {
  return (Octet *)calloc(1, sizeof(Octet));
}

void SparseOctetLookup::release(Octet *o) {
  if (!o)
    return;
  for (int i = 0; i < o->nkid; i++)
    release(o->kid[i]);
  free(o->key);
  free(o->kid);
  free(o->stub);
  free(o);
}

// Binary search among the children for octet V: its slot if present,
// otherwise the slot where it would go.
int SparseOctetLookup::kid_slot(const Octet *o, uint8_t v, bool *present) {
  int lo = 0, hi = o->nkid;
  while (lo < hi) {
    int mid = (lo + hi) >> 1;
    if (o->key[mid] < v)
      lo = mid + 1;
    else
      hi = mid;
  }
  *present = lo < o->nkid && o->key[lo] == v;
  return lo;
}

int SparseOctetLookup::adopt(Octet *o, int slot, uint8_t v, Octet *child) {
  if (o->nkid == o->kidcap) {
    int nc = o->kidcap ? o->kidcap * 2 : 2;
    if (nc > 256)
      nc = 256;
    uint8_t *nk = (uint8_t *)realloc(o->key, (size_t)nc);
    if (!nk)
      return -1;
    o->key = nk;
    Octet **nv = (Octet **)realloc(o->kid, sizeof(Octet *) * (size_t)nc);
    if (!nv)
      return -1;
    o->kid = nv;
    o->kidcap = nc;
  }
  memmove(o->key + slot + 1, o->key + slot, (size_t)(o->nkid - slot));
  memmove(o->kid + slot + 1, o->kid + slot,
          sizeof(Octet *) * (size_t)(o->nkid - slot));
  o->key[slot] = v;
  o->kid[slot] = child;
  o->nkid++;
  return 0;
}

int SparseOctetLookup::set_stub(Octet *o, uint8_t lead, uint8_t span,
                                int port) {
  int i = 0;
  while (i < o->nstub && o->stub[i].span > span)
    i++;
  for (int j = i; j < o->nstub && o->stub[j].span == span; j++)
    if (o->stub[j].lead == lead) {
      o->stub[j].port = (int16_t)port;
      return 0;
    }
  if (o->nstub == o->stubcap) {
    int nc = o->stubcap ? o->stubcap * 2 : 4;
    Stub *ns = (Stub *)realloc(o->stub, sizeof(Stub) * (size_t)nc);
    if (!ns)
      return -1;
    o->stub = ns;
    o->stubcap = nc;
  }
  memmove(o->stub + i + 1, o->stub + i, sizeof(Stub) * (size_t)(o->nstub - i));
  o->stub[i].lead = lead;
  o->stub[i].span = span;
  o->stub[i].port = (int16_t)port;
  o->nstub++;
  return 0;
}

bool SparseOctetLookup::clear_stub(Octet *o, uint8_t lead, uint8_t span) {
  for (int i = 0; i < o->nstub; i++)
    if (o->stub[i].span == span && o->stub[i].lead == lead) {
      memmove(o->stub + i, o->stub + i + 1,
              sizeof(Stub) * (size_t)(o->nstub - i - 1));
      o->nstub--;
      return true;
    }
  return false;
}

// NET in host byte order. 0, or -1 when out of memory or malformed.
int SparseOctetLookup::add_route(uint32_t net, int len, int port) {
  if (len < 0 || len > 32 || port < 0 || port > 32767 || !_root)
    return -1;
  int full = len >> 3, span = len & 7;
  Octet *o = _root;
  for (int d = 0; d < full; d++) {
    uint8_t v = (uint8_t)(net >> (24 - 8 * d));
    bool present;
    int slot = kid_slot(o, v, &present);
    if (!present) {
      Octet *c = fresh_octet();
      if (!c || adopt(o, slot, v, c) < 0) {
        free(c);
        return -1;
      }
    }
    o = o->kid[slot];
  }
  uint8_t lead = 0;
  if (span)
    lead = (uint8_t)((net >> (24 - 8 * full)) & 0xFF) >> (8 - span);
  return set_stub(o, lead, (uint8_t)span, port);
}

// Removes NET/LEN and prunes the octets it leaves empty. 0, or -1 if absent.
int SparseOctetLookup::remove_route(uint32_t net, int len) {
  if (len < 0 || len > 32 || !_root)
    return -1;
  int full = len >> 3, span = len & 7;
  Octet *path[5];
  int pslot[5];
  Octet *o = _root;
  for (int d = 0; d < full; d++) {
    bool present;
    int slot = kid_slot(o, (uint8_t)(net >> (24 - 8 * d)), &present);
    if (!present)
      return -1;
    path[d] = o;
    pslot[d] = slot;
    o = o->kid[slot];
  }
  uint8_t lead = 0;
  if (span)
    lead = (uint8_t)((net >> (24 - 8 * full)) & 0xFF) >> (8 - span);
  if (!clear_stub(o, lead, (uint8_t)span))
    return -1;
  for (int d = full - 1; d >= 0; d--) {
    if (o->nstub != 0 || o->nkid != 0)
      break;
    Octet *up = path[d];
    int s = pslot[d];
    release(o);
    memmove(up->key + s, up->key + s + 1, (size_t)(up->nkid - s - 1));
    memmove(up->kid + s, up->kid + s + 1,
            sizeof(Octet *) * (size_t)(up->nkid - s - 1));
    up->nkid--;
    o = up;
  }
  return 0;
}

// Longest-prefix match on DST (host byte order): the route's port, or -1.
int SparseOctetLookup::route_of(uint32_t dst) const {
  int port = -1;
  const Octet *o = _root;
  for (int d = 0; o != 0; d++) {
    uint8_t v = d < 4 ? (uint8_t)(dst >> (24 - 8 * d)) : 0;
    for (int i = 0; i < o->nstub; i++) {
      const Stub &s = o->stub[i];
      if (s.span == 0 || (v >> (8 - s.span)) == s.lead) {
        port = s.port;
        break;
      }
    }
    if (d == 4)
      break;
    bool present;
    int slot = kid_slot(o, v, &present);
    o = present ? o->kid[slot] : 0;
  }
  return port;
}

int SparseOctetLookup::configure(Vector<String> &conf, ErrorHandler *errh) {
  for (int i = 0; i < conf.size(); i++) {
    Vector<String> words;
    cp_spacevec(conf[i], words);
    IPAddress addr, mask;
    int port;
    if (words.size() != 2 || !cp_ip_prefix(words[0], &addr, &mask, true, this) ||
        !cp_integer(words[1], &port))
      return errh->error("route %d: expected ADDR/LEN PORT", i + 1);
    int len = mask.mask_to_prefix_len();
    if (len < 0 || add_route(ntohl(addr.addr()), len, port) < 0)
      return errh->error("route %d: bad prefix or port", i + 1);
  }
  return 0;
}

void SparseOctetLookup::push(int, Packet *p) {
  if (!p->has_network_header() ||
      p->network_length() < (int)sizeof(click_ip)) {
    _drops++;
    p->kill();
    return;
  }
  const click_ip *iph = p->ip_header();
  int port = route_of(ntohl(iph->ip_dst.s_addr));
  if (port < 0 || port >= noutputs()) {
    _drops++;
    p->kill();
    return;
  }
  _forwarded++;
  output(port).push(p);
}

EXPORT_ELEMENT(SparseOctetLookup)

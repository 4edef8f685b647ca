// IPv6 route lookup in the manner of DPDK's lpm6: a first table indexed by
// the top 16 destination bits, then groups of 256 entries, one per further
// address byte. Every entry is a 32-bit word of bit fields: a next hop (or
// a group number), the depth of the route that wrote it, a valid flag and
// an "extended" flag that says the entry points to a group. A route is
// written into the 2^(k - depth) entries it covers in the last group it
// reaches, and into every entry below them that a shorter route owns; an
// entry that must be extended hands its route to all 256 entries of its
// new group. The element sends each IPv6 packet to the output its route
// names. Label: lpm.

#include <click/config.h>
#include <click/element.hh>
#include <click/packet.hh>
#include <clicknet/ip6.h>

class V6GroupRoute : public Element {
public:
  V6GroupRoute() : _first(), _ngroups(0), _unrouted(0) {}

  const char *class_name() const override { return "V6GroupRoute"; }
  const char *port_count() const override { return "1/-"; }
  const char *processing() const override { return PUSH; }

  void push(int port, Packet *p) override;

  int add_route(const uint8_t *prefix, int depth, unsigned hop);
  int lookup(const uint8_t *addr) const;

private:
  struct Entry {
    uint32_t hop : 21; // next hop, or group number when ext
    uint32_t depth : 8;
    uint32_t valid : 1;
    uint32_t ext : 1;
    uint32_t unused : 1;
  };
  enum { NGROUPS = 4096, HOP_LIMIT = 1 << 21 };

  Entry _first[1 << 16];
  Entry _groups[NGROUPS][256];
  int _ngroups;
  uint64_t _unrouted;

  void install(Entry &e, int depth, unsigned hop);
};

void V6GroupRoute::install(Entry &e, int depth, unsigned hop) {
  if (e.ext) {
    Entry *g = _groups[e.hop];
    for (int i = 0; i < 256; ++i)
      install(g[i], depth, hop);
  } else if (!e.valid || e.depth <= depth) {
    e.valid = 1;
    e.depth = depth;
    e.hop = hop;
  }
}

int V6GroupRoute::add_route(const uint8_t *prefix, int depth, unsigned hop) {
  if (depth < 0 || depth > 128 || hop >= HOP_LIMIT)
    return -1;
  uint8_t key[16];
  for (int i = 0; i < 16; ++i) {
    int keep = depth - 8 * i;
    if (keep >= 8)
      key[i] = prefix[i];
    else if (keep <= 0)
      key[i] = 0;
    else
      key[i] = prefix[i] & (uint8_t)(0xFF00 >> keep);
  }

  unsigned idx = (unsigned)key[0] << 8 | key[1];
  if (depth <= 16) {
    unsigned n = 1u << (16 - depth);
    for (unsigned i = idx; i < idx + n; ++i)
      install(_first[i], depth, hop);
    return 0;
  }

  Entry *e = &_first[idx];
  int covered = 16;
  int byte = 2;
  while (true) {
    if (!e->ext) {
      if (_ngroups == NGROUPS)
        return -1;
      int g = _ngroups++;
      for (int i = 0; i < 256; ++i)
        _groups[g][i] = *e;
      e->ext = 1;
      e->valid = 1;
      e->depth = 0;
      e->hop = g;
    }
    Entry *grp = _groups[e->hop];
    covered += 8;
    if (depth <= covered) {
      unsigned first = key[byte];
      unsigned n = 1u << (covered - depth);
      for (unsigned i = first; i < first + n; ++i)
        install(grp[i], depth, hop);
      return 0;
    }
    e = &grp[key[byte]];
    ++byte;
  }
}

int V6GroupRoute::lookup(const uint8_t *addr) const {
  Entry e = _first[(unsigned)addr[0] << 8 | addr[1]];
  const uint8_t *next = addr + 2;
  while (e.ext)
    e = _groups[e.hop][*next++];
  return e.valid ? (int)e.hop : -1;
}

void V6GroupRoute::push(int, Packet *p) {
  const click_ip6 *ip6 = p->ip6_header();
  int out = ip6 ? lookup(ip6->ip6_dst.s6_addr) : -1;
  if (out < 0 || out >= noutputs()) {
    ++_unrouted;
    p->kill();
    return;
  }
  output(out).push(p);
}

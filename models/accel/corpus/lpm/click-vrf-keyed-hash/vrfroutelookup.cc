// VrfRouteLookup: per-VRF IPv4 forwarding. The VRF id comes from a 16-bit
// packet annotation (set by an upstream classifier), the destination from
// the IP header. All VRFs share one open-addressed table keyed by
// (vrf, prefix length, masked destination); a per-VRF bitmap of populated
// prefix lengths limits probing to lengths that exist, longest first.
#include <click/config.h>
#include <click/element.hh>
#include <click/packet.hh>
#include <clicknet/ip.h>
#include <stdlib.h>

CLICK_DECLS

#define VRF_ANNO_OFFSET 20

class VrfRouteLookup : public Element {
public:
  VrfRouteLookup();
  ~VrfRouteLookup() override;
  const char *class_name() const override { return "VrfRouteLookup"; }
  const char *port_count() const override { return "1/-"; }
  const char *processing() const override { return PUSH; }
  void push(int port, Packet *p) override;

  int insert_route(unsigned vrf, uint32_t net, int len, int out);
  int erase_route(unsigned vrf, uint32_t net, int len);
  int resolve(unsigned vrf, uint32_t dst) const;

private:
  enum { NVRF = 4096 };
  struct Slot {
    uint64_t key;  // 0 empty, 1 deleted
    int out;
  };
  Slot *_slot;
  uint32_t _logcap;
  uint32_t _used;   // live + deleted
  uint32_t _live;
  uint64_t *_lenbits;
  uint32_t *_lencount;  // [NVRF][33]

  static inline uint64_t rkey(unsigned vrf, int len, uint32_t net) {
    uint32_t m = len ? 0xFFFFFFFFu << (32 - len) : 0;
    return ((uint64_t)(vrf + 1) << 40) | ((uint64_t)len << 32) | (net & m);
  }
  long probe(uint64_t key) const;
  int grow();
};

VrfRouteLookup::VrfRouteLookup() : _logcap(6), _used(0), _live(0) {
  _slot = (Slot *)calloc((size_t)1 << _logcap, sizeof(Slot));
  _lenbits = (uint64_t *)calloc(NVRF, sizeof(uint64_t));
  _lencount = (uint32_t *)calloc(NVRF * 33, sizeof(uint32_t));
}

VrfRouteLookup::~VrfRouteLookup() {
  free(_slot);
  free(_lenbits);
  free(_lencount);
}

// Slot holding key, or -1 - (first reusable slot) when absent.
long VrfRouteLookup::probe(uint64_t key) const {
  uint64_t mask = ((uint64_t)1 << _logcap) - 1;
  uint64_t i = (key * 0x9E3779B97F4A7C15ull) >> (64 - _logcap);
  long reuse = -1;
  for (;;) {
    uint64_t k = _slot[i].key;
    if (k == key)
      return (long)i;
    if (k == 0)
      return -1 - (reuse >= 0 ? reuse : (long)i);
    if (k == 1 && reuse < 0)
      reuse = (long)i;
    i = (i + 1) & mask;
  }
}

int VrfRouteLookup::grow() {
  Slot *old = _slot;
  uint64_t oldcap = (uint64_t)1 << _logcap;
  uint32_t lc = _logcap;
  if (2 * _live >= oldcap / 2)
    lc++;
  Slot *ns = (Slot *)calloc((size_t)1 << lc, sizeof(Slot));
  if (!ns)
    return -1;
  _slot = ns;
  _logcap = lc;
  _used = 0;
  for (uint64_t j = 0; j < oldcap; j++)
    if (old[j].key > 1) {
      long at = -1 - probe(old[j].key);
      _slot[at] = old[j];
      _used++;
    }
  free(old);
  return 0;
}

int VrfRouteLookup::insert_route(unsigned vrf, uint32_t net, int len,
                                 int out) {
  if (vrf >= NVRF || len < 0 || len > 32)
    return -1;
  uint64_t key = rkey(vrf, len, net);
  long at = probe(key);
  if (at >= 0) {
    _slot[at].out = out;
    return 0;
  }
  if ((uint64_t)(_used + 1) * 4 > ((uint64_t)3 << _logcap)) {
    if (grow() < 0)
      return -1;
  }
  at = -1 - probe(key);
  if (_slot[at].key == 0)
    _used++;
  _slot[at].key = key;
  _slot[at].out = out;
  _live++;
  if (_lencount[vrf * 33 + len]++ == 0)
    _lenbits[vrf] |= (uint64_t)1 << len;
  return 0;
}

int VrfRouteLookup::erase_route(unsigned vrf, uint32_t net, int len) {
  if (vrf >= NVRF || len < 0 || len > 32)
    return -1;
  long at = probe(rkey(vrf, len, net));
  if (at < 0)
    return -1;
  _slot[at].key = 1;
  _live--;
  if (--_lencount[vrf * 33 + len] == 0)
    _lenbits[vrf] &= ~((uint64_t)1 << len);
  return 0;
}

int VrfRouteLookup::resolve(unsigned vrf, uint32_t dst) const {
  if (vrf >= NVRF)
    return -1;
  uint64_t todo = _lenbits[vrf];
  while (todo) {
    int len = 63 - __builtin_clzll(todo);
    long at = probe(rkey(vrf, len, dst));
    if (at >= 0)
      return _slot[at].out;
    todo &= ~((uint64_t)1 << len);
  }
  return -1;
}

void VrfRouteLookup::push(int, Packet *p) {
  const click_ip *iph = p->ip_header();
  int out = iph ? resolve(p->anno_u16(VRF_ANNO_OFFSET), ntohl(iph->ip_dst.s_addr)) : -1;
  if (out < 0)
    p->kill();
  else
    checked_output_push(out, p);
}

CLICK_ENDDECLS
EXPORT_ELEMENT(VrfRouteLookup)

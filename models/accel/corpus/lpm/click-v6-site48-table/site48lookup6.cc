// Site48Lookup6: IPv6 forwarding for an access network where every route is
// a customer site /48 or one of its subnets (/49../64), plus a default.
// Sites are found by hashing the top 48 destination bits; inside a site the
// 16-bit subnet id is resolved through a 256-entry table on its first byte,
// with 256-entry second-level tables for routes longer than /56. Cells hold
// the controlled-prefix-expansion result (output and the length it came from).
#include <click/config.h>
#include <click/element.hh>
#include <click/packet.hh>
#include <clicknet/ip6.h>
#include <stdlib.h>
#include <string.h>

CLICK_DECLS

class Site48Lookup6 : public Element {
public:
  Site48Lookup6();
  ~Site48Lookup6() override;
  const char *class_name() const override { return "Site48Lookup6"; }
  const char *port_count() const override { return "1/-"; }
  const char *processing() const override { return PUSH; }
  void push(int port, Packet *p) override;

  void set_default(int out) { _default_out = out; }
  int add_route6(const unsigned char *pfx, int len, int out);
  int remove_route6(const unsigned char *pfx, int len);
  int lookup6(const unsigned char *dst) const;

private:
  enum { NBUCKET = 1024 };
  struct Cell {
    int32_t out;
    int32_t len;  // 0..16 below the /48, -1 for no route
  };
  struct Rule {
    uint16_t subnet;
    uint8_t len;
    int32_t out;
  };
  struct Site {
    uint64_t id48;
    Site *next;
    Rule *rules;
    int nrules, caprules;
    Cell top[256];
    Cell *low[256];
  };
  Site *_bucket[NBUCKET];
  int _default_out;

  static inline uint64_t id48_of(const unsigned char *a) {
    uint64_t v = 0;
    for (int i = 0; i < 6; i++)
      v = (v << 8) | a[i];
    return v;
  }
  static inline unsigned bucket_of(uint64_t id) {
    return (unsigned)((id * 0xff51afd7ed558ccdull) >> 54);
  }
  Site *find_site(uint64_t id) const;
  static int paint(Site *s, uint16_t subnet, int len, int out);
  static void repaint(Site *s);
};

Site48Lookup6::Site48Lookup6() : _default_out(-1) {
  memset(_bucket, 0, sizeof(_bucket));
}

Site48Lookup6::~Site48Lookup6() {
  for (int b = 0; b < NBUCKET; b++)
    while (Site *s = _bucket[b]) {
      _bucket[b] = s->next;
      for (int i = 0; i < 256; i++)
        free(s->low[i]);
      free(s->rules);
      free(s);
    }
}

Site48Lookup6::Site *Site48Lookup6::find_site(uint64_t id) const {
  for (Site *s = _bucket[bucket_of(id)]; s; s = s->next)
    if (s->id48 == id)
      return s;
  return 0;
}

int Site48Lookup6::paint(Site *s, uint16_t subnet, int len, int out) {
  if (len <= 8) {
    unsigned first = (subnet >> 8) & ~((1u << (8 - len)) - 1);
    for (unsigned i = first; i < first + (1u << (8 - len)); i++) {
      if (s->top[i].len <= len) {
        s->top[i].out = out;
        s->top[i].len = len;
      }
      if (Cell *lo = s->low[i])
        for (unsigned j = 0; j < 256; j++)
          if (lo[j].len <= len) {
            lo[j].out = out;
            lo[j].len = len;
          }
    }
    return 0;
  }
  unsigned hi = subnet >> 8;
  Cell *lo = s->low[hi];
  if (!lo) {
    lo = (Cell *)malloc(256 * sizeof(Cell));
    if (!lo)
      return -1;
    for (unsigned j = 0; j < 256; j++)
      lo[j] = s->top[hi];
    s->low[hi] = lo;
  }
  unsigned first = (subnet & 0xffu) & ~((1u << (16 - len)) - 1);
  for (unsigned j = first; j < first + (1u << (16 - len)); j++)
    if (lo[j].len <= len) {
      lo[j].out = out;
      lo[j].len = len;
    }
  return 0;
}

void Site48Lookup6::repaint(Site *s) {
  for (int i = 0; i < 256; i++) {
    free(s->low[i]);
    s->low[i] = 0;
    s->top[i].out = -1;
    s->top[i].len = -1;
  }
  for (int k = 0; k < s->nrules; k++)
    paint(s, s->rules[k].subnet, s->rules[k].len, s->rules[k].out);
}

int Site48Lookup6::add_route6(const unsigned char *pfx, int len, int out) {
  if (len == 0) {
    _default_out = out;
    return 0;
  }
  if (len < 48 || len > 64)
    return -1;
  uint64_t id = id48_of(pfx);
  int rel = len - 48;
  uint16_t subnet = (uint16_t)((pfx[6] << 8) | pfx[7]);
  subnet &= rel ? (uint16_t)(0xffffu << (16 - rel)) : 0;
  Site *s = find_site(id);
  if (!s) {
    s = (Site *)calloc(1, sizeof(Site));
    if (!s)
      return -1;
    s->id48 = id;
    for (int i = 0; i < 256; i++)
      s->top[i].len = s->top[i].out = -1;
    unsigned b = bucket_of(id);
    s->next = _bucket[b];
    _bucket[b] = s;
  }
  for (int k = 0; k < s->nrules; k++)
    if (s->rules[k].len == rel && s->rules[k].subnet == subnet) {
      s->rules[k].out = out;
      repaint(s);
      return 0;
    }
  if (s->nrules == s->caprules) {
    int nc = s->caprules ? 2 * s->caprules : 4;
    Rule *nr = (Rule *)realloc(s->rules, nc * sizeof(Rule));
    if (!nr)
      return -1;
    s->rules = nr;
    s->caprules = nc;
  }
  Rule &r = s->rules[s->nrules++];
  r.subnet = subnet;
  r.len = (uint8_t)rel;
  r.out = out;
  return paint(s, subnet, rel, out);
}

int Site48Lookup6::remove_route6(const unsigned char *pfx, int len) {
  if (len < 48 || len > 64)
    return -1;
  uint64_t id = id48_of(pfx);
  int rel = len - 48;
  uint16_t subnet = (uint16_t)((pfx[6] << 8) | pfx[7]);
  subnet &= rel ? (uint16_t)(0xffffu << (16 - rel)) : 0;
  Site *s = find_site(id);
  if (!s)
    return -1;
  for (int k = 0; k < s->nrules; k++)
    if (s->rules[k].len == rel && s->rules[k].subnet == subnet) {
      s->rules[k] = s->rules[--s->nrules];
      if (s->nrules) {
        repaint(s);
        return 0;
      }
      Site **link = &_bucket[bucket_of(id)];
      while (*link != s)
        link = &(*link)->next;
      *link = s->next;
      for (int i = 0; i < 256; i++)
        free(s->low[i]);
      free(s->rules);
      free(s);
      return 0;
    }
  return -1;
}

int Site48Lookup6::lookup6(const unsigned char *dst) const {
  const Site *s = find_site(id48_of(dst));
  if (!s)
    return _default_out;
  const Cell *lo = s->low[dst[6]];
  const Cell &c = lo ? lo[dst[7]] : s->top[dst[6]];
  return c.len >= 0 ? c.out : _default_out;
}

void Site48Lookup6::push(int, Packet *p) {
  const click_ip6 *ip6 = p->ip6_header();
  int out = ip6 ? lookup6(ip6->ip6_dst.s6_addr) : -1;
  if (out < 0)
    p->kill();
  else
    checked_output_push(out, p);
}

CLICK_ENDDECLS
EXPORT_ELEMENT(Site48Lookup6)

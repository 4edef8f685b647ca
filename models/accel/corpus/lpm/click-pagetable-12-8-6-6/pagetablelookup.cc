// PageTableLookup: destination route lookup through a four-level page table.
//
// The 32-bit destination is split 12 / 8 / 6 / 6, like the index fields of
// a virtual-memory page walk.  Each level is an array of 32-bit entries; an
// entry is either a leaf (route slot + the length of the prefix that wrote
// it) or a reference to a table of the next level.  Prefixes whose length
// ends inside a level are expanded over the entries they cover, and never
// overwrite an entry written by a longer prefix.  Removal rewrites the
// entries a prefix owns with the next-longest covering route, then folds
// back tables on the path whose entries have become identical leaves.
//
// Config: one "ADDR/LEN [GATEWAY] PORT" per argument.

#include <click/config.h>
#include <click/confparse.hh>
#include <click/element.hh>
#include <click/error.hh>
#include <click/ipaddress.hh>
#include <click/packet.hh>
#include <click/packet_anno.hh>
#include <clicknet/ip.h>

class PageTableLookup : public Element {
public:
  PageTableLookup();
  ~PageTableLookup();

  const char *class_name() const override { return "PageTableLookup"; }
  const char *port_count() const override { return "1/-"; }
  const char *processing() const override { return PUSH; }

  int configure(Vector<String> &conf, ErrorHandler *errh) override;
  void push(int port, Packet *p) override;

  int insert_route(uint32_t prefix, int len, uint32_t gw, int port);
  int delete_route(uint32_t prefix, int len);
  int walk(uint32_t dst) const;
  int route_port(int slot) const { return routes_[slot].port; }

  static const int kSlots = 2048;
  static const int kPool = 1024;

private:
  struct RouteSlot {
    uint32_t prefix;
    uint32_t gateway;
    int16_t port;
    int8_t len;
    bool used;
  };

  // entry encoding
  static const uint32_t kRef = 0x80000000u;
  static uint32_t leaf(int slot, int len) {
    return slot < 0 ? 0u : ((uint32_t)len << 16) | (uint32_t)(slot + 1);
  }
  static bool is_ref(uint32_t e) { return (e & kRef) != 0; }
  static int leaf_len(uint32_t e) { return (int)((e >> 16) & 0x3F); }
  static int leaf_slot(uint32_t e) { return (int)(e & 0xFFFF) - 1; }

  // level geometry: 12 / 8 / 6 / 6 bits
  static int level_bits(int lv) { return lv == 0 ? 12 : lv == 1 ? 8 : 6; }
  static int level_end(int lv) { return lv == 0 ? 12 : lv == 1 ? 20 : lv == 2 ? 26 : 32; }
  uint32_t *table(int lv, int t) {
    if (lv == 0) return top_;
    if (lv == 1) return mid_ + (size_t)t * 256;
    if (lv == 2) return low_ + (size_t)t * 64;
    return leafs_ + (size_t)t * 64;
  }
  int take_table(int lv, uint32_t fill);
  void drop_table(int lv, int t);
  void paint(int lv, uint32_t &e, uint32_t with, int len);
  void unpaint(int lv, uint32_t &e, uint32_t owned, uint32_t repl);
  bool fold(int lv, uint32_t &e);

  RouteSlot routes_[kSlots];
  uint32_t top_[4096];
  uint32_t *mid_;   // kPool tables of 256
  uint32_t *low_;   // kPool tables of 64
  uint32_t *leafs_; // kPool tables of 64
  int free_[3][kPool];
  int nfree_[3];
  uint64_t sent_;
  uint64_t dropped_;
};

PageTableLookup::PageTableLookup() : sent_(0), dropped_(0) {
  mid_ = new uint32_t[(size_t)kPool * 256];
  low_ = new uint32_t[(size_t)kPool * 64];
  leafs_ = new uint32_t[(size_t)kPool * 64];
  for (int i = 0; i < kSlots; i++)
    routes_[i].used = false;
  for (int i = 0; i < 4096; i++)
    top_[i] = 0;
  for (int lv = 0; lv < 3; lv++) {
    nfree_[lv] = kPool;
    for (int i = 0; i < kPool; i++)
      free_[lv][i] = kPool - 1 - i;
  }
}

PageTableLookup::~PageTableLookup() {
  delete[] mid_;
  delete[] low_;
  delete[] leafs_;
}

int PageTableLookup::take_table(int lv, uint32_t fill) {
  int t = free_[lv - 1][--nfree_[lv - 1]];
  uint32_t *tb = table(lv, t);
  int n = 1 << level_bits(lv);
  for (int i = 0; i < n; i++)
    tb[i] = fill;
  return t;
}

void PageTableLookup::drop_table(int lv, int t) {
  free_[lv - 1][nfree_[lv - 1]++] = t;
}

// Write leaf WITH (of a LEN-bit prefix) into entry E of level LV and below,
// wherever the present leaf comes from a prefix no longer than LEN.
void PageTableLookup::paint(int lv, uint32_t &e, uint32_t with, int len) {
  if (is_ref(e)) {
    uint32_t *tb = table(lv + 1, (int)(e & ~kRef));
    int n = 1 << level_bits(lv + 1);
    for (int i = 0; i < n; i++)
      paint(lv + 1, tb[i], with, len);
  } else if (e == 0 || leaf_len(e) <= len) {
    e = with;
  }
}

// Replace every leaf equal to OWNED below entry E by REPL.
void PageTableLookup::unpaint(int lv, uint32_t &e, uint32_t owned, uint32_t repl) {
  if (is_ref(e)) {
    uint32_t *tb = table(lv + 1, (int)(e & ~kRef));
    int n = 1 << level_bits(lv + 1);
    for (int i = 0; i < n; i++)
      unpaint(lv + 1, tb[i], owned, repl);
  } else if (e == owned) {
    e = repl;
  }
}

// If the table E refers to holds one leaf value everywhere, free it and put
// the leaf into E.
bool PageTableLookup::fold(int lv, uint32_t &e) {
  if (!is_ref(e))
    return false;
  int t = (int)(e & ~kRef);
  uint32_t *tb = table(lv + 1, t);
  int n = 1 << level_bits(lv + 1);
  if (is_ref(tb[0]))
    return false;
  for (int i = 1; i < n; i++)
    if (tb[i] != tb[0])
      return false;
  e = tb[0];
  drop_table(lv + 1, t);
  return true;
}

int PageTableLookup::insert_route(uint32_t prefix, int len, uint32_t gw, int port) {
  if (len < 0 || len > 32 || port < 0 || port >= noutputs())
    return -1;
  uint32_t m = len ? 0xFFFFFFFFu << (32 - len) : 0;
  prefix &= m;
  int slot = -1, spare = -1;
  for (int i = 0; i < kSlots; i++) {
    if (routes_[i].used && routes_[i].prefix == prefix && routes_[i].len == len)
      slot = i;
    else if (!routes_[i].used && spare < 0)
      spare = i;
  }
  if (slot < 0) {
    if (spare < 0 || nfree_[0] == 0 || nfree_[1] == 0 || nfree_[2] == 0)
      return -1;
    slot = spare;
  }
  RouteSlot &r = routes_[slot];
  r.prefix = prefix;
  r.gateway = gw;
  r.port = (int16_t)port;
  r.len = (int8_t)len;
  r.used = true;

  uint32_t with = leaf(slot, len);
  int lv = 0, t = 0;
  for (;;) {
    int end = level_end(lv);
    int bits = level_bits(lv);
    uint32_t *tb = table(lv, t);
    uint32_t idx = (prefix >> (32 - end)) & ((1u << bits) - 1);
    if (len <= end) {
      uint32_t span = 1u << (end - len);
      for (uint32_t i = 0; i < span; i++)
        paint(lv, tb[idx + i], with, len);
      return slot;
    }
    if (!is_ref(tb[idx])) {
      int c = take_table(lv + 1, tb[idx]);
      tb[idx] = kRef | (uint32_t)c;
    }
    t = (int)(tb[idx] & ~kRef);
    lv++;
  }
}

int PageTableLookup::delete_route(uint32_t prefix, int len) {
  if (len < 0 || len > 32)
    return -1;
  uint32_t m = len ? 0xFFFFFFFFu << (32 - len) : 0;
  prefix &= m;
  int slot = -1, cover = -1;
  for (int i = 0; i < kSlots; i++) {
    const RouteSlot &r = routes_[i];
    if (!r.used)
      continue;
    if (r.prefix == prefix && r.len == len) {
      slot = i;
    } else if (r.len < len) {
      uint32_t rm = r.len ? 0xFFFFFFFFu << (32 - r.len) : 0;
      if ((prefix & rm) == r.prefix && (cover < 0 || r.len > routes_[cover].len))
        cover = i;
    }
  }
  if (slot < 0)
    return -1;
  uint32_t owned = leaf(slot, len);
  uint32_t repl = cover < 0 ? 0u : leaf(cover, routes_[cover].len);

  uint32_t *path[4];
  int lv = 0, t = 0;
  for (;;) {
    int end = level_end(lv);
    int bits = level_bits(lv);
    uint32_t *tb = table(lv, t);
    uint32_t idx = (prefix >> (32 - end)) & ((1u << bits) - 1);
    path[lv] = &tb[idx];
    if (len <= end) {
      uint32_t span = 1u << (end - len);
      for (uint32_t i = 0; i < span; i++)
        unpaint(lv, tb[idx + i], owned, repl);
      break;
    }
    if (!is_ref(tb[idx]))
      break; // nothing of this prefix below
    t = (int)(tb[idx] & ~kRef);
    lv++;
  }
  for (int up = lv; up >= 0; up--)
    if (!fold(up, *path[up]) && up < lv)
      break;
  routes_[slot].used = false;
  return 0;
}

int PageTableLookup::walk(uint32_t dst) const {
  uint32_t e = top_[dst >> 20];
  if (e & kRef) {
    e = mid_[(e & ~kRef) * 256 + ((dst >> 12) & 0xFF)];
    if (e & kRef) {
      e = low_[(e & ~kRef) * 64 + ((dst >> 6) & 0x3F)];
      if (e & kRef)
        e = leafs_[(e & ~kRef) * 64 + (dst & 0x3F)];
    }
  }
  return (int)(e & 0xFFFF) - 1;
}

int PageTableLookup::configure(Vector<String> &conf, ErrorHandler *errh) {
  for (int i = 0; i < conf.size(); i++) {
    Vector<String> w;
    cp_spacevec(conf[i], w);
    IPAddress a, m, gw;
    int port = -1;
    if (w.size() < 2 || w.size() > 3 || !cp_ip_prefix(w[0], &a, &m, true, this) ||
        !cp_integer(w[w.size() - 1], &port) ||
        (w.size() == 3 && !cp_ip_address(w[1], &gw, this)))
      return errh->error("argument %d: want ADDR/LEN [GATEWAY] PORT", i + 1);
    int len = m.mask_to_prefix_len();
    if (len < 0 || insert_route(ntohl(a.addr()), len, gw.addr(), port) < 0)
      return errh->error("argument %d: cannot add route", i + 1);
  }
  return 0;
}

void PageTableLookup::push(int, Packet *p) {
  const click_ip *iph = p->ip_header();
  if (!iph || p->length() < sizeof(click_ip)) {
    dropped_++;
    p->kill();
    return;
  }
  int s = walk(ntohl(iph->ip_dst.s_addr));
  if (s < 0) {
    dropped_++;
    p->kill();
    return;
  }
  if (routes_[s].gateway)
    p->set_dst_ip_anno(IPAddress(routes_[s].gateway));
  else
    p->set_dst_ip_anno(IPAddress(iph->ip_dst));
  sent_++;
  output(routes_[s].port).push(p);
}

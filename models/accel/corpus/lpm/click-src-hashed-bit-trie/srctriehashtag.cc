// SrcTrieHashTag: tags packets by the longest prefix matching their SOURCE
// address.  The prefixes form a binary trie, but the trie has no pointers:
// every trie node (the first DEPTH bits of some stored prefix) lives in one
// open-addressing table keyed by (depth, bits).  A node carries a reference
// count (how many stored prefixes pass through it) and, if a prefix ends
// there, its tag.  A lookup descends depth by depth, probing the table for
// the next node on the address's path, and stops at the first missing node;
// the last tagged node seen is the answer.  Deleting a prefix drops the
// counts along its path and removes nodes that reach zero, using
// backward-shift deletion so that probe chains stay unbroken.
//
// Config: one "ADDR/LEN TAG" per argument (TAG 0..255).  Packets whose
// source matches nothing are dropped; others leave with the tag in the paint
// annotation.

#include <click/config.h>
#include <click/confparse.hh>
#include <click/element.hh>
#include <click/error.hh>
#include <click/ipaddress.hh>
#include <click/packet.hh>
#include <click/packet_anno.hh>
#include <clicknet/ip.h>

class SrcTrieHashTag : public Element {
public:
  SrcTrieHashTag() : nused(0), unmatched(0) {
    for (unsigned i = 0; i < kCap; i++)
      cells[i].live = 0;
  }

  const char *class_name() const override { return "SrcTrieHashTag"; }
  const char *port_count() const override { return PORTS_1_1; }

  int configure(Vector<String> &conf, ErrorHandler *errh) override;
  Packet *simple_action(Packet *p) override;

  bool add_prefix(uint32_t addr, int len, uint8_t tag);
  bool drop_prefix(uint32_t addr, int len);
  int source_tag(uint32_t src) const;

  enum { kLog = 15, kCap = 1u << kLog };

private:
  struct cell {
    uint32_t path;  // first DEPTH bits, right-aligned
    uint8_t depth;
    uint8_t live;
    int16_t tag;    // -1: no prefix ends here
    uint32_t refs;
  };

  static inline uint32_t path_of(uint32_t a, int depth) {
    return depth == 0 ? 0 : a >> (32 - depth);
  }
  static inline unsigned home(uint32_t path, int depth) {
    uint32_t h = path * 0x85EBCA6Bu ^ (uint32_t)depth * 0xC2B2AE35u;
    h ^= h >> 16;
    h *= 0x7FEB352Du;
    h ^= h >> 15;
    return h & (kCap - 1);
  }
  int probe(uint32_t path, int depth) const;
  int claim(uint32_t path, int depth);
  void evict(unsigned at);

  cell cells[kCap];
  unsigned nused;
  uint64_t unmatched;
};

int SrcTrieHashTag::probe(uint32_t path, int depth) const {
  for (unsigned i = home(path, depth);; i = (i + 1) & (kCap - 1)) {
    const cell &c = cells[i];
    if (!c.live)
      return -1;
    if (c.depth == depth && c.path == path)
      return (int)i;
  }
}

// find or create the node; the caller made sure there is room
int SrcTrieHashTag::claim(uint32_t path, int depth) {
  unsigned i = home(path, depth);
  while (cells[i].live) {
    if (cells[i].depth == depth && cells[i].path == path)
      return (int)i;
    i = (i + 1) & (kCap - 1);
  }
  cells[i].live = 1;
  cells[i].path = path;
  cells[i].depth = (uint8_t)depth;
  cells[i].tag = -1;
  cells[i].refs = 0;
  nused++;
  return (int)i;
}

// Remove the cell at AT; later cells of the cluster move back into the gap
// when their home slot does not lie cyclically in (gap, their slot].
void SrcTrieHashTag::evict(unsigned at) {
  unsigned gap = at;
  unsigned j = at;
  for (;;) {
    j = (j + 1) & (kCap - 1);
    if (!cells[j].live)
      break;
    unsigned want = home(cells[j].path, cells[j].depth);
    bool stays = gap <= j ? (gap < want && want <= j) : (gap < want || want <= j);
    if (!stays) {
      cells[gap] = cells[j];
      gap = j;
    }
  }
  cells[gap].live = 0;
  nused--;
}

bool SrcTrieHashTag::add_prefix(uint32_t addr, int len, uint8_t tag) {
  if (len < 0 || len > 32)
    return false;
  uint32_t tail = path_of(addr, len);
  int end = probe(tail, len);
  if (end >= 0 && cells[end].tag >= 0) {
    cells[end].tag = tag;
    return true;
  }
  if (nused + (unsigned)len + 1 > kCap - kCap / 4)
    return false;
  int c = -1;
  for (int d = 0; d <= len; d++) {
    c = claim(path_of(addr, d), d);
    cells[c].refs++;
  }
  cells[c].tag = tag;
  return true;
}

bool SrcTrieHashTag::drop_prefix(uint32_t addr, int len) {
  if (len < 0 || len > 32)
    return false;
  int end = probe(path_of(addr, len), len);
  if (end < 0 || cells[end].tag < 0)
    return false;
  cells[end].tag = -1;
  for (int d = len; d >= 0; d--) {
    int c = probe(path_of(addr, d), d);
    if (--cells[c].refs == 0)
      evict((unsigned)c);
  }
  return true;
}

int SrcTrieHashTag::source_tag(uint32_t src) const {
  int found = -1;
  for (int d = 0; d <= 32; d++) {
    int c = probe(path_of(src, d), d);
    if (c < 0)
      break;
    if (cells[c].tag >= 0)
      found = cells[c].tag;
  }
  return found;
}

int SrcTrieHashTag::configure(Vector<String> &conf, ErrorHandler *errh) {
  int n = 0;
  for (const String *it = conf.begin(); it != conf.end(); ++it, ++n) {
    Vector<String> parts;
    cp_spacevec(*it, parts);
    IPAddress a, m;
    unsigned tag = 0;
    if (parts.size() != 2 || !cp_ip_prefix(parts[0], &a, &m, false, this) ||
        !cp_integer(parts[1], &tag) || tag > 255)
      return errh->error("entry %d: expected ADDR/LEN TAG", n + 1);
    int len = m.mask_to_prefix_len();
    if (len < 0 || !add_prefix(ntohl(a.addr()), len, (uint8_t)tag))
      return errh->error("entry %d: rejected", n + 1);
  }
  return 0;
}

Packet *SrcTrieHashTag::simple_action(Packet *p) {
  const click_ip *ip = p->ip_header();
  int t = ip ? source_tag(ntohl(ip->ip_src.s_addr)) : -1;
  if (t < 0) {
    unmatched++;
    p->kill();
    return 0;
  }
  SET_PAINT_ANNO(p, (uint8_t)t);
  return p;
}

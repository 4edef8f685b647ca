// HTTP request classification by the longest matching path prefix, kept in
// a ternary search tree (Bentley and Sedgewick). Each node holds one
// character and three links: `lo` and `hi` lead to siblings with smaller or
// larger characters at the same position, `eq` to the next position. A
// rule ("/api/", "/api/v2", "/static") ends at the node of its last
// character, which records the rule's class. A lookup compares the path
// character by character, moving sideways on a mismatch and down on a
// match, and keeps the class of the last rule node it passed through; the
// empty rule is kept outside the tree as the default. The element finds
// the request target in a TCP segment's payload ("GET /path HTTP/1.1"),
// paints the packet with the class and drops requests no rule covers.
// Nodes live in one array addressed by 16-bit indices. Label: lpm.

#include <click/config.h>
#include <click/element.hh>
#include <click/packet.hh>
#include <click/packet_anno.hh>
#include <clicknet/ip.h>
#include <clicknet/tcp.h>

#define TST_NIL 0xFFFFu

class TstPathClass : public Element {
public:
  TstPathClass() : _count(0), _root(TST_NIL), _default(-1), _dropped(0) {}

  const char *class_name() const override { return "TstPathClass"; }
  const char *port_count() const override { return "1/1"; }

  Packet *simple_action(Packet *p) override;

  bool add_rule(const char *prefix, uint8_t klass);
  int classify(const unsigned char *path, unsigned n) const;

private:
  struct TstNode {
    unsigned char ch;
    int16_t klass; // -1: no rule ends here
    uint16_t lo, eq, hi;
  };
  enum { CAPACITY = 60000 };

  TstNode _pool[CAPACITY];
  uint16_t _count;
  uint16_t _root;
  int16_t _default;
  uint32_t _dropped;

  bool insert_at(uint16_t *link, const unsigned char *key, uint8_t klass);
  static bool request_target(const unsigned char *data, unsigned len,
                             const unsigned char **path, unsigned *n);
};

// Recursive insertion: *link is the slot where the node for key[0] is or
// will be; the key is non-empty.
bool TstPathClass::insert_at(uint16_t *link, const unsigned char *key,
                             uint8_t klass) {
  if (*link == TST_NIL) {
    if (_count == CAPACITY)
      return false;
    TstNode &fresh = _pool[_count];
    fresh.ch = key[0];
    fresh.klass = -1;
    fresh.lo = fresh.eq = fresh.hi = TST_NIL;
    *link = _count++;
  }
  TstNode &n = _pool[*link];
  if (key[0] < n.ch)
    return insert_at(&n.lo, key, klass);
  if (key[0] > n.ch)
    return insert_at(&n.hi, key, klass);
  if (key[1] == 0) {
    n.klass = klass;
    return true;
  }
  return insert_at(&n.eq, key + 1, klass);
}

bool TstPathClass::add_rule(const char *prefix, uint8_t klass) {
  const unsigned char *key = reinterpret_cast<const unsigned char *>(prefix);
  if (!*key) {
    _default = klass;
    return true;
  }
  return insert_at(&_root, key, klass);
}

int TstPathClass::classify(const unsigned char *path, unsigned n) const {
  int best = _default;
  const unsigned char *end = path + n;
  uint16_t at = _root;
  while (at != TST_NIL && path != end) {
    const TstNode &node = _pool[at];
    unsigned char c = *path;
    if (c == node.ch) {
      if (node.klass >= 0)
        best = node.klass;
      path++;
      at = node.eq;
    } else {
      at = c < node.ch ? node.lo : node.hi;
    }
  }
  return best;
}

// The request target of an HTTP/1.x request line: the bytes after the
// method's space up to the next space, '?' or end of line.
bool TstPathClass::request_target(const unsigned char *data, unsigned len,
                                  const unsigned char **path, unsigned *n) {
  unsigned i = 0;
  while (i < len && i < 16 && data[i] >= 'A' && data[i] <= 'Z')
    i++;
  if (i == 0 || i >= len || data[i] != ' ')
    return false;
  unsigned start = ++i;
  while (i < len && data[i] != ' ' && data[i] != '?' && data[i] != '\r' &&
         data[i] != '\n')
    i++;
  *path = data + start;
  *n = i - start;
  return true;
}

Packet *TstPathClass::simple_action(Packet *p) {
  const click_ip *iph = p->ip_header();
  int klass = -1;
  if (iph && p->network_length() >= (int)sizeof(click_ip) &&
      iph->ip_p == IP_PROTO_TCP) {
    unsigned have = (unsigned)p->network_length();
    unsigned ihl = iph->ip_hl << 2;
    const unsigned char *l4 = p->network_header() + ihl;
    if (ihl >= sizeof(click_ip) && have >= ihl + sizeof(click_tcp)) {
      const click_tcp *th = reinterpret_cast<const click_tcp *>(l4);
      unsigned thl = th->th_off << 2;
      const unsigned char *path;
      unsigned plen;
      if (thl >= sizeof(click_tcp) && have > ihl + thl &&
          request_target(l4 + thl, have - ihl - thl, &path, &plen))
        klass = classify(path, plen);
    }
  }
  if (klass < 0) {
    p->kill();
    _dropped++;
    return 0;
  }
  SET_PAINT_ANNO(p, (uint8_t)klass);
  return p;
}

// Paints each IPv4 packet with the colour of the longest route prefix
// covering its destination. The routes live in an adaptive radix tree in
// the style of Leis et al.: one level per address octet, and each inner
// node picks its representation from the number of children it has --
// Node4 (parallel key/child arrays, scanned), Node16 (sorted keys, binary
// search), Node48 (a 256-byte index into 48 child slots) and Node256
// (a direct child array) -- growing into the next kind when full.
//
// A prefix of length 8d + j (j = 0..7) is kept in the node reached by its
// first d octets, as a short list of (top j bits of the next octet, j,
// colour) sorted longest first; a /32 sits in a depth-4 node with j = 0.
// A lookup descends octet by octet and, at each node, takes the first list
// entry whose bits agree with the octet, so the deepest hit is the longest
// match. Label: lpm.

#include <click/config.h>
#include <click/element.hh>
#include <click/packet.hh>
#include <click/packet_anno.hh>
#include <clicknet/ip.h>
#include <string.h>

class ARTPaint : public Element {
public:
  ARTPaint() : _root(new_node4()), _routes(0) {}
  ~ARTPaint() override { drop(_root); }

  const char *class_name() const override { return "ARTPaint"; }
  const char *port_count() const override { return PORTS_1_1; }

  Packet *simple_action(Packet *p) override;

  bool add_route(uint32_t addr, unsigned len, uint8_t colour);
  int lookup(uint32_t dst) const;

private:
  enum Kind : uint8_t { N4, N16, N48, N256 };

  struct Span {
    uint8_t bits; // top `len` bits of the octet, right-aligned
    uint8_t len;  // 0..7
    uint8_t colour;
  };

  struct Node {
    Kind kind;
    uint16_t nkids;
    uint8_t nspans, capspans;
    Span *spans;
  };
  struct Node4 : Node {
    uint8_t key[4];
    Node *kid[4];
  };
  struct Node16 : Node {
    uint8_t key[16];
    Node *kid[16];
  };
  struct Node48 : Node {
    uint8_t slot[256]; // 0: none, else child index + 1
    Node *kid[48];
  };
  struct Node256 : Node {
    Node *kid[256];
  };

  Node *_root;
  unsigned _routes;

  static Node4 *new_node4();
  static void drop(Node *n);
  static Node *const *child_ref(const Node *n, uint8_t octet);
  static Node *grow(Node *n);
  static bool add_child(Node *&n, uint8_t octet, Node *kid);
  static bool set_span(Node *n, uint8_t bits, uint8_t len, uint8_t colour);
  static int match_span(const Node *n, uint8_t octet);
};

ARTPaint::Node4 *ARTPaint::new_node4() {
  Node4 *n = new Node4;
  memset(n, 0, sizeof *n);
  n->kind = N4;
  return n;
}

void ARTPaint::drop(Node *n) {
  switch (n->kind) {
  case N4:
    for (unsigned i = 0; i < n->nkids; i++)
      drop(static_cast<Node4 *>(n)->kid[i]);
    break;
  case N16:
    for (unsigned i = 0; i < n->nkids; i++)
      drop(static_cast<Node16 *>(n)->kid[i]);
    break;
  case N48:
    for (unsigned i = 0; i < n->nkids; i++)
      drop(static_cast<Node48 *>(n)->kid[i]);
    break;
  case N256:
    for (unsigned i = 0; i < 256; i++)
      if (static_cast<Node256 *>(n)->kid[i])
        drop(static_cast<Node256 *>(n)->kid[i]);
    break;
  }
  delete[] n->spans;
  switch (n->kind) {
  case N4: delete static_cast<Node4 *>(n); break;
  case N16: delete static_cast<Node16 *>(n); break;
  case N48: delete static_cast<Node48 *>(n); break;
  case N256: delete static_cast<Node256 *>(n); break;
  }
}

// address of the child pointer for octet, or null
ARTPaint::Node *const *ARTPaint::child_ref(const Node *n, uint8_t octet) {
  switch (n->kind) {
  case N4: {
    const Node4 *m = static_cast<const Node4 *>(n);
    for (unsigned i = 0; i < m->nkids; i++)
      if (m->key[i] == octet)
        return &m->kid[i];
    return 0;
  }
  case N16: {
    const Node16 *m = static_cast<const Node16 *>(n);
    int lo = 0, hi = m->nkids - 1;
    while (lo <= hi) {
      int mid = (lo + hi) / 2;
      if (m->key[mid] == octet)
        return &m->kid[mid];
      if (m->key[mid] < octet)
        lo = mid + 1;
      else
        hi = mid - 1;
    }
    return 0;
  }
  case N48: {
    const Node48 *m = static_cast<const Node48 *>(n);
    return m->slot[octet] ? &m->kid[m->slot[octet] - 1] : 0;
  }
  case N256: {
    const Node256 *m = static_cast<const Node256 *>(n);
    return m->kid[octet] ? &m->kid[octet] : 0;
  }
  }
  return 0;
}

// the next larger kind holding the same children (the caller moves the
// header fields and frees n)
ARTPaint::Node *ARTPaint::grow(Node *n) {
  Node *g = 0;
  if (n->kind == N4) {
    Node4 *o = static_cast<Node4 *>(n);
    Node16 *m = new Node16;
    memset(m, 0, sizeof *m);
    for (unsigned i = 0; i < o->nkids; i++) { // keep keys sorted
      unsigned at = i;
      while (at > 0 && m->key[at - 1] > o->key[i]) {
        m->key[at] = m->key[at - 1];
        m->kid[at] = m->kid[at - 1];
        at--;
      }
      m->key[at] = o->key[i];
      m->kid[at] = o->kid[i];
    }
    m->kind = N16;
    g = m;
  } else if (n->kind == N16) {
    Node16 *o = static_cast<Node16 *>(n);
    Node48 *m = new Node48;
    memset(m, 0, sizeof *m);
    for (unsigned i = 0; i < o->nkids; i++) {
      m->kid[i] = o->kid[i];
      m->slot[o->key[i]] = (uint8_t)(i + 1);
    }
    m->kind = N48;
    g = m;
  } else if (n->kind == N48) {
    Node48 *o = static_cast<Node48 *>(n);
    Node256 *m = new Node256;
    memset(m, 0, sizeof *m);
    for (unsigned b = 0; b < 256; b++)
      if (o->slot[b])
        m->kid[b] = o->kid[o->slot[b] - 1];
    m->kind = N256;
    g = m;
  }
  return g;
}

bool ARTPaint::add_child(Node *&n, uint8_t octet, Node *kid) {
  unsigned limit = n->kind == N4 ? 4 : n->kind == N16 ? 16 : n->kind == N48 ? 48 : 256;
  if (n->nkids == limit) {
    Node *old = n;
    Node *g;
    uint16_t nk = old->nkids;
    uint8_t ns = old->nspans, cs = old->capspans;
    Span *sp = old->spans;
    Kind k = old->kind;
    g = grow(old);
    if (k == N4)
      delete static_cast<Node4 *>(old);
    else if (k == N16)
      delete static_cast<Node16 *>(old);
    else
      delete static_cast<Node48 *>(old);
    g->nkids = nk;
    g->nspans = ns;
    g->capspans = cs;
    g->spans = sp;
    n = g;
  }
  switch (n->kind) {
  case N4: {
    Node4 *m = static_cast<Node4 *>(n);
    m->key[m->nkids] = octet;
    m->kid[m->nkids] = kid;
    break;
  }
  case N16: {
    Node16 *m = static_cast<Node16 *>(n);
    unsigned at = m->nkids;
    while (at > 0 && m->key[at - 1] > octet) {
      m->key[at] = m->key[at - 1];
      m->kid[at] = m->kid[at - 1];
      at--;
    }
    m->key[at] = octet;
    m->kid[at] = kid;
    break;
  }
  case N48: {
    Node48 *m = static_cast<Node48 *>(n);
    m->kid[m->nkids] = kid;
    m->slot[octet] = (uint8_t)(m->nkids + 1);
    break;
  }
  case N256:
    static_cast<Node256 *>(n)->kid[octet] = kid;
    break;
  }
  n->nkids++;
  return true;
}

bool ARTPaint::set_span(Node *n, uint8_t bits, uint8_t len, uint8_t colour) {
  unsigned i = 0;
  while (i < n->nspans && n->spans[i].len > len)
    i++;
  for (unsigned j = i; j < n->nspans && n->spans[j].len == len; j++)
    if (n->spans[j].bits == bits) {
      n->spans[j].colour = colour;
      return false;
    }
  if (n->nspans == n->capspans) {
    unsigned cap = n->capspans ? 2u * n->capspans : 2u;
    if (cap > 255)
      cap = 255;
    Span *ns = new Span[cap];
    if (n->nspans)
      memcpy(ns, n->spans, n->nspans * sizeof(Span));
    delete[] n->spans;
    n->spans = ns;
    n->capspans = (uint8_t)cap;
  }
  memmove(n->spans + i + 1, n->spans + i, (n->nspans - i) * sizeof(Span));
  n->spans[i].bits = bits;
  n->spans[i].len = len;
  n->spans[i].colour = colour;
  n->nspans++;
  return true;
}

// colour of the longest span in n covering octet, -1 if none
int ARTPaint::match_span(const Node *n, uint8_t octet) {
  const Span *s = n->spans, *e = n->spans + n->nspans;
  for (; s != e; ++s)
    if ((unsigned)(octet >> (8 - s->len)) == s->bits)
      return s->colour;
  return -1;
}

bool ARTPaint::add_route(uint32_t addr, unsigned len, uint8_t colour) {
  if (len > 32)
    return false;
  unsigned depth = len >> 3, j = len & 7;
  Node **ref = &_root;
  for (unsigned d = 0; d < depth; d++) {
    uint8_t octet = (uint8_t)(addr >> (24 - 8 * d));
    Node *const *c = child_ref(*ref, octet);
    if (!c) {
      Node *kid = new_node4();
      add_child(*ref, octet, kid);
      c = child_ref(*ref, octet);
    }
    ref = const_cast<Node **>(c);
  }
  uint8_t next = depth < 4 ? (uint8_t)(addr >> (24 - 8 * depth)) : 0;
  uint8_t bits = j ? (uint8_t)(next >> (8 - j)) : 0;
  if (set_span(*ref, bits, (uint8_t)j, colour))
    _routes++;
  return true;
}

int ARTPaint::lookup(uint32_t dst) const {
  const Node *n = _root;
  int best = -1;
  for (unsigned d = 0;; d++) {
    uint8_t octet = d < 4 ? (uint8_t)(dst >> (24 - 8 * d)) : 0;
    if (n->nspans) {
      int c = match_span(n, octet);
      if (c >= 0)
        best = c;
    }
    if (d == 4)
      break;
    Node *const *c = child_ref(n, octet);
    if (!c)
      break;
    n = *c;
  }
  return best;
}

Packet *ARTPaint::simple_action(Packet *p) {
  const click_ip *iph = p->ip_header();
  int colour = iph ? lookup(ntohl(iph->ip_dst.s_addr)) : -1;
  if (colour < 0) {
    p->kill();
    return 0;
  }
  SET_PAINT_ANNO(p, (uint8_t)colour);
  return p;
}

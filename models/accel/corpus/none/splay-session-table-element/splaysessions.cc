// SplaySessionTable: per-session packet/byte accounting for IPv4 TCP/UDP,
// with the sessions kept in a top-down splay tree keyed exactly by the
// 5-tuple.  Recently active sessions float to the root, so bursty flows are
// found in a few steps.  TCP FIN/RST closes a session; when the table is full
// packets of new sessions leave on output 1.
#include <click/config.h>
#include <click/args.hh>
#include <click/element.hh>
#include <click/error.hh>
#include <click/packet.hh>
#include <clicknet/ip.h>
#include <clicknet/tcp.h>
#include <clicknet/udp.h>

CLICK_DECLS

struct SessionKey {
  uint64_t hi; // src address, dst address
  uint64_t lo; // src port, dst port, protocol
};

static inline int session_key_compare(const SessionKey &a, const SessionKey &b) {
  if (a.hi != b.hi)
    return a.hi < b.hi ? -1 : 1;
  if (a.lo != b.lo)
    return a.lo < b.lo ? -1 : 1;
  return 0;
}

class SplaySessionTable : public Element {
public:
  struct Session {
    SessionKey key;
    uint64_t packets;
    uint64_t bytes;
    Session *left;
    Session *right;
  };

  SplaySessionTable() : _root(0), _count(0), _capacity(1024), _closed(0), _refused(0) {}
  ~SplaySessionTable() override { destroy(_root); }

  const char *class_name() const override { return "SplaySessionTable"; }
  const char *port_count() const override { return "1/1-2"; }
  const char *processing() const override { return PUSH; }
  int configure(Vector<String> &conf, ErrorHandler *errh) override;
  void push(int port, Packet *p) override;

  // Exposed for inspection (handlers / tests).
  const Session *find(const SessionKey &k);
  bool close(const SessionKey &k);
  uint32_t count() const { return _count; }
  uint32_t depth() const { return depth_of(_root); }

private:
  Session *_root;
  uint32_t _count;
  uint32_t _capacity;
  uint64_t _closed;
  uint64_t _refused;

  Session *splay(Session *t, const SessionKey &k);
  bool extract_key(Packet *p, SessionKey &k, bool &closing);
  static void destroy(Session *t);
  static uint32_t depth_of(const Session *t);
};

int SplaySessionTable::configure(Vector<String> &conf, ErrorHandler *errh) {
  uint32_t cap = 1024;
  if (Args(conf, this, errh).read_p("CAPACITY", cap).complete() < 0)
    return -1;
  if (cap == 0)
    return errh->error("CAPACITY must be positive");
  _capacity = cap;
  return 0;
}

// Top-down splay: afterwards the node with key k, or the last node on the
// search path, is the root.
SplaySessionTable::Session *SplaySessionTable::splay(Session *t, const SessionKey &k) {
  if (!t)
    return t;
  Session header;
  header.left = header.right = 0;
  Session *l = &header, *r = &header;
  for (;;) {
    int c = session_key_compare(k, t->key);
    if (c < 0) {
      if (!t->left)
        break;
      if (session_key_compare(k, t->left->key) < 0) { // zig-zig: rotate right
        Session *y = t->left;
        t->left = y->right;
        y->right = t;
        t = y;
        if (!t->left)
          break;
      }
      r->left = t; // link right
      r = t;
      t = t->left;
    } else if (c > 0) {
      if (!t->right)
        break;
      if (session_key_compare(k, t->right->key) > 0) { // zag-zag: rotate left
        Session *y = t->right;
        t->right = y->left;
        y->left = t;
        t = y;
        if (!t->right)
          break;
      }
      l->right = t; // link left
      l = t;
      t = t->right;
    } else {
      break;
    }
  }
  l->right = t->left;
  r->left = t->right;
  t->left = header.right;
  t->right = header.left;
  return t;
}

const SplaySessionTable::Session *SplaySessionTable::find(const SessionKey &k) {
  _root = splay(_root, k);
  if (_root && session_key_compare(_root->key, k) == 0)
    return _root;
  return 0;
}

bool SplaySessionTable::close(const SessionKey &k) {
  if (!_root)
    return false;
  _root = splay(_root, k);
  if (session_key_compare(_root->key, k) != 0)
    return false;
  Session *old = _root;
  if (!old->left) {
    _root = old->right;
  } else {
    // The largest key of the left subtree becomes the root; it has no
    // right child after splaying.
    Session *lt = splay(old->left, k);
    lt->right = old->right;
    _root = lt;
  }
  delete old;
  _count--;
  _closed++;
  return true;
}

bool SplaySessionTable::extract_key(Packet *p, SessionKey &k, bool &closing) {
  const click_ip *iph = p->ip_header();
  if (!iph || p->network_length() < (int)sizeof(click_ip))
    return false;
  unsigned hl = iph->ip_hl << 2;
  if (hl < sizeof(click_ip) || (int)hl + 4 > p->network_length())
    return false;
  if (IP_ISFRAG(iph) && !IP_FIRSTFRAG(iph))
    return false;
  const uint8_t *th = reinterpret_cast<const uint8_t *>(iph) + hl;
  uint32_t sport = ((uint32_t)th[0] << 8) | th[1];
  uint32_t dport = ((uint32_t)th[2] << 8) | th[3];
  closing = false;
  if (iph->ip_p == IP_PROTO_TCP) {
    if ((int)(hl + sizeof(click_tcp)) > p->network_length())
      return false;
    const click_tcp *tcph = reinterpret_cast<const click_tcp *>(th);
    closing = (tcph->th_flags & (TH_FIN | TH_RST)) != 0;
  } else if (iph->ip_p != IP_PROTO_UDP) {
    return false;
  }
  k.hi = ((uint64_t)ntohl(iph->ip_src.s_addr) << 32) | ntohl(iph->ip_dst.s_addr);
  k.lo = ((uint64_t)sport << 24) | ((uint64_t)dport << 8) | iph->ip_p;
  return true;
}

void SplaySessionTable::push(int, Packet *p) {
  SessionKey k;
  bool closing;
  if (!extract_key(p, k, closing)) {
    checked_output_push(1, p);
    return;
  }
  _root = splay(_root, k);
  int c = _root ? session_key_compare(k, _root->key) : 1;
  if (c != 0) {
    if (closing || _count >= _capacity) {
      if (!closing)
        _refused++;
      checked_output_push(closing ? 0 : 1, p);
      return;
    }
    Session *n = new Session;
    n->key = k;
    n->packets = 0;
    n->bytes = 0;
    if (!_root) {
      n->left = n->right = 0;
    } else if (c < 0) {
      n->left = _root->left;
      n->right = _root;
      _root->left = 0;
    } else {
      n->right = _root->right;
      n->left = _root;
      _root->right = 0;
    }
    _root = n;
    _count++;
  }
  _root->packets++;
  _root->bytes += p->network_length();
  if (closing)
    close(k);
  output(0).push(p);
}

void SplaySessionTable::destroy(Session *t) {
  // Iterative teardown: rotate left children up so the tree becomes a list.
  while (t) {
    if (t->left) {
      Session *l = t->left;
      t->left = l->right;
      l->right = t;
      t = l;
    } else {
      Session *nx = t->right;
      delete t;
      t = nx;
    }
  }
}

uint32_t SplaySessionTable::depth_of(const Session *t) {
  if (!t)
    return 0;
  uint32_t a = depth_of(t->left), b = depth_of(t->right);
  return 1 + (a > b ? a : b);
}

CLICK_ENDDECLS
EXPORT_ELEMENT(SplaySessionTable)

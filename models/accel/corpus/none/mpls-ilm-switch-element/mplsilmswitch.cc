// MPLSIlmSwitch: label-switching router forwarding step (RFC 3031/3032).
// Frames are Ethernet + MPLS (ethertype 0x8847). The top label stack entry
// (label:20 | TC:3 | S:1 | TTL:8) selects an Incoming Label Map entry held in
// a two-level direct-indexed table (label >> 10 picks a 1024-entry block,
// allocated on demand) -- exact labels, no prefixes. Operations: SWAP, POP
// (penultimate hop: when the bottom entry is popped the payload becomes IPv4
// and the TTL is written back under the uniform model, RFC 3443, with an
// incremental header-checksum update, RFC 1624) and SWAPPUSH (swap, then
// impose one more label, e.g. entering a bypass tunnel).
//
// MPLSIlmSwitch(ENTRY "IN swap OUT PORT", ENTRY "IN pop PORT",
//               ENTRY "IN swappush OUT OUTER PORT", ...)
// Output N-1 (the last) receives exceptions: expired TTL, unknown label,
// reserved label, malformed frame.

#include <click/config.h>
#include <click/element.hh>
#include <click/error.hh>
#include <click/packet.hh>
#include <click/confparse.hh>
#include <clicknet/ether.h>
#include <clicknet/ip.h>

class MPLSIlmSwitch : public Element {
public:
  MPLSIlmSwitch();
  ~MPLSIlmSwitch();

  const char *class_name() const override { return "MPLSIlmSwitch"; }
  const char *port_count() const override { return "1/2-"; }
  const char *processing() const override { return PUSH; }
  int configure(Vector<String> &conf, ErrorHandler *errh) override;
  void push(int port, Packet *p) override;

  enum Op { OP_NONE = 0, OP_SWAP, OP_POP, OP_SWAPPUSH };
  enum { BLOCK_BITS = 10, NBLOCKS = 1 << (20 - BLOCK_BITS) };
  enum { MPLS_UNICAST = 0x8847, ETH_IPV4 = 0x0800 };

  // Forwards one frame; returns the output port and updates p in place.
  int label_switch(Packet *&p);
  int exception_port() const { return noutputs() - 1; }

  struct IlmEntry {
    uint8_t op;
    uint8_t port;
    uint32_t out_label;
    uint32_t outer_label;
  };

  int install(uint32_t in_label, int op, uint32_t out, uint32_t outer,
              unsigned port);

private:
  IlmEntry *_blocks[NBLOCKS];
  uint64_t _switched, _popped, _imposed, _ttl_expired, _no_entry, _bad;

  const IlmEntry *find(uint32_t label) const;
  static void set_ip_ttl(click_ip *iph, uint8_t ttl);
};

MPLSIlmSwitch::MPLSIlmSwitch()
    : _switched(0), _popped(0), _imposed(0), _ttl_expired(0), _no_entry(0),
      _bad(0) {
  for (int i = 0; i < NBLOCKS; i++)
    _blocks[i] = 0;
}

MPLSIlmSwitch::~MPLSIlmSwitch() {
  for (int i = 0; i < NBLOCKS; i++)
    delete[] _blocks[i];
}

int MPLSIlmSwitch::install(uint32_t in_label, int op, uint32_t out,
                           uint32_t outer, unsigned port) {
  if (in_label < 16 || in_label > 0xFFFFF || out > 0xFFFFF ||
      outer > 0xFFFFF || port > 254)
    return -1;
  IlmEntry *&blk = _blocks[in_label >> BLOCK_BITS];
  if (!blk) {
    blk = new IlmEntry[1 << BLOCK_BITS];
    for (int i = 0; i < (1 << BLOCK_BITS); i++)
      blk[i].op = OP_NONE;
  }
  IlmEntry &e = blk[in_label & ((1 << BLOCK_BITS) - 1)];
  e.op = (uint8_t)op;
  e.out_label = out;
  e.outer_label = outer;
  e.port = (uint8_t)port;
  return 0;
}

int MPLSIlmSwitch::configure(Vector<String> &conf, ErrorHandler *errh) {
  for (int i = 0; i < conf.size(); i++) {
    Vector<String> w;
    cp_spacevec(conf[i], w);
    if (w.size() && w[0] == "ENTRY") {
      Vector<String> rest;
      for (int j = 1; j < w.size(); j++)
        rest.push_back(w[j]);
      w = rest;
    }
    unsigned in = 0, out = 0, outer = 0, port = 0;
    int op = OP_NONE;
    bool ok = w.size() >= 3 && cp_integer(w[0], &in);
    if (ok && w[1] == "swap" && w.size() == 4) {
      op = OP_SWAP;
      ok = cp_integer(w[2], &out) && cp_integer(w[3], &port);
    } else if (ok && w[1] == "pop" && w.size() == 3) {
      op = OP_POP;
      ok = cp_integer(w[2], &port);
    } else if (ok && w[1] == "swappush" && w.size() == 5) {
      op = OP_SWAPPUSH;
      ok = cp_integer(w[2], &out) && cp_integer(w[3], &outer) &&
           cp_integer(w[4], &port);
    } else {
      ok = false;
    }
    if (!ok || install(in, op, out, outer, port) < 0)
      return errh->error("bad ILM entry %d", i);
  }
  return 0;
}

const MPLSIlmSwitch::IlmEntry *MPLSIlmSwitch::find(uint32_t label) const {
  const IlmEntry *blk = _blocks[label >> BLOCK_BITS];
  if (!blk)
    return 0;
  const IlmEntry *e = &blk[label & ((1 << BLOCK_BITS) - 1)];
  return e->op == OP_NONE ? 0 : e;
}

void MPLSIlmSwitch::set_ip_ttl(click_ip *iph, uint8_t ttl) {
  // The TTL shares a 16-bit word with the protocol field; RFC 1624 eqn. 3:
  // HC' = ~(~HC + ~m + m').
  uint16_t old_word = (uint16_t)((iph->ip_ttl << 8) | iph->ip_p);
  uint16_t new_word = (uint16_t)((ttl << 8) | iph->ip_p);
  uint32_t sum = (uint16_t)~ntohs(iph->ip_sum);
  sum += (uint16_t)~old_word;
  sum += new_word;
  sum = (sum & 0xFFFF) + (sum >> 16);
  sum = (sum & 0xFFFF) + (sum >> 16);
  iph->ip_ttl = ttl;
  iph->ip_sum = htons((uint16_t)~sum);
}

static inline uint32_t mpls_get(const unsigned char *q) {
  return ((uint32_t)q[0] << 24) | ((uint32_t)q[1] << 16) |
         ((uint32_t)q[2] << 8) | q[3];
}

static inline void mpls_put(unsigned char *q, uint32_t v) {
  q[0] = (unsigned char)(v >> 24);
  q[1] = (unsigned char)(v >> 16);
  q[2] = (unsigned char)(v >> 8);
  q[3] = (unsigned char)v;
}

int MPLSIlmSwitch::label_switch(Packet *&p) {
  const unsigned eth = 14;
  if (p->length() < eth + 4) {
    _bad++;
    return exception_port();
  }
  const unsigned char *d = p->data();
  if (((d[12] << 8) | d[13]) != MPLS_UNICAST) {
    _bad++;
    return exception_port();
  }
  uint32_t lse = mpls_get(d + eth);
  uint32_t label = lse >> 12;
  uint32_t tc_s = lse & 0xF00;
  bool bottom = (lse >> 8) & 1;
  uint32_t ttl = lse & 0xFF;
  if (ttl <= 1) {
    _ttl_expired++;
    return exception_port();
  }
  uint32_t newttl = ttl - 1;

  IlmEntry implicit_pop = {OP_POP, 0, 0, 0};
  const IlmEntry *e;
  if (label == 0 && bottom) {
    e = &implicit_pop;           // IPv4 explicit null: pop, deliver locally
  } else if (label < 16) {
    _bad++;
    return exception_port();
  } else if (!(e = find(label))) {
    _no_entry++;
    return exception_port();
  }

  WritablePacket *q = p->uniqueify();
  p = q;
  if (!q)
    return -1;
  unsigned char *w = q->data();

  switch (e->op) {
  case OP_SWAP:
    mpls_put(w + eth, (e->out_label << 12) | tc_s | newttl);
    _switched++;
    break;
  case OP_SWAPPUSH: {
    mpls_put(w + eth, (e->out_label << 12) | tc_s | newttl);
    q = q->push(4);
    p = q;
    if (!q)
      return -1;
    w = q->data();
    memmove(w, w + 4, eth);
    mpls_put(w + eth, (e->outer_label << 12) | (tc_s & 0xE00) | newttl);
    _imposed++;
    break;
  }
  case OP_POP: {
    if (bottom) {
      if (q->length() < eth + 4 + sizeof(click_ip) || (w[eth + 4] >> 4) != 4) {
        _bad++;
        return exception_port();
      }
      click_ip *iph = reinterpret_cast<click_ip *>(w + eth + 4);
      if (newttl < iph->ip_ttl)
        set_ip_ttl(iph, (uint8_t)newttl);
      w[12] = ETH_IPV4 >> 8;
      w[13] = ETH_IPV4 & 0xFF;
    } else {
      if (q->length() < eth + 8) {
        _bad++;
        return exception_port();
      }
      uint32_t next = mpls_get(w + eth + 4);
      mpls_put(w + eth + 4, (next & ~0xFFU) | newttl);
    }
    memmove(w + 4, w, eth);
    q->pull(4);
    _popped++;
    if (label == 0)
      return 0;
    break;
  }
  default:
    return exception_port();
  }
  return e->port < exception_port() ? e->port : exception_port();
}

void MPLSIlmSwitch::push(int, Packet *p) {
  int port = label_switch(p);
  if (port >= 0 && p)
    checked_output_push(port, p);
}

EXPORT_ELEMENT(MPLSIlmSwitch)

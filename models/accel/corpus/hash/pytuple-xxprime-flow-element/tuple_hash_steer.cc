// TupleHashSteer: spreads IPv4 packets over its outputs by hashing the flow
// key exactly as CPython (3.8 and later, 64-bit build) hashes a tuple of
// integers: each item's hash is the integer reduced modulo the Mersenne
// prime 2^61-1, and the tuple hash is an xxHash-style accumulation
// (multiply by prime 2, rotate left 31, multiply by prime 1) seeded with
// prime 5, finished by adding the length mangled with prime 5 ^ 3527539.
//
// Modes: FIELDS (default) hashes (saddr, daddr, proto, sport, dport);
// PACKED hashes ((saddr << 32) | daddr, (sport << 16) | dport, proto).
// SYMMETRIC orders the two endpoints first so both directions agree.
// Non-first fragments and non-TCP/UDP packets hash (saddr, daddr, proto).
// The low 32 bits of the hash are stored in the annotation at ANNO.
#include <click/config.h>
#include <click/args.hh>
#include <click/element.hh>
#include <click/error.hh>
#include <click/packet.hh>
#include <clicknet/ip.h>
#include <clicknet/tcp.h>
#include <clicknet/udp.h>

class TupleHashSteer : public Element {
public:
  TupleHashSteer();

  const char *class_name() const override { return "TupleHashSteer"; }
  const char *port_count() const override { return "1/1-"; }
  const char *processing() const override { return PUSH; }
  int configure(Vector<String> &conf, ErrorHandler *errh) override;
  void push(int port, Packet *p) override;

  static uint64_t item_hash(uint64_t v);
  static uint64_t tuple_hash(const uint64_t *items, int n);
  uint64_t packet_hash(const click_ip *iph, unsigned avail) const;

  enum { XXROT = 31 };
  static const uint64_t PRIME1 = 11400714785074694791ULL;
  static const uint64_t PRIME2 = 14029467366897019727ULL;
  static const uint64_t PRIME5 = 2870177450012600261ULL;
  static const uint64_t MERSENNE61 = (1ULL << 61) - 1;

private:
  bool _symmetric;
  bool _packed;
  int _anno;
  uint64_t _hashed;
  uint64_t _short;
};

TupleHashSteer::TupleHashSteer()
    : _symmetric(false), _packed(false), _anno(24), _hashed(0), _short(0) {}

int TupleHashSteer::configure(Vector<String> &conf, ErrorHandler *errh) {
  if (Args(conf, this, errh)
          .read("SYMMETRIC", _symmetric)
          .read("PACKED", _packed)
          .read("ANNO", _anno)
          .complete() < 0)
    return -1;
  if (_anno < 0 || _anno > Packet::anno_size - 4)
    return errh->error("ANNO out of range");
  return 0;
}

// hash of a non-negative Python int below 2^64: v mod (2^61 - 1)
uint64_t TupleHashSteer::item_hash(uint64_t v) {
  uint64_t r = (v & MERSENNE61) + (v >> 61);
  if (r >= MERSENNE61)
    r -= MERSENNE61;
  return r;
}

uint64_t TupleHashSteer::tuple_hash(const uint64_t *items, int n) {
  uint64_t acc = PRIME5;
  for (int i = 0; i < n; i++) {
    uint64_t lane = item_hash(items[i]);
    acc += lane * PRIME2;
    acc = (acc << XXROT) | (acc >> (64 - XXROT));
    acc *= PRIME1;
  }
  acc += (uint64_t)n ^ (PRIME5 ^ 3527539ULL);
  if (acc == ~(uint64_t)0)
    return 1546275796ULL;
  return acc;
}

uint64_t TupleHashSteer::packet_hash(const click_ip *iph, unsigned avail) const {
  uint64_t a = ntohl(iph->ip_src.s_addr);
  uint64_t b = ntohl(iph->ip_dst.s_addr);
  uint64_t proto = iph->ip_p;
  unsigned hlen = iph->ip_hl << 2;
  bool ports = (proto == IP_PROTO_TCP || proto == IP_PROTO_UDP) &&
               IP_FIRSTFRAG(iph) && avail >= hlen + 4;
  uint64_t items[5];
  if (!ports) {
    if (_symmetric && b < a) {
      uint64_t t = a;
      a = b;
      b = t;
    }
    items[0] = a;
    items[1] = b;
    items[2] = proto;
    return tuple_hash(items, 3);
  }
  const unsigned char *th = reinterpret_cast<const unsigned char *>(iph) + hlen;
  uint64_t sp = ((uint64_t)th[0] << 8) | th[1];
  uint64_t dp = ((uint64_t)th[2] << 8) | th[3];
  if (_symmetric && (b < a || (b == a && dp < sp))) {
    uint64_t t = a;
    a = b;
    b = t;
    t = sp;
    sp = dp;
    dp = t;
  }
  if (_packed) {
    items[0] = (a << 32) | b;
    items[1] = (sp << 16) | dp;
    items[2] = proto;
    return tuple_hash(items, 3);
  }
  items[0] = a;
  items[1] = b;
  items[2] = proto;
  items[3] = sp;
  items[4] = dp;
  return tuple_hash(items, 5);
}

void TupleHashSteer::push(int, Packet *p) {
  const click_ip *iph = p->ip_header();
  if (!iph) {
    iph = reinterpret_cast<const click_ip *>(p->data());
  }
  const unsigned char *base = reinterpret_cast<const unsigned char *>(iph);
  if (base < p->data() || base + sizeof(click_ip) > p->end_data()) {
    _short++;
    checked_output_push(0, p);
    return;
  }
  unsigned avail = (unsigned)(p->end_data() - base);
  uint64_t h = packet_hash(iph, avail);
  p->set_anno_u32(_anno, (uint32_t)h);
  _hashed++;
  checked_output_push((int)(h % (uint64_t)noutputs()), p);
}

// RingSteer: Karger-style consistent hashing ring with virtual nodes.
// Every output (backend) is placed on a 32-bit ring at VNODES pseudo-random
// points; a flow goes to the backend owning the first point clockwise from
// the hash of its 5-tuple.  Removing a backend only moves the flows that
// were mapped to it.
//
// RingSteer([VNODES n, SEED s]); one input, any number of outputs.
#include <click/config.h>
#include <click/args.hh>
#include <click/element.hh>
#include <click/error.hh>
#include <clicknet/ip.h>
#include <clicknet/udp.h>

CLICK_DECLS

struct RingPoint {
  uint32_t pos;
  int32_t backend;
};

class RingSteer : public Element {
public:
  RingSteer() : _vnodes(160), _seed(0), _ring(0), _npoints(0) {}
  ~RingSteer() override { delete[] _ring; }
  const char *class_name() const override { return "RingSteer"; }
  const char *port_count() const override { return "1/1-"; }
  const char *processing() const override { return PUSH; }
  int configure(Vector<String> &conf, ErrorHandler *errh) override;
  int initialize(ErrorHandler *errh) override;
  void push(int port, Packet *p) override;

  static uint32_t avalanche(uint32_t x);
  static uint32_t vnode_pos(uint32_t backend, uint32_t replica, uint32_t seed);
  static uint32_t tuple_pos(uint32_t saddr, uint32_t daddr, uint16_t sport,
                            uint16_t dport, uint8_t proto, uint32_t seed);
  static void build(RingPoint *ring, int nbackends, int vnodes, uint32_t seed);
  static int successor(const RingPoint *ring, int npoints, uint32_t pos);
  const RingPoint *ring() const { return _ring; }

private:
  int _vnodes;
  uint32_t _seed;
  RingPoint *_ring;
  int _npoints;
};

// 32-bit xorshift-multiply avalanche (two rounds).
uint32_t RingSteer::avalanche(uint32_t x) {
  x ^= x >> 16;
  x *= 0x7feb352dU;
  x ^= x >> 15;
  x *= 0x846ca68bU;
  x ^= x >> 16;
  return x;
}

uint32_t RingSteer::vnode_pos(uint32_t backend, uint32_t replica,
                              uint32_t seed) {
  uint32_t h = avalanche(seed + backend * 0x9e3779b1U);
  return avalanche(h ^ (replica * 0x85ebca77U + 0x165667b1U));
}

uint32_t RingSteer::tuple_pos(uint32_t saddr, uint32_t daddr, uint16_t sport,
                              uint16_t dport, uint8_t proto, uint32_t seed) {
  uint32_t h = avalanche(seed ^ 0x27d4eb2fU);
  h = avalanche(h + saddr);
  h = avalanche(h + daddr);
  h = avalanche(h + (((uint32_t)sport << 16) | dport));
  h = avalanche(h + proto);
  return h;
}

static int ring_order(const void *a, const void *b) {
  const RingPoint *x = (const RingPoint *)a, *y = (const RingPoint *)b;
  if (x->pos != y->pos)
    return x->pos < y->pos ? -1 : 1;
  return x->backend - y->backend;
}

void RingSteer::build(RingPoint *ring, int nbackends, int vnodes,
                      uint32_t seed) {
  int k = 0;
  for (int b = 0; b < nbackends; b++)
    for (int r = 0; r < vnodes; r++) {
      ring[k].pos = vnode_pos((uint32_t)b, (uint32_t)r, seed);
      ring[k].backend = b;
      k++;
    }
  qsort(ring, (size_t)k, sizeof(RingPoint), ring_order);
}

// First point with pos >= the key's position, wrapping past the top.
int RingSteer::successor(const RingPoint *ring, int npoints, uint32_t pos) {
  int lo = 0, hi = npoints;
  while (lo < hi) {
    int mid = lo + (hi - lo) / 2;
    if (ring[mid].pos < pos)
      lo = mid + 1;
    else
      hi = mid;
  }
  if (lo == npoints)
    lo = 0;
  return ring[lo].backend;
}

int RingSteer::configure(Vector<String> &conf, ErrorHandler *errh) {
  int vnodes = 160;
  uint32_t seed = 0;
  if (Args(conf, this, errh)
          .read("VNODES", vnodes)
          .read("SEED", seed)
          .complete() < 0)
    return -1;
  if (vnodes < 1)
    return errh->error("VNODES must be positive");
  _vnodes = vnodes;
  _seed = seed;
  return 0;
}

int RingSteer::initialize(ErrorHandler *) {
  _npoints = noutputs() * _vnodes;
  _ring = new RingPoint[_npoints];
  build(_ring, noutputs(), _vnodes, _seed);
  return 0;
}

void RingSteer::push(int, Packet *p) {
  const click_ip *iph = p->ip_header();
  uint16_t sport = 0, dport = 0;
  if (!IP_ISFRAG(iph) &&
      (iph->ip_p == IP_PROTO_TCP || iph->ip_p == IP_PROTO_UDP)) {
    sport = ntohs(p->udp_header()->uh_sport);
    dport = ntohs(p->udp_header()->uh_dport);
  }
  uint32_t pos = tuple_pos(ntohl(iph->ip_src.s_addr), ntohl(iph->ip_dst.s_addr),
                           sport, dport, iph->ip_p, _seed);
  output(successor(_ring, _npoints, pos)).push(p);
}

CLICK_ENDDECLS
EXPORT_ELEMENT(RingSteer)

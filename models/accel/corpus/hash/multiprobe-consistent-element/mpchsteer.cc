// MPCHSteer: multi-probe consistent hashing (Appleton and O'Reilly, 2015)
// over the element's outputs.  Each backend owns ONE point on a 64-bit hash
// ring (no virtual nodes); a flow is hashed K times (double hashing:
// x_i = h1 + i * h2) and every probe is matched with the first backend point
// at or after it, clockwise; the backend whose point is closest to any of
// its probes wins.  With K = 21 probes the peak-to-mean load is about 1.05,
// and adding a backend only moves flows onto the new one.  Ring points and
// the two flow hashes come from an xor-shift-multiply finaliser; the ring
// is kept sorted by insertion and searched by bisection.
#include <click/config.h>
#include <click/element.hh>
#include <click/packet.hh>
#include <clicknet/ip.h>
CLICK_DECLS

class MPCHSteer : public Element {
public:
  enum { MAX_NODES = 64, PROBES = 21 };

  MPCHSteer() : _npoints(0) {}
  const char *class_name() const override { return "MPCHSteer"; }
  const char *port_count() const override { return "1/1-64"; }
  const char *processing() const override { return PUSH; }

  int initialize(ErrorHandler *) override;
  void push(int, Packet *p) override;

  static uint64_t finalize64(uint64_t x);
  static uint64_t node_point(uint32_t node);
  void build_ring(unsigned nodes);
  unsigned successor(uint64_t x) const;
  unsigned pick(uint64_t a, uint64_t b) const;
  static void flow_words(const click_ip *iph, const unsigned char *end,
                         uint64_t *a, uint64_t *b);

private:
  struct Point {
    uint64_t pos;
    uint32_t node;
  };
  Point _ring[MAX_NODES];
  unsigned _npoints;
};

uint64_t MPCHSteer::finalize64(uint64_t x) {
  x ^= x >> 32;
  x *= 0xd6e8feb86659fd93ULL;
  x ^= x >> 32;
  x *= 0xd6e8feb86659fd93ULL;
  x ^= x >> 32;
  return x;
}

uint64_t MPCHSteer::node_point(uint32_t node) {
  // the backend's name is its index; salt it so node 0 is not point 0
  return finalize64(((uint64_t)node << 32) ^ 0x6d70636872696e67ULL);
}

void MPCHSteer::build_ring(unsigned nodes) {
  if (nodes > MAX_NODES)
    nodes = MAX_NODES;
  _npoints = 0;
  for (unsigned n = 0; n < nodes; ++n) {
    Point pt;
    pt.pos = node_point(n);
    pt.node = n;
    unsigned j = _npoints++;
    while (j > 0 && _ring[j - 1].pos > pt.pos) {
      _ring[j] = _ring[j - 1];
      --j;
    }
    _ring[j] = pt;
  }
}

// index of the first point with pos >= x, wrapping past the top to 0
unsigned MPCHSteer::successor(uint64_t x) const {
  unsigned lo = 0, hi = _npoints;
  while (lo < hi) {
    unsigned mid = lo + ((hi - lo) >> 1);
    if (_ring[mid].pos < x)
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo == _npoints ? 0 : lo;
}

unsigned MPCHSteer::pick(uint64_t a, uint64_t b) const {
  if (_npoints == 0)
    return 0;
  uint64_t h1 = finalize64(a ^ ((b << 29) | (b >> 35)));
  uint64_t h2 = finalize64(h1 ^ b ^ 0x9e3779b97f4a7c15ULL) | 1;
  uint64_t best = ~(uint64_t)0;
  unsigned winner = _ring[0].node;
  uint64_t x = h1;
  for (int i = 0; i < PROBES; ++i, x += h2) {
    const Point &p = _ring[successor(x)];
    uint64_t dist = p.pos - x; // clockwise distance mod 2^64
    if (dist < best) {
      best = dist;
      winner = p.node;
    }
  }
  return winner;
}

void MPCHSteer::flow_words(const click_ip *iph, const unsigned char *end,
                           uint64_t *a, uint64_t *b) {
  const unsigned char *l4 = (const unsigned char *)iph + (iph->ip_hl << 2);
  uint32_t ports = 0;
  if ((iph->ip_p == IP_PROTO_TCP || iph->ip_p == IP_PROTO_UDP) &&
      !IP_ISFRAG(iph) && l4 + 4 <= end)
    ports = (uint32_t)l4[0] << 24 | (uint32_t)l4[1] << 16 |
            (uint32_t)l4[2] << 8 | l4[3];
  *a = (uint64_t)ntohl(iph->ip_src.s_addr) << 32 | ntohl(iph->ip_dst.s_addr);
  *b = (uint64_t)ports << 8 | iph->ip_p;
}

int MPCHSteer::initialize(ErrorHandler *) {
  build_ring((unsigned)noutputs());
  return 0;
}

void MPCHSteer::push(int, Packet *p) {
  const click_ip *iph = p->ip_header();
  uint64_t a = 0, b = 0;
  if (iph)
    flow_words(iph, p->end_data(), &a, &b);
  output((int)pick(a, b)).push(p);
}

CLICK_ENDDECLS
EXPORT_ELEMENT(MPCHSteer)

// DotModBucket: universal (Carter-Wegman style) bucketing of IPv4 5-tuples.
//
// The 5-tuple is cut into seven 16-bit pieces x_0..x_6 (source address
// high/low, destination address high/low, source port, destination port,
// protocol) and hashed with the vector family
//     h(x) = (b + sum_i a_i * x_i) mod p,    p = 2^31 - 1,
// whose coefficients a_i in [1, p-1] and b in [0, p-1] are drawn from SEED at
// configure time.  Each product is below 2^47, so the seven products are
// summed exactly in 64 bits and reduced once with the Mersenne fold.  The
// bucket, h * BUCKETS / p (high-bits scaling), goes to annotation byte 8 as a
// 32-bit value and its counter is incremented.
//
// DotModBucket([BUCKETS n, SEED s, OFFSET o]); input from byte OFFSET on.

#include <click/config.h>
#include <click/args.hh>
#include <click/element.hh>
#include <click/error.hh>
#include <click/packet.hh>
#include <clicknet/ip.h>
#include <string.h>

class DotModBucket : public Element {
public:
  enum { NPIECES = 7, MAXBUCKETS = 4096 };
  static const uint64_t P31 = 0x7fffffffULL;

  DotModBucket();
  const char *class_name() const override { return "DotModBucket"; }
  const char *port_count() const override { return PORTS_1_1; }
  int configure(Vector<String> &conf, ErrorHandler *errh) override;
  Packet *simple_action(Packet *p) override;

  static uint32_t fold_m31(uint64_t v);
  uint32_t tuple_hash(const uint16_t *x) const;
  uint32_t bucket_of(uint32_t h) const;
  uint64_t count(unsigned b) const { return b < _nbuckets ? _counts[b] : 0; }

private:
  struct Family {
    uint32_t a[NPIECES];
    uint32_t b;
  } _fam;
  unsigned _nbuckets;
  unsigned _offset;
  uint64_t _short;
  uint64_t _counts[MAXBUCKETS];

  void draw_family(uint32_t seed);
  bool extract(const Packet *p, uint16_t *x) const;
};

DotModBucket::DotModBucket() : _nbuckets(64), _offset(14), _short(0) {
  memset(_counts, 0, sizeof(_counts));
  draw_family(1);
}

// Coefficients from a xorshift32 stream, rejection-sampled into range.
void DotModBucket::draw_family(uint32_t seed) {
  uint32_t s = seed ? seed : 0x6b43a9b5u;
  int i = 0;
  while (i <= NPIECES) {
    s ^= s << 13;
    s ^= s >> 17;
    s ^= s << 5;
    uint32_t v = s & 0x7fffffffu;
    if (v >= P31)
      continue;
    if (i < NPIECES) {
      if (v == 0)
        continue;
      _fam.a[i] = v;
    } else
      _fam.b = v;
    i++;
  }
}

uint32_t DotModBucket::fold_m31(uint64_t v) {
  v = (v & P31) + (v >> 31);
  v = (v & P31) + (v >> 31);
  if (v >= P31)
    v -= P31;
  return (uint32_t)v;
}

uint32_t DotModBucket::tuple_hash(const uint16_t *x) const {
  uint64_t acc = _fam.b;
  for (int i = 0; i < NPIECES; i++)
    acc += (uint64_t)_fam.a[i] * x[i];
  return fold_m31(acc);
}

uint32_t DotModBucket::bucket_of(uint32_t h) const {
  return (uint32_t)(((uint64_t)h * _nbuckets) / P31);
}

bool DotModBucket::extract(const Packet *p, uint16_t *x) const {
  if (p->length() < _offset + 20)
    return false;
  const unsigned char *ip = p->data() + _offset;
  unsigned hl = (unsigned)(ip[0] & 0x0f) << 2;
  if ((ip[0] >> 4) != 4 || hl < 20)
    return false;
  x[0] = (uint16_t)((ip[12] << 8) | ip[13]);
  x[1] = (uint16_t)((ip[14] << 8) | ip[15]);
  x[2] = (uint16_t)((ip[16] << 8) | ip[17]);
  x[3] = (uint16_t)((ip[18] << 8) | ip[19]);
  x[4] = x[5] = 0;
  x[6] = ip[9];
  bool first_frag = ((ip[6] & 0x1f) | ip[7]) == 0;
  if ((ip[9] == IP_PROTO_TCP || ip[9] == IP_PROTO_UDP) && first_frag &&
      p->length() >= _offset + hl + 4) {
    const unsigned char *l4 = ip + hl;
    x[4] = (uint16_t)((l4[0] << 8) | l4[1]);
    x[5] = (uint16_t)((l4[2] << 8) | l4[3]);
  }
  return true;
}

int DotModBucket::configure(Vector<String> &conf, ErrorHandler *errh) {
  unsigned nb = _nbuckets, off = _offset;
  uint32_t seed = 1;
  if (Args(conf, this, errh)
          .read("BUCKETS", nb)
          .read("SEED", seed)
          .read("OFFSET", off)
          .complete() < 0)
    return -1;
  if (nb == 0 || nb > MAXBUCKETS)
    return errh->error("BUCKETS must be 1..%d", (int)MAXBUCKETS);
  _nbuckets = nb;
  _offset = off;
  draw_family(seed);
  return 0;
}

Packet *DotModBucket::simple_action(Packet *p) {
  uint16_t x[NPIECES];
  if (!extract(p, x)) {
    _short++;
    return p;
  }
  uint32_t b = bucket_of(tuple_hash(x));
  _counts[b]++;
  p->set_anno_u32(8, b);
  return p;
}

CLICK_ENDDECLS
EXPORT_ELEMENT(DotModBucket)

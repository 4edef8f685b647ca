// H3FlowSteer: Carter-Wegman H3 hashing of the IP 5-tuple, as used in
// hardware flow tables and Bloom filters of network processors.
//
// H3 draws one random 32-bit row q[i] per input bit; the hash of a key is
// the XOR of the rows whose input bit is 1 (a random GF(2) matrix times the
// key vector).  Rows are generated at initialize() time from SEED.
//
// Key layout (bits taken most significant first within each byte):
//   IPv4: saddr(4) daddr(4) proto(1) sport(2) dport(2)      = 104 bits
//   IPv6: saddr(16) daddr(16) next-header(1) sport(2) dport(2) = 296 bits
// Ports are zero for non-TCP/UDP packets and for non-first fragments.
// The hash is written to the 32-bit annotation at ANNO, and hash % QUEUES
// to the paint annotation.
#include <click/config.h>
#include <click/args.hh>
#include <click/element.hh>
#include <click/error.hh>
#include <click/packet.hh>
#include <clicknet/ip.h>
#include <clicknet/ip6.h>

#define H3_V4_KEY_BYTES 13
#define H3_V6_KEY_BYTES 37
#define H3_MAX_ROWS (8 * H3_V6_KEY_BYTES)

class H3FlowSteer : public Element {
public:
  H3FlowSteer();

  const char *class_name() const override { return "H3FlowSteer"; }
  const char *port_count() const override { return PORTS_1_1; }
  int configure(Vector<String> &conf, ErrorHandler *errh) override;
  int initialize(ErrorHandler *errh) override;
  Packet *simple_action(Packet *p) override;

  void build_rows(uint64_t seed);
  uint32_t h3_key(const uint8_t *key, unsigned nbytes) const;
  int flow_key(const Packet *p, uint8_t *key) const;

  static uint64_t row_source(uint64_t *state);

private:
  uint32_t _rows[H3_MAX_ROWS];
  uint64_t _seed;
  unsigned _queues;
  int _anno;
  uint64_t _v4, _v6, _other;
};

H3FlowSteer::H3FlowSteer()
    : _seed(1), _queues(8), _anno(28), _v4(0), _v6(0), _other(0) {
  memset(_rows, 0, sizeof(_rows));
}

int H3FlowSteer::configure(Vector<String> &conf, ErrorHandler *errh) {
  unsigned long long seed = 1;
  if (Args(conf, this, errh)
          .read("SEED", seed)
          .read("QUEUES", _queues)
          .read("ANNO", _anno)
          .complete() < 0)
    return -1;
  if (_queues == 0 || _queues > 256)
    return errh->error("QUEUES must be 1..256");
  if (_anno < 0 || _anno > Packet::anno_size - 4)
    return errh->error("ANNO out of range");
  _seed = seed;
  return 0;
}

// 64-bit xorshift* generator feeding the matrix rows
uint64_t H3FlowSteer::row_source(uint64_t *state) {
  uint64_t x = *state;
  x ^= x >> 12;
  x ^= x << 25;
  x ^= x >> 27;
  *state = x;
  return x * 0x2545F4914F6CDD1DULL;
}

void H3FlowSteer::build_rows(uint64_t seed) {
  uint64_t st = seed ? seed : 0x853C49E6748FEA9BULL;
  for (int i = 0; i < H3_MAX_ROWS; i++)
    _rows[i] = (uint32_t)(row_source(&st) >> 32);
}

int H3FlowSteer::initialize(ErrorHandler *) {
  build_rows(_seed);
  return 0;
}

uint32_t H3FlowSteer::h3_key(const uint8_t *key, unsigned nbytes) const {
  uint32_t h = 0;
  const uint32_t *q = _rows;
  for (unsigned i = 0; i < nbytes; i++) {
    unsigned byte = key[i];
    for (int b = 7; b >= 0; b--) {
      uint32_t take = 0u - (uint32_t)((byte >> b) & 1u);
      h ^= *q++ & take;
    }
  }
  return h;
}

// fills key, returns its length in bytes (0 if not IP)
int H3FlowSteer::flow_key(const Packet *p, uint8_t *key) const {
  const unsigned char *nh = p->network_header();
  if (!nh)
    nh = p->data();
  const unsigned char *end = p->end_data();
  if (nh >= end)
    return 0;
  unsigned version = nh[0] >> 4;
  const unsigned char *l4;
  unsigned proto;
  int n;
  bool first = true;
  if (version == 4) {
    if (end - nh < 20)
      return 0;
    unsigned hl = (nh[0] & 15) << 2;
    memcpy(key, nh + 12, 8);
    proto = nh[9];
    key[8] = (uint8_t)proto;
    first = ((nh[6] & 0x1F) | nh[7]) == 0;
    l4 = nh + hl;
    n = 9;
  } else if (version == 6) {
    if (end - nh < 40)
      return 0;
    memcpy(key, nh + 8, 32);
    proto = nh[6];
    key[32] = (uint8_t)proto;
    l4 = nh + 40;
    n = 33;
  } else {
    return 0;
  }
  if ((proto == 6 || proto == 17) && first && l4 + 4 <= end) {
    memcpy(key + n, l4, 4);
  } else {
    memset(key + n, 0, 4);
  }
  return n + 4;
}

Packet *H3FlowSteer::simple_action(Packet *p) {
  uint8_t key[H3_V6_KEY_BYTES];
  int n = flow_key(p, key);
  if (n == 0) {
    _other++;
    return p;
  }
  if (n == H3_V4_KEY_BYTES)
    _v4++;
  else
    _v6++;
  uint32_t h = h3_key(key, (unsigned)n);
  p->set_anno_u32(_anno, h);
  p->set_anno_u8(16, (uint8_t)(h % _queues));
  return p;
}

// Hash-based flow sampling (trajectory sampling style): a packet is kept
// when the hash of its 5-tuple falls under a threshold, so every router
// with the same seed samples the same flows. The hash is "MurmurOAAT", the
// one-at-a-time mixer with Murmur's multiplier: per byte h ^= c;
// h *= 0x5bd1e995; h ^= h >> 15 (the 64-bit form multiplies by
// 0x5bd1e9955bd1e995 and shifts by 47). Label: hash.
#include <click/config.h>
#include <click/element.hh>
#include <click/packet.hh>
#include <clicknet/ip.h>

class FlowSampler : public Element {
public:
  FlowSampler() : _seed(0x3c6ef372u), _threshold(0x20000000u), _kept(0) {}

  const char *class_name() const override { return "FlowSampler"; }
  const char *port_count() const override { return "1/1-2"; }

  static uint32_t mix_bytes(const uint8_t *buf, unsigned len, uint32_t h);
  static uint64_t mix_bytes64(const uint8_t *buf, unsigned len, uint64_t h);
  uint32_t tuple_digest(const Packet *p) const;
  Packet *simple_action(Packet *p) override;

private:
  uint32_t _seed;
  uint32_t _threshold;
  uint64_t _kept;
};

uint32_t FlowSampler::mix_bytes(const uint8_t *buf, unsigned len, uint32_t h) {
  unsigned i = 0;
  while (i < len) {
    h ^= buf[i++];
    h *= 0x5bd1e995u;
    h ^= h >> 15;
  }
  return h;
}

uint64_t FlowSampler::mix_bytes64(const uint8_t *buf, unsigned len,
                                  uint64_t h) {
  for (; len; --len, ++buf) {
    h ^= *buf;
    h *= 0x5bd1e9955bd1e995ull;
    h ^= h >> 47;
  }
  return h;
}

// Addresses (8 bytes), ports (4 bytes, zero for non-TCP/UDP) and protocol,
// taken straight from the headers in wire order, without a key buffer.
uint32_t FlowSampler::tuple_digest(const Packet *p) const {
  const click_ip *iph = p->ip_header();
  const uint8_t *nh = p->network_header();
  const uint8_t *th = nh + iph->ip_hl * 4;
  bool ports = iph->ip_p == IP_PROTO_TCP || iph->ip_p == IP_PROTO_UDP;
  uint32_t h = _seed;
  for (int k = 12; k < 20; k++) {
    h ^= nh[k];
    h *= 0x5bd1e995u;
    h ^= h >> 15;
  }
  for (int k = 0; k < 4; k++) {
    h ^= ports ? th[k] : 0u;
    h *= 0x5bd1e995u;
    h ^= h >> 15;
  }
  h ^= iph->ip_p;
  h *= 0x5bd1e995u;
  h ^= h >> 15;
  return h;
}

Packet *FlowSampler::simple_action(Packet *p) {
  if (tuple_digest(p) < _threshold) {
    _kept++;
    return p;
  }
  checked_output_push(1, p);
  return 0;
}

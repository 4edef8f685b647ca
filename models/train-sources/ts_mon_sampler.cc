// Training source for the instruction models (models/README.md): a packet
// sampler for sFlow/PSAMP-style export: systematic 1-in-N with a random
// skip, probabilistic sampling from a linear congruential generator, and
// hash-based flow sampling (all packets of a selected flow); the sampled
// copy (a clone, truncated to a header snapshot) goes to output 1 with the
// sampling pool and rate in its annotations, the original to output 0. The
// generator state is a template parameter, instantiated at 16, 32 and 64
// bits.
// Written for training only; not part of the NF corpus.
#include <click/clara.hh>
#include <click/config.h>
#include <click/element.hh>
#include <click/packet.hh>
#include <click/packet_anno.hh>
#include <clicknet/ip.h>
#include <clicknet/tcp.h>
#include <clicknet/udp.h>

enum SampleMode { SM_SYSTEMATIC = 0, SM_RANDOM = 1, SM_FLOW = 2 };

template <typename W> struct LcgParams;
template <> struct LcgParams<uint16_t> {
  static const uint16_t mul = 25173, inc = 13849;
};
template <> struct LcgParams<uint32_t> {
  static const uint32_t mul = 1664525u, inc = 1013904223u;
};
template <> struct LcgParams<uint64_t> {
  static const uint64_t mul = 6364136223846793005ull,
                        inc = 1442695040888963407ull;
};

template <typename W> class TrainSampler : public Element {
public:
  TrainSampler(int mode, uint32_t rate)
      : _mode(mode), _rate(rate ? rate : 1), _state((W)0x5eed), _skip(0),
        _pool(0), _sampled(0), _snap_len(128) {
    _skip = next_skip();
  }
  const char *class_name() const override { return "TrainSampler"; }
  const char *port_count() const override { return "1/2"; }
  const char *processing() const override { return PUSH; }
  void push(int port, Packet *p) override;

private:
  W step() {
    _state = (W)(_state * LcgParams<W>::mul + LcgParams<W>::inc);
    return _state;
  }
  // High bits of the generator scaled to [0, range).
  uint32_t uniform(uint32_t range) {
    W x = step();
    uint32_t hi = (uint32_t)(x >> (sizeof(W) * 8 / 2));
    unsigned bits = sizeof(W) * 8 / 2;
    return (uint32_t)(((uint64_t)hi * range) >> bits);
  }
  uint32_t next_skip() {
    if (_rate <= 1)
      return 0;
    return uniform(_rate);
  }
  static uint32_t flow_hash(const click_ip *iph, const uint8_t *l4, int l4len) {
    uint32_t h = iph->ip_src.s_addr * 0x9e3779b1u;
    h ^= iph->ip_dst.s_addr + (h << 6) + (h >> 2);
    h ^= iph->ip_p;
    if (l4len >= 4 && (iph->ip_p == IP_PROTO_TCP || iph->ip_p == IP_PROTO_UDP))
      h ^= ((uint32_t)l4[0] << 24 | (uint32_t)l4[1] << 16 |
            (uint32_t)l4[2] << 8 | l4[3]) *
           0x85ebca6bu;
    h ^= h >> 15;
    return h * 0xc2b2ae35u;
  }
  bool select(const Packet *p) {
    switch (_mode) {
    case SM_SYSTEMATIC:
      if (_skip > 0) {
        _skip--;
        return false;
      }
      _skip = _rate - 1;
      return true;
    case SM_RANDOM:
      return uniform(_rate) == 0;
    case SM_FLOW: {
      if (!p->has_network_header())
        return false;
      uint32_t h = flow_hash(p->ip_header(), p->transport_header(),
                             p->transport_length());
      return h % _rate == 0;
    }
    default:
      return false;
    }
  }
  Packet *snapshot(Packet *p) {
    Packet *q = p->clone();
    if (!q)
      return 0;
    if (q->length() > _snap_len) {
      SET_EXTRA_LENGTH_ANNO(q, q->length() - _snap_len);
      q->take(q->length() - _snap_len);
    } else
      SET_EXTRA_LENGTH_ANNO(q, 0);
    SET_EXTRA_PACKETS_ANNO(q, _pool);
    SET_AGGREGATE_AUX_ANNO(q, (uint16_t)(_rate > 0xffff ? 0xffff : _rate));
    return q;
  }

  int _mode;
  uint32_t _rate;
  W _state;
  uint32_t _skip;
  uint32_t _pool, _sampled;
  uint32_t _snap_len;
};

template <typename W> void TrainSampler<W>::push(int, Packet *p) {
  _pool++;
  if (select(p)) {
    _sampled++;
    if (Packet *q = snapshot(p)) {
      SET_SEQUENCE_NUMBER_ANNO(q, _sampled);
      output(1).push(q);
    }
  }
  output(0).push(p);
}

extern "C" Element *clara_nf_create(const char *config) {
  Element *e[3] = {new TrainSampler<uint16_t>(SM_SYSTEMATIC, 4),
                   new TrainSampler<uint32_t>(SM_RANDOM, 8),
                   new TrainSampler<uint64_t>(SM_FLOW, 3)};
  String conf = config ? String(config) : String();
  for (int i = 0; i < 3; ++i)
    if (clara_element_setup(e[i], conf, 1, 2) < 0)
      return 0;
  for (int i = 0; i + 1 < 3; ++i)
    clara_connect(e[i], 0, e[i + 1], 0);
  return e[0];
}

// Training source for the instruction models (models/README.md): Click
// idioms the synthesiser lacks — helper methods with several arguments and
// results, byte-wise header parsing, hashing, bounded table probing.
// Written for training only; not part of the NF corpus.
#include <click/clara.hh>
#include <click/config.h>
#include <click/element.hh>
#include <click/packet.hh>
#include <click/packet_anno.hh>
#include <clicknet/ether.h>
#include <clicknet/ip.h>
#include <clicknet/tcp.h>
#include <clicknet/udp.h>

template <typename T> static bool within(T v, T lo, T hi) {
  return v >= lo && v <= hi;
}

template <typename T> static T rotl(T v, unsigned s) {
  const unsigned bits = sizeof(T) * 8;
  s %= bits;
  return s ? (T)((v << s) | (v >> (bits - s))) : v;
}

static uint32_t mix3(uint32_t a, uint32_t b, uint32_t c) {
  a -= c;
  a ^= rotl<uint32_t>(c, 4);
  c += b;
  b -= a;
  b ^= rotl<uint32_t>(a, 6);
  a += c;
  c -= b;
  c ^= rotl<uint32_t>(b, 8);
  b += a;
  return c ^ (a >> 3) ^ (b << 5);
}

static inline uint16_t rd16(const unsigned char *p) {
  return (uint16_t)((p[0] << 8) | p[1]);
}
static inline uint32_t rd32(const unsigned char *p) {
  return ((uint32_t)p[0] << 24) | ((uint32_t)p[1] << 16) |
         ((uint32_t)p[2] << 8) | p[3];
}

struct MeterSlot {
  uint32_t src, dst;
  uint16_t sport, dport;
  uint8_t proto, used;
  uint64_t bytes;
  uint32_t packets;
  int32_t last;
};

class TrainFlowMeter : public Element {
public:
  TrainFlowMeter() : _now(0), _misses(0), _evictions(0), _threshold(1500) {
    memset(_slots, 0, sizeof(_slots));
  }
  const char *class_name() const override { return "TrainFlowMeter"; }
  const char *port_count() const override { return PORTS_1_1; }
  Packet *simple_action(Packet *p) override;

private:
  bool parse(const unsigned char *d, uint32_t len, uint32_t *src, uint32_t *dst,
             uint16_t *sport, uint16_t *dport, uint8_t *proto) const;
  int probe(uint32_t src, uint32_t dst, uint16_t sport, uint16_t dport,
            uint8_t proto);
  void account(MeterSlot *s, uint32_t len, int32_t now);
  bool over_rate(const MeterSlot *s, int32_t now, uint32_t limit) const;

  MeterSlot _slots[64];
  int32_t _now;
  uint32_t _misses, _evictions, _threshold;
};

bool TrainFlowMeter::parse(const unsigned char *d, uint32_t len, uint32_t *src,
                           uint32_t *dst, uint16_t *sport, uint16_t *dport,
                           uint8_t *proto) const {
  if (len < 34 || rd16(d + 12) != 0x0800)
    return false;
  const unsigned char *ip = d + 14;
  unsigned hl = (ip[0] & 0x0f) << 2;
  if (hl < 20 || !within<uint32_t>(14 + hl + 4, 0, len))
    return false;
  *src = rd32(ip + 12);
  *dst = rd32(ip + 16);
  *proto = ip[9];
  if (*proto == IP_PROTO_TCP || *proto == IP_PROTO_UDP) {
    *sport = rd16(ip + hl);
    *dport = rd16(ip + hl + 2);
  } else {
    *sport = *dport = 0;
  }
  return true;
}

int TrainFlowMeter::probe(uint32_t src, uint32_t dst, uint16_t sport,
                          uint16_t dport, uint8_t proto) {
  uint32_t h = mix3(src, dst, ((uint32_t)sport << 16) | dport) + proto;
  for (int i = 0; i < 4; ++i) {
    MeterSlot &s = _slots[(h + i) & 63];
    if (!s.used) {
      s.used = 1;
      s.src = src;
      s.dst = dst;
      s.sport = sport;
      s.dport = dport;
      s.proto = proto;
      s.bytes = 0;
      s.packets = 0;
      _misses++;
      return (int)((h + i) & 63);
    }
    if (s.src == src && s.dst == dst && s.sport == sport && s.dport == dport &&
        s.proto == proto)
      return (int)((h + i) & 63);
  }
  _evictions++;
  MeterSlot &victim = _slots[h & 63];
  victim.src = src;
  victim.dst = dst;
  victim.sport = sport;
  victim.dport = dport;
  victim.proto = proto;
  victim.bytes = victim.packets = 0;
  return (int)(h & 63);
}

void TrainFlowMeter::account(MeterSlot *s, uint32_t len, int32_t now) {
  s->bytes += len;
  s->packets++;
  s->last = now;
}

bool TrainFlowMeter::over_rate(const MeterSlot *s, int32_t now,
                               uint32_t limit) const {
  int32_t age = now - s->last;
  uint64_t avg = s->packets ? s->bytes / s->packets : 0;
  return age < 2 && avg > limit && s->packets > 16;
}

Packet *TrainFlowMeter::simple_action(Packet *p) {
  uint32_t src, dst;
  uint16_t sport, dport;
  uint8_t proto;
  _now++;
  if (!parse(p->data(), p->length(), &src, &dst, &sport, &dport, &proto))
    return p;
  int i = probe(src, dst, sport, dport, proto);
  MeterSlot *s = &_slots[i];
  account(s, p->length(), _now);
  if (over_rate(s, _now, _threshold)) {
    p->kill();
    return 0;
  }
  SET_PAINT_ANNO(p, (uint8_t)(i & 0xff));
  return p;
}

extern "C" Element *clara_nf_create(const char *config) {
  Element *e = new TrainFlowMeter;
  if (clara_element_setup(e, config ? String(config) : String(), 1, 1) < 0)
    return 0;
  return e;
}

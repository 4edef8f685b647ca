// ZaphodFlowBucket: hashes each IPv4 packet's 5-tuple with Zaphod32 (Yves
// Orton's 32-bit keyed hash with a 95-bit seed, used by perl for small
// hashes) and counts packets per bucket; the bucket number is stored in the
// packet's AGGREGATE annotation. Written from the algorithm's description:
// seed expansion (xorshift-multiply scrambles and a three-word ARX mix),
// then an 8-byte block loop, tail, and a three-word finaliser.
//
//   ZaphodFlowBucket(SEED0 a, SEED1 b, SEED2 c, BUCKETS 1024)

#include <click/config.h>
#include <click/args.hh>
#include <click/element.hh>
#include <click/error.hh>
#include <click/packet.hh>
#include <click/packet_anno.hh>
#include <clicknet/ip.h>
#include <clicknet/tcp.h>
#include <clicknet/udp.h>

class ZaphodFlowBucket : public Element {
public:
  ZaphodFlowBucket();
  ~ZaphodFlowBucket() override;

  const char *class_name() const override { return "ZaphodFlowBucket"; }
  const char *port_count() const override { return PORTS_1_1; }
  const char *processing() const override { return AGNOSTIC; }

  int configure(Vector<String> &conf, ErrorHandler *errh) override;
  Packet *simple_action(Packet *p) override;

  // The hash itself, usable without an element.
  static void seed_state(const uint32_t seed[3], uint32_t state[3]);
  static uint32_t hash_with_state(const uint32_t state[3],
                                  const unsigned char *key, size_t len);

  uint32_t bucket_count() const { return _nbuckets; }
  uint64_t bucket_packets(uint32_t b) const {
    return b < _nbuckets ? _counts[b] : 0;
  }

private:
  uint32_t _state[3];
  uint32_t _nbuckets;
  uint64_t *_counts;
  uint64_t _non_ip;

  static inline uint32_t rotl(uint32_t x, int r) {
    return (x << r) | (x >> (32 - r));
  }
  static inline uint32_t rotr(uint32_t x, int r) {
    return (x >> r) | (x << (32 - r));
  }
  static uint32_t load32(const unsigned char *p) {
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
           (uint32_t)p[3] << 24;
  }
  static uint32_t load16(const unsigned char *p) {
    return (uint32_t)p[0] | (uint32_t)p[1] << 8;
  }

  static uint32_t scramble(uint32_t v, uint32_t prime);
  static void mix3(uint32_t &v0, uint32_t &v1, uint32_t &v2);
  static uint32_t finalize3(uint32_t v0, uint32_t v1, uint32_t v2);
  static uint32_t short_avalanche(uint32_t v0, uint32_t v2);

  int flow_key(Packet *p, unsigned char key[13]) const;
};

ZaphodFlowBucket::ZaphodFlowBucket()
    : _nbuckets(0), _counts(0), _non_ip(0) {
  _state[0] = _state[1] = _state[2] = 0;
}

ZaphodFlowBucket::~ZaphodFlowBucket() { delete[] _counts; }

// Two xorshift permutations with an odd multiply in between.
uint32_t ZaphodFlowBucket::scramble(uint32_t v, uint32_t prime) {
  v ^= v >> 9;
  v ^= v << 21;
  v ^= v >> 16;
  v *= prime;
  v ^= v >> 17;
  v ^= v << 15;
  v ^= v >> 23;
  return v;
}

// One round of the three-word add/rotate/xor mix.
void ZaphodFlowBucket::mix3(uint32_t &v0, uint32_t &v1, uint32_t &v2) {
  v0 = rotl(v0, 16) - v2;
  v1 = rotr(v1, 13) ^ v2;
  v2 = rotl(v2, 17) + v1;
  v0 = rotr(v0, 2) + v1;
  v1 = rotr(v1, 17) - v0;
  v2 = rotr(v2, 7) ^ v0;
}

uint32_t ZaphodFlowBucket::finalize3(uint32_t v0, uint32_t v1, uint32_t v2) {
  v2 += v0;
  v1 -= v2;
  v1 = rotl(v1, 6);
  v2 ^= v1;
  v2 = rotl(v2, 28);
  v1 ^= v2;
  v0 += v1;
  v1 = rotl(v1, 24);
  v2 += v1;
  v2 = rotl(v2, 18) + v1;
  v0 ^= v2;
  v0 = rotl(v0, 20);
  v2 += v0;
  v1 ^= v2;
  v0 += v1;
  v0 = rotl(v0, 5);
  v2 += v0;
  v2 = rotl(v2, 22);
  v0 -= v1;
  v1 -= v2;
  v1 = rotl(v1, 17);
  return v0 ^ v1 ^ v2;
}

// Two-word avalanche used for keys of 0..3 bytes.
uint32_t ZaphodFlowBucket::short_avalanche(uint32_t v0, uint32_t v2) {
  v0 -= v2;
  v2 = rotl(v2, 8) ^ v0;
  v0 = rotr(v0, 16) + v2;
  v2 += v0;
  v0 += v0 >> 9;
  v0 += v2;
  v2 ^= v0;
  v2 += v2 << 4;
  v0 -= v2;
  v2 = rotr(v2, 8) ^ v0;
  v0 = rotl(v0, 16) ^ v2;
  v2 = rotl(v2, 10) + v0;
  v0 = rotr(v0, 30) + v2;
  v2 = rotr(v2, 12);
  return v0 ^ v2;
}

void ZaphodFlowBucket::seed_state(const uint32_t seed[3], uint32_t state[3]) {
  // hex digits of pi, and a distinct replacement for a zero word
  uint32_t a = seed[0] ^ 0x43f6a888u;
  uint32_t b = seed[1] ^ 0x5a308d31u;
  uint32_t c = seed[2] ^ 0x3198a2e0u;
  if (a == 0)
    a = 1;
  if (b == 0)
    b = 2;
  if (c == 0)
    c = 4;

  a = scramble(a, 0x9fade23bu);
  b = scramble(b, 0xaa6f908du);
  c = scramble(c, 0xcdf6b72du);
  for (int i = 0; i < 4; i++)
    mix3(a, b, c);

  a = scramble(a, 0xc95d22a9u);
  b = scramble(b, 0x8497242bu);
  c = scramble(c, 0x9c5cc4e9u);
  for (int i = 0; i < 5; i++)
    mix3(a, b, c);

  state[0] = a;
  state[1] = b;
  state[2] = c;
}

uint32_t ZaphodFlowBucket::hash_with_state(const uint32_t state[3],
                                           const unsigned char *key,
                                           size_t len) {
  uint32_t v0 = state[0];
  uint32_t v1 = state[1];
  uint32_t v2 = state[2] ^ (0xC41A7AB1u * ((uint32_t)len + 1));

  if (len <= 12) {
    // short keys: every byte lands in a fixed word, no block loop
    if (len >= 4) {
      if (len >= 8) {
        if (len >= 11) {
          if (len == 12)
            v2 += (uint32_t)key[11] << 24;
          v2 += (uint32_t)key[10] << 16;
        }
        if (len >= 10)
          v2 += load16(key + 8);
        else if (len == 9)
          v2 += key[8];
        v1 -= load32(key + 4);
        v0 += load32(key);
      } else if (len >= 6) {
        if (len == 7)
          v2 += key[6];
        v0 += load16(key + 4);
        v1 -= load32(key);
      } else {
        if (len == 5)
          v0 += key[4];
        v1 -= load32(key);
      }
      return finalize3(v0, v1, v2);
    }
    switch (len) {
    case 3:
      v2 += key[2];
      v0 += load16(key);
      break;
    case 2:
      v0 += load16(key);
      break;
    case 1:
      v0 += key[0];
      break;
    default:
      v2 ^= 0xFF;
      break;
    }
    return short_avalanche(v0, v2);
  }

  // 13 bytes and more: two words per round
  size_t tail = len & 7;
  const unsigned char *stop = key + (len - tail);
  while (key < stop) {
    v1 -= load32(key);
    v0 += load32(key + 4);
    mix3(v0, v1, v2);
    key += 8;
  }
  if (tail >= 4) {
    v1 -= load32(key);
    key += 4;
  }
  v0 += (uint32_t)len << 24;
  switch (tail & 3) {
  case 3:
    v2 += key[2];
    v0 += load16(key);
    break;
  case 2:
    v0 += load16(key);
    break;
  case 1:
    v0 += key[0];
    break;
  default:
    v2 ^= 0xFF;
    break;
  }
  return finalize3(v0, v1, v2);
}

int ZaphodFlowBucket::configure(Vector<String> &conf, ErrorHandler *errh) {
  uint32_t seed[3] = {0x243f6a88u, 0x85a308d3u, 0x13198a2eu};
  uint32_t buckets = 1024;
  if (Args(conf, this, errh)
          .read("SEED0", seed[0])
          .read("SEED1", seed[1])
          .read("SEED2", seed[2])
          .read("BUCKETS", buckets)
          .complete() < 0)
    return -1;
  if (buckets == 0 || (buckets & (buckets - 1)) != 0)
    return errh->error("BUCKETS must be a power of two");
  seed_state(seed, _state);
  delete[] _counts;
  _counts = new uint64_t[buckets];
  for (uint32_t i = 0; i < buckets; i++)
    _counts[i] = 0;
  _nbuckets = buckets;
  return 0;
}

// Serialises src, dst, sport, dport, proto (13 bytes, wire order); returns
// the key length or 0 for a packet without a usable IPv4 header.
int ZaphodFlowBucket::flow_key(Packet *p, unsigned char key[13]) const {
  if (!p->has_network_header() || p->network_length() < (int)sizeof(click_ip))
    return 0;
  const click_ip *iph = p->ip_header();
  if (iph->ip_v != 4)
    return 0;
  memcpy(key, &iph->ip_src, 4);
  memcpy(key + 4, &iph->ip_dst, 4);
  memset(key + 8, 0, 4);
  key[12] = iph->ip_p;
  if ((iph->ip_off & htons(IP_OFFMASK)) == 0 && p->has_transport_header() &&
      (iph->ip_p == IP_PROTO_TCP || iph->ip_p == IP_PROTO_UDP) &&
      p->transport_length() >= 4)
    memcpy(key + 8, p->transport_header(), 4);
  return 13;
}

Packet *ZaphodFlowBucket::simple_action(Packet *p) {
  unsigned char key[13];
  if (!flow_key(p, key)) {
    _non_ip++;
    return p;
  }
  uint32_t h = hash_with_state(_state, key, 13);
  uint32_t b = h & (_nbuckets - 1);
  _counts[b]++;
  SET_AGGREGATE_ANNO(p, b);
  return p;
}

EXPORT_ELEMENT(ZaphodFlowBucket)

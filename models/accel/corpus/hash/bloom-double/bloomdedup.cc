// A Click element that drops repeated packets (same 5-tuple and IP ID)
// with a Bloom filter whose k bit positions come from two base hashes by
// enhanced double hashing (Kirsch-Mitzenmacher, with the cubic correction
// of Dillinger and Manolios): g_i = h1 + i*h2 + (i^3 - i)/6 mod m, computed
// incrementally as x += y; y += i. The two base hashes are the halves of
// one 64-bit multiply-xorshift fold of the key words. Label: hash.
#include <click/config.h>
#include <click/element.hh>
#include <click/packet.hh>
#include <clicknet/ip.h>

class BloomDedup : public Element {
public:
  enum { MBITS = 1 << 20, K = 7 };

  BloomDedup() : _dups(0) {
    for (uint32_t i = 0; i < MBITS / 64; i++)
      _bits[i] = 0;
  }

  const char *class_name() const override { return "BloomDedup"; }
  const char *port_count() const override { return "1/1"; }

  static void probes(uint64_t h1, uint64_t h2, uint32_t m, int k,
                     uint32_t *idx);
  static uint64_t key_fold(const uint32_t *w, int n);
  bool seen_or_add(const uint32_t *w, int n);
  Packet *simple_action(Packet *p) override;

  uint64_t _bits[MBITS / 64];
  uint64_t _dups;
};

void BloomDedup::probes(uint64_t h1, uint64_t h2, uint32_t m, int k,
                        uint32_t *idx) {
  uint64_t x = h1 % m, y = h2 % m;
  idx[0] = (uint32_t)x;
  for (int i = 1; i < k; i++) {
    x = (x + y) % m;
    y = (y + (uint64_t)i) % m;
    idx[i] = (uint32_t)x;
  }
}

uint64_t BloomDedup::key_fold(const uint32_t *w, int n) {
  uint64_t h = 0x6a09e667f3bcc908ULL ^ (uint64_t)n;
  for (int i = 0; i < n; i++) {
    h ^= w[i];
    h *= 0x8cb92ba72f3d8dd7ULL;
    h ^= h >> 29;
  }
  h ^= h >> 32;
  h *= 0xd1342543de82ef95ULL;
  h ^= h >> 31;
  return h;
}

bool BloomDedup::seen_or_add(const uint32_t *w, int n) {
  uint64_t h = key_fold(w, n);
  uint32_t idx[K];
  probes(h >> 32, (h & 0xffffffffULL) | 1, MBITS, K, idx);
  bool all = true;
  for (int i = 0; i < K; i++) {
    uint64_t bit = 1ULL << (idx[i] & 63);
    uint64_t &word = _bits[idx[i] >> 6];
    if (!(word & bit)) {
      all = false;
      word |= bit;
    }
  }
  return all;
}

Packet *BloomDedup::simple_action(Packet *p) {
  const click_ip *iph = p->ip_header();
  const unsigned char *ip = reinterpret_cast<const unsigned char *>(iph);
  const unsigned char *l4 = ip + iph->ip_hl * 4;
  uint32_t w[4];
  w[0] = iph->ip_src.s_addr;
  w[1] = iph->ip_dst.s_addr;
  w[2] = (uint32_t)l4[0] << 24 | (uint32_t)l4[1] << 16 | l4[2] << 8 | l4[3];
  w[3] = (uint32_t)iph->ip_p << 16 | iph->ip_id;
  if (seen_or_add(w, 4)) {
    _dups++;
    p->kill();
    return 0;
  }
  return p;
}

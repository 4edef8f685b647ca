// PayloadFingerprint: stamps each IPv4 packet with a 64-bit fingerprint of
// its transport payload for a downstream redundancy-elimination cache. The
// fingerprint is CRC-64/XZ (ECMA-182 generator, reflected: 0xC96C5795D7870F42,
// all-ones seed and final xor) from a 256-entry member table of 64-bit
// words filled when the element is constructed. In "sparse" mode the
// fingerprint is CRC-64/GO-ISO (generator x^64 + x^4 + x^3 + x + 1, reflected
// 0xD800000000000000), computed bit by bit without a table, as the original
// cache nodes did. The two halves go to annotation words 2 and 3.
// Label: crc.
#include <click/config.h>
#include <click/element.hh>
#include <click/packet.hh>
#include <clicknet/ip.h>
#include <stdint.h>

class PayloadFingerprint : public Element {
public:
  PayloadFingerprint(bool sparse = false);
  const char *class_name() const override { return "PayloadFingerprint"; }
  const char *port_count() const override { return PORTS_1_1; }
  Packet *simple_action(Packet *p) override;

  uint64_t ecma_reflected(const unsigned char *s, const unsigned char *e) const;
  static uint64_t iso_bits(const unsigned char *s, const unsigned char *e);

private:
  uint64_t _tab[256];
  bool _sparse;
  uint32_t _stamped;
};

PayloadFingerprint::PayloadFingerprint(bool sparse)
    : _sparse(sparse), _stamped(0) {
  const uint64_t rpoly = 0xC96C5795D7870F42ull;
  for (int i = 0; i < 256; i++) {
    uint64_t w = (uint64_t)i;
    int k = 0;
    while (k < 8) {
      uint64_t low = w & 1;
      w >>= 1;
      if (low)
        w ^= rpoly;
      ++k;
    }
    _tab[i] = w;
  }
}

uint64_t PayloadFingerprint::ecma_reflected(const unsigned char *s,
                                            const unsigned char *e) const {
  uint64_t acc = ~(uint64_t)0;
  while (s != e) {
    unsigned idx = (unsigned)((acc ^ *s) & 0xFF);
    acc = _tab[idx] ^ (acc >> 8);
    ++s;
  }
  return acc ^ ~(uint64_t)0;
}

uint64_t PayloadFingerprint::iso_bits(const unsigned char *s,
                                      const unsigned char *e) {
  uint64_t acc = 0xFFFFFFFFFFFFFFFFull;
  for (; s < e; ++s) {
    acc ^= (uint64_t)*s;
    int n = 8;
    do {
      bool out = acc & 1;
      acc >>= 1;
      if (out)
        acc ^= 0xD800000000000000ull;
    } while (--n);
  }
  return ~acc;
}

Packet *PayloadFingerprint::simple_action(Packet *p) {
  const click_ip *iph = p->ip_header();
  if (!iph)
    return p;
  const unsigned char *from = p->transport_header();
  const unsigned char *to = p->end_data();
  if (!from || from > to)
    return p;
  uint64_t fp = _sparse ? iso_bits(from, to) : ecma_reflected(from, to);
  p->set_anno_u32(8, (uint32_t)fp);
  p->set_anno_u32(12, (uint32_t)(fp >> 32));
  _stamped++;
  return p;
}

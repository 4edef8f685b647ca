// CtrGift: a Click-style element that encrypts (or decrypts: the same
// operation) the UDP payload of IPv4 packets with the GIFT-64-128
// lightweight block cipher (Banik et al., CHES 2017) in counter mode, the
// counter block being the IP id in the top 16 bits and the block index
// below. GIFT-64: 28 rounds of a 4-bit S-box on every nibble, a bit
// permutation (table computed from its closed form at key set-up), the
// round key (two 16-bit key words on bits 4i+1 and 4i) and a 6-bit LFSR
// constant, and the rotating 128-bit key state. Label: crypto.
#include <click/config.h>
#include <click/element.hh>
#include <click/packet.hh>
#include <clicknet/ip.h>
#include <clicknet/udp.h>

static const uint8_t gs_box[16] = {0x1, 0xA, 0x4, 0xC, 0x6, 0xF, 0x3, 0x9,
                                   0x2, 0xD, 0xB, 0x7, 0x5, 0x0, 0x8, 0xE};

class CtrGift : public Element {
public:
  CtrGift() : _packets(0) {}
  const char *class_name() const override { return "CtrGift"; }
  const char *port_count() const override { return PORTS_1_1; }
  Packet *simple_action(Packet *p) override;

  void set_key(const uint8_t key[16]);
  uint64_t encrypt(uint64_t block) const;

private:
  uint16_t _kw[8]; // _kw[i] = key word k_i, k_7 first in the key bytes
  uint8_t _dst[64];
  uint64_t _packets;
};

void CtrGift::set_key(const uint8_t key[16]) {
  for (int i = 0; i < 8; i++)
    _kw[7 - i] = (uint16_t)(key[2 * i] << 8 | key[2 * i + 1]);
  for (int i = 0; i < 64; i++) {
    int q = i / 16, r = i % 4, c = (i % 16) / 4;
    _dst[i] = (uint8_t)(4 * q + 16 * ((3 * c + r) % 4) + r);
  }
}

uint64_t CtrGift::encrypt(uint64_t block) const {
  uint16_t k[8];
  for (int i = 0; i < 8; i++)
    k[i] = _kw[i];
  uint64_t s = block;
  unsigned rc = 0;
  for (int round = 0; round < 28; round++) {
    uint64_t t = 0;
    for (int sh = 0; sh < 64; sh += 4)
      t |= (uint64_t)gs_box[(s >> sh) & 0xF] << sh;
    s = 0;
    for (int i = 0; i < 64; i++)
      s |= ((t >> i) & 1) << _dst[i];
    uint16_t u = k[1], v = k[0];
    for (int i = 0; i < 16; i++) {
      s ^= (uint64_t)((u >> i) & 1) << (4 * i + 1);
      s ^= (uint64_t)((v >> i) & 1) << (4 * i);
    }
    rc = ((rc << 1) & 0x3F) | (((rc >> 5) ^ (rc >> 4) ^ 1) & 1);
    for (int b = 0; b < 6; b++)
      s ^= (uint64_t)((rc >> b) & 1) << (4 * b + 3);
    s ^= 1ull << 63;
    uint16_t n7 = (uint16_t)((k[1] >> 2) | (k[1] << 14));
    uint16_t n6 = (uint16_t)((k[0] >> 12) | (k[0] << 4));
    for (int i = 0; i < 6; i++)
      k[i] = k[i + 2];
    k[6] = n6;
    k[7] = n7;
  }
  return s;
}

Packet *CtrGift::simple_action(Packet *p) {
  WritablePacket *q = p->uniqueify();
  if (!q)
    return 0;
  click_ip *iph = q->ip_header();
  const uint8_t *idb = reinterpret_cast<const uint8_t *>(&iph->ip_id);
  uint64_t ctr = (uint64_t)(idb[0] << 8 | idb[1]) << 48;
  uint8_t *pos = q->network_header() + (iph->ip_hl << 2) + sizeof(click_udp);
  uint8_t *end = q->end_data();
  while (pos < end) {
    uint64_t ks = encrypt(ctr++);
    for (int sh = 56; sh >= 0 && pos < end; sh -= 8)
      *pos++ ^= (uint8_t)(ks >> sh);
  }
  _packets++;
  return q;
}

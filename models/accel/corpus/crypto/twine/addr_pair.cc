// AddrPairCipher: a Click-style element that pseudonymises IPv4 traffic by
// encrypting the 64-bit (source, destination) address pair with the TWINE
// lightweight block cipher (Suzaki et al., SAC 2012): sixteen nibbles in a
// Type-2 generalized Feistel structure with eight 4-bit S-box F-functions
// per round and a 16-nibble block shuffle, 36 rounds; the 80- or 128-bit
// key register is updated with S-box lookups, the 6-bit round constants
// x^i in GF(2^6) and nibble rotations, producing eight round-key nibbles
// per round. The IP header checksum is recomputed. Label: crypto.
#include <click/config.h>
#include <click/element.hh>
#include <click/packet.hh>
#include <clicknet/ip.h>

class AddrPairCipher : public Element {
public:
  AddrPairCipher() : _count(0) {}
  const char *class_name() const override { return "AddrPairCipher"; }
  const char *port_count() const override { return PORTS_1_1; }
  Packet *simple_action(Packet *p) override;

  void expand(const uint8_t *key, int bits);
  uint64_t encrypt(uint64_t in) const;

private:
  uint8_t _rk[36][8];
  uint64_t _count;
  static const uint8_t sbox[16];
  static const uint8_t shuffle[16];
};

const uint8_t AddrPairCipher::sbox[16] = {0xC, 0x0, 0xF, 0xA, 0x2, 0xB,
                                          0x9, 0x5, 0x8, 0x3, 0xD, 0x7,
                                          0x1, 0xE, 0x6, 0x4};
const uint8_t AddrPairCipher::shuffle[16] = {5,  0, 1, 4, 7,  12, 3,  8,
                                             13, 6, 9, 2, 15, 10, 11, 14};

void AddrPairCipher::expand(const uint8_t *key, int bits) {
  uint8_t wk[32];
  int n = bits / 4; // 20 or 32 nibbles
  for (int i = 0; i < n; i++)
    wk[i] = (key[i >> 1] >> ((i & 1) ? 0 : 4)) & 0xF;
  static const uint8_t pick80[8] = {1, 3, 4, 6, 13, 14, 15, 16};
  static const uint8_t pick128[8] = {2, 3, 12, 15, 17, 18, 28, 31};
  const uint8_t *pick = bits == 80 ? pick80 : pick128;
  unsigned con = 1;
  for (int r = 0; r < 36; r++) {
    for (int j = 0; j < 8; j++)
      _rk[r][j] = wk[pick[j]];
    if (r == 35)
      break;
    wk[1] ^= sbox[wk[0]];
    wk[4] ^= sbox[wk[16]];
    if (bits == 128)
      wk[23] ^= sbox[wk[30]];
    wk[7] ^= con >> 3; // con = x^r in GF(2^6), x^6 = x + 1
    wk[19] ^= con & 7;
    con <<= 1;
    if (con & 0x40)
      con ^= 0x43;
    uint8_t t = wk[0];
    wk[0] = wk[1];
    wk[1] = wk[2];
    wk[2] = wk[3];
    wk[3] = t;
    uint8_t head[4] = {wk[0], wk[1], wk[2], wk[3]};
    for (int i = 0; i < n - 4; i++)
      wk[i] = wk[i + 4];
    for (int i = 0; i < 4; i++)
      wk[n - 4 + i] = head[i];
  }
}

uint64_t AddrPairCipher::encrypt(uint64_t in) const {
  uint8_t x[16], y[16];
  for (int i = 0; i < 16; i++)
    x[i] = (uint8_t)(in >> (60 - 4 * i)) & 0xF;
  for (int r = 0; r < 36; r++) {
    for (int j = 0; j < 8; j++)
      x[2 * j + 1] ^= sbox[x[2 * j] ^ _rk[r][j]];
    if (r < 35) {
      for (int j = 0; j < 16; j++)
        y[shuffle[j]] = x[j];
      for (int j = 0; j < 16; j++)
        x[j] = y[j];
    }
  }
  uint64_t out = 0;
  for (int i = 0; i < 16; i++)
    out = out << 4 | x[i];
  return out;
}

Packet *AddrPairCipher::simple_action(Packet *p) {
  WritablePacket *q = p->uniqueify();
  if (!q)
    return 0;
  click_ip *iph = q->ip_header();
  if (!iph)
    return q;
  uint64_t pair =
      (uint64_t)ntohl(iph->ip_src.s_addr) << 32 | ntohl(iph->ip_dst.s_addr);
  pair = encrypt(pair);
  iph->ip_src.s_addr = htonl((uint32_t)(pair >> 32));
  iph->ip_dst.s_addr = htonl((uint32_t)pair);
  iph->ip_sum = 0;
  iph->ip_sum =
      click_in_cksum(reinterpret_cast<unsigned char *>(iph), iph->ip_hl << 2);
  _count++;
  return q;
}

// PayloadSeal: a Click-style element that encrypts, in place, every whole
// 16-byte block of an IPv4 packet's payload with Camellia-128 (RFC 3713) in
// ECB mode; trailing bytes stay clear. The F-function uses SBOX1 of the
// RFC and derives the other three boxes by rotations; the key schedule
// computes KA with four F-rounds and takes the 26 subkeys from rotations of
// KL and KA; the data path is 18 Feistel rounds with FL/FL^-1 layers after
// rounds 6 and 12. Label: crypto.
#include <click/config.h>
#include <click/element.hh>
#include <click/packet.hh>
#include <clicknet/ip.h>

static const uint8_t kBox[256] = {
    0x70, 0x82, 0x2C, 0xEC, 0xB3, 0x27, 0xC0, 0xE5, 0xE4, 0x85, 0x57, 0x35,
    0xEA, 0x0C, 0xAE, 0x41, 0x23, 0xEF, 0x6B, 0x93, 0x45, 0x19, 0xA5, 0x21,
    0xED, 0x0E, 0x4F, 0x4E, 0x1D, 0x65, 0x92, 0xBD, 0x86, 0xB8, 0xAF, 0x8F,
    0x7C, 0xEB, 0x1F, 0xCE, 0x3E, 0x30, 0xDC, 0x5F, 0x5E, 0xC5, 0x0B, 0x1A,
    0xA6, 0xE1, 0x39, 0xCA, 0xD5, 0x47, 0x5D, 0x3D, 0xD9, 0x01, 0x5A, 0xD6,
    0x51, 0x56, 0x6C, 0x4D, 0x8B, 0x0D, 0x9A, 0x66, 0xFB, 0xCC, 0xB0, 0x2D,
    0x74, 0x12, 0x2B, 0x20, 0xF0, 0xB1, 0x84, 0x99, 0xDF, 0x4C, 0xCB, 0xC2,
    0x34, 0x7E, 0x76, 0x05, 0x6D, 0xB7, 0xA9, 0x31, 0xD1, 0x17, 0x04, 0xD7,
    0x14, 0x58, 0x3A, 0x61, 0xDE, 0x1B, 0x11, 0x1C, 0x32, 0x0F, 0x9C, 0x16,
    0x53, 0x18, 0xF2, 0x22, 0xFE, 0x44, 0xCF, 0xB2, 0xC3, 0xB5, 0x7A, 0x91,
    0x24, 0x08, 0xE8, 0xA8, 0x60, 0xFC, 0x69, 0x50, 0xAA, 0xD0, 0xA0, 0x7D,
    0xA1, 0x89, 0x62, 0x97, 0x54, 0x5B, 0x1E, 0x95, 0xE0, 0xFF, 0x64, 0xD2,
    0x10, 0xC4, 0x00, 0x48, 0xA3, 0xF7, 0x75, 0xDB, 0x8A, 0x03, 0xE6, 0xDA,
    0x09, 0x3F, 0xDD, 0x94, 0x87, 0x5C, 0x83, 0x02, 0xCD, 0x4A, 0x90, 0x33,
    0x73, 0x67, 0xF6, 0xF3, 0x9D, 0x7F, 0xBF, 0xE2, 0x52, 0x9B, 0xD8, 0x26,
    0xC8, 0x37, 0xC6, 0x3B, 0x81, 0x96, 0x6F, 0x4B, 0x13, 0xBE, 0x63, 0x2E,
    0xE9, 0x79, 0xA7, 0x8C, 0x9F, 0x6E, 0xBC, 0x8E, 0x29, 0xF5, 0xF9, 0xB6,
    0x2F, 0xFD, 0xB4, 0x59, 0x78, 0x98, 0x06, 0x6A, 0xE7, 0x46, 0x71, 0xBA,
    0xD4, 0x25, 0xAB, 0x42, 0x88, 0xA2, 0x8D, 0xFA, 0x72, 0x07, 0xB9, 0x55,
    0xF8, 0xEE, 0xAC, 0x0A, 0x36, 0x49, 0x2A, 0x68, 0x3C, 0x38, 0xF1, 0xA4,
    0x40, 0x28, 0xD3, 0x7B, 0xBB, 0xC9, 0x43, 0xC1, 0x15, 0xE3, 0xAD, 0xF4,
    0x77, 0xC7, 0x80, 0x9E,
};

// Subkey order: kw1 kw2 k1..k6 ke1 ke2 k7..k12 ke3 ke4 k13..k18 kw3 kw4.
// Source of each: 0/1 = left/right half of KL<<<rot, 2/3 = of KA<<<rot.
static const uint8_t kSrc[26] = {0, 1, 2, 3, 0, 1, 2, 3, 2, 3, 0, 1, 2,
                                 1, 2, 3, 0, 1, 0, 1, 2, 3, 0, 1, 2, 3};
static const uint8_t kRot[26] = {0,  0,  0,  0,  15,  15,  15,  15, 30,
                                 30, 45, 45, 45, 60,  60,  60,  77, 77,
                                 94, 94, 94, 94, 111, 111, 111, 111};
static const uint64_t kSigma[4] = {0xA09E667F3BCC908Bull, 0xB67AE8584CAA73B2ull,
                                   0xC6EF372FE94F82BEull,
                                   0x54FF53A5F1D36F1Cull};

class PayloadSeal : public Element {
public:
  PayloadSeal() : _sealed(0) {}
  const char *class_name() const override { return "PayloadSeal"; }
  const char *port_count() const override { return PORTS_1_1; }
  Packet *simple_action(Packet *p) override;

  static uint64_t mix64(uint64_t in, uint64_t key);
  void schedule(const uint8_t key[16]);
  void seal(uint8_t blk[16]) const;

private:
  uint64_t _ks[26];
  uint64_t _sealed;
};

static inline uint8_t r8(uint8_t v, int n) {
  return (uint8_t)((v << n) | (v >> (8 - n)));
}
static inline uint32_t r32(uint32_t v, int n) {
  return (v << n) | (v >> (32 - n));
}

uint64_t PayloadSeal::mix64(uint64_t in, uint64_t key) {
  uint64_t x = in ^ key;
  uint8_t t1 = kBox[(uint8_t)(x >> 56)];
  uint8_t t2 = r8(kBox[(uint8_t)(x >> 48)], 1);
  uint8_t t3 = r8(kBox[(uint8_t)(x >> 40)], 7);
  uint8_t t4 = kBox[r8((uint8_t)(x >> 32), 1)];
  uint8_t t5 = r8(kBox[(uint8_t)(x >> 24)], 1);
  uint8_t t6 = r8(kBox[(uint8_t)(x >> 16)], 7);
  uint8_t t7 = kBox[r8((uint8_t)(x >> 8), 1)];
  uint8_t t8 = kBox[(uint8_t)x];
  uint64_t y = (uint64_t)(t1 ^ t3 ^ t4 ^ t6 ^ t7 ^ t8) << 56;
  y |= (uint64_t)(t1 ^ t2 ^ t4 ^ t5 ^ t7 ^ t8) << 48;
  y |= (uint64_t)(t1 ^ t2 ^ t3 ^ t5 ^ t6 ^ t8) << 40;
  y |= (uint64_t)(t2 ^ t3 ^ t4 ^ t5 ^ t6 ^ t7) << 32;
  y |= (uint64_t)(t1 ^ t2 ^ t6 ^ t7 ^ t8) << 24;
  y |= (uint64_t)(t2 ^ t3 ^ t5 ^ t7 ^ t8) << 16;
  y |= (uint64_t)(t3 ^ t4 ^ t5 ^ t6 ^ t8) << 8;
  y |= (uint64_t)(t1 ^ t4 ^ t5 ^ t6 ^ t7);
  return y;
}

void PayloadSeal::schedule(const uint8_t key[16]) {
  uint64_t kl[2] = {0, 0};
  for (int i = 0; i < 16; i++)
    kl[i >> 3] = (kl[i >> 3] << 8) | key[i];
  uint64_t d1 = kl[0], d2 = kl[1];
  d2 ^= mix64(d1, kSigma[0]);
  d1 ^= mix64(d2, kSigma[1]);
  d1 ^= kl[0];
  d2 ^= kl[1];
  d2 ^= mix64(d1, kSigma[2]);
  d1 ^= mix64(d2, kSigma[3]);
  uint64_t ka[2] = {d1, d2};
  for (int i = 0; i < 26; i++) {
    const uint64_t *src = (kSrc[i] & 2) ? ka : kl;
    int n = kRot[i];
    uint64_t hi = src[0], lo = src[1];
    if (n >= 64) {
      uint64_t t = hi;
      hi = lo;
      lo = t;
      n -= 64;
    }
    if (n) {
      uint64_t nh = (hi << n) | (lo >> (64 - n));
      lo = (lo << n) | (hi >> (64 - n));
      hi = nh;
    }
    _ks[i] = (kSrc[i] & 1) ? lo : hi;
  }
}

void PayloadSeal::seal(uint8_t blk[16]) const {
  uint64_t d1 = 0, d2 = 0;
  for (int i = 0; i < 8; i++) {
    d1 = (d1 << 8) | blk[i];
    d2 = (d2 << 8) | blk[8 + i];
  }
  const uint64_t *k = _ks;
  d1 ^= *k++;
  d2 ^= *k++;
  for (int grp = 0; grp < 3; grp++) {
    if (grp > 0) {
      uint64_t fl = *k++, fi = *k++;
      uint32_t x1 = (uint32_t)(d1 >> 32), x2 = (uint32_t)d1;
      x2 ^= r32(x1 & (uint32_t)(fl >> 32), 1);
      x1 ^= x2 | (uint32_t)fl;
      d1 = (uint64_t)x1 << 32 | x2;
      uint32_t y1 = (uint32_t)(d2 >> 32), y2 = (uint32_t)d2;
      y1 ^= y2 | (uint32_t)fi;
      y2 ^= r32(y1 & (uint32_t)(fi >> 32), 1);
      d2 = (uint64_t)y1 << 32 | y2;
    }
    for (int r = 0; r < 3; r++) {
      d2 ^= mix64(d1, *k++);
      d1 ^= mix64(d2, *k++);
    }
  }
  d2 ^= *k++;
  d1 ^= *k;
  for (int i = 7; i >= 0; i--) {
    blk[i] = (uint8_t)d2;
    blk[8 + i] = (uint8_t)d1;
    d2 >>= 8;
    d1 >>= 8;
  }
}

Packet *PayloadSeal::simple_action(Packet *p) {
  WritablePacket *q = p->uniqueify();
  if (!q)
    return 0;
  click_ip *iph = q->ip_header();
  unsigned char *pl = q->network_header() + (iph->ip_hl << 2);
  while (q->end_data() - pl >= 16) {
    seal(pl);
    pl += 16;
  }
  _sealed++;
  return q;
}

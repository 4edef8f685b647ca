// Uea2Payload: encrypts (or decrypts, the same operation) the UDP payload
// of IPv4 packets with the SNOW 3G keystream in the shape of the 3GPP f8
// (UEA2) confidentiality function: COUNT is taken from the IP id and the
// UDP destination port, BEARER from the configuration, DIRECTION from the
// low bit of the TOS byte.
//
// SNOW 3G is written from its specification: a 16-stage LFSR over
// GF(2^32) whose feedback multiplies by alpha and alpha^-1 (byte maps
// built from MULxPOW with 0xA9), and a three-register FSM whose S-boxes
// S1 and S2 are AES-style columns over SR (the AES S-box) and SQ (a
// Dickson polynomial in GF(2^8) modulo x^8+x^6+x^5+x^3+1).  The LFSR is
// kept as a ring with a moving head instead of being shifted.
#include <click/config.h>
#include <click/element.hh>
#include <click/packet.hh>
#include <clicknet/ip.h>
#include <clicknet/udp.h>
#include <stdint.h>
#include <string.h>

CLICK_DECLS

uint8_t snow_mulx(uint8_t v, uint8_t c) {
  return (v & 0x80) ? (uint8_t)((v << 1) ^ c) : (uint8_t)(v << 1);
}

uint8_t snow_mulxpow(uint8_t v, unsigned i, uint8_t c) {
  while (i--)
    v = snow_mulx(v, c);
  return v;
}

struct SnowTables {
  uint8_t sr[256];
  uint8_t sq[256];
  uint32_t mul_a[256];
  uint32_t div_a[256];
  bool built;
};

static SnowTables snow_tab;

// generic GF(2^8) product for an arbitrary reduction byte
static uint8_t gf_times(uint8_t a, uint8_t b, uint8_t red) {
  uint8_t p = 0;
  for (int i = 0; i < 8; ++i) {
    if (b & 1)
      p ^= a;
    b >>= 1;
    a = snow_mulx(a, red);
  }
  return p;
}

void snow_build_tables() {
  SnowTables &t = snow_tab;
  // SR: inverse modulo x^8+x^4+x^3+x+1 (found by search), then the affine map
  for (unsigned x = 0; x < 256; ++x) {
    uint8_t inv = 0;
    for (unsigned y = 1; x && y < 256; ++y)
      if (gf_times((uint8_t)x, (uint8_t)y, 0x1b) == 1) {
        inv = (uint8_t)y;
        break;
      }
    uint8_t r = inv;
    for (int k = 1; k <= 4; ++k)
      r ^= (uint8_t)((inv << k) | (inv >> (8 - k)));
    t.sr[x] = (uint8_t)(r ^ 0x63);
  }
  // SQ(x) = x + x^9 + x^13 + x^15 + x^33 + x^41 + x^45 + x^47 + x^49 + 0x25
  static const uint8_t exps[9] = {1, 9, 13, 15, 33, 41, 45, 47, 49};
  for (unsigned x = 0; x < 256; ++x) {
    uint8_t pw[50];
    pw[0] = 1;
    for (int e = 1; e < 50; ++e)
      pw[e] = gf_times(pw[e - 1], (uint8_t)x, 0x69);
    uint8_t acc = 0x25;
    for (int k = 0; k < 9; ++k)
      acc ^= pw[exps[k]];
    t.sq[x] = acc;
  }
  for (unsigned c = 0; c < 256; ++c) {
    uint8_t b = (uint8_t)c;
    t.mul_a[c] = (uint32_t)snow_mulxpow(b, 23, 0xa9) << 24 |
                 (uint32_t)snow_mulxpow(b, 245, 0xa9) << 16 |
                 (uint32_t)snow_mulxpow(b, 48, 0xa9) << 8 |
                 snow_mulxpow(b, 239, 0xa9);
    t.div_a[c] = (uint32_t)snow_mulxpow(b, 16, 0xa9) << 24 |
                 (uint32_t)snow_mulxpow(b, 39, 0xa9) << 16 |
                 (uint32_t)snow_mulxpow(b, 6, 0xa9) << 8 |
                 snow_mulxpow(b, 64, 0xa9);
  }
  t.built = true;
}

// one S-box column: the bytes go through box, then the MixColumn-like sum
uint32_t snow_sbox(uint32_t w, const uint8_t *box, uint8_t red) {
  uint8_t a0 = box[w >> 24], a1 = box[(w >> 16) & 0xff];
  uint8_t a2 = box[(w >> 8) & 0xff], a3 = box[w & 0xff];
  uint8_t d0 = snow_mulx(a0, red), d1 = snow_mulx(a1, red);
  uint8_t d2 = snow_mulx(a2, red), d3 = snow_mulx(a3, red);
  uint8_t r0 = d0 ^ a1 ^ a2 ^ d3 ^ a3;
  uint8_t r1 = d0 ^ a0 ^ d1 ^ a2 ^ a3;
  uint8_t r2 = a0 ^ d1 ^ a1 ^ d2 ^ a3;
  uint8_t r3 = a0 ^ a1 ^ d2 ^ a2 ^ d3;
  return (uint32_t)r0 << 24 | (uint32_t)r1 << 16 | (uint32_t)r2 << 8 | r3;
}

class Snow3g {
public:
  void setup(const uint32_t k[4], const uint32_t iv[4]);
  uint32_t word();

private:
  uint32_t at(unsigned i) const { return _s[(_head + i) & 15]; }
  uint32_t fsm();
  void lfsr(uint32_t extra);

  uint32_t _s[16];
  unsigned _head;
  uint32_t _r1, _r2, _r3;
};

uint32_t Snow3g::fsm() {
  uint32_t f = (at(15) + _r1) ^ _r2;
  uint32_t r = _r2 + (_r3 ^ at(5));
  _r3 = snow_sbox(_r2, snow_tab.sq, 0x69);
  _r2 = snow_sbox(_r1, snow_tab.sr, 0x1b);
  _r1 = r;
  return f;
}

// v = (s0 << 8) ^ MULa(s0 >> 24) ^ s2 ^ (s11 >> 8) ^ DIVa(s11 & 0xff);
// the oldest cell becomes the newest
void Snow3g::lfsr(uint32_t extra) {
  uint32_t s0 = at(0), s11 = at(11);
  uint32_t v = (s0 << 8) ^ snow_tab.mul_a[s0 >> 24] ^ at(2) ^ (s11 >> 8) ^
               snow_tab.div_a[s11 & 0xff] ^ extra;
  _s[_head] = v;
  _head = (_head + 1) & 15;
}

void Snow3g::setup(const uint32_t k[4], const uint32_t iv[4]) {
  const uint32_t ones = 0xffffffffu;
  if (!snow_tab.built)
    snow_build_tables();
  _head = 0;
  _s[15] = k[3] ^ iv[0];
  _s[14] = k[2];
  _s[13] = k[1];
  _s[12] = k[0] ^ iv[1];
  _s[11] = k[3] ^ ones;
  _s[10] = k[2] ^ ones ^ iv[2];
  _s[9] = k[1] ^ ones ^ iv[3];
  _s[8] = k[0] ^ ones;
  for (int i = 0; i < 4; ++i) {
    _s[4 + i] = k[i];
    _s[i] = k[i] ^ ones;
  }
  _r1 = _r2 = _r3 = 0;
  for (int n = 0; n < 32; ++n)
    lfsr(fsm());
  fsm();
  lfsr(0);
}

uint32_t Snow3g::word() {
  uint32_t z = fsm() ^ at(0);
  lfsr(0);
  return z;
}

// f8: CK is 16 bytes, most significant word first as k3..k0
void snow3g_f8(const uint8_t ck[16], uint32_t count, uint8_t bearer,
               uint8_t direction, uint8_t *buf, uint32_t len) {
  uint32_t k[4], iv[4];
  for (int i = 0; i < 4; ++i) {
    const uint8_t *q = ck + 4 * i;
    k[3 - i] = (uint32_t)q[0] << 24 | (uint32_t)q[1] << 16 |
               (uint32_t)q[2] << 8 | q[3];
  }
  iv[3] = count;
  iv[2] = ((uint32_t)(bearer & 0x1f) << 27) | ((uint32_t)(direction & 1) << 26);
  iv[1] = iv[3];
  iv[0] = iv[2];
  Snow3g g;
  g.setup(k, iv);
  for (uint32_t off = 0; off < len; off += 4) {
    uint32_t z = g.word();
    for (uint32_t b = 0; b < 4 && off + b < len; ++b)
      buf[off + b] ^= (uint8_t)(z >> (24 - 8 * b));
  }
}

class Uea2Payload : public Element {
public:
  Uea2Payload() : _bearer(3) {
    for (int i = 0; i < 16; ++i)
      _ck[i] = (uint8_t)(0xa5 ^ (i * 37));
  }
  const char *class_name() const override { return "Uea2Payload"; }
  const char *port_count() const override { return PORTS_1_1; }

  Packet *simple_action(Packet *p) override;

private:
  uint8_t _ck[16];
  uint8_t _bearer;
};

Packet *Uea2Payload::simple_action(Packet *p) {
  const click_ip *iph = p->ip_header();
  if (!iph || iph->ip_p != IP_PROTO_UDP)
    return p;
  uint32_t hl = iph->ip_hl << 2;
  uint32_t off = (uint32_t)p->ip_header_offset() + hl + sizeof(click_udp);
  if (p->length() <= off)
    return p;
  WritablePacket *q = p->uniqueify();
  if (!q)
    return 0;
  const click_ip *wip = q->ip_header();
  const click_udp *uh =
      reinterpret_cast<const click_udp *>(q->data() + off - sizeof(click_udp));
  uint32_t count = (uint32_t)ntohs(wip->ip_id) << 16 | ntohs(uh->uh_dport);
  snow3g_f8(_ck, count, _bearer, wip->ip_tos & 1, q->data() + off,
            q->length() - off);
  return q;
}

CLICK_ENDDECLS
EXPORT_ELEMENT(Uea2Payload)

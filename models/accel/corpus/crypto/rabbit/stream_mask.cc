// StreamMask: a Click-style element that XORs the UDP payload of IPv4
// packets with the Rabbit stream cipher (RFC 4503, eSTREAM): eight 32-bit
// state words and eight counters with a carry, the counter system adding
// the A constants, the next-state function squaring X + C in 64 bits
// (g = low ^ high) and mixing with 16/8-bit rotations; key setup from
// eight 16-bit subkeys, per-packet IV setup from the IP addresses (IV =
// source then destination address bytes), 128-bit output blocks extracted
// little-endian. Label: crypto.
#include <click/config.h>
#include <click/element.hh>
#include <click/packet.hh>
#include <clicknet/ip.h>
#include <clicknet/udp.h>

class StreamMask : public Element {
public:
  StreamMask() : _b(0), _mb(0), _masked(0) {}
  const char *class_name() const override { return "StreamMask"; }
  const char *port_count() const override { return PORTS_1_1; }
  Packet *simple_action(Packet *p) override;

  void key_setup(const uint8_t key[16]);
  void keystream_xor(uint8_t *buf, int len);

private:
  uint32_t _x[8], _c[8], _b;    // working state
  uint32_t _mx[8], _mc[8], _mb; // state after key setup
  uint64_t _masked;

  void next_state();
};

static inline uint32_t rotl(uint32_t v, int n) {
  return (v << n) | (v >> (32 - n));
}

void StreamMask::next_state() {
  static const uint32_t a[8] = {0x4D34D34Du, 0xD34D34D3u, 0x34D34D34u,
                                0x4D34D34Du, 0xD34D34D3u, 0x34D34D34u,
                                0x4D34D34Du, 0xD34D34D3u};
  for (int j = 0; j < 8; j++) {
    uint64_t t = (uint64_t)_c[j] + a[j] + _b;
    _b = (uint32_t)(t >> 32);
    _c[j] = (uint32_t)t;
  }
  uint32_t g[8];
  for (int j = 0; j < 8; j++) {
    uint32_t u = _x[j] + _c[j];
    uint64_t sq = (uint64_t)u * u;
    g[j] = (uint32_t)sq ^ (uint32_t)(sq >> 32);
  }
  for (int j = 0; j < 8; j += 2) {
    _x[j] = g[j] + rotl(g[(j + 7) & 7], 16) + rotl(g[(j + 6) & 7], 16);
    _x[j + 1] = g[j + 1] + rotl(g[j], 8) + g[(j + 7) & 7];
  }
}

void StreamMask::key_setup(const uint8_t key[16]) {
  uint32_t k[8];
  for (int i = 0; i < 8; i++)
    k[i] = (uint32_t)key[2 * i] | (uint32_t)key[2 * i + 1] << 8;
  for (int j = 0; j < 8; j++) {
    if (j % 2 == 0) {
      _x[j] = k[(j + 1) & 7] << 16 | k[j];
      _c[j] = k[(j + 4) & 7] << 16 | k[(j + 5) & 7];
    } else {
      _x[j] = k[(j + 5) & 7] << 16 | k[(j + 4) & 7];
      _c[j] = k[j] << 16 | k[(j + 1) & 7];
    }
  }
  _b = 0;
  for (int n = 0; n < 4; n++)
    next_state();
  for (int j = 0; j < 8; j++)
    _c[j] ^= _x[(j + 4) & 7];
  for (int j = 0; j < 8; j++) {
    _mx[j] = _x[j];
    _mc[j] = _c[j];
  }
  _mb = _b;
}

void StreamMask::keystream_xor(uint8_t *buf, int len) {
  while (len > 0) {
    next_state();
    uint32_t s[4];
    s[0] = _x[0] ^ (_x[5] >> 16) ^ (_x[3] << 16);
    s[1] = _x[2] ^ (_x[7] >> 16) ^ (_x[5] << 16);
    s[2] = _x[4] ^ (_x[1] >> 16) ^ (_x[7] << 16);
    s[3] = _x[6] ^ (_x[3] >> 16) ^ (_x[1] << 16);
    int n = len < 16 ? len : 16;
    for (int i = 0; i < n; i++)
      buf[i] ^= (uint8_t)(s[i >> 2] >> (8 * (i & 3)));
    buf += n;
    len -= n;
  }
}

Packet *StreamMask::simple_action(Packet *p) {
  WritablePacket *q = p->uniqueify();
  if (!q)
    return 0;
  const click_ip *iph = q->ip_header();
  const uint8_t *addr = reinterpret_cast<const uint8_t *>(&iph->ip_src);
  uint32_t iv_lo = 0, iv_hi = 0;
  for (int i = 3; i >= 0; i--) {
    iv_lo = iv_lo << 8 | addr[i];
    iv_hi = iv_hi << 8 | addr[4 + i];
  }
  // IV setup: restart from the keyed state and modify the counters.
  uint32_t mid_hi = (iv_hi & 0xFFFF0000u) | (iv_lo >> 16);
  uint32_t mid_lo = (iv_hi << 16) | (iv_lo & 0xFFFFu);
  for (int j = 0; j < 8; j++) {
    _x[j] = _mx[j];
    uint32_t m = (j & 3) == 0   ? iv_lo
                 : (j & 3) == 1 ? mid_hi
                 : (j & 3) == 2 ? iv_hi
                                : mid_lo;
    _c[j] = _mc[j] ^ m;
  }
  _b = _mb;
  for (int n = 0; n < 4; n++)
    next_state();
  uint8_t *body = q->network_header() + (iph->ip_hl << 2) + sizeof(click_udp);
  int len = (int)(q->end_data() - body);
  if (len > 0)
    keystream_xor(body, len);
  _masked++;
  return q;
}

// UdpCtrCipher: a Click-style element that encrypts the UDP payload of
// IPv4 packets with RC6-32/20/b (Rivest, Robshaw, Sidney, Yin; AES
// candidate) in counter mode. The key schedule fills 44 round words from
// the P32/Q32 magic constants and mixes them with the key words over
// 3*max(c,44) steps with data-dependent rotations; each block uses the
// quadratic f(x) = x*(2x+1) <<< 5 on B and D, data-dependent rotations of
// A and C, and pre/post whitening. The counter block is built from the IP
// addresses, the IP ID, the UDP ports and the block index. Label: crypto.
#include <click/config.h>
#include <click/element.hh>
#include <click/packet.hh>
#include <clicknet/ip.h>
#include <clicknet/udp.h>

class UdpCtrCipher : public Element {
public:
  UdpCtrCipher() : _bytes(0) {}
  const char *class_name() const override { return "UdpCtrCipher"; }
  const char *port_count() const override { return PORTS_1_1; }
  Packet *simple_action(Packet *p) override;

  bool set_key(const uint8_t *key, unsigned len);
  void encipher(uint32_t blk[4]) const;
  void apply(uint8_t *data, int len, const uint32_t nonce[3]) const;

private:
  enum { ROUNDS = 20, NSUB = 2 * ROUNDS + 4 };
  uint32_t _s[NSUB];
  uint64_t _bytes;
};

static inline uint32_t rotl32(uint32_t v, uint32_t n) {
  n &= 31;
  return n ? (v << n) | (v >> (32 - n)) : v;
}

bool UdpCtrCipher::set_key(const uint8_t *key, unsigned len) {
  uint32_t l[64];
  if (len == 0 || len > 255)
    return false;
  unsigned c = (len + 3) / 4;
  for (unsigned i = 0; i < c; i++)
    l[i] = 0;
  for (int i = (int)len - 1; i >= 0; i--)
    l[i / 4] = (l[i / 4] << 8) | key[i];
  _s[0] = 0xB7E15163u;
  for (int i = 1; i < NSUB; i++)
    _s[i] = _s[i - 1] + 0x9E3779B9u;
  uint32_t a = 0, b = 0;
  unsigned i = 0, j = 0;
  unsigned steps = 3 * (c > NSUB ? c : (unsigned)NSUB);
  for (unsigned s = 0; s < steps; s++) {
    a = _s[i] = rotl32(_s[i] + a + b, 3);
    b = l[j] = rotl32(l[j] + a + b, a + b);
    i = (i + 1) % NSUB;
    j = (j + 1) % c;
  }
  return true;
}

void UdpCtrCipher::encipher(uint32_t blk[4]) const {
  uint32_t a = blk[0], b = blk[1] + _s[0], c = blk[2], d = blk[3] + _s[1];
  const uint32_t *k = _s + 2;
  for (int r = 0; r < ROUNDS; r++, k += 2) {
    uint32_t t = rotl32(b * (2 * b + 1), 5);
    uint32_t u = rotl32(d * (2 * d + 1), 5);
    a = rotl32(a ^ t, u) + k[0];
    c = rotl32(c ^ u, t) + k[1];
    uint32_t tmp = a;
    a = b;
    b = c;
    c = d;
    d = tmp;
  }
  blk[0] = a + _s[NSUB - 2];
  blk[1] = b;
  blk[2] = c + _s[NSUB - 1];
  blk[3] = d;
}

void UdpCtrCipher::apply(uint8_t *data, int len,
                         const uint32_t nonce[3]) const {
  uint32_t ctr = 0;
  for (int off = 0; off < len; off += 16) {
    uint32_t ks[4] = {nonce[0], nonce[1], nonce[2], ctr++};
    encipher(ks);
    int n = len - off < 16 ? len - off : 16;
    for (int i = 0; i < n; i++)
      data[off + i] ^= (uint8_t)(ks[i >> 2] >> (8 * (i & 3)));
  }
}

Packet *UdpCtrCipher::simple_action(Packet *p) {
  const click_ip *iph = p->ip_header();
  if (!iph || iph->ip_p != IP_PROTO_UDP)
    return p;
  WritablePacket *q = p->uniqueify();
  if (!q)
    return 0;
  click_udp *udph = reinterpret_cast<click_udp *>(q->transport_header());
  uint8_t *payload = reinterpret_cast<uint8_t *>(udph + 1);
  int len = (int)(q->end_data() - payload);
  uint32_t nonce[3] = {iph->ip_src.s_addr, iph->ip_dst.s_addr,
                       (uint32_t)iph->ip_id << 16 ^ udph->uh_sport ^
                           (uint32_t)udph->uh_dport << 8};
  apply(payload, len, nonce);
  udph->uh_sum = 0;
  _bytes += len;
  return q;
}

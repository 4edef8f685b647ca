// PayloadVeil: XORs the IPv4 payload of each packet with the output of the
// HC-128 table-driven stream generator.  A fresh 128-bit IV is built per
// packet from the addresses and IP id so that every packet is keyed
// independently.
#include <click/config.h>
#include <click/element.hh>
#include <click/packet.hh>
#include <clicknet/ip.h>
#include <string.h>

CLICK_DECLS

#define rr(v, n) (((v) >> (n)) | ((v) << (32 - (n))))

class PayloadVeil : public Element {
public:
  PayloadVeil() : _pos(0) {
    for (int i = 0; i < 16; i++)
      _key[i] = (uint8_t)(0x5a ^ (i * 29));
  }
  const char *class_name() const override { return "PayloadVeil"; }
  const char *port_count() const override { return PORTS_1_1; }

  void set_key(const uint8_t k[16]) { memcpy(_key, k, 16); }
  void rekey(const uint8_t iv[16]);
  uint32_t next_word();
  void apply(uint8_t *buf, uint32_t n);

  Packet *simple_action(Packet *p) override;

private:
  uint32_t _tp[512];
  uint32_t _tq[512];
  uint32_t _pos;
  uint8_t _key[16];
};

// Runs the generator 1024 steps with the outputs folded back into the
// tables, after expanding key and IV through the message schedule.
void PayloadVeil::rekey(const uint8_t iv[16]) {
  uint32_t w[1280];
  for (int i = 0; i < 8; i++) {
    const uint8_t *kb = _key + 4 * (i & 3);
    const uint8_t *vb = iv + 4 * (i & 3);
    w[i] = kb[0] | (uint32_t)kb[1] << 8 | (uint32_t)kb[2] << 16 |
           (uint32_t)kb[3] << 24;
    w[i + 8] = vb[0] | (uint32_t)vb[1] << 8 | (uint32_t)vb[2] << 16 |
               (uint32_t)vb[3] << 24;
  }
  for (uint32_t i = 16; i < 1280; i++) {
    uint32_t a = w[i - 2], b = w[i - 15];
    uint32_t s1 = rr(a, 17) ^ rr(a, 19) ^ (a >> 10);
    uint32_t s0 = rr(b, 7) ^ rr(b, 18) ^ (b >> 3);
    w[i] = s1 + w[i - 7] + s0 + w[i - 16] + i;
  }
  memcpy(_tp, w + 256, sizeof _tp);
  memcpy(_tq, w + 768, sizeof _tq);
  for (uint32_t i = 0; i < 512; i++) {
    uint32_t x = _tp[(i - 12) & 511];
    _tp[i] += (rr(_tp[(i - 3) & 511], 10) ^ rr(_tp[(i + 1) & 511], 23)) +
              rr(_tp[(i - 10) & 511], 8);
    _tp[i] ^= _tq[x & 0xff] + _tq[256 + ((x >> 16) & 0xff)];
  }
  for (uint32_t i = 0; i < 512; i++) {
    uint32_t x = _tq[(i - 12) & 511];
    _tq[i] += (rr(_tq[(i - 3) & 511], 22) ^ rr(_tq[(i + 1) & 511], 9)) +
              rr(_tq[(i - 10) & 511], 24);
    _tq[i] ^= _tp[x & 0xff] + _tp[256 + ((x >> 16) & 0xff)];
  }
  _pos = 0;
}

uint32_t PayloadVeil::next_word() {
  uint32_t j = _pos & 511, out;
  if ((_pos & 1023) < 512) {
    uint32_t x = _tp[(j - 12) & 511];
    _tp[j] += (rr(_tp[(j - 3) & 511], 10) ^ rr(_tp[(j + 1) & 511], 23)) +
              rr(_tp[(j - 10) & 511], 8);
    out = (_tq[x & 0xff] + _tq[256 + ((x >> 16) & 0xff)]) ^ _tp[j];
  } else {
    uint32_t x = _tq[(j - 12) & 511];
    _tq[j] += (rr(_tq[(j - 3) & 511], 22) ^ rr(_tq[(j + 1) & 511], 9)) +
              rr(_tq[(j - 10) & 511], 24);
    out = (_tp[x & 0xff] + _tp[256 + ((x >> 16) & 0xff)]) ^ _tq[j];
  }
  _pos++;
  return out;
}

void PayloadVeil::apply(uint8_t *buf, uint32_t n) {
  uint32_t ks = 0;
  for (uint32_t i = 0; i < n; i++) {
    if ((i & 3) == 0)
      ks = next_word();
    buf[i] ^= (uint8_t)(ks >> (8 * (i & 3)));
  }
}

Packet *PayloadVeil::simple_action(Packet *p) {
  const click_ip *iph = p->ip_header();
  if (!iph)
    return p;
  uint8_t iv[16];
  memset(iv, 0, sizeof iv);
  memcpy(iv, &iph->ip_src, 4);
  memcpy(iv + 4, &iph->ip_dst, 4);
  memcpy(iv + 8, &iph->ip_id, 2);
  iv[10] = iph->ip_p;
  WritablePacket *q = p->uniqueify();
  if (!q)
    return 0;
  uint32_t off = q->ip_header_offset() + q->ip_header_length();
  if (off >= q->length())
    return q;
  rekey(iv);
  apply(q->data() + off, q->length() - off);
  return q;
}

CLICK_ENDDECLS

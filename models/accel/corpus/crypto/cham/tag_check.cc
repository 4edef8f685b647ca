// PayloadTagCheck: a Click-style element that authenticates IPv4 payloads
// with a CBC-MAC built on the CHAM-64/128 lightweight block cipher (Koo et
// al., ICISC 2017): four 16-bit branches, 80 ARX rounds alternating
// 1-bit/8-bit rotations with the round counter xored in, and sixteen round
// keys derived from the eight key words by K ^ (K<<<1) ^ (K<<<8) and
// K ^ (K<<<1) ^ (K<<<11). The last 8 bytes of the payload carry the tag;
// packets whose tag does not verify are dropped. Label: crypto.
#include <click/config.h>
#include <click/element.hh>
#include <click/packet.hh>
#include <clicknet/ip.h>

class PayloadTagCheck : public Element {
public:
  PayloadTagCheck() : _drops(0) {}
  const char *class_name() const override { return "PayloadTagCheck"; }
  const char *port_count() const override { return PORTS_1_1; }
  Packet *simple_action(Packet *p) override;

  void load_key(const uint16_t k[8]);
  void block(uint16_t x[4]) const;
  void mac(const unsigned char *msg, unsigned len, unsigned char tag[8]) const;

private:
  uint16_t _rk[16];
  unsigned _drops;
};

#define ROL16(v, n) ((uint16_t)(((v) << (n)) | ((v) >> (16 - (n)))))

void PayloadTagCheck::load_key(const uint16_t k[8]) {
  for (int i = 0; i < 8; i++) {
    uint16_t base = k[i] ^ ROL16(k[i], 1);
    _rk[i] = base ^ ROL16(k[i], 8);
    _rk[(i + 8) ^ 1] = base ^ ROL16(k[i], 11);
  }
}

void PayloadTagCheck::block(uint16_t x[4]) const {
  uint16_t a = x[0], b = x[1], c = x[2], d = x[3];
  for (unsigned i = 0; i < 80; i += 2) {
    uint16_t t = (uint16_t)((a ^ i) + (ROL16(b, 1) ^ _rk[i & 15]));
    a = b;
    b = c;
    c = d;
    d = ROL16(t, 8);
    t = (uint16_t)((a ^ (i + 1)) + (ROL16(b, 8) ^ _rk[(i + 1) & 15]));
    a = b;
    b = c;
    c = d;
    d = ROL16(t, 1);
  }
  x[0] = a;
  x[1] = b;
  x[2] = c;
  x[3] = d;
}

// CBC-MAC with 10* padding to a whole number of 8-byte blocks.
void PayloadTagCheck::mac(const unsigned char *msg, unsigned len,
                          unsigned char tag[8]) const {
  uint16_t st[4] = {0, 0, 0, 0};
  unsigned pos = 0;
  bool padded = false;
  while (!padded) {
    unsigned char blk[8];
    for (int i = 0; i < 8; i++, pos++) {
      if (pos < len)
        blk[i] = msg[pos];
      else if (pos == len)
        blk[i] = 0x80, padded = true;
      else
        blk[i] = 0;
    }
    for (int w = 0; w < 4; w++)
      st[w] ^= (uint16_t)(blk[2 * w] | blk[2 * w + 1] << 8);
    block(st);
  }
  for (int w = 0; w < 4; w++) {
    tag[2 * w] = (unsigned char)st[w];
    tag[2 * w + 1] = (unsigned char)(st[w] >> 8);
  }
}

Packet *PayloadTagCheck::simple_action(Packet *p) {
  const unsigned char *body = p->transport_header();
  int len = body ? (int)(p->end_data() - body) : 0;
  if (!p->ip_header() || len < 8) {
    p->kill();
    _drops++;
    return 0;
  }
  unsigned char want[8];
  mac(body, (unsigned)len - 8, want);
  unsigned char diff = 0;
  for (int i = 0; i < 8; i++)
    diff |= want[i] ^ body[len - 8 + i];
  if (diff) {
    p->kill();
    _drops++;
    return 0;
  }
  return p;
}

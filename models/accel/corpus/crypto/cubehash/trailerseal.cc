// TrailerSeal: the last 16 bytes of each IPv4 payload are reserved for a
// seal; the element overwrites them with a truncated CubeHash160+16/32+160-256
// digest of (secret || payload-before-trailer).
#include <click/config.h>
#include <click/element.hh>
#include <click/packet.hh>
#include <clicknet/ip.h>
#include <string.h>

CLICK_DECLS

namespace {

struct Cube {
  uint32_t v[32];
  uint8_t pend[32];
  unsigned npend;

  void rounds(int count);
  void start(unsigned outbits);
  void add(const uint8_t *src, size_t len);
  void finish(uint8_t *out, unsigned outbytes);
};

#define CUBE_R 16
#define CUBE_B 32
#define CUBE_F (10 * CUBE_R)
#define LANE_ROT(w, s) (((w) << (s)) | ((w) >> (32 - (s))))

void Cube::rounds(int count) {
  uint32_t t[16];
  while (count-- > 0) {
    for (int i = 0; i < 16; i++) v[16 + i] += v[i];
    for (int i = 0; i < 16; i++) t[i ^ 8] = LANE_ROT(v[i], 7);
    for (int i = 0; i < 16; i++) v[i] = t[i] ^ v[16 + i];
    for (int i = 0; i < 16; i++) t[i ^ 2] = v[16 + i];
    for (int i = 0; i < 16; i++) v[16 + i] = t[i] + v[i];
    for (int i = 0; i < 16; i++) t[i ^ 4] = LANE_ROT(v[i], 11);
    for (int i = 0; i < 16; i++) v[i] = t[i] ^ v[16 + i];
    for (int i = 0; i < 16; i++) t[i ^ 1] = v[16 + i];
    for (int i = 0; i < 16; i++) v[16 + i] = t[i];
  }
}

void Cube::start(unsigned outbits) {
  memset(v, 0, sizeof v);
  v[0] = outbits / 8;
  v[1] = CUBE_B;
  v[2] = CUBE_R;
  npend = 0;
  rounds(10 * CUBE_R);
}

void Cube::add(const uint8_t *src, size_t len) {
  while (len) {
    pend[npend++] = *src++;
    len--;
    if (npend == CUBE_B) {
      for (int i = 0; i < CUBE_B / 4; i++)
        v[i] ^= (uint32_t)pend[4 * i] | (uint32_t)pend[4 * i + 1] << 8 |
                (uint32_t)pend[4 * i + 2] << 16 | (uint32_t)pend[4 * i + 3] << 24;
      rounds(CUBE_R);
      npend = 0;
    }
  }
}

void Cube::finish(uint8_t *out, unsigned outbytes) {
  uint8_t one = 0x80;
  add(&one, 1);
  while (npend != 0) {
    uint8_t z = 0;
    add(&z, 1);
  }
  v[31] ^= 1;
  rounds(CUBE_F);
  for (unsigned i = 0; i < outbytes; i++)
    out[i] = (uint8_t)(v[i >> 2] >> (8 * (i & 3)));
}

} // namespace

class TrailerSeal : public Element {
public:
  TrailerSeal() { memcpy(_secret, "trailer-seal-key", 16); }
  const char *class_name() const override { return "TrailerSeal"; }
  const char *port_count() const override { return PORTS_1_1; }
  Packet *simple_action(Packet *p) override;

  static void digest(const uint8_t *pre, size_t npre, const uint8_t *msg,
                     size_t n, uint8_t out[32]) {
    Cube c;
    c.start(256);
    c.add(pre, npre);
    c.add(msg, n);
    c.finish(out, 32);
  }

private:
  uint8_t _secret[16];
};

Packet *TrailerSeal::simple_action(Packet *p) {
  if (!p->has_network_header())
    return p;
  WritablePacket *q = p->uniqueify();
  if (!q)
    return 0;
  uint32_t off = q->ip_header_offset() + q->ip_header_length();
  if (q->length() < off + 16)
    return q;
  uint8_t *body = q->data() + off;
  uint32_t n = q->length() - off - 16;
  uint8_t d[32];
  digest(_secret, sizeof _secret, body, n, d);
  memcpy(body + n, d, 16);
  return q;
}

CLICK_ENDDECLS

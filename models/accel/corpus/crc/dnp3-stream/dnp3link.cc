// Dnp3LinkCheck: validates DNP3 data-link frames (IEEE 1815) carried in a
// packet. The 8-byte link header and every data block of up to 16 bytes are
// each followed by a CRC-16/DNP (poly 0x3D65 reflected = 0xA6BC, seed 0,
// final complement, sent least significant byte first). The CRC is a small
// streaming object with init/update/final, fed from a 256-entry table that
// is filled on first use. Label: crc.
#include <click/config.h>
#include <click/element.hh>
#include <click/packet.hh>
#include <stdint.h>

namespace {

uint16_t dnp_tab[256];
bool dnp_tab_ready = false;

void dnp_tab_fill() {
  for (unsigned b = 0; b < 256; ++b) {
    unsigned w = b;
    for (unsigned k = 0; k < 8; ++k) {
      if (w & 1)
        w = (w >> 1) ^ 0xA6BCu;
      else
        w >>= 1;
    }
    dnp_tab[b] = (uint16_t)w;
  }
  dnp_tab_ready = true;
}

struct DnpCrc {
  uint16_t reg;
  void init() { reg = 0; }
  void update(const uint8_t *p, unsigned n);
  uint16_t final() const { return (uint16_t)~reg; }
};

void DnpCrc::update(const uint8_t *p, unsigned n) {
  uint16_t r = reg;
  for (unsigned i = 0; i < n; ++i)
    r = (uint16_t)(dnp_tab[(uint8_t)(r ^ p[i])] ^ (r >> 8));
  reg = r;
}

} // namespace

class Dnp3LinkCheck : public Element {
public:
  Dnp3LinkCheck() : _frames(0), _crc_errors(0), _malformed(0) {}
  const char *class_name() const override { return "Dnp3LinkCheck"; }
  const char *port_count() const override { return PORTS_1_1; }
  Packet *simple_action(Packet *p) override;

  uint64_t _frames, _crc_errors, _malformed;
};

// Header: 0x05 0x64 LEN CTRL DST(2) SRC(2) CRC(2); LEN counts CTRL, the
// addresses and the user data (5 + data bytes).
Packet *Dnp3LinkCheck::simple_action(Packet *p) {
  if (!dnp_tab_ready)
    dnp_tab_fill();
  const uint8_t *d = p->data();
  uint32_t avail = p->length();
  if (avail < 10 || d[0] != 0x05 || d[1] != 0x64 || d[2] < 5) {
    _malformed++;
    p->kill();
    return 0;
  }
  unsigned data_left = d[2] - 5u;
  DnpCrc c;
  const uint8_t *blk = d;
  unsigned blen = 8, pos = 0;
  for (;;) {
    if (pos + blen + 2 > avail) {
      _malformed++;
      p->kill();
      return 0;
    }
    c.init();
    c.update(blk, blen);
    uint16_t got = (uint16_t)(blk[blen] | blk[blen + 1] << 8);
    if (got != c.final()) {
      _crc_errors++;
      p->kill();
      return 0;
    }
    pos += blen + 2;
    blk = d + pos;
    if (data_left == 0)
      break;
    blen = data_left < 16 ? data_left : 16;
    data_left -= blen;
  }
  _frames++;
  return p;
}

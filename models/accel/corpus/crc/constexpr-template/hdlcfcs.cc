// Reflected 16-bit CRCs whose lookup tables are built at compile time by a
// constexpr constructor of a class template parameterised by the (reflected)
// polynomial, in two Click-style elements: HdlcFcsCheck verifies the FCS-16
// of PPP-in-HDLC frames (CRC-16/X-25, RFC 1662: a good frame leaves the
// residue 0xF0B8; the FCS is left for a later strip) and ArcTrailerCheck
// compares a little-endian CRC-16/ARC trailer. Label: crc.
#include <click/config.h>
#include <click/element.hh>
#include <click/packet.hh>
#include <stdint.h>

template <uint16_t RPOLY> struct RevTable16 {
  uint16_t v[256];
  constexpr RevTable16() : v() {
    for (unsigned i = 0; i < 256; ++i) {
      uint16_t c = (uint16_t)i;
      for (int k = 0; k < 8; ++k)
        c = (c & 1) ? (uint16_t)((c >> 1) ^ RPOLY) : (uint16_t)(c >> 1);
      v[i] = c;
    }
  }
};

template <uint16_t RPOLY, uint16_t INIT, uint16_t XOROUT> struct RevCrc16 {
  static constexpr RevTable16<RPOLY> tab{};
  static uint16_t run(uint16_t crc, const unsigned char *p, uint32_t n) {
    const unsigned char *e = p + n;
    while (p < e) {
      unsigned idx = (crc ^ *p++) & 0xffu;
      crc = (uint16_t)((crc >> 8) ^ tab.v[idx]);
    }
    return crc;
  }
  static uint16_t of(const unsigned char *p, uint32_t n) {
    return run(INIT, p, n) ^ XOROUT;
  }
};

typedef RevCrc16<0x8408, 0xFFFF, 0xFFFF> Fcs16;
typedef RevCrc16<0xA001, 0x0000, 0x0000> Arc16;

class HdlcFcsCheck : public Element {
public:
  HdlcFcsCheck() : _good(0), _bad(0) {}
  const char *class_name() const override { return "HdlcFcsCheck"; }
  const char *port_count() const override { return PORTS_1_1; }
  Packet *simple_action(Packet *p) override;

  uint64_t _good, _bad;
};

// The frame runs from the address byte through the two FCS octets.
Packet *HdlcFcsCheck::simple_action(Packet *p) {
  const unsigned char *d = p->data();
  uint32_t len = p->length();
  uint16_t fcs = 0xFFFF;
  if (len < 4) {
    _bad++;
    p->kill();
    return 0;
  }
  for (uint32_t i = 0; i < len; i++)
    fcs = (uint16_t)((fcs >> 8) ^ Fcs16::tab.v[(fcs ^ d[i]) & 0xff]);
  if (fcs != 0xF0B8) {
    _bad++;
    p->kill();
    return 0;
  }
  _good++;
  return p;
}

class ArcTrailerCheck : public Element {
public:
  ArcTrailerCheck() : _drops(0) {}
  const char *class_name() const override { return "ArcTrailerCheck"; }
  const char *port_count() const override { return PORTS_1_1; }
  Packet *simple_action(Packet *p) override;

  uint64_t _drops;
};

Packet *ArcTrailerCheck::simple_action(Packet *p) {
  uint32_t n = p->length();
  const unsigned char *d = p->data();
  if (n < 2 || Arc16::of(d, n - 2) != (d[n - 2] | d[n - 1] << 8)) {
    _drops++;
    p->kill();
    return 0;
  }
  return p;
}

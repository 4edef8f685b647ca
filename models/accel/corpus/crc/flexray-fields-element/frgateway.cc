// FlexRayTunnelCheck: validates FlexRay frames tunnelled over UDP by an
// in-vehicle gateway (one frame per datagram: a channel byte, the 5-byte
// FlexRay header, the payload of 2 * length bytes, the 3-byte frame CRC).
// Two CRCs of the FlexRay protocol specification are checked:
//  - the 11-bit header CRC (generator 0x385, seed 0x1A, MSB first) over the
//    20 bits sync indicator, startup indicator, frame ID and payload length,
//    taken out of the packed header and clocked in one bit at a time;
//  - the 24-bit frame CRC (generator 0x5D6DCB, seed 0xFEDCBA on channel A,
//    0xABCDEF on channel B, MSB first) over header and payload, through a
//    256-entry table in the element.
// Label: crc.
#include <click/config.h>
#include <click/element.hh>
#include <click/packet.hh>
#include <clicknet/ip.h>
#include <clicknet/udp.h>
#include <stdint.h>

class FlexRayTunnelCheck : public Element {
public:
  FlexRayTunnelCheck();
  const char *class_name() const override { return "FlexRayTunnelCheck"; }
  const char *port_count() const override { return PORTS_1_1; }
  Packet *simple_action(Packet *p) override;

  static uint32_t covered_bits(const uint8_t hdr[5]);
  static uint16_t hcrc(uint32_t bits20);
  uint32_t fcrc(const uint8_t *p, uint32_t n, uint32_t seed) const;

  uint32_t _hdr_bad, _frame_bad, _ok;

private:
  uint32_t _t24[256];
};

FlexRayTunnelCheck::FlexRayTunnelCheck() : _hdr_bad(0), _frame_bad(0), _ok(0) {
  for (uint32_t b = 0; b < 256; b++) {
    uint32_t r = b << 16;
    for (int i = 0; i < 8; i++) {
      r <<= 1;
      if (r & 0x1000000u)
        r ^= 0x15D6DCBu;
    }
    _t24[b] = r;
  }
}

// Header bits 36..17 (counting the first bit sent as bit 39).
uint32_t FlexRayTunnelCheck::covered_bits(const uint8_t hdr[5]) {
  uint32_t top = (uint32_t)hdr[0] << 24 | (uint32_t)hdr[1] << 16 |
                 (uint32_t)hdr[2] << 8 | hdr[3];
  return (top >> 9) & 0xFFFFFu;
}

uint16_t FlexRayTunnelCheck::hcrc(uint32_t bits20) {
  uint16_t reg = 0x1A;
  uint32_t probe = 1u << 19;
  while (probe) {
    unsigned in = (bits20 & probe) ? 1 : 0;
    unsigned fb = in ^ ((reg >> 10) & 1);
    reg = (uint16_t)((reg << 1) & 0x7FF);
    if (fb)
      reg ^= 0x385;
    probe >>= 1;
  }
  return reg;
}

uint32_t FlexRayTunnelCheck::fcrc(const uint8_t *p, uint32_t n,
                                  uint32_t seed) const {
  uint32_t c = seed;
  for (const uint8_t *e = p + n; p < e; p++)
    c = ((c << 8) ^ _t24[((c >> 16) ^ *p) & 0xFF]) & 0xFFFFFF;
  return c;
}

Packet *FlexRayTunnelCheck::simple_action(Packet *p) {
  const click_udp *uh = p->udp_header();
  if (!uh)
    return p;
  const uint8_t *f = (const uint8_t *)(uh + 1);
  int avail = (int)(p->end_data() - f);
  if (avail < 1 + 5 + 3) {
    _hdr_bad++;
    p->kill();
    return 0;
  }
  const uint8_t *hdr = f + 1;
  uint16_t sent_h =
      (uint16_t)(((hdr[2] & 1) << 10) | (hdr[3] << 2) | (hdr[4] >> 6));
  if (hcrc(covered_bits(hdr)) != sent_h) {
    _hdr_bad++;
    p->kill();
    return 0;
  }
  int plen = 2 * ((hdr[2] >> 1) & 0x7F);
  if (avail < 1 + 5 + plen + 3) {
    _frame_bad++;
    p->kill();
    return 0;
  }
  const uint8_t *t = hdr + 5 + plen;
  uint32_t sent_f = (uint32_t)t[0] << 16 | (uint32_t)t[1] << 8 | t[2];
  uint32_t seed = (f[0] & 1) ? 0xABCDEFu : 0xFEDCBAu;
  if (fcrc(hdr, 5 + plen, seed) != sent_f) {
    _frame_bad++;
    p->kill();
    return 0;
  }
  _ok++;
  return p;
}

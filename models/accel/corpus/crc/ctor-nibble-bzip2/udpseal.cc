// UdpTrailerSeal: checks a 4-byte big-endian trailer at the end of each UDP
// payload that carries the CRC-32/BZIP2 of the rest of the payload (MSB
// first, generator 0x04C11DB7, all-ones seed and final xor, no reflection),
// as some storage-replication protocols do. The 16-entry table of nibble
// remainders is a global object whose C++ constructor fills it before the
// router starts; the register takes two table steps per byte. Packets with
// a wrong trailer go to output 1. Label: crc.
#include <click/config.h>
#include <click/element.hh>
#include <click/packet.hh>
#include <clicknet/ip.h>
#include <clicknet/udp.h>
#include <stdint.h>

class NibbleRemainders {
public:
  NibbleRemainders(uint32_t generator);
  uint32_t at(unsigned i) const { return _r[i & 15]; }
  uint32_t fold(uint32_t reg, const uint8_t *p, uint32_t n) const;

private:
  uint32_t _r[16];
};

NibbleRemainders::NibbleRemainders(uint32_t generator) {
  for (unsigned i = 0; i < 16; ++i) {
    uint32_t v = (uint32_t)i << 28;
    for (int s = 0; s < 4; ++s)
      v = (v & 0x80000000u) ? (v << 1) ^ generator : v << 1;
    _r[i] = v;
  }
}

uint32_t NibbleRemainders::fold(uint32_t reg, const uint8_t *p,
                                uint32_t n) const {
  for (uint32_t i = 0; i < n; ++i) {
    reg = (reg << 4) ^ _r[(reg >> 28) ^ (p[i] >> 4)];
    reg = (reg << 4) ^ _r[(reg >> 28) ^ (p[i] & 0x0F)];
  }
  return reg;
}

static const NibbleRemainders bz_nibbles(0x04C11DB7u);

class UdpTrailerSeal : public Element {
public:
  UdpTrailerSeal() : _passed(0), _failed(0), _short(0) {}
  const char *class_name() const override { return "UdpTrailerSeal"; }
  const char *port_count() const override { return "1/2"; }
  void push(int port, Packet *p) override;

  static uint32_t seal_of(const uint8_t *payload, uint32_t len);
  bool trailer_matches(const uint8_t *payload, uint32_t len) const;

  uint64_t _passed, _failed, _short;
};

uint32_t UdpTrailerSeal::seal_of(const uint8_t *payload, uint32_t len) {
  uint32_t reg = bz_nibbles.fold(0xFFFFFFFFu, payload, len);
  return ~reg;
}

bool UdpTrailerSeal::trailer_matches(const uint8_t *payload,
                                     uint32_t len) const {
  const uint8_t *t = payload + len - 4;
  uint32_t want = (uint32_t)t[0] << 24 | (uint32_t)t[1] << 16 |
                  (uint32_t)t[2] << 8 | (uint32_t)t[3];
  return seal_of(payload, len - 4) == want;
}

void UdpTrailerSeal::push(int, Packet *p) {
  const click_ip *iph = p->ip_header();
  if (!iph || iph->ip_p != IP_PROTO_UDP) {
    output(0).push(p);
    return;
  }
  const click_udp *uh = p->udp_header();
  const uint8_t *payload = (const uint8_t *)(uh + 1);
  int avail = (int)(p->end_data() - payload);
  int ulen = (int)ntohs(uh->uh_ulen) - (int)sizeof(click_udp);
  if (ulen > avail)
    ulen = avail;
  if (ulen < 4) {
    _short++;
    output(0).push(p);
    return;
  }
  if (trailer_matches(payload, (uint32_t)ulen)) {
    _passed++;
    output(0).push(p);
  } else {
    _failed++;
    output(1).push(p);
  }
}

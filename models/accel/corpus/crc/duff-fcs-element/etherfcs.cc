// EtherFcsCheck: a Click-style element that verifies the Ethernet frame
// check sequence (reflected CRC-32, poly 0xEDB88320) of frames that still
// carry it. The table lives in the element and is filled when the element
// is built; the per-byte Sarwate step is unrolled eight times with Duff's
// device (a switch on the remainder jumping into a do-while). The FCS is
// the packet's last four bytes, least significant first. Label: crc.
#include <click/config.h>
#include <click/element.hh>
#include <click/packet.hh>
#include <clicknet/ether.h>
#include <stdint.h>

class EtherFcsCheck : public Element {
public:
  EtherFcsCheck() : _ok(0), _errors(0), _runts(0) { build_table(); }
  const char *class_name() const override { return "EtherFcsCheck"; }
  const char *port_count() const override { return PORTS_1_1; }
  Packet *simple_action(Packet *p) override;

  uint32_t frame_crc(const unsigned char *d, uint32_t n) const;

  uint64_t _ok, _errors, _runts;

private:
  uint32_t _t[256];
  void build_table();
};

void EtherFcsCheck::build_table() {
  for (int i = 0; i < 256; i++) {
    uint32_t r = (uint32_t)i;
    for (int j = 0; j < 8; j++) {
      uint32_t m = 0u - (r & 1u);
      r = (r >> 1) ^ (m & 0xEDB88320u);
    }
    _t[i] = r;
  }
}

uint32_t EtherFcsCheck::frame_crc(const unsigned char *d, uint32_t n) const {
  uint32_t c = 0xFFFFFFFFu;
  if (n == 0)
    return 0;
  uint32_t rounds = (n + 7) / 8;
  switch (n % 8) {
  case 0:
    do {
      c = _t[(c ^ *d++) & 0xFF] ^ (c >> 8);
    case 7:
      c = _t[(c ^ *d++) & 0xFF] ^ (c >> 8);
    case 6:
      c = _t[(c ^ *d++) & 0xFF] ^ (c >> 8);
    case 5:
      c = _t[(c ^ *d++) & 0xFF] ^ (c >> 8);
    case 4:
      c = _t[(c ^ *d++) & 0xFF] ^ (c >> 8);
    case 3:
      c = _t[(c ^ *d++) & 0xFF] ^ (c >> 8);
    case 2:
      c = _t[(c ^ *d++) & 0xFF] ^ (c >> 8);
    case 1:
      c = _t[(c ^ *d++) & 0xFF] ^ (c >> 8);
    } while (--rounds > 0);
  }
  return ~c;
}

Packet *EtherFcsCheck::simple_action(Packet *p) {
  uint32_t len = p->length();
  if (len < sizeof(click_ether) + 4) {
    _runts++;
    p->kill();
    return 0;
  }
  const unsigned char *tail = p->end_data() - 4;
  uint32_t wire = (uint32_t)tail[0] | (uint32_t)tail[1] << 8 |
                  (uint32_t)tail[2] << 16 | (uint32_t)tail[3] << 24;
  if (frame_crc(p->data(), len - 4) != wire) {
    _errors++;
    p->kill();
    return 0;
  }
  _ok++;
  return p;
}

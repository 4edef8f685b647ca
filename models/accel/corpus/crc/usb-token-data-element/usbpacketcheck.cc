// USBPacketCheck: verifies the check fields of raw USB 2.0 bus packets, one
// per Click packet (optionally behind a fixed-size capture header).
//   - token packets (OUT/IN/SETUP) and SOF carry an 11-bit field followed by
//     a 5-bit CRC (generator x^5+x^2+1, preset ones, inverted, bits LSB first);
//   - data packets (DATA0/1/2, MDATA) end with a 16-bit CRC (generator
//     x^16+x^15+x^2+1, reflected, preset ones, inverted), which a receiver
//     checks by running the register over payload and CRC together and
//     comparing with the fixed remainder the generator leaves;
//   - handshakes have no CRC; only the PID check nibble is tested.
// Good packets leave on output 0, damaged ones on output 1.
#include <click/config.h>
#include <click/args.hh>
#include <click/element.hh>
#include <click/error.hh>
#include <click/packet.hh>

class USBPacketCheck : public Element {
public:
  USBPacketCheck();

  const char *class_name() const override { return "USBPacketCheck"; }
  const char *port_count() const override { return PORTS_1_1X2; }
  int configure(Vector<String> &conf, ErrorHandler *errh) override;
  Packet *simple_action(Packet *p) override;

  static uint8_t crc5_shift(uint8_t reg, uint32_t bits, int nbits);
  uint16_t crc16_run(uint16_t reg, const uint8_t *p, uint32_t n) const;
  bool token_valid(const uint8_t *pk, uint32_t n) const;
  bool data_valid(const uint8_t *pk, uint32_t n) const;

private:
  enum { REFLECTED_16 = 0xA001, REFLECTED_5 = 0x14, DATA_REMAINDER = 0xB001 };

  void build_nibble_steps();

  uint16_t _step[16]; // effect of four register shifts, by low nibble
  unsigned _offset;
  uint32_t _good, _bad;
};

USBPacketCheck::USBPacketCheck() : _offset(0), _good(0), _bad(0) {
  build_nibble_steps();
}

void USBPacketCheck::build_nibble_steps() {
  for (unsigned v = 0; v < 16; ++v) {
    uint16_t r = (uint16_t)v;
    for (int s = 0; s < 4; ++s)
      r = (r & 1) ? (uint16_t)((r >> 1) ^ REFLECTED_16) : (uint16_t)(r >> 1);
    _step[v] = r;
  }
}

int USBPacketCheck::configure(Vector<String> &conf, ErrorHandler *errh) {
  return Args(conf, this, errh).read_p("OFFSET", _offset).complete();
}

// CRC-5 register advanced over nbits bits, least significant bit first.
uint8_t USBPacketCheck::crc5_shift(uint8_t r, uint32_t bits, int nbits) {
  for (int i = 0; i < nbits; ++i) {
    unsigned in = (bits >> i) & 1u;
    if ((r ^ in) & 1u)
      r = (uint8_t)((r >> 1) ^ REFLECTED_5);
    else
      r = (uint8_t)(r >> 1);
  }
  return r;
}

// Two nibble steps per byte, low nibble first (it is on the wire first).
uint16_t USBPacketCheck::crc16_run(uint16_t reg, const uint8_t *p,
                                   uint32_t n) const {
  for (uint32_t i = 0; i < n; ++i) {
    reg ^= p[i];
    reg = (uint16_t)((reg >> 4) ^ _step[reg & 0xF]);
    reg = (uint16_t)((reg >> 4) ^ _step[reg & 0xF]);
  }
  return reg;
}

bool USBPacketCheck::token_valid(const uint8_t *pk, uint32_t n) const {
  if (n != 3)
    return false;
  uint32_t word = (uint32_t)pk[1] | ((uint32_t)pk[2] << 8);
  uint32_t field = word & 0x7FF;
  uint32_t sent = word >> 11;
  return (crc5_shift(0x1F, field, 11) ^ 0x1F) == sent;
}

bool USBPacketCheck::data_valid(const uint8_t *pk, uint32_t n) const {
  if (n < 3 || n > 1 + 1024 + 2)
    return false;
  return crc16_run(0xFFFF, pk + 1, n - 1) == DATA_REMAINDER;
}

Packet *USBPacketCheck::simple_action(Packet *p) {
  bool ok = false;
  if (p->length() > _offset) {
    const uint8_t *pk = p->data() + _offset;
    uint32_t n = p->length() - _offset;
    uint8_t pid = pk[0];
    if (((pid >> 4) ^ (pid & 0xF)) == 0xF) {
      switch (pid & 0x3) {
      case 1: // token: OUT 0001, SOF 0101, IN 1001, SETUP 1101
        ok = token_valid(pk, n);
        break;
      case 3: // data: DATA0 0011, DATA2 0111, DATA1 1011, MDATA 1111
        ok = data_valid(pk, n);
        break;
      case 2: // handshake: ACK, NYET, NAK, STALL
        ok = (n == 1);
        break;
      default: // special PIDs (PRE/ERR, SPLIT, PING) are passed as is
        ok = true;
        break;
      }
    }
  }
  if (ok) {
    ++_good;
    return p;
  }
  ++_bad;
  checked_output_push(1, p);
  return 0;
}

CLICK_ENDDECLS
EXPORT_ELEMENT(USBPacketCheck)

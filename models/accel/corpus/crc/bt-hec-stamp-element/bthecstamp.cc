// BtHecStamp: header-error-check byte for Bluetooth-style baseband headers.
//
// The HEC is CRC-8/BLUETOOTH: generator x^8+x^7+x^5+x^2+x+1 (0xA7), bits
// taken least significant first, register preset to INIT (the catalogue
// variant uses 0; a real baseband presets the UAP), no final inversion.
// The element covers LENGTH header bytes at OFFSET and either writes the
// HEC into the byte that follows (MODE stamp) or compares it and sends
// mismatching packets to output 1 (MODE check).
//
// Style: the reflected register is kept as one byte and a 256-entry
// remainder table is filled in the constructor by running the bit-serial
// shift register over every possible byte value.
#include <click/config.h>
#include <click/args.hh>
#include <click/element.hh>
#include <click/error.hh>
#include <click/packet.hh>
#include <click/string.hh>

CLICK_DECLS

class BtHecStamp : public Element {
public:
  BtHecStamp();
  ~BtHecStamp() override {}

  const char *class_name() const override { return "BtHecStamp"; }
  const char *port_count() const override { return "1/1-2"; }
  const char *processing() const override { return AGNOSTIC; }

  int configure(Vector<String> &conf, ErrorHandler *errh) override;
  Packet *simple_action(Packet *p) override;

  uint8_t hec(const unsigned char *hdr, uint32_t n) const;

  uint64_t stamped() const { return _stamped; }
  uint64_t rejected() const { return _rejected; }

private:
  // The generator with its bit order reversed: 0xA7 -> 0xE5.
  enum { REVERSED_GENERATOR = 0xE5 };

  uint8_t _rem[256];
  uint32_t _offset;
  uint32_t _length;
  uint8_t _init;
  bool _check;
  uint64_t _stamped;
  uint64_t _rejected;
};

BtHecStamp::BtHecStamp()
    : _offset(0), _length(2), _init(0), _check(false), _stamped(0),
      _rejected(0) {
  for (int v = 0; v < 256; ++v) {
    uint8_t r = (uint8_t)v;
    for (int step = 0; step < 8; ++step) {
      bool out = (r & 1) != 0;
      r = (uint8_t)(r >> 1);
      if (out)
        r ^= REVERSED_GENERATOR;
    }
    _rem[v] = r;
  }
}

int BtHecStamp::configure(Vector<String> &conf, ErrorHandler *errh) {
  String mode = "stamp";
  int init = 0;
  if (Args(conf, this, errh)
          .read("OFFSET", _offset)
          .read("LENGTH", _length)
          .read("INIT", init)
          .read("MODE", mode)
          .complete() < 0)
    return -1;
  if (init < 0 || init > 255)
    return errh->error("INIT must fit in a byte");
  if (_length == 0)
    return errh->error("LENGTH must be positive");
  _init = (uint8_t)init;
  if (mode == "check")
    _check = true;
  else if (mode == "stamp")
    _check = false;
  else
    return errh->error("MODE must be stamp or check");
  return 0;
}

uint8_t BtHecStamp::hec(const unsigned char *hdr, uint32_t n) const {
  uint8_t reg = _init;
  const unsigned char *end = hdr + n;
  while (hdr != end)
    reg = _rem[(uint8_t)(reg ^ *hdr++)];
  return reg;
}

Packet *BtHecStamp::simple_action(Packet *p) {
  uint32_t need = _offset + _length + 1;
  if (p->length() < need) {
    ++_rejected;
    checked_output_push(1, p);
    return 0;
  }
  uint8_t h = hec(p->data() + _offset, _length);
  if (_check) {
    if (p->data()[_offset + _length] != h) {
      ++_rejected;
      checked_output_push(1, p);
      return 0;
    }
    return p;
  }
  WritablePacket *q = p->uniqueify();
  if (!q)
    return 0;
  q->data()[_offset + _length] = h;
  ++_stamped;
  return q;
}

CLICK_ENDDECLS
EXPORT_ELEMENT(BtHecStamp)

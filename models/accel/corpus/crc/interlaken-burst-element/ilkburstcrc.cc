// IlkBurstCrc: per-burst CRC-24 trailer in the manner of Interlaken.
//
// Interlaken protects every data burst with a 24-bit CRC carried in the
// control word that closes it: generator 0x328B63, register preset to all
// ones, bits taken most significant first, result inverted. This element
// cuts the packet (from OFFSET) into bursts of BURST bytes -- the last one may
// be short -- and appends one 3-byte big-endian CRC per burst behind the
// packet. With VERIFY true it instead expects those trailers to be present,
// recomputes them, strips them and sends damaged packets to output 1.
//
// Style: the data path reads the burst as 64-bit big-endian lane words (the
// Interlaken word size) and feeds each word's eight bytes through a
// 256-entry table that initialize() computes from the generator.
#include <click/config.h>
#include <click/args.hh>
#include <click/element.hh>
#include <click/error.hh>
#include <click/packet.hh>

CLICK_DECLS

class IlkBurstCrc : public Element {
public:
  IlkBurstCrc() : _offset(0), _burst(64), _verify(false), _bad(0) {}

  const char *class_name() const override { return "IlkBurstCrc"; }
  const char *port_count() const override { return "1/1-2"; }
  const char *processing() const override { return AGNOSTIC; }

  int configure(Vector<String> &conf, ErrorHandler *errh) override;
  int initialize(ErrorHandler *errh) override;
  Packet *simple_action(Packet *p) override;

  uint32_t burst_crc(const unsigned char *d, uint32_t n) const;
  uint64_t bad() const { return _bad; }

  static const uint32_t GENERATOR = 0x328B63;
  static const uint32_t MASK24 = 0xFFFFFF;

private:
  void fill_table();

  uint32_t _lane[256];
  uint32_t _offset;
  uint32_t _burst;
  bool _verify;
  uint64_t _bad;
};

int IlkBurstCrc::configure(Vector<String> &conf, ErrorHandler *errh) {
  if (Args(conf, this, errh)
          .read("OFFSET", _offset)
          .read("BURST", _burst)
          .read("VERIFY", _verify)
          .complete() < 0)
    return -1;
  if (_burst == 0 || (_burst & 7) != 0)
    return errh->error("BURST must be a positive multiple of 8");
  return 0;
}

void IlkBurstCrc::fill_table() {
  // entry v = v(x) * x^24 mod G(x), the register contribution of a top byte
  for (uint32_t v = 0; v < 256; ++v) {
    uint32_t r = v << 16;
    for (int i = 0; i < 8; ++i) {
      if (r & 0x800000)
        r = ((r << 1) ^ GENERATOR) & MASK24;
      else
        r = (r << 1) & MASK24;
    }
    _lane[v] = r;
  }
}

int IlkBurstCrc::initialize(ErrorHandler *) {
  fill_table();
  return 0;
}

uint32_t IlkBurstCrc::burst_crc(const unsigned char *d, uint32_t n) const {
  uint32_t reg = MASK24;
  uint32_t words = n >> 3;
  for (uint32_t w = 0; w < words; ++w, d += 8) {
    uint64_t lane = 0;
    for (int b = 0; b < 8; ++b)
      lane = (lane << 8) | d[b];
    for (int sh = 56; sh >= 0; sh -= 8) {
      uint32_t top = ((reg >> 16) ^ (uint32_t)(lane >> sh)) & 0xFF;
      reg = ((reg << 8) & MASK24) ^ _lane[top];
    }
  }
  for (uint32_t t = 0; t < (n & 7); ++t) {
    uint32_t top = ((reg >> 16) ^ d[t]) & 0xFF;
    reg = ((reg << 8) & MASK24) ^ _lane[top];
  }
  return reg ^ MASK24;
}

Packet *IlkBurstCrc::simple_action(Packet *p) {
  if (p->length() < _offset) {
    ++_bad;
    checked_output_push(1, p);
    return 0;
  }
  uint32_t span = p->length() - _offset;

  if (!_verify) {
    uint32_t nb = (span + _burst - 1) / _burst;
    WritablePacket *q = p->put(3 * nb);
    if (!q)
      return 0;
    unsigned char *trailer = q->data() + _offset + span;
    const unsigned char *body = q->data() + _offset;
    for (uint32_t i = 0; i < nb; ++i) {
      uint32_t len = (i + 1 == nb) ? span - i * _burst : _burst;
      uint32_t c = burst_crc(body + i * _burst, len);
      trailer[3 * i] = (unsigned char)(c >> 16);
      trailer[3 * i + 1] = (unsigned char)(c >> 8);
      trailer[3 * i + 2] = (unsigned char)c;
    }
    return q;
  }

  // span = payload + 3 * ceil(payload / burst); recover the payload length
  uint32_t full = span / (_burst + 3);
  uint32_t extra = span - full * (_burst + 3);
  uint32_t nb = full, payload = full * _burst;
  bool ok = true;
  if (extra != 0) {
    ok = extra > 3;
    nb += 1;
    payload += extra - 3;
  }
  const unsigned char *body = p->data() + _offset;
  const unsigned char *trailer = body + payload;
  for (uint32_t i = 0; ok && i < nb; ++i) {
    uint32_t len = (i + 1 == nb) ? payload - i * _burst : _burst;
    uint32_t c = burst_crc(body + i * _burst, len);
    uint32_t got = ((uint32_t)trailer[3 * i] << 16) |
                   ((uint32_t)trailer[3 * i + 1] << 8) | trailer[3 * i + 2];
    ok = (c == got);
  }
  if (!ok) {
    ++_bad;
    checked_output_push(1, p);
    return 0;
  }
  p->take(3 * nb);
  return p;
}

CLICK_ENDDECLS
EXPORT_ELEMENT(IlkBurstCrc)

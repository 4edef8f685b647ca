// TelemetryCrcStrip: a telemetry link carries one frame per UDP datagram,
// protected by a 16-bit CRC in the last two payload bytes (high byte first).
// The code is the generator x^16+x^15+x^13+x^7+x^4+x^2+x+1 (0xA097, the
// catalogue's CRC-16/TELEDISK: MSB first, zero preset, no final xor).
// The CRC is written with a tiny binary-polynomial value type and a
// stream-style accumulator (`acc << byte`), fed from a range-for over the
// payload.  Good frames lose their CRC and go on; bad ones are dropped.
#include <click/config.h>
#include <click/element.hh>
#include <click/packet.hh>
#include <clicknet/ip.h>
#include <clicknet/udp.h>

CLICK_DECLS

// A binary polynomial of degree < 32, coefficient k in bit k.
class BinPoly {
public:
  constexpr explicit BinPoly(uint32_t c = 0) : _c(c) {}
  BinPoly operator+(BinPoly o) const { return BinPoly(_c ^ o._c); }
  BinPoly &operator+=(BinPoly o) {
    _c ^= o._c;
    return *this;
  }
  BinPoly operator*(unsigned xk) const { return BinPoly(_c << xk); } // times x^k
  bool operator[](unsigned k) const { return (_c >> k) & 1u; }
  BinPoly below(unsigned deg) const { return BinPoly(_c & ((1u << deg) - 1u)); }
  uint32_t coeffs() const { return _c; }

private:
  uint32_t _c;
};

struct ConstBytes {
  const uint8_t *b;
  const uint8_t *e;
  const uint8_t *begin() const { return b; }
  const uint8_t *end() const { return e; }
};

class Crc16Acc {
public:
  static constexpr unsigned W = 16;
  Crc16Acc() : _r(0) {}

  // Shift one message byte, MSB first, through the division register.
  Crc16Acc &operator<<(uint8_t byte) {
    _r += BinPoly(byte) * (W - 8);
    for (unsigned k = 0; k < 8; ++k) {
      bool carry = _r[W - 1];
      _r = (_r * 1).below(W);
      if (carry)
        _r += generator();
    }
    return *this;
  }
  Crc16Acc &operator<<(ConstBytes r) {
    for (uint8_t v : r)
      *this << v;
    return *this;
  }
  uint16_t value() const { return (uint16_t)_r.coeffs(); }

private:
  static BinPoly generator() { return BinPoly(0xA097); }
  BinPoly _r;
};

uint16_t telemetry_crc16(const uint8_t *p, uint32_t n)
{
  Crc16Acc acc;
  acc << ConstBytes{p, p + n};
  return acc.value();
}

class TelemetryCrcStrip : public Element {
public:
  TelemetryCrcStrip() : _drops(0) {}
  ~TelemetryCrcStrip() {}

  const char *class_name() const { return "TelemetryCrcStrip"; }
  const char *port_count() const { return PORTS_1_1; }

  Packet *simple_action(Packet *p);

private:
  uint64_t _drops;
};

Packet *TelemetryCrcStrip::simple_action(Packet *p)
{
  const click_ip *iph = p->ip_header();
  const uint8_t *body = reinterpret_cast<const uint8_t *>(iph) +
                        (iph->ip_hl << 2) + sizeof(click_udp);
  long n = p->end_data() - body;
  if (n >= 3) {
    uint32_t m = (uint32_t)n - 2;
    uint16_t want = (uint16_t)((body[m] << 8) | body[m + 1]);
    if (telemetry_crc16(body, m) == want) {
      p->take(2);
      return p;
    }
  }
  _drops++;
  p->kill();
  return 0;
}

CLICK_ENDDECLS
EXPORT_ELEMENT(TelemetryCrcStrip)

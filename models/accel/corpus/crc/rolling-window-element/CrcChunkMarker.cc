// CrcChunkMarker: content-defined chunking of UDP payloads with a rolling
// CRC.  The CRC-32/BZIP2 code (generator 0x04C11DB7, MSB first, preset and
// final xor all ones; check value 0xFC891918) is taken over every 48-byte
// window of the payload, updated in O(1) per byte as the window slides:
// with L the preset-free remainder of the window, m(x) x^32 mod G,
//   L' = (L x^8 + in x^32 + out x^(8W+32)) mod G,
// i.e. the ordinary table step for the incoming byte plus a second table,
// indexed by the byte that leaves, holding out x^(8W+32) mod G.  The preset
// adds the same constant to every window of width W (the remainder of W
// zero bytes from 0xFFFFFFFF).  A chunk ends after a window whose CRC has
// its low CUT_BITS bits zero; the number of cut points and the first one
// go into the packet annotations.
#include <click/config.h>
#include <click/element.hh>
#include <click/packet.hh>
#include <clicknet/ip.h>

CLICK_DECLS

class RollingCrc32 {
public:
  explicit RollingCrc32(unsigned window) : _w(window) { build_tables(); }

  unsigned window() const { return _w; }
  void build_tables();
  uint32_t prime(const uint8_t *win) const;
  uint32_t slide(uint32_t rem, uint8_t in, uint8_t out) const;
  uint32_t value(uint32_t rem) const { return ~(rem ^ _preset_term); }

private:
  uint32_t _in[256];
  uint32_t _out[256];
  uint32_t _preset_term;
  unsigned _w;
};

void RollingCrc32::build_tables()
{
  for (uint32_t b = 0; b < 256; ++b) {
    uint32_t r = b << 24;
    for (int k = 0; k < 8; ++k)
      r = (r & 0x80000000u) ? (r << 1) ^ 0x04C11DB7u : r << 1;
    _in[b] = r;
  }
  // byte b followed by W zero bytes
  for (uint32_t b = 0; b < 256; ++b) {
    uint32_t r = _in[b];
    for (unsigned z = 0; z < _w; ++z)
      r = (r << 8) ^ _in[r >> 24];
    _out[b] = r;
  }
  uint32_t r = 0xFFFFFFFFu;
  for (unsigned z = 0; z < _w; ++z)
    r = (r << 8) ^ _in[r >> 24];
  _preset_term = r;
}

uint32_t RollingCrc32::prime(const uint8_t *win) const
{
  uint32_t rem = 0;
  const uint8_t *end = win + _w;
  while (win != end)
    rem = (rem << 8) ^ _in[(rem >> 24) ^ *win++];
  return rem;
}

uint32_t RollingCrc32::slide(uint32_t rem, uint8_t in, uint8_t out) const
{
  return (rem << 8) ^ _in[(rem >> 24) ^ in] ^ _out[out];
}

class CrcChunkMarker : public Element {
public:
  enum { WINDOW = 48, CUT_BITS = 8 };

  CrcChunkMarker() : _roll(WINDOW), _chunks(0) {}
  ~CrcChunkMarker() {}

  const char *class_name() const { return "CrcChunkMarker"; }
  const char *port_count() const { return PORTS_1_1; }

  void push(int port, Packet *p);

  // Offsets just past each window whose CRC ends in CUT_BITS zero bits.
  unsigned cut_points(const uint8_t *data, uint32_t len, uint16_t *cuts,
                      unsigned maxcuts) const;

private:
  RollingCrc32 _roll;
  uint64_t _chunks;
};

unsigned CrcChunkMarker::cut_points(const uint8_t *data, uint32_t len,
                                    uint16_t *cuts, unsigned maxcuts) const
{
  const uint32_t mask = (1u << CUT_BITS) - 1;
  unsigned w = _roll.window(), found = 0;
  if (len < w)
    return 0;
  uint32_t rem = _roll.prime(data);
  uint32_t pos = w;
  for (;;) {
    if ((_roll.value(rem) & mask) == 0) {
      if (found < maxcuts)
        cuts[found] = (uint16_t)pos;
      found++;
    }
    if (pos == len)
      break;
    rem = _roll.slide(rem, data[pos], data[pos - w]);
    pos++;
  }
  return found;
}

void CrcChunkMarker::push(int port, Packet *p)
{
  const click_ip *iph = p->ip_header();
  if (iph && iph->ip_p == IP_PROTO_UDP) {
    const uint8_t *pl = reinterpret_cast<const uint8_t *>(iph) + (iph->ip_hl << 2) + 8;
    if (pl < p->end_data()) {
      uint16_t first[1] = {0};
      unsigned n = cut_points(pl, (uint32_t)(p->end_data() - pl), first, 1);
      uint8_t *a = p->anno_u8();
      a[0] = (uint8_t)(n > 255 ? 255 : n);
      a[1] = (uint8_t)(first[0] >> 8);
      a[2] = (uint8_t)first[0];
      _chunks += n;
    }
  }
  Element::push(port, p);
}

CLICK_ENDDECLS
EXPORT_ELEMENT(CrcChunkMarker)

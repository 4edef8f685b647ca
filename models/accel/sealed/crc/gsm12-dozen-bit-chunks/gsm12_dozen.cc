// CRC-12/GSM over bit streams of arbitrary length and alignment.
//
// Generator x^12+x^11+x^10+x^8+x^5+x^4+1 (0xD31), register starts at
// zero, MSB-first, the 12 parity bits are sent inverted.  Because the
// register is exactly twelve bits wide, twelve message bits can be folded
// in at once: reg' = M12[reg ^ chunk], with M12[v] = v * x^12 mod G over a
// 4096-entry table.  Chunks are pulled from any bit offset of a packed,
// MSB-first buffer; the remaining 0..11 bits go through the bit-serial
// form of the same division.
#include <cstddef>
#include <cstdint>

namespace gsm_fec {

class DozenBitCrc12 {
public:
  static constexpr unsigned kWidth = 12;
  static constexpr uint16_t kGen = 0xD31; // without the x^12 term
  static constexpr uint16_t kMask = 0xFFF;

  DozenBitCrc12();

  void reset() { reg_ = 0; }
  void absorb(const uint8_t *buf, size_t bit_offset, size_t nbits);
  void absorb_bit(unsigned bit);
  uint16_t parity() const { return static_cast<uint16_t>(reg_ ^ kMask); }

  // Writes the 12 (inverted) parity bits of buf[bit 0 .. nbits) right
  // behind the data, MSB first.
  void append_parity(uint8_t *buf, size_t nbits);
  // True when buf[bit 0 .. nbits) is data followed by its parity bits.
  bool block_ok(const uint8_t *buf, size_t nbits);

private:
  uint16_t m12_[1u << kWidth];
  uint16_t reg_;
};

DozenBitCrc12::DozenBitCrc12() : reg_(0) {
  for (unsigned v = 0; v < (1u << kWidth); ++v) {
    unsigned r = v;
    for (unsigned k = 0; k < kWidth; ++k)
      r = (r & 0x800u) ? ((r << 1) ^ kGen) & kMask : (r << 1) & kMask;
    m12_[v] = static_cast<uint16_t>(r);
  }
}

void DozenBitCrc12::absorb_bit(unsigned bit) {
  unsigned top = (reg_ >> (kWidth - 1)) ^ (bit & 1u);
  reg_ = static_cast<uint16_t>((reg_ << 1) & kMask);
  if (top)
    reg_ ^= kGen;
}

void DozenBitCrc12::absorb(const uint8_t *buf, size_t bit_offset,
                           size_t nbits) {
  size_t pos = bit_offset;
  const size_t end = bit_offset + nbits;
  unsigned r = reg_;
  while (end - pos >= kWidth) {
    const uint8_t *p = buf + (pos >> 3);
    unsigned skew = static_cast<unsigned>(pos & 7u);
    uint32_t window = (static_cast<uint32_t>(p[0]) << 16) |
                      (static_cast<uint32_t>(p[1]) << 8);
    if (skew > 4)
      window |= p[2];
    unsigned chunk = (window >> (24 - kWidth - skew)) & kMask;
    r = m12_[r ^ chunk];
    pos += kWidth;
  }
  for (; pos < end; ++pos) {
    unsigned bit = (buf[pos >> 3] >> (7 - (pos & 7u))) & 1u;
    unsigned top = ((r >> (kWidth - 1)) ^ bit) & 1u;
    r = (r << 1) & kMask;
    if (top)
      r ^= kGen;
  }
  reg_ = static_cast<uint16_t>(r);
}

void DozenBitCrc12::append_parity(uint8_t *buf, size_t nbits) {
  reset();
  absorb(buf, 0, nbits);
  unsigned par = parity();
  for (unsigned k = 0; k < kWidth; ++k) {
    size_t pos = nbits + k;
    uint8_t m = static_cast<uint8_t>(0x80u >> (pos & 7u));
    if ((par >> (kWidth - 1 - k)) & 1u)
      buf[pos >> 3] |= m;
    else
      buf[pos >> 3] &= static_cast<uint8_t>(~m);
  }
}

// Dividing data||~crc leaves the fixed residue 0xFFF * x^12 mod G.
bool DozenBitCrc12::block_ok(const uint8_t *buf, size_t nbits) {
  if (nbits < kWidth)
    return false;
  reset();
  absorb(buf, 0, nbits);
  return reg_ == m12_[kMask];
}

} // namespace gsm_fec

// Plain entry point: CRC-12/GSM of nbits bits starting at bit_offset.
uint16_t gsm12_crc_bits(const uint8_t *buf, size_t bit_offset, size_t nbits) {
  static gsm_fec::DozenBitCrc12 engine;
  engine.reset();
  engine.absorb(buf, bit_offset, nbits);
  return engine.parity();
}

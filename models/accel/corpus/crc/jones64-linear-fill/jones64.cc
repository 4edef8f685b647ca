// Jones CRC-64 (CRC-64/REDIS: generator 0xAD93D23594C935A9, reflected,
// zero preset, no final complement), as used for the trailer of Redis RDB
// files.  The byte table is filled at start-up by linearity: only the eight
// single-bit entries are computed by shifting; every other entry is the XOR
// of entries for its set bits.
#include <stddef.h>
#include <stdint.h>

namespace jones {

class Crc64 {
public:
  static constexpr uint64_t kReflectedPoly = 0x95AC9329AC4BC9B5ull;

  Crc64() { fill(); }

  uint64_t update(uint64_t reg, const uint8_t *p, size_t n) const {
    for (size_t i = 0; i < n; ++i)
      reg = table_[(uint8_t)(reg ^ p[i])] ^ (reg >> 8);
    return reg;
  }

  uint64_t of(const void *buf, size_t n) const {
    return update(0, static_cast<const uint8_t *>(buf), n);
  }

  // An RDB image ends with the CRC of everything before it, little-endian.
  bool trailer_matches(const uint8_t *image, size_t n) const {
    if (n < 8)
      return false;
    uint64_t stored = 0;
    for (int k = 7; k >= 0; --k)
      stored = (stored << 8) | image[n - 8 + k];
    return of(image, n - 8) == stored;
  }

private:
  void fill() {
    table_[0] = 0;
    // entry for the top bit of the byte is one full reduction of the poly
    uint64_t single = kReflectedPoly;
    for (unsigned bit = 0x80; bit != 0; bit >>= 1) {
      for (unsigned hi = 0; hi < 256; hi += 2 * bit)
        table_[hi + bit] = table_[hi] ^ single;
      // next lower bit: one more shift step
      single = (single & 1) ? (single >> 1) ^ kReflectedPoly : single >> 1;
    }
  }

  uint64_t table_[256];
};

static const Crc64 engine;

} // namespace jones

uint64_t jones_crc64(const void *buf, size_t n) { return jones::engine.of(buf, n); }

uint64_t jones_crc64_continue(uint64_t reg, const void *buf, size_t n) {
  return jones::engine.update(reg, static_cast<const uint8_t *>(buf), n);
}

bool jones_rdb_ok(const uint8_t *image, size_t n) {
  return jones::engine.trailer_matches(image, n);
}

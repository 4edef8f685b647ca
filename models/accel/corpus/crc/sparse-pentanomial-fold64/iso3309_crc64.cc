// CRC-64/GO-ISO (the ISO 3309 / HDLC 64-bit generator as used by Go's
// hash/crc64.ISO): width 64, G(x) = x^64 + x^4 + x^3 + x + 1 (0x1B),
// init all ones, reflected in and out, xorout all ones,
// check 0xB90956C775A41001.
//
// The generator's low part has degree 4, which this class exploits twice:
//
//  * In reflected order (bit 63 = coefficient of x^0, bit 0 = x^63) the
//    byte-step table T[i] = i * x^8 mod G has no bits below 52, so only its
//    top 16 bits are stored (a 512-byte table instead of 2 KiB).
//
//  * Eight bytes at a time need r * x^64 mod G.  Because
//    x^64 = x^4 + x^3 + x + 1 (mod G), that is r * (1 + x + x^3 + x^4),
//    whose overflow above x^63 has degree < 4 and is folded back once more
//    by the same product -- two rounds of shifts and XORs, no table at all.
#include <stddef.h>
#include <stdint.h>

class Iso3309Crc64 {
public:
  Iso3309Crc64();
  void reset() { _reg = ~(uint64_t)0; }
  void update(const void *data, size_t len);
  uint64_t value() const { return _reg ^ ~(uint64_t)0; }
  static uint64_t oneshot(const void *data, size_t len);

  // Register-level primitives (exposed for tests).
  uint64_t step_bytes(uint64_t reg, const uint8_t *p, size_t n) const;
  static uint64_t times_x64(uint64_t reg);
  static uint64_t step_words(uint64_t reg, const uint8_t *p, size_t nwords);

private:
  static uint64_t le64(const uint8_t *p);
  uint16_t _top16[256];
  uint64_t _reg;
};

// Reflected generator: 0x1B bit-reversed into the top byte.
static const uint64_t kReflectedGen = 0xD800000000000000ull;

Iso3309Crc64::Iso3309Crc64() : _reg(~(uint64_t)0) {
  for (unsigned i = 0; i < 256; ++i) {
    uint64_t r = i;
    for (int k = 0; k < 8; ++k)
      r = (r >> 1) ^ ((r & 1) ? kReflectedGen : 0);
    _top16[i] = (uint16_t)(r >> 48);  // bits 0..47 are always zero
  }
}

uint64_t Iso3309Crc64::step_bytes(uint64_t reg, const uint8_t *p,
                                  size_t n) const {
  for (size_t i = 0; i < n; ++i) {
    unsigned idx = (unsigned)((reg ^ p[i]) & 0xFF);
    reg = (reg >> 8) ^ ((uint64_t)_top16[idx] << 48);
  }
  return reg;
}

// r * x^64 mod G in reflected representation.  Multiplying by x^k is a
// right shift by k; the bits pushed out at the bottom are the coefficients
// of x^64..x^67, which re-enter as (overflow) * (1 + x + x^3 + x^4).
uint64_t Iso3309Crc64::times_x64(uint64_t r) {
  uint64_t low = r ^ (r >> 1) ^ (r >> 3) ^ (r >> 4);
  uint64_t over = (r << 63) ^ (r << 61) ^ (r << 60);  // degree < 4
  return low ^ over ^ (over >> 1) ^ (over >> 3) ^ (over >> 4);
}

uint64_t Iso3309Crc64::le64(const uint8_t *p) {
  uint64_t w = 0;
  for (int i = 7; i >= 0; --i)
    w = (w << 8) | p[i];
  return w;
}

uint64_t Iso3309Crc64::step_words(uint64_t reg, const uint8_t *p,
                                  size_t nwords) {
  while (nwords--) {
    reg = times_x64(reg ^ le64(p));
    p += 8;
  }
  return reg;
}

void Iso3309Crc64::update(const void *data, size_t len) {
  const uint8_t *p = static_cast<const uint8_t *>(data);
  uint64_t reg = _reg;
  // Bytes until the pointer is 8-aligned, then whole words, then the rest.
  size_t head = (size_t)(-(uintptr_t)p & 7u);
  if (head > len)
    head = len;
  reg = step_bytes(reg, p, head);
  p += head;
  len -= head;
  size_t words = len >> 3;
  reg = step_words(reg, p, words);
  p += words << 3;
  reg = step_bytes(reg, p, len & 7u);
  _reg = reg;
}

uint64_t Iso3309Crc64::oneshot(const void *data, size_t len) {
  Iso3309Crc64 c;
  c.update(data, len);
  return c.value();
}

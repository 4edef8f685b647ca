// Composite-key hashing built on Pelle Evensen's NASAM 64-bit mixer
// ("Not Another Strange Acronym Mixer", 2020): a rotate-xor pre-whitening
// step followed by two multiply / double-xorshift rounds.
//
// NasamKeyHasher hashes keys made of several 64-bit words (e.g. a packed
// flow key, or a (table-id, object-id, version) triple) by absorbing each
// word into a running state and re-mixing, then finishing with the length.
// Byte strings are absorbed as little-endian 8-byte words with a
// zero-padded tail.
#include <stddef.h>
#include <stdint.h>

namespace nasamkeys {

constexpr uint64_t kMulA = 0x9E6C63D0676A9A99ULL;
constexpr uint64_t kMulB = 0x9E6D62D06F6A9A9BULL;

uint64_t nasam(uint64_t x) {
  x ^= ((x >> 25) | (x << 39)) ^ ((x >> 47) | (x << 17));
  x *= kMulA;
  x ^= (x >> 23) ^ (x >> 51);
  x *= kMulB;
  x ^= (x >> 23) ^ (x >> 51);
  return x;
}

class NasamKeyHasher {
public:
  explicit NasamKeyHasher(uint64_t seed);
  uint64_t words(const uint64_t *w, size_t n) const;
  uint64_t bytes(const unsigned char *p, size_t len) const;
  // range reduction to [0, n) via the high half of a 64x32 product
  uint32_t slot(const uint64_t *w, size_t nw, uint32_t n) const;

private:
  uint64_t seed_;
};

NasamKeyHasher::NasamKeyHasher(uint64_t seed) : seed_(nasam(seed + kMulB)) {}

uint64_t NasamKeyHasher::words(const uint64_t *w, size_t n) const {
  uint64_t st = seed_;
  for (size_t i = 0; i < n; ++i)
    st = nasam(st ^ w[i]) + kMulA;
  return nasam(st ^ (uint64_t)n);
}

uint64_t NasamKeyHasher::bytes(const unsigned char *p, size_t len) const {
  uint64_t st = seed_;
  size_t left = len;
  while (left >= 8) {
    uint64_t w = 0;
    for (int b = 7; b >= 0; --b)
      w = (w << 8) | p[b];
    st = nasam(st ^ w) + kMulA;
    p += 8;
    left -= 8;
  }
  if (left) {
    uint64_t w = 0;
    for (size_t b = left; b-- > 0;)
      w = (w << 8) | p[b];
    st = nasam(st ^ w) + kMulA;
  }
  return nasam(st ^ (uint64_t)len);
}

uint32_t NasamKeyHasher::slot(const uint64_t *w, size_t nw, uint32_t n) const {
  uint64_t h = words(w, nw);
  return (uint32_t)(((h >> 32) * (uint64_t)n) >> 32);
}

} // namespace nasamkeys

// CRC-16 of the M17 digital radio protocol (generator 0x5935, register
// preset 0xFFFF, MSB first, no final XOR) for the Link Setup Frame, the
// LICH fragments of stream mode and packet-mode superframes.
//
// The division runs on a 64-bit window: the 16-bit register sits in bits
// 63..48 and up to 64 message bits are XORed in below it, left-aligned.
// Shifting the window k times, and subtracting G * x^48 whenever a one
// falls off the top, leaves (reg * x^k + M * x^16) mod G in bits 63..48
// and zeros below: one window per 8 message bytes, or per 40-bit LICH
// chunk.
#include <cstddef>
#include <cstdint>

namespace m17 {

class WideWindowCrc {
public:
  static constexpr uint16_t kGen = 0x5935; // x^16 term implied
  static constexpr uint16_t kPreset = 0xFFFF;

  // Fold the k (1..64) low bits of chunk, first-sent bit most significant.
  static uint16_t fold(uint16_t reg, uint64_t chunk, unsigned k);
  // Fold a byte string, eight bytes per window.
  static uint16_t run(uint16_t reg, const uint8_t *p, size_t n);
};

uint16_t WideWindowCrc::fold(uint16_t reg, uint64_t chunk, unsigned k) {
  const uint64_t sub = static_cast<uint64_t>(kGen) << 48;
  uint64_t w = static_cast<uint64_t>(reg) << 48;
  if (k < 64)
    chunk &= (static_cast<uint64_t>(1) << k) - 1;
  w ^= chunk << (64 - k) % 64;
  for (unsigned i = 0; i < k; ++i) {
    uint64_t out = w >> 63;
    w <<= 1;
    w ^= sub & (0 - out);
  }
  return static_cast<uint16_t>(w >> 48);
}

uint16_t WideWindowCrc::run(uint16_t reg, const uint8_t *p, size_t n) {
  const uint64_t sub = static_cast<uint64_t>(kGen) << 48;
  while (n >= 8) {
    uint64_t w = static_cast<uint64_t>(reg) << 48;
    w ^= (static_cast<uint64_t>(p[0]) << 56) | (static_cast<uint64_t>(p[1]) << 48) |
         (static_cast<uint64_t>(p[2]) << 40) | (static_cast<uint64_t>(p[3]) << 32) |
         (static_cast<uint64_t>(p[4]) << 24) | (static_cast<uint64_t>(p[5]) << 16) |
         (static_cast<uint64_t>(p[6]) << 8) | static_cast<uint64_t>(p[7]);
    for (int i = 0; i < 64; ++i)
      w = (w << 1) ^ ((w >> 63) ? sub : 0);
    reg = static_cast<uint16_t>(w >> 48);
    p += 8;
    n -= 8;
  }
  if (n) {
    uint64_t tail = 0;
    for (size_t i = 0; i < n; ++i)
      tail = (tail << 8) | p[i];
    reg = fold(reg, tail, static_cast<unsigned>(8 * n));
  }
  return reg;
}

// Base-40 callsign encoding of M17 addresses (first character least
// significant); characters outside the alphabet count as spaces.
uint64_t encode_callsign(const char *cs) {
  static const char alphabet[] = " ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-/.";
  uint64_t v = 0;
  size_t len = 0;
  while (cs[len] && len < 9)
    ++len;
  for (size_t i = len; i-- > 0;) {
    char c = cs[i];
    if (c >= 'a' && c <= 'z')
      c = static_cast<char>(c - 'a' + 'A');
    uint64_t digit = 0;
    for (uint64_t d = 0; d < 40; ++d)
      if (alphabet[d] == c) {
        digit = d;
        break;
      }
    v = v * 40 + digit;
  }
  return v;
}

struct LinkSetupFrame {
  enum { kDst = 0, kSrc = 6, kType = 12, kMeta = 14, kCrc = 28, kSize = 30 };
  uint8_t raw[kSize];

  void compose(const char *dst, const char *src, uint16_t type,
               const uint8_t meta[14]);
  void seal();
  bool intact() const;
};

void LinkSetupFrame::compose(const char *dst, const char *src, uint16_t type,
                             const uint8_t meta[14]) {
  uint64_t d = dst ? encode_callsign(dst) : 0xFFFFFFFFFFFFull; // broadcast
  uint64_t s = encode_callsign(src);
  for (int i = 0; i < 6; ++i) {
    raw[kDst + i] = static_cast<uint8_t>(d >> (40 - 8 * i));
    raw[kSrc + i] = static_cast<uint8_t>(s >> (40 - 8 * i));
  }
  raw[kType] = static_cast<uint8_t>(type >> 8);
  raw[kType + 1] = static_cast<uint8_t>(type);
  for (int i = 0; i < 14; ++i)
    raw[kMeta + i] = meta ? meta[i] : 0;
  seal();
}

void LinkSetupFrame::seal() {
  uint16_t c = WideWindowCrc::run(WideWindowCrc::kPreset, raw, kCrc);
  raw[kCrc] = static_cast<uint8_t>(c >> 8);
  raw[kCrc + 1] = static_cast<uint8_t>(c & 0xFF);
}

// Dividing the frame including its big-endian CRC leaves zero.
bool LinkSetupFrame::intact() const {
  return WideWindowCrc::run(WideWindowCrc::kPreset, raw, kSize) == 0;
}

// Stream mode repeats the LSF as six 40-bit LICH chunks, numbered 0..5.
// Chunks arriving in order are divided as they come, one 40-bit window
// each; otherwise the reassembled frame is divided once complete.
class LichAssembler {
public:
  LichAssembler() : seen_(0), next_(0), reg_(WideWindowCrc::kPreset) {}
  // Returns true when a complete LSF with a valid CRC is available.
  bool add(unsigned counter, const uint8_t chunk[5]);
  const LinkSetupFrame &frame() const { return lsf_; }

private:
  LinkSetupFrame lsf_;
  unsigned seen_;
  unsigned next_;
  uint16_t reg_;
};

bool LichAssembler::add(unsigned counter, const uint8_t chunk[5]) {
  if (counter > 5)
    return false;
  uint64_t bits = 0;
  for (int i = 0; i < 5; ++i) {
    lsf_.raw[5 * counter + i] = chunk[i];
    bits = (bits << 8) | chunk[i];
  }
  if (counter == 0) {
    seen_ = 0;
    next_ = 0;
    reg_ = WideWindowCrc::kPreset;
  }
  seen_ |= 1u << counter;
  if (counter == next_) {
    reg_ = WideWindowCrc::fold(reg_, bits, 40);
    ++next_;
  } else {
    next_ = 99; // out of order: fall back to a full pass
  }
  if (seen_ != 0x3F)
    return false;
  bool ok = next_ == 6 ? reg_ == 0 : lsf_.intact();
  seen_ = 0;
  next_ = 0;
  reg_ = WideWindowCrc::kPreset;
  return ok;
}

// Packet mode: the packet data is followed by its CRC, big-endian.
size_t packet_seal(uint8_t *buf, size_t len, size_t cap) {
  if (len + 2 > cap)
    return 0;
  uint16_t c = WideWindowCrc::run(WideWindowCrc::kPreset, buf, len);
  buf[len] = static_cast<uint8_t>(c >> 8);
  buf[len + 1] = static_cast<uint8_t>(c);
  return len + 2;
}

bool packet_intact(const uint8_t *buf, size_t len) {
  return len >= 2 && WideWindowCrc::run(WideWindowCrc::kPreset, buf, len) == 0;
}

} // namespace m17

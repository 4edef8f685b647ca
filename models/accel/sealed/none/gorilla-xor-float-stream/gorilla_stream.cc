// Time-series block compression in the style of Facebook's Gorilla
// (Pelkonen et al., VLDB 2015): timestamps as delta-of-delta with a
// variable-length prefix code, double values as XOR against the previous
// value with leading/trailing-zero windows.
//
// Stream layout (bits, most significant first):
//   header : 64-bit first timestamp, 64-bit IEEE-754 pattern of first value
//   per further point:
//     timestamp: D = (t_i - t_{i-1}) - (t_{i-1} - t_{i-2}), previous delta 0
//                for the second point
//         D == 0            '0'
//         -63   .. 64       '10'   + 7 bits
//         -255  .. 256      '110'  + 9 bits
//         -2047 .. 2048     '1110' + 12 bits
//         otherwise         '1111' + 32 bits (two's complement)
//     value: X = bits(v_i) ^ bits(v_{i-1})
//         X == 0            '0'
//         fits the previous window  '10' + window bits
//         else              '11' + 5 bits leading zeros (capped at 31)
//                               + 6 bits window length (64 stored as 0)
//                               + window bits
#include <stddef.h>
#include <stdint.h>
#include <string.h>

namespace tsz {

class BitSink {
public:
  BitSink(uint8_t *buf, size_t cap) : buf_(buf), cap_(cap), nbits_(0) {}

  // Appends the low `count` bits of v, most significant first.
  void put(uint64_t v, unsigned count) {
    while (count > 0) {
      size_t byte = nbits_ >> 3;
      unsigned room = 8 - (unsigned)(nbits_ & 7);
      unsigned take = count < room ? count : room;
      uint8_t chunk =
          (uint8_t)((v >> (count - take)) & ((1u << take) - 1u));
      if (byte < cap_) {
        if ((nbits_ & 7) == 0)
          buf_[byte] = 0;
        buf_[byte] |= (uint8_t)(chunk << (room - take));
      }
      nbits_ += take;
      count -= take;
    }
  }
  size_t bits() const { return nbits_; }
  bool ok() const { return ((nbits_ + 7) >> 3) <= cap_; }

private:
  uint8_t *buf_;
  size_t cap_;
  size_t nbits_;
};

class BitSource {
public:
  BitSource(const uint8_t *buf, size_t nbits)
      : buf_(buf), nbits_(nbits), pos_(0), bad_(false) {}

  uint64_t get(unsigned count) {
    uint64_t v = 0;
    if (pos_ + count > nbits_) {
      bad_ = true;
      pos_ = nbits_;
      return 0;
    }
    while (count > 0) {
      unsigned off = (unsigned)(pos_ & 7);
      unsigned avail = 8 - off;
      unsigned take = count < avail ? count : avail;
      unsigned byte = buf_[pos_ >> 3];
      unsigned chunk = (byte >> (avail - take)) & ((1u << take) - 1u);
      v = (v << take) | chunk;
      pos_ += take;
      count -= take;
    }
    return v;
  }
  // Counts leading 1 bits, stopping after `limit` ones or at the first 0.
  unsigned ones_prefix(unsigned limit) {
    unsigned n = 0;
    while (n < limit && get(1) == 1)
      n++;
    return n;
  }
  bool bad() const { return bad_; }

private:
  const uint8_t *buf_;
  size_t nbits_;
  size_t pos_;
  bool bad_;
};

static inline uint64_t double_bits(double d) {
  uint64_t u;
  memcpy(&u, &d, sizeof u);
  return u;
}

static inline double bits_double(uint64_t u) {
  double d;
  memcpy(&d, &u, sizeof d);
  return d;
}

static inline unsigned leading_zeros64(uint64_t x) {
  unsigned n = 0;
  if (x == 0)
    return 64;
  for (uint64_t probe = 1ull << 63; !(x & probe); probe >>= 1)
    n++;
  return n;
}

static inline unsigned trailing_zeros64(uint64_t x) {
  unsigned n = 0;
  if (x == 0)
    return 64;
  while (!(x & 1)) {
    x >>= 1;
    n++;
  }
  return n;
}

struct DodClass {
  unsigned prefix_len; // number of prefix bits
  uint32_t prefix;     // their value
  unsigned width;      // payload bits
  int64_t lo, hi;      // representable range
};

static const DodClass kDodClasses[4] = {
    {2, 0x2, 7, -63, 64},
    {3, 0x6, 9, -255, 256},
    {4, 0xE, 12, -2047, 2048},
    {4, 0xF, 32, INT32_MIN, INT32_MAX},
};

class Encoder {
public:
  Encoder(uint8_t *buf, size_t cap)
      : out_(buf, cap), count_(0), prev_ts_(0), prev_delta_(0), prev_val_(0),
        lead_(0), trail_(0), have_window_(false) {}

  // Returns false if the delta-of-delta does not fit 32 bits.
  bool append(int64_t ts, double value) {
    uint64_t v = double_bits(value);
    if (count_ == 0) {
      out_.put((uint64_t)ts, 64);
      out_.put(v, 64);
    } else {
      // wrap-around arithmetic: no signed overflow on extreme stamps
      int64_t delta = (int64_t)((uint64_t)ts - (uint64_t)prev_ts_);
      int64_t dod = (int64_t)((uint64_t)delta - (uint64_t)prev_delta_);
      if (!put_dod(dod))
        return false;
      put_value(v);
      prev_delta_ = delta;
    }
    prev_ts_ = ts;
    prev_val_ = v;
    count_++;
    return true;
  }

  size_t bits() const { return out_.bits(); }
  size_t bytes() const { return (out_.bits() + 7) >> 3; }
  size_t count() const { return count_; }
  bool ok() const { return out_.ok(); }

private:
  bool put_dod(int64_t dod) {
    if (dod == 0) {
      out_.put(0, 1);
      return true;
    }
    for (const DodClass &c : kDodClasses) {
      if (dod >= c.lo && dod <= c.hi) {
        out_.put(c.prefix, c.prefix_len);
        out_.put((uint64_t)dod, c.width);
        return true;
      }
    }
    return false;
  }

  void put_value(uint64_t v) {
    uint64_t x = v ^ prev_val_;
    if (x == 0) {
      out_.put(0, 1);
      return;
    }
    unsigned lz = leading_zeros64(x);
    unsigned tz = trailing_zeros64(x);
    if (lz > 31)
      lz = 31;
    if (have_window_ && lz >= lead_ && tz >= trail_) {
      out_.put(0x2, 2);
      unsigned len = 64 - lead_ - trail_;
      out_.put(x >> trail_, len);
      return;
    }
    unsigned len = 64 - lz - tz;
    out_.put(0x3, 2);
    out_.put(lz, 5);
    out_.put(len & 63, 6);
    out_.put(x >> tz, len);
    lead_ = lz;
    trail_ = tz;
    have_window_ = true;
  }

  BitSink out_;
  size_t count_;
  int64_t prev_ts_;
  int64_t prev_delta_;
  uint64_t prev_val_;
  unsigned lead_, trail_;
  bool have_window_;
};

static int64_t sign_extend(uint64_t raw, unsigned width, int64_t hi) {
  // Values above the class's upper bound are negative.
  int64_t v = (int64_t)raw;
  if (v > hi)
    v -= (int64_t)1 << width;
  return v;
}

// Decodes `count` points; returns the number decoded before any error.
size_t decode(const uint8_t *buf, size_t nbits, size_t count, int64_t *ts,
              double *vals) {
  BitSource in(buf, nbits);
  if (count == 0)
    return 0;
  int64_t t = (int64_t)in.get(64);
  uint64_t v = in.get(64);
  if (in.bad())
    return 0;
  ts[0] = t;
  vals[0] = bits_double(v);
  int64_t delta = 0;
  unsigned lead = 0, trail = 0;
  size_t i;
  for (i = 1; i < count; i++) {
    unsigned ones = in.ones_prefix(4);
    int64_t dod = 0;
    if (ones > 0) {
      const DodClass &c = kDodClasses[ones - 1];
      uint64_t raw = in.get(c.width);
      dod = (c.width == 32) ? (int64_t)(int32_t)(uint32_t)raw
                            : sign_extend(raw, c.width, c.hi);
    }
    delta = (int64_t)((uint64_t)delta + (uint64_t)dod);
    t = (int64_t)((uint64_t)t + (uint64_t)delta);
    if (in.get(1)) {
      uint64_t x;
      if (in.get(1)) {
        lead = (unsigned)in.get(5);
        unsigned len = (unsigned)in.get(6);
        if (len == 0)
          len = 64;
        if (lead + len > 64)
          break;
        trail = 64 - lead - len;
        x = in.get(len) << trail;
      } else {
        unsigned len = 64 - lead - trail;
        x = in.get(len) << trail;
      }
      v ^= x;
    }
    if (in.bad())
      break;
    ts[i] = t;
    vals[i] = bits_double(v);
  }
  return i;
}

} // namespace tsz

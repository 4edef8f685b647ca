/* Software IEEE 754 binary16 <-> binary32 conversion on the bit patterns
 * (for telemetry and ML inference payloads on cores without an FPU half
 * type): widening handles subnormal halves by normalising the mantissa;
 * narrowing rounds to nearest, ties to even, overflows to infinity, makes
 * subnormal halves below 2^-14 and keeps NaNs quiet. Label: none. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#define H_SIGN 0x8000u
#define H_EXP 0x7c00u
#define H_MANT 0x03ffu

uint32_t widen16(uint16_t h) {
  uint32_t sign = (uint32_t)(h & H_SIGN) << 16;
  uint32_t e = (h & H_EXP) >> 10;
  uint32_t m = h & H_MANT;
  if (e == 0x1f) /* inf / NaN */
    return sign | 0x7f800000u | (m << 13) | (m ? 0x00400000u : 0);
  if (e == 0) {
    if (m == 0)
      return sign;
    /* subnormal: shift the leading one up to the hidden bit */
    int32_t k = 0;
    do {
      m <<= 1;
      k++;
    } while (!(m & 0x400u));
    m &= H_MANT;
    e = (uint32_t)(1 - k);
    return sign | ((e + 112u) << 23) | (m << 13);
  }
  return sign | ((e + 112u) << 23) | (m << 13);
}

uint16_t narrow32(uint32_t f) {
  uint16_t sign = (uint16_t)((f >> 16) & H_SIGN);
  int32_t e = (int32_t)((f >> 23) & 0xff);
  uint32_t m = f & 0x007fffffu;
  if (e == 0xff) {
    if (m == 0)
      return sign | H_EXP;
    return (uint16_t)(sign | H_EXP | 0x200u | (m >> 13));
  }
  int32_t he = e - 127 + 15;
  if (he >= 0x1f)
    return sign | H_EXP; /* overflow */
  if (he <= 0) {
    /* subnormal half (or zero): value = m' * 2^-24 */
    if (he < -10)
      return sign; /* below half of the smallest subnormal */
    m |= 0x00800000u;
    unsigned shift = (unsigned)(14 - he);
    uint32_t q = m >> shift;
    uint32_t rem = m & ((1u << shift) - 1);
    uint32_t half = 1u << (shift - 1);
    if (rem > half || (rem == half && (q & 1)))
      q++;
    return (uint16_t)(sign | q); /* q may carry into the exponent: fine */
  }
  uint32_t q = ((uint32_t)he << 10) | (m >> 13);
  uint32_t rem = m & 0x1fffu;
  if (rem > 0x1000u || (rem == 0x1000u && (q & 1)))
    q++; /* a carry out of the mantissa bumps the exponent, up to inf */
  return (uint16_t)(sign | q);
}

/* Array forms, as a payload converter calls them. */
void halves_to_floats(const uint16_t *in, float *out, size_t n) {
  size_t i = 0;
  for (; i + 2 <= n; i += 2) {
    uint32_t a = widen16(in[i]), b = widen16(in[i + 1]);
    memcpy(&out[i], &a, 4);
    memcpy(&out[i + 1], &b, 4);
  }
  if (i < n) {
    uint32_t a = widen16(in[i]);
    memcpy(&out[i], &a, 4);
  }
}

size_t floats_to_halves(const float *in, uint16_t *out, size_t n) {
  size_t clipped = 0;
  for (size_t i = 0; i < n; i++) {
    uint32_t bits;
    memcpy(&bits, &in[i], 4);
    uint16_t h = narrow32(bits);
    if ((h & H_EXP) == H_EXP && (bits & 0x7f800000u) != 0x7f800000u)
      clipped++; /* finite input that became infinity */
    out[i] = h;
  }
  return clipped;
}

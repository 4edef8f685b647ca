/* Number-representation conversions found in device drivers and RTC/
 * encoder handling: reflected binary Gray code to binary (prefix xor),
 * binary to packed BCD by shift-and-add-3 ("double dabble"), packed BCD to
 * binary, and packed-BCD addition with per-digit decimal adjust.
 * Label: none. */
#include <stdint.h>

typedef uint32_t u32;
typedef uint64_t u64;

u32 from_gray(u32 g) {
  u32 b = g;
  unsigned s = 1;
  while (s < 32) {
    b ^= b >> s;
    s <<= 1;
  }
  return b;
}

/* Gray-coded position of a rotary encoder: returns the signed step between
 * two readings of an n-bit encoder (shortest way round). */
int encoder_step(u32 prev_gray, u32 cur_gray, int nbits) {
  u32 mask = nbits >= 32 ? ~0u : (1u << nbits) - 1;
  u32 a = prev_gray & mask, c = cur_gray & mask;
  u32 pa = a, pc = c;
  for (int i = 1; i < nbits; i++) {
    pa ^= a >> i;
    pc ^= c >> i;
  }
  u32 d = (pc - pa) & mask;
  if (nbits < 32 && d > (mask >> 1))
    return (int)d - (int)(mask + 1);
  return (int)d;
}

/* 32-bit binary to 10 packed BCD digits. */
u64 to_bcd(u32 v) {
  u64 bcd = 0;
  for (int i = 31; i >= 0; i--) {
    /* add 3 to every digit >= 5 before the shift */
    for (int d = 0; d < 10; d++) {
      u64 nib = (bcd >> (4 * d)) & 0xF;
      if (nib >= 5)
        bcd += (u64)3 << (4 * d);
    }
    bcd = (bcd << 1) | ((v >> i) & 1);
  }
  return bcd;
}

/* Returns -1 for a nibble above 9. */
long long from_bcd(u64 bcd) {
  long long r = 0;
  int shift = 60;
  do {
    unsigned nib = (unsigned)(bcd >> shift) & 0xF;
    if (nib > 9)
      return -1;
    r = r * 10 + nib;
    shift -= 4;
  } while (shift >= 0);
  return r;
}

/* Packed-BCD add of two 8-digit numbers; carry out in *carry. */
u32 bcd_add(u32 a, u32 b, int *carry) {
  u32 sum = 0;
  unsigned c = 0;
  for (int d = 0; d < 32; d += 4) {
    unsigned t = ((a >> d) & 0xF) + ((b >> d) & 0xF) + c;
    if (t > 9) {
      t -= 10;
      c = 1;
    } else {
      c = 0;
    }
    sum |= (u32)t << d;
  }
  *carry = (int)c;
  return sum;
}

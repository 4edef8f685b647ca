/* CRCs as textbook polynomial long division of the augmented message (the
 * message followed by W zero bits) by the full generator, in a 64-bit
 * register: message bits enter at the bottom and the generator is
 * subtracted whenever a one reaches bit W. CRC-31/PHILIPS (generator
 * 0x04C11DB7, all-ones init and final xor) one bit at a time, the initial
 * value added to the first W bits of the augmented stream; CRC-30/CDMA
 * (generator 0x2030B9C7) by dividing 32-bit chunks at once (remainder:chunk
 * forms a 62-bit dividend reduced from its top bit down), starting from the
 * equivalent "indirect" initial remainder. Label: crc. */
#include <stddef.h>
#include <stdint.h>

#define G31 ((1ull << 31) | 0x04C11DB7ull)
#define G30 ((1ull << 30) | 0x2030B9C7ull)

uint32_t philips_check(const unsigned char *msg, size_t len) {
  const uint64_t init = 0x7FFFFFFFull;
  uint64_t rem = 0;
  size_t total = len * 8 + 31; /* augmented length in bits */
  for (size_t i = 0; i < total; i++) {
    uint64_t bit = 0;
    if (i < len * 8)
      bit = (msg[i / 8] >> (7 - i % 8)) & 1;
    if (i < 31)
      bit ^= (init >> (30 - i)) & 1;
    rem = (rem << 1) | bit;
    if (rem & (1ull << 31))
      rem ^= G31;
  }
  return (uint32_t)(rem ^ 0x7FFFFFFFull);
}

/* Reduce the dividend (rem << k | chunk), whose top term is at most
 * x^(29+k), by the 31-term generator, from the top bit down to bit 30. */
static uint64_t reduce30(uint64_t dividend, int k) {
  int b;
  for (b = 29 + k; b >= 30; --b) {
    if ((dividend >> b) & 1ull)
      dividend ^= G30 << (b - 30);
  }
  return dividend;
}

/* The division starts from the "indirect" initial remainder: the seed
 * divided by x^30 modulo the generator, found by running the shift
 * backwards 30 times (the generator's constant term is 1). */
static uint64_t unshift30(uint64_t r) {
  int i = 30;
  do {
    if (r & 1ull)
      r ^= G30;
    r >>= 1;
  } while (--i);
  return r;
}

uint32_t cdma_quality(const unsigned char *msg, size_t len) {
  uint64_t rem = unshift30(0x3FFFFFFFull);
  const unsigned char *p = msg;
  size_t words = len / 4;
  while (words--) {
    uint64_t chunk = (uint64_t)p[0] << 24 | (uint64_t)p[1] << 16 |
                     (uint64_t)p[2] << 8 | (uint64_t)p[3];
    rem = reduce30(rem << 32 | chunk, 32);
    p += 4;
  }
  for (size_t left = len % 4; left > 0; left--)
    rem = reduce30(rem << 8 | *p++, 8);
  rem = reduce30(rem << 30, 30); /* the augmenting zeros */
  return (uint32_t)(rem ^ 0x3FFFFFFFull);
}

/* CRC-32/MPEG-2 (poly 0x04C11DB7, MSB first, no reflection) computed as
 * polynomial arithmetic over GF(2): each 32-bit big-endian word W updates
 * the remainder as R' = (R ^ W) * x^32 mod P, with the reduction done by
 * Barrett's method (two carry-less multiplications by mu = x^64 div P and
 * by P), the way hardware with a carry-less multiplier folds; here the
 * carry-less multiply is emulated in software. Bytes left over are reduced
 * one bit at a time. Label: crc. */
#include <stddef.h>
#include <stdint.h>

#define P_LOW 0x04C11DB7u /* P = x^32 + P_LOW */

/* Carry-less (GF(2)[x]) product of two 32-bit polynomials. Generic. */
uint64_t clmul32(uint32_t a, uint32_t b) {
  uint64_t acc = 0;
  uint64_t sh = a;
  while (b != 0) {
    if (b & 1u)
      acc ^= sh;
    sh <<= 1;
    b >>= 1;
  }
  return acc;
}

/* mu = floor(x^64 / P) by long division; returns its low 32 bits (the
 * x^32 term is always set). */
uint32_t barrett_mu(void) {
  uint64_t rem = 0, quo = 0;
  for (int i = 64; i >= 0; i--) {
    rem = (rem << 1) | (i == 64 ? 1u : 0u);
    quo <<= 1;
    if (rem & 0x100000000ull) {
      rem ^= 0x100000000ull | P_LOW;
      quo |= 1;
    }
  }
  return (uint32_t)quo;
}

uint32_t poly_residue(uint32_t mu_low, const uint8_t *msg, size_t len) {
  uint32_t rem = 0xFFFFFFFFu;
  size_t i = 0;
  for (; i + 4 <= len; i += 4) {
    uint32_t t = rem ^ ((uint32_t)msg[i] << 24 | (uint32_t)msg[i + 1] << 16 |
                        (uint32_t)msg[i + 2] << 8 | msg[i + 3]);
    /* q = floor(t * mu / x^32), mu = x^32 + mu_low */
    uint32_t q = (uint32_t)((clmul32(t, mu_low) ^ ((uint64_t)t << 32)) >> 32);
    /* t * x^32 - q * P has only the low 32 bits left */
    rem = (uint32_t)clmul32(q, P_LOW);
  }
  for (; i < len; i++) {
    rem ^= (uint32_t)msg[i] << 24;
    for (int b = 0; b < 8; b++)
      rem = (rem << 1) ^ ((rem & 0x80000000u) ? P_LOW : 0u);
  }
  return rem;
}

/* Updating a stored CRC-32 (ISO-HDLC: reflected generator 0xEDB88320,
 * all-ones init and final xor) after a few bytes of a long record were
 * rewritten, without reading the rest of the record again. CRC is affine
 * in the message, so for two messages of equal length the init and final
 * xor cancel: crc(new) = crc(old) ^ raw(delta), where delta is old ^ new
 * (zero outside the changed bytes) and raw() is the CRC with zero init and
 * no final xor. Leading zeros leave a zero register unchanged; the trailing
 * zeros multiply the register by x^(8*n) modulo the generator, computed by
 * square-and-multiply in the reflected bit order (bit 31 is x^0).
 * Label: crc. */
#include <stddef.h>
#include <stdint.h>

#define GEN_R 0xEDB88320u

/* Raw register update (zero init, no final xor), bit at a time. */
uint32_t raw_feed(uint32_t reg, const uint8_t *p, size_t n) {
  while (n--) {
    reg ^= *p++;
    for (int k = 0; k < 8; k++)
      reg = (reg & 1u) ? (reg >> 1) ^ GEN_R : reg >> 1;
  }
  return reg;
}

/* a(x) * b(x) mod G(x), both in reflected order. */
uint32_t gf_mulmod(uint32_t a, uint32_t b) {
  uint32_t prod = 0;
  uint32_t bit = 0x80000000u; /* x^0 */
  while (bit != 0) {
    if (a & bit)
      prod ^= b;
    /* b := b * x mod G */
    b = (b & 1u) ? (b >> 1) ^ GEN_R : (b >> 1);
    bit >>= 1;
  }
  return prod;
}

/* x^(8*nbytes) mod G by square-and-multiply over the exponent's bits. */
uint32_t gf_xpow_bytes(uint64_t nbytes) {
  uint32_t result = 0x80000000u; /* 1 */
  uint32_t sq = 0x00800000u;     /* x^8 */
  while (nbytes != 0) {
    if (nbytes & 1u)
      result = gf_mulmod(result, sq);
    sq = gf_mulmod(sq, sq);
    nbytes >>= 1;
  }
  return result;
}

/* The record is total bytes long; at offset off, count bytes changed from
 * before[] to after[]. Returns the record's new CRC. */
uint32_t crc_patch(uint32_t old_crc, uint64_t total, uint64_t off,
                   const uint8_t *before, const uint8_t *after, size_t count) {
  uint32_t d = 0;
  for (size_t i = 0; i < count; i++) {
    uint8_t x = before[i] ^ after[i];
    d ^= x;
    for (int k = 0; k < 8; k++)
      d = (d >> 1) ^ (GEN_R & (0u - (d & 1u)));
  }
  uint64_t tail = total - off - count;
  if (tail != 0)
    d = gf_mulmod(d, gf_xpow_bytes(tail));
  return old_crc ^ d;
}

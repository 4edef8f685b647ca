/* CRC-32 (ISO-HDLC, reflected poly 0xEDB88320) of a concatenation from the
 * CRCs of its parts, as a NIC driver needs when segments are checksummed
 * separately: the register update over n zero bytes is a linear map over
 * GF(2), kept as a 32x32 bit matrix (one word per column), raised to the
 * needed power by repeated squaring and applied to the first CRC (short
 * parts: the zero bytes are run through the register bit by bit).
 * Label: crc. */
#include <stddef.h>
#include <stdint.h>

/* Matrix times vector: xor of the columns picked by the set bits of v. */
uint32_t gf2_apply(const uint32_t *col, uint32_t v) {
  uint32_t sum = 0;
  while (v) {
    if (v & 1)
      sum ^= *col;
    v >>= 1;
    col++;
  }
  return sum;
}

/* dst = src * src, column by column. */
void gf2_square(uint32_t dst[32], const uint32_t src[32]) {
  for (int c = 0; c < 32; c++) {
    uint32_t x = src[c], acc = 0;
    for (int r = 0; x != 0; r++, x >>= 1)
      if (x & 1)
        acc ^= src[r];
    dst[c] = acc;
  }
}

/* The same map applied directly: the register run over n zero bytes,
 * eight shift/feedback steps per byte (used for short second parts). */
uint32_t zeros_extend(uint32_t reg, size_t n) {
  for (size_t i = 0; i < n; i++) {
    int k = 8;
    while (k--) {
      uint32_t low = reg & 1u;
      reg >>= 1;
      if (low)
        reg ^= 0xEDB88320u;
    }
  }
  return reg;
}

/* crc(A || B) from crc(A), crc(B) and the length of B in bytes. */
uint32_t seg_join(uint32_t crc_a, uint32_t crc_b, size_t len_b) {
  uint32_t even[32], odd[32];
  if (len_b < 16)
    return zeros_extend(crc_a, len_b) ^ crc_b;
  /* operator for one zero bit: shift right, feed back the polynomial */
  odd[0] = 0xEDB88320u;
  uint32_t bit = 1;
  for (int i = 1; i < 32; i++) {
    odd[i] = bit;
    bit <<= 1;
  }
  gf2_square(even, odd); /* two bits */
  gf2_square(odd, even); /* four bits */
  uint32_t *cur = even, *nxt = odd;
  gf2_square(cur, nxt); /* one byte, in cur */
  do {
    if (len_b & 1)
      crc_a = gf2_apply(cur, crc_a);
    len_b >>= 1;
    if (len_b) {
      gf2_square(nxt, cur);
      uint32_t *t = cur;
      cur = nxt;
      nxt = t;
    }
  } while (len_b);
  return crc_a ^ crc_b;
}

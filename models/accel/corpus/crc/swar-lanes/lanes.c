/* Several independent CRC-8s computed at once, one per byte lane of a
 * machine word (SIMD within a register), for data striped byte by byte
 * across lanes (e.g. one CRC per link of a bonded group). The top bit of
 * every lane is gathered with a mask, and the polynomial is added to the
 * lanes that need it by multiplying the 0/1 lane bits by it. Four lanes
 * of CRC-8/SMBUS (poly 0x07) in 32 bits; eight lanes of CRC-8/AUTOSAR
 * (poly 0x2F, seed and final xor 0xFF) in 64 bits. Label: crc. */
#include <stddef.h>
#include <stdint.h>

/* stripe[i] holds byte i of the message of every lane: lane k is bits
 * 8k..8k+7. Returns the four CRCs packed the same way. */
uint32_t lanes4_pec(const uint32_t *stripe, size_t count) {
  uint32_t r = 0;
  for (size_t i = 0; i < count; i++) {
    r ^= stripe[i];
    for (int b = 0; b < 8; b++) {
      uint32_t top = (r >> 7) & 0x01010101u;
      r = ((r << 1) & 0xFEFEFEFEu) ^ (top * 0x07u);
    }
  }
  return r;
}

/* Bytes arrive interleaved: p[8*i + k] is byte i of lane k. */
void lanes8_autosar(const uint8_t *p, size_t per_lane, uint8_t out[8]) {
  uint64_t r = ~0ull;
  const uint64_t hi = 0x8080808080808080ull;
  for (size_t i = 0; i < per_lane; i++, p += 8) {
    uint64_t w = 0;
    for (int k = 7; k >= 0; k--)
      w = (w << 8) | p[k];
    r ^= w;
    int b = 8;
    while (b--) {
      uint64_t m = (r & hi) >> 7;
      r = ((r & ~hi) << 1) ^ (m * 0x2Full);
    }
  }
  for (int k = 0; k < 8; k++)
    out[k] = (uint8_t)(r >> (8 * k)) ^ 0xFF;
}

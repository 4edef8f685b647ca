/* SeaHash (Ticki's hash for TFS): four 64-bit lanes with fixed initial
 * values take successive 8-byte little-endian words in turn (the last,
 * short word zero-extended), each as lane = diffuse(lane ^ word), where
 * diffuse multiplies by 0x6eed0e9da4d94a4f, xors x >> 32 shifted right by
 * a further x >> 60, and multiplies again. The result is
 * diffuse(a ^ b ^ c ^ d ^ length). Label: hash. */
#include <stddef.h>
#include <stdint.h>

#define SEA_P 0x6eed0e9da4d94a4fULL

static uint64_t diffuse(uint64_t x) {
  x *= SEA_P;
  x ^= (x >> 32) >> (x >> 60);
  x *= SEA_P;
  return x;
}

uint64_t sea_bytes(const unsigned char *buf, size_t len) {
  uint64_t lane[4] = {0x16f11fe89b0d677cULL, 0xb480a793d8e6c86cULL,
                      0x6fe2e5aaf078ebc9ULL, 0x14f994a4c5259381ULL};
  unsigned which = 0;
  size_t left = len;
  const unsigned char *p = buf;
  while (left > 0) {
    size_t take = left < 8 ? left : 8;
    uint64_t w = 0;
    for (size_t i = take; i-- > 0;)
      w = w << 8 | p[i];
    lane[which] = diffuse(lane[which] ^ w);
    which = (which + 1) & 3;
    p += take;
    left -= take;
  }
  return diffuse(lane[0] ^ lane[1] ^ lane[2] ^ lane[3] ^ (uint64_t)len);
}

/* A fixed 24-byte key already in three little-endian words, unrolled:
 * lanes a, b, c take one word each and d keeps its initial value. */
uint64_t sea_key3(const uint64_t w[3]) {
  uint64_t a = 0x16f11fe89b0d677cULL, b = 0xb480a793d8e6c86cULL;
  uint64_t c = 0x6fe2e5aaf078ebc9ULL, d = 0x14f994a4c5259381ULL;
  a ^= w[0];
  a *= SEA_P;
  a ^= (a >> 32) >> (a >> 60);
  a *= SEA_P;
  b ^= w[1];
  b *= SEA_P;
  b ^= (b >> 32) >> (b >> 60);
  b *= SEA_P;
  c ^= w[2];
  c *= SEA_P;
  c ^= (c >> 32) >> (c >> 60);
  c *= SEA_P;
  return diffuse(a ^ b ^ c ^ d ^ 24);
}

/* SipHash-2-4 from the paper's description. Label: hash. */
#include <stdint.h>

#define RL(x, b) (uint64_t)(((x) << (b)) | ((x) >> (64 - (b))))
#define SIPROUND                                                              \
  do {                                                                        \
    v0 += v1; v1 = RL(v1, 13); v1 ^= v0; v0 = RL(v0, 32);                     \
    v2 += v3; v3 = RL(v3, 16); v3 ^= v2;                                      \
    v0 += v3; v3 = RL(v3, 21); v3 ^= v0;                                      \
    v2 += v1; v1 = RL(v1, 17); v1 ^= v2; v2 = RL(v2, 32);                     \
  } while (0)

uint64_t sip24(const uint8_t *in, unsigned long inlen, uint64_t k0,
               uint64_t k1) {
  uint64_t v0 = 0x736f6d6570736575ULL ^ k0;
  uint64_t v1 = 0x646f72616e646f6dULL ^ k1;
  uint64_t v2 = 0x6c7967656e657261ULL ^ k0;
  uint64_t v3 = 0x7465646279746573ULL ^ k1;
  uint64_t b = ((uint64_t)inlen) << 56;
  unsigned long i;
  for (i = 0; i + 8 <= inlen; i += 8) {
    uint64_t m = 0;
    for (int j = 0; j < 8; j++)
      m |= (uint64_t)in[i + j] << (8 * j);
    v3 ^= m;
    SIPROUND;
    SIPROUND;
    v0 ^= m;
  }
  for (int j = 0; i < inlen; i++, j++)
    b |= (uint64_t)in[i] << (8 * j);
  v3 ^= b;
  SIPROUND; SIPROUND;
  v0 ^= b;
  v2 ^= 0xff;
  SIPROUND; SIPROUND; SIPROUND; SIPROUND;
  return v0 ^ v1 ^ v2 ^ v3;
}

/* HalfSipHash-1-3 on two 32-bit words, rounds as a loop. */
uint32_t halfsip(uint32_t a, uint32_t b, const uint32_t key[2]) {
  uint32_t v[4] = {key[0], key[1], 0x6c796765 ^ key[0], 0x74656462 ^ key[1]};
  uint32_t msg[2] = {a, b};
  for (int r = 0; r < 5; r++) {
    if (r < 2)
      v[3] ^= msg[r];
    if (r == 2)
      v[2] ^= 0xff;
    v[0] += v[1]; v[1] = (v[1] << 5) | (v[1] >> 27); v[1] ^= v[0];
    v[0] = (v[0] << 16) | (v[0] >> 16);
    v[2] += v[3]; v[3] = (v[3] << 8) | (v[3] >> 24); v[3] ^= v[2];
    v[0] += v[3]; v[3] = (v[3] << 7) | (v[3] >> 25); v[3] ^= v[0];
    v[2] += v[1]; v[1] = (v[1] << 13) | (v[1] >> 19); v[1] ^= v[2];
    v[2] = (v[2] << 16) | (v[2] >> 16);
    if (r < 2)
      v[0] ^= msg[r];
  }
  return v[1] ^ v[3];
}

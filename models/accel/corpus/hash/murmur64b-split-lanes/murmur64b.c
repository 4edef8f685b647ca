/* MurmurHash64B: Austin Appleby's 64-bit MurmurHash2 variant for 32-bit
 * machines.  Two independent 32-bit Murmur2 lanes (h1 and h2) absorb
 * alternate little-endian words of the input; a short cross-mixing
 * finaliser joins them into a 64-bit result (h1 high, h2 low). */
#include <stddef.h>
#include <stdint.h>

#define M64B_MUL 0x5bd1e995u
#define M64B_SHR 24

#define LE32_AT(p) \
  ((uint32_t)(p)[0] | ((uint32_t)(p)[1] << 8) | ((uint32_t)(p)[2] << 16) | \
   ((uint32_t)(p)[3] << 24))

uint64_t murmur64b(const void *buf, size_t len, uint64_t seed)
{
  const unsigned char *in = (const unsigned char *)buf;
  uint32_t lane_a = (uint32_t)seed ^ (uint32_t)len;
  uint32_t lane_b = (uint32_t)(seed >> 32);
  size_t left = len;
  uint32_t w;

  while (left >= 8) {
    w = LE32_AT(in);
    w *= M64B_MUL;
    w ^= w >> M64B_SHR;
    w *= M64B_MUL;
    lane_a = (lane_a * M64B_MUL) ^ w;

    w = LE32_AT(in + 4);
    w *= M64B_MUL;
    w ^= w >> M64B_SHR;
    w *= M64B_MUL;
    lane_b = (lane_b * M64B_MUL) ^ w;

    in += 8;
    left -= 8;
  }

  if (left >= 4) {
    w = LE32_AT(in);
    w *= M64B_MUL;
    w ^= w >> M64B_SHR;
    w *= M64B_MUL;
    lane_a = (lane_a * M64B_MUL) ^ w;
    in += 4;
    left -= 4;
  }

  if (left > 0) {
    uint32_t t = 0;
    if (left == 3)
      t ^= (uint32_t)in[2] << 16;
    if (left >= 2)
      t ^= (uint32_t)in[1] << 8;
    t ^= (uint32_t)in[0];
    lane_b = (lane_b ^ t) * M64B_MUL;
  }

  lane_a = (lane_a ^ (lane_b >> 18)) * M64B_MUL;
  lane_b = (lane_b ^ (lane_a >> 22)) * M64B_MUL;
  lane_a = (lane_a ^ (lane_b >> 17)) * M64B_MUL;
  lane_b = (lane_b ^ (lane_a >> 19)) * M64B_MUL;

  return ((uint64_t)lane_a << 32) | (uint64_t)lane_b;
}

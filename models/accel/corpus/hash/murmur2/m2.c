/* MurmurHash2 (32-bit, m = 0x5bd1e995, r = 24) and its 64-bit sibling
 * MurmurHash64A (m = 0xc6a4a7935bd1e995, r = 47), written from Austin
 * Appleby's description: multiply-shift-multiply each little-endian block,
 * fold it into h with a multiply, mix the 1-7 tail bytes, then a final
 * xor-shift/multiply avalanche. Label: hash. */
#include <stddef.h>
#include <stdint.h>

static inline uint32_t rd32(const unsigned char *p) {
  return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
         (uint32_t)p[3] << 24;
}

uint32_t hash_block(const void *key, size_t len, uint32_t seed) {
  const uint32_t m = 0x5bd1e995u;
  const unsigned char *data = (const unsigned char *)key;
  uint32_t h = seed ^ (uint32_t)len;
  size_t left = len;

  while (left >= 4) {
    uint32_t k = rd32(data);
    k *= m;
    k ^= k >> 24;
    k *= m;
    h *= m;
    h ^= k;
    data += 4;
    left -= 4;
  }
  if (left == 3)
    h ^= (uint32_t)data[2] << 16;
  if (left >= 2)
    h ^= (uint32_t)data[1] << 8;
  if (left >= 1) {
    h ^= data[0];
    h *= m;
  }
  h ^= h >> 13;
  h *= m;
  h ^= h >> 15;
  return h;
}

uint64_t hash64(const void *key, size_t len, uint64_t seed) {
  const uint64_t m = 0xc6a4a7935bd1e995ull;
  const int r = 47;
  const unsigned char *bytes = (const unsigned char *)key;
  uint64_t h = seed ^ (len * m);
  size_t nblocks = len / 8;

  for (size_t b = 0; b < nblocks; b++) {
    uint64_t k = 0;
    for (int j = 7; j >= 0; j--)
      k = (k << 8) | bytes[b * 8 + j];
    k *= m;
    k ^= k >> r;
    k *= m;
    h ^= k;
    h *= m;
  }
  const unsigned char *tail = bytes + nblocks * 8;
  size_t rest = len & 7;
  if (rest) {
    for (size_t j = rest; j-- > 0;)
      h ^= (uint64_t)tail[j] << (8 * j);
    h *= m;
  }
  h ^= h >> r;
  h *= m;
  h ^= h >> r;
  return h;
}

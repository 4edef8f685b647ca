/* MurmurHash3 x86_32 written from its description. Label: hash. */
#include <stdint.h>
#include <string.h>

uint32_t mm3(const void *key, int len, uint32_t seed) {
  const uint8_t *data = key;
  int nblocks = len / 4;
  uint32_t h1 = seed;
  const uint32_t c1 = 0xcc9e2d51, c2 = 0x1b873593;
  for (int i = 0; i < nblocks; i++) {
    uint32_t k1;
    memcpy(&k1, data + 4 * i, 4);
    k1 *= c1;
    k1 = (k1 << 15) | (k1 >> 17);
    k1 *= c2;
    h1 ^= k1;
    h1 = (h1 << 13) | (h1 >> 19);
    h1 = h1 * 5 + 0xe6546b64;
  }
  const uint8_t *tail = data + nblocks * 4;
  uint32_t k1 = 0;
  switch (len & 3) {
  case 3: k1 ^= tail[2] << 16; /* fall through */
  case 2: k1 ^= tail[1] << 8; /* fall through */
  case 1: k1 ^= tail[0];
    k1 *= c1; k1 = (k1 << 15) | (k1 >> 17); k1 *= c2; h1 ^= k1;
  }
  h1 ^= (uint32_t)len;
  h1 ^= h1 >> 16;
  h1 *= 0x85ebca6b;
  h1 ^= h1 >> 13;
  h1 *= 0xc2b2ae35;
  h1 ^= h1 >> 16;
  return h1;
}

/* 64-bit finaliser applied to a key (fmix64), as a standalone mixer. */
uint64_t mix64(uint64_t k) {
  k ^= k >> 33;
  k *= 0xff51afd7ed558ccdULL;
  k ^= k >> 33;
  k *= 0xc4ceb9fe1a85ec53ULL;
  k ^= k >> 33;
  return k;
}

/* Murmur2-style over 32-bit words. */
unsigned do_hash(const unsigned *w, unsigned n, unsigned seed) {
  const unsigned m = 0x5bd1e995;
  unsigned h = seed ^ (n * 4);
  for (unsigned i = 0; i < n; i++) {
    unsigned k = w[i];
    k *= m;
    k ^= k >> 24;
    k *= m;
    h *= m;
    h ^= k;
  }
  h ^= h >> 13;
  h *= m;
  h ^= h >> 15;
  return h;
}

/* LPM with a Bloom filter per prefix length (Dharmapurikar et al.): the
 * filters are queried for every length, then the off-chip table is probed
 * only for the lengths that answered "maybe", longest first. Label: lpm. */
#include <stdint.h>

struct bloom_lpm {
  uint64_t filter[33][64]; /* 4096 bits per length */
  int (*table_probe)(int len, uint32_t prefix);
};

static uint32_t h1(uint32_t x) { return (x * 0x9E3779B1u) >> 20; }
static uint32_t h2(uint32_t x) { return ((x ^ (x >> 15)) * 0x85EBCA6Bu) >> 20; }

int bloom_lookup(const struct bloom_lpm *b, uint32_t addr) {
  uint64_t maybe = 0;
  for (int len = 1; len <= 32; len++) {
    uint32_t p = addr & (0xFFFFFFFFu << (32 - len));
    uint32_t x = h1(p ^ (uint32_t)len), y = h2(p ^ (uint32_t)len);
    if (((b->filter[len][x >> 6] >> (x & 63)) & 1) &&
        ((b->filter[len][y >> 6] >> (y & 63)) & 1))
      maybe |= 1ull << len;
  }
  for (int len = 32; len >= 1; len--)
    if (maybe & (1ull << len)) {
      int hop = b->table_probe(len, addr & (0xFFFFFFFFu << (32 - len)));
      if (hop >= 0)
        return hop;
    }
  return -1;
}

/* Simple tabulation hashing (Zobrist): one random 256-entry table per key
 * byte, the hash is the xor of the looked-up words. Tables are filled from
 * a splitmix-like generator at start-up. Label: hash. */
#include <stdint.h>

static uint32_t T[4][256];

void tab_seed(uint64_t seed) {
  for (int c = 0; c < 4; c++)
    for (int i = 0; i < 256; i++) {
      seed += 0x9E3779B97F4A7C15ull;
      uint64_t z = seed;
      z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
      z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
      T[c][i] = (uint32_t)(z ^ (z >> 31));
    }
}

uint32_t tab_hash(uint32_t key) {
  return T[0][key & 0xFF] ^ T[1][(key >> 8) & 0xFF] ^ T[2][(key >> 16) & 0xFF] ^
         T[3][key >> 24];
}

uint32_t tab_hash_tuple(const uint32_t *words, int n) {
  uint32_t h = 0;
  for (int i = 0; i < n; i++) {
    uint32_t k = words[i] ^ h;
    h = T[0][k & 0xFF] ^ T[1][(k >> 8) & 0xFF] ^ T[2][(k >> 16) & 0xFF] ^
        T[3][k >> 24];
  }
  return h;
}

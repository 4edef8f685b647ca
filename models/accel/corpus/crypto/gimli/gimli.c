/* The Gimli permutation: a 3x4 matrix of 32-bit words; each column gets a
 * non-linear SP-box of rotations (24, 9), shifts and and/or; small and big
 * swaps every other round; round constant 0x9e377900 ^ round. Label: crypto. */
#include <stdint.h>

static uint32_t rot32(uint32_t x, int b) { return (x << b) | (x >> (32 - b)); }

void gimli(uint32_t *state) {
  for (int round = 24; round > 0; --round) {
    for (int column = 0; column < 4; ++column) {
      uint32_t x = rot32(state[column], 24);
      uint32_t y = rot32(state[4 + column], 9);
      uint32_t z = state[8 + column];
      state[8 + column] = x ^ (z << 1) ^ ((y & z) << 2);
      state[4 + column] = y ^ x ^ ((x | z) << 1);
      state[column] = z ^ y ^ ((x & y) << 3);
    }
    if ((round & 3) == 0) {
      uint32_t t = state[0];
      state[0] = state[1];
      state[1] = t;
      t = state[2];
      state[2] = state[3];
      state[3] = t;
    }
    if ((round & 3) == 2) {
      uint32_t t = state[0];
      state[0] = state[2];
      state[2] = t;
      t = state[1];
      state[1] = state[3];
      state[3] = t;
    }
    if ((round & 3) == 0)
      state[0] ^= (0x9e377900u | (uint32_t)round);
  }
}

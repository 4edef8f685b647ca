/* PRESENT lightweight block cipher: a 4-bit S-box applied to the sixteen
 * nibbles of a 64-bit state, then a bit permutation (bit i to 16i mod 63),
 * 31 rounds with round-key xor. Label: crypto. */
#include <stdint.h>

static const uint8_t S4[16] = {0xC, 5,   6,   0xB, 9, 0, 0xA, 0xD,
                               3,   0xE, 0xF, 8,   4, 7, 1,   2};

static uint64_t sbox_layer(uint64_t s) {
  uint64_t o = 0;
  for (int i = 0; i < 16; i++)
    o |= (uint64_t)S4[(s >> (4 * i)) & 0xF] << (4 * i);
  return o;
}

static uint64_t p_layer(uint64_t s) {
  uint64_t o = 0;
  for (int i = 0; i < 64; i++) {
    int to = i == 63 ? 63 : (16 * i) % 63;
    o |= ((s >> i) & 1) << to;
  }
  return o;
}

uint64_t present_encrypt(uint64_t state, const uint64_t rk[32]) {
  for (int r = 0; r < 31; r++) {
    state ^= rk[r];
    state = sbox_layer(state);
    state = p_layer(state);
  }
  return state ^ rk[31];
}

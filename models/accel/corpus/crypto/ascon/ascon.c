/* Ascon permutation: five 64-bit words, round-constant xor, a bitsliced
 * 5-bit S-box as and/xor/not formulas, and a linear layer of two rotations
 * per word. Label: crypto. */
#include <stdint.h>

static uint64_t ror64(uint64_t x, int n) { return x >> n | x << (64 - n); }

void ascon_rounds(uint64_t s[5], int nr) {
  for (int r = 12 - nr; r < 12; r++) {
    s[2] ^= (uint64_t)((0xf - r) << 4 | r);
    s[0] ^= s[4];
    s[4] ^= s[3];
    s[2] ^= s[1];
    uint64_t t0 = ~s[0] & s[1], t1 = ~s[1] & s[2], t2 = ~s[2] & s[3],
             t3 = ~s[3] & s[4], t4 = ~s[4] & s[0];
    s[0] ^= t1;
    s[1] ^= t2;
    s[2] ^= t3;
    s[3] ^= t4;
    s[4] ^= t0;
    s[1] ^= s[0];
    s[0] ^= s[4];
    s[3] ^= s[2];
    s[2] = ~s[2];
    s[0] ^= ror64(s[0], 19) ^ ror64(s[0], 28);
    s[1] ^= ror64(s[1], 61) ^ ror64(s[1], 39);
    s[2] ^= ror64(s[2], 1) ^ ror64(s[2], 6);
    s[3] ^= ror64(s[3], 10) ^ ror64(s[3], 17);
    s[4] ^= ror64(s[4], 7) ^ ror64(s[4], 41);
  }
}

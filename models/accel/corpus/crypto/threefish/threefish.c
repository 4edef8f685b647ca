/* Threefish-256 (Skein's block cipher): MIX = add, rotate left by a
 * per-round amount, xor; word permutation; a subkey injected every four
 * rounds from the extended key and tweak. Label: crypto. */
#include <stdint.h>

static const int R256[8][2] = {{14, 16}, {52, 57}, {23, 40}, {5, 37},
                               {25, 33}, {46, 12}, {58, 22}, {32, 32}};

void threefish256(uint64_t x[4], const uint64_t k[5], const uint64_t t[3]) {
  for (int d = 0; d < 72; d++) {
    if (d % 4 == 0) {
      int s = d / 4;
      for (int i = 0; i < 4; i++)
        x[i] += k[(s + i) % 5];
      x[1] += t[s % 3];
      x[2] += t[(s + 1) % 3];
      x[3] += (uint64_t)s;
    }
    const int *r = R256[d % 8];
    x[0] += x[1];
    x[1] = (x[1] << r[0]) | (x[1] >> (64 - r[0]));
    x[1] ^= x[0];
    x[2] += x[3];
    x[3] = (x[3] << r[1]) | (x[3] >> (64 - r[1]));
    x[3] ^= x[2];
    uint64_t tmp = x[1];
    x[1] = x[3];
    x[3] = tmp;
  }
}

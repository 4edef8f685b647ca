/* Blowfish: F splits a 32-bit half into four bytes that index four S-boxes,
 * combined by add-xor-add; 16 Feistel rounds with the P-array.
 * Label: crypto. */
#include <stdint.h>

struct bf_ctx {
  uint32_t P[18];
  uint32_t S[4][256];
};

static uint32_t F(const struct bf_ctx *c, uint32_t x) {
  return ((c->S[0][x >> 24] + c->S[1][(x >> 16) & 0xff]) ^
          c->S[2][(x >> 8) & 0xff]) +
         c->S[3][x & 0xff];
}

void bf_encrypt(const struct bf_ctx *c, uint32_t *xl, uint32_t *xr) {
  uint32_t L = *xl, R = *xr;
  for (int i = 0; i < 16; i += 2) {
    L ^= c->P[i];
    R ^= F(c, L);
    R ^= c->P[i + 1];
    L ^= F(c, R);
  }
  L ^= c->P[16];
  R ^= c->P[17];
  *xl = R;
  *xr = L;
}

/* SM4-style block cipher: 32 rounds of x4 = x0 ^ L(S(x1 ^ x2 ^ x3 ^ rk)),
 * with a byte S-box (generated at start-up from an affine map of a
 * multiplicative inverse) and L a xor of rotates. Label: crypto. */
#include <stdint.h>

static uint8_t sbox[256];

static uint8_t gf_mul(uint8_t a, uint8_t b) {
  uint8_t p = 0;
  while (b) {
    if (b & 1)
      p ^= a;
    a = (uint8_t)((a << 1) ^ ((a & 0x80) ? 0xf5 : 0));
    b >>= 1;
  }
  return p;
}

void sm4_like_init(void) {
  for (int x = 0; x < 256; x++) {
    uint8_t inv = 0;
    for (int y = 1; y < 256 && x; y++)
      if (gf_mul((uint8_t)x, (uint8_t)y) == 1) {
        inv = (uint8_t)y;
        break;
      }
    uint8_t s = inv;
    s ^= (uint8_t)((inv << 1) | (inv >> 7)) ^ (uint8_t)((inv << 3) | (inv >> 5));
    sbox[x] = s ^ 0xd3;
  }
}

static uint32_t rotl(uint32_t x, int n) { return (x << n) | (x >> (32 - n)); }

static uint32_t tau(uint32_t a) {
  return ((uint32_t)sbox[a >> 24] << 24) | ((uint32_t)sbox[(a >> 16) & 0xff] << 16) |
         ((uint32_t)sbox[(a >> 8) & 0xff] << 8) | sbox[a & 0xff];
}

void sm4_like_crypt(uint32_t x[4], const uint32_t rk[32]) {
  for (int i = 0; i < 32; i++) {
    uint32_t b = tau(x[1] ^ x[2] ^ x[3] ^ rk[i]);
    uint32_t t = x[0] ^ b ^ rotl(b, 2) ^ rotl(b, 10) ^ rotl(b, 18) ^ rotl(b, 24);
    x[0] = x[1];
    x[1] = x[2];
    x[2] = x[3];
    x[3] = t;
  }
}

/* LEA-128 style ARX block cipher: 24 rounds of add-rotate-xor on four
 * words with round keys from a rotating constant schedule. Label: crypto. */
#include <stdint.h>

static uint32_t rol(uint32_t x, int n) { return (x << n) | (x >> (32 - n)); }
static uint32_t ror(uint32_t x, int n) { return (x >> n) | (x << (32 - n)); }

static const uint32_t delta[4] = {0xc3efe9db, 0x44626b02, 0x79e27c8a,
                                  0x78df30ec};

void lea_keys(const uint32_t k[4], uint32_t rk[24][6]) {
  uint32_t t[4] = {k[0], k[1], k[2], k[3]};
  for (int i = 0; i < 24; i++) {
    uint32_t d = rol(delta[i & 3], i);
    t[0] = rol(t[0] + d, 1);
    t[1] = rol(t[1] + rol(d, 1), 3);
    t[2] = rol(t[2] + rol(d, 2), 6);
    t[3] = rol(t[3] + rol(d, 3), 11);
    rk[i][0] = t[0];
    rk[i][1] = t[1];
    rk[i][2] = t[2];
    rk[i][3] = t[1];
    rk[i][4] = t[3];
    rk[i][5] = t[1];
  }
}

void lea_encrypt(uint32_t x[4], const uint32_t rk[24][6]) {
  for (int i = 0; i < 24; i++) {
    uint32_t n0 = rol((x[0] ^ rk[i][0]) + (x[1] ^ rk[i][1]), 9);
    uint32_t n1 = ror((x[1] ^ rk[i][2]) + (x[2] ^ rk[i][3]), 5);
    uint32_t n2 = ror((x[2] ^ rk[i][4]) + (x[3] ^ rk[i][5]), 3);
    x[3] = x[0];
    x[0] = n0;
    x[1] = n1;
    x[2] = n2;
  }
}

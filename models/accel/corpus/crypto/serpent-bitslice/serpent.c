/* Serpent-style bitsliced rounds: key mixing, a 4-bit S-box evaluated as
 * boolean logic on four 32-bit words, and the linear transform of rotates
 * and shifts. Label: crypto. */
#include <stdint.h>

#define ROL(x, n) (((x) << (n)) | ((x) >> (32 - (n))))

static void sbox0(uint32_t *a, uint32_t *b, uint32_t *c, uint32_t *d) {
  uint32_t t0 = *a ^ *d, t1 = *c ^ t0, t2 = *b ^ t1;
  uint32_t t3 = (*a & *d) ^ t2, t4 = *a ^ (*b & t0);
  uint32_t t5 = t4 ^ (*c | t3), t6 = ~(t1 | (t2 & t4));
  *a = t5;
  *b = t3 ^ t6;
  *c = t2 ^ (t4 | t6);
  *d = t1 ^ (t5 & t3);
}

static void linear(uint32_t *x) {
  x[0] = ROL(x[0], 13);
  x[2] = ROL(x[2], 3);
  x[1] = x[1] ^ x[0] ^ x[2];
  x[3] = x[3] ^ x[2] ^ (x[0] << 3);
  x[1] = ROL(x[1], 1);
  x[3] = ROL(x[3], 7);
  x[0] = x[0] ^ x[1] ^ x[3];
  x[2] = x[2] ^ x[3] ^ (x[1] << 7);
  x[0] = ROL(x[0], 5);
  x[2] = ROL(x[2], 22);
}

void serpent_like_encrypt(uint32_t x[4], const uint32_t *k) {
  for (int r = 0; r < 32; r++) {
    for (int i = 0; i < 4; i++)
      x[i] ^= k[4 * r + i];
    sbox0(&x[0], &x[1], &x[2], &x[3]);
    if (r < 31)
      linear(x);
  }
  for (int i = 0; i < 4; i++)
    x[i] ^= k[128 + i];
}

/* Prekey expansion: w_i = ROL(w_{i-8} ^ w_{i-5} ^ w_{i-3} ^ w_{i-1} ^ phi ^ i, 11). */
void serpent_like_prekeys(uint32_t *w, int n) {
  for (int i = 8; i < n; i++) {
    uint32_t t = w[i - 8] ^ w[i - 5] ^ w[i - 3] ^ w[i - 1] ^ 0x9e3779b9u ^
                 (uint32_t)(i - 8);
    w[i] = ROL(t, 11);
  }
}

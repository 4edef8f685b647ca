/* Speck 64/128 and Simon 64/128 (NSA lightweight ciphers): Speck is
 * rotate-add-xor, Simon is rotate-and-xor; both with their key schedules.
 * Label: crypto. */
#include <stdint.h>

#define ROR32(x, r) (((x) >> (r)) | ((x) << (32 - (r))))
#define ROL32(x, r) (((x) << (r)) | ((x) >> (32 - (r))))

void speck_encrypt(uint32_t pt[2], const uint32_t key[4]) {
  uint32_t y = pt[0], x = pt[1], b = key[0];
  uint32_t a[3] = {key[1], key[2], key[3]};
  for (unsigned i = 0; i < 27; i++) {
    x = (ROR32(x, 8) + y) ^ b;
    y = ROL32(y, 3) ^ x;
    uint32_t t = (ROR32(a[i % 3], 8) + b) ^ i;
    b = ROL32(b, 3) ^ t;
    a[i % 3] = t;
  }
  pt[0] = y;
  pt[1] = x;
}

void simon_encrypt(uint32_t *x, uint32_t *y, const uint32_t *rk, int rounds) {
  for (int i = 0; i < rounds; i++) {
    uint32_t t = *x;
    *x = *y ^ (ROL32(*x, 1) & ROL32(*x, 8)) ^ ROL32(*x, 2) ^ rk[i];
    *y = t;
  }
}

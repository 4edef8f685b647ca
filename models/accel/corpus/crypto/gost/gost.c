/* GOST 28147-89: the round adds the key word modulo 2^32, substitutes eight
 * nibbles through eight 16-entry S-boxes, rotates left by 11; 32 rounds
 * with the key schedule order K0..K7 x3 then reversed. Label: crypto. */
#include <stdint.h>

static uint32_t gost_f(const uint8_t sbox[8][16], uint32_t x) {
  uint32_t y = 0;
  for (int i = 0; i < 8; i++)
    y |= (uint32_t)sbox[i][(x >> (4 * i)) & 0xF] << (4 * i);
  return (y << 11) | (y >> 21);
}

void gost_encrypt(const uint8_t sbox[8][16], const uint32_t k[8], uint32_t *n1,
                  uint32_t *n2) {
  uint32_t a = *n1, b = *n2;
  for (int r = 0; r < 32; r++) {
    uint32_t key = r < 24 ? k[r & 7] : k[7 - (r & 7)];
    uint32_t t = a;
    a = b ^ gost_f(sbox, a + key);
    b = t;
  }
  *n1 = b;
  *n2 = a;
}

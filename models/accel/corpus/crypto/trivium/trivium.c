/* Trivium stream cipher: a 288-bit state in three shift registers of
 * bits; each keystream bit is the xor of six taps, the feedback adds an AND
 * of two taps. State as a bit array, one bit per step. Label: crypto. */
#include <stdint.h>

struct trivium {
  uint8_t s[288];
};

static uint8_t triv_bit(struct trivium *t) {
  uint8_t *s = t->s;
  uint8_t t1 = s[65] ^ s[92], t2 = s[161] ^ s[176], t3 = s[242] ^ s[287];
  uint8_t z = t1 ^ t2 ^ t3;
  t1 ^= (s[90] & s[91]) ^ s[170];
  t2 ^= (s[174] & s[175]) ^ s[263];
  t3 ^= (s[285] & s[286]) ^ s[68];
  for (int i = 287; i > 0; i--)
    s[i] = s[i - 1];
  s[0] = t3;
  s[93] = t1;
  s[177] = t2;
  return z;
}

void triv_xor(struct trivium *t, uint8_t *buf, int n) {
  for (int i = 0; i < n; i++) {
    uint8_t k = 0;
    for (int b = 0; b < 8; b++)
      k |= (uint8_t)(triv_bit(t) << b);
    buf[i] ^= k;
  }
}

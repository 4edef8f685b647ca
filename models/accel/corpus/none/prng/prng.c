/* Pseudo-random generators (not hashes of input data). Label: none. */
#include <stdint.h>

uint32_t xorshift32(uint32_t *s) {
  uint32_t x = *s;
  x ^= x << 13;
  x ^= x >> 17;
  x ^= x << 5;
  *s = x;
  return x;
}

uint64_t xoshiro_next(uint64_t s[4]) {
  uint64_t result = ((s[1] * 5) << 7 | (s[1] * 5) >> 57) * 9;
  uint64_t t = s[1] << 17;
  s[2] ^= s[0];
  s[3] ^= s[1];
  s[1] ^= s[2];
  s[0] ^= s[3];
  s[2] ^= t;
  s[3] = (s[3] << 45) | (s[3] >> 19);
  return result;
}

/* Fill a buffer from an LCG. */
void fill_random(uint8_t *b, int n, uint32_t *state) {
  uint32_t x = *state;
  for (int i = 0; i < n; i++) {
    x = x * 1103515245u + 12345u;
    b[i] = (uint8_t)(x >> 16);
  }
  *state = x;
}

/* Galois LFSR stepping (a random source for sampling). */
uint16_t lfsr_steps(uint16_t s, int n) {
  for (int i = 0; i < n; i++) {
    unsigned lsb = s & 1u;
    s >>= 1;
    if (lsb)
      s ^= 0xB400u;
  }
  return s;
}

/* IDEA: multiplication modulo 2^16+1 (zero stands for 2^16), addition
 * modulo 2^16 and xor, eight rounds of the multiply-add structure plus the
 * output transformation. Label: crypto. */
#include <stdint.h>

static uint16_t mul(uint16_t a, uint16_t b) {
  uint32_t p;
  if (!a)
    return (uint16_t)(1 - b);
  if (!b)
    return (uint16_t)(1 - a);
  p = (uint32_t)a * b;
  b = (uint16_t)p;
  a = (uint16_t)(p >> 16);
  return (uint16_t)(b - a + (b < a));
}

void idea_block(const uint16_t key[52], uint16_t x[4]) {
  uint16_t x1 = x[0], x2 = x[1], x3 = x[2], x4 = x[3];
  const uint16_t *k = key;
  for (int r = 0; r < 8; r++) {
    x1 = mul(x1, *k++);
    x2 = (uint16_t)(x2 + *k++);
    x3 = (uint16_t)(x3 + *k++);
    x4 = mul(x4, *k++);
    uint16_t s3 = x3;
    x3 = mul((uint16_t)(x1 ^ x3), *k++);
    uint16_t s2 = x2;
    x2 = mul((uint16_t)(x3 + (x2 ^ x4)), *k++);
    x3 = (uint16_t)(x3 + x2);
    x1 ^= x2;
    x4 ^= x3;
    x2 ^= s3;
    x3 ^= s2;
  }
  x[0] = mul(x1, k[0]);
  x[1] = (uint16_t)(x3 + k[1]);
  x[2] = (uint16_t)(x2 + k[2]);
  x[3] = mul(x4, k[3]);
}

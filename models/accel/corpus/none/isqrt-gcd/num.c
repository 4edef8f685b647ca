/* Integer number theory helpers: integer square root by the bitwise
 * method, binary GCD, modular exponentiation. Label: none. */
#include <stdint.h>

uint32_t isqrt32(uint32_t n) {
  uint32_t res = 0, bit = 1u << 30;
  while (bit > n)
    bit >>= 2;
  while (bit) {
    if (n >= res + bit) {
      n -= res + bit;
      res = (res >> 1) + bit;
    } else {
      res >>= 1;
    }
    bit >>= 2;
  }
  return res;
}

uint64_t binary_gcd(uint64_t u, uint64_t v) {
  if (!u)
    return v;
  if (!v)
    return u;
  int shift = __builtin_ctzll(u | v);
  u >>= __builtin_ctzll(u);
  do {
    v >>= __builtin_ctzll(v);
    if (u > v) {
      uint64_t t = v;
      v = u;
      u = t;
    }
    v -= u;
  } while (v);
  return u << shift;
}

uint64_t powmod(uint64_t b, uint64_t e, uint64_t m) {
  uint64_t r = 1 % m;
  b %= m;
  while (e) {
    if (e & 1)
      r = (r * b) % m;
    b = (b * b) % m;
    e >>= 1;
  }
  return r;
}

/* Carter-Wegman universal hashing modulo the Mersenne prime 2^61-1:
 * h(x) = (a*x + b) mod p, reduced with shifts and masks instead of a
 * division, and a polynomial string hash over the same field. Label: hash. */
#include <stddef.h>
#include <stdint.h>

#define P61 ((1ull << 61) - 1)

static uint64_t mod_p(__uint128_t x) {
  uint64_t lo = (uint64_t)(x & P61), hi = (uint64_t)(x >> 61);
  uint64_t r = lo + hi;
  return r >= P61 ? r - P61 : r;
}

uint64_t cw_hash(uint64_t a, uint64_t b, uint64_t x) {
  return mod_p((__uint128_t)a * x + b);
}

uint64_t poly_hash(const uint32_t *v, size_t n, uint64_t a) {
  uint64_t h = 0;
  for (size_t i = 0; i < n; i++)
    h = mod_p((__uint128_t)h * a + v[i]);
  return h;
}

/* Rabin-Karp polynomial rolling hash modulo a prime with a base of 257,
 * used to find a pattern in a payload. Label: hash. */
#include <stddef.h>
#include <stdint.h>

#define RK_MOD 1000000007ull
#define RK_BASE 257ull

uint64_t rk_hash(const uint8_t *s, size_t n) {
  uint64_t h = 0;
  for (size_t i = 0; i < n; i++)
    h = (h * RK_BASE + s[i]) % RK_MOD;
  return h;
}

long rk_find(const uint8_t *text, size_t n, const uint8_t *pat, size_t m) {
  if (m == 0 || m > n)
    return -1;
  uint64_t hp = 0, ht = 0, pow = 1;
  for (size_t i = 0; i < m; i++) {
    hp = (hp * RK_BASE + pat[i]) % RK_MOD;
    ht = (ht * RK_BASE + text[i]) % RK_MOD;
    if (i)
      pow = pow * RK_BASE % RK_MOD;
  }
  for (size_t i = 0;; i++) {
    if (hp == ht)
      return (long)i;
    if (i + m >= n)
      return -1;
    ht = (ht + RK_MOD * RK_BASE - text[i] * pow % RK_MOD * RK_BASE) % RK_MOD;
    ht = (ht + text[i + m]) % RK_MOD;
  }
}

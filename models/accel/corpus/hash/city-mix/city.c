/* CityHash-style 64-bit mixing: 8-byte loads, multiply by large odd
 * constants, shift-xor, rotate, and the 128-to-64 fold. Label: hash. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

static const uint64_t K1 = 0xb492b66fbe98f273ull;
static const uint64_t K2 = 0x9ae16a3b2f90404full;
static const uint64_t KMUL = 0x9ddfea08eb382d69ull;

static uint64_t rd64(const char *p) {
  uint64_t v;
  memcpy(&v, p, 8);
  return v;
}

uint64_t fold128(uint64_t u, uint64_t v) {
  uint64_t a = (u ^ v) * KMUL;
  a ^= (a >> 47);
  uint64_t b = (v ^ a) * KMUL;
  b ^= (b >> 47);
  b *= KMUL;
  return b;
}

uint64_t city_like(const char *s, size_t len) {
  uint64_t h = len * K2;
  size_t i = 0;
  for (; i + 8 <= len; i += 8) {
    uint64_t w = rd64(s + i) * K1;
    w = (w >> 33) | (w << 31);
    h = fold128(h ^ w, (h << 21) | (h >> 43));
  }
  uint64_t tail = 0;
  for (; i < len; i++)
    tail = (tail << 8) | (unsigned char)s[i];
  return fold128(h, tail * K2 + len);
}

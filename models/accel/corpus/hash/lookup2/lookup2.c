/* Bob Jenkins' older lookup2 mix: nine subtract/xor-shift steps over three
 * words, 12 key bytes per round (written from the 1997 description).
 * Label: hash. */
#include <stdint.h>

#define MIX2(a, b, c)                                                          \
  do {                                                                         \
    a -= b;                                                                    \
    a -= c;                                                                    \
    a ^= (c >> 13);                                                            \
    b -= c;                                                                    \
    b -= a;                                                                    \
    b ^= (a << 8);                                                             \
    c -= a;                                                                    \
    c -= b;                                                                    \
    c ^= (b >> 13);                                                            \
    a -= b;                                                                    \
    a -= c;                                                                    \
    a ^= (c >> 12);                                                            \
    b -= c;                                                                    \
    b -= a;                                                                    \
    b ^= (a << 16);                                                            \
    c -= a;                                                                    \
    c -= b;                                                                    \
    c ^= (b >> 5);                                                             \
    a -= b;                                                                    \
    a -= c;                                                                    \
    a ^= (c >> 3);                                                             \
    b -= c;                                                                    \
    b -= a;                                                                    \
    b ^= (a << 10);                                                            \
    c -= a;                                                                    \
    c -= b;                                                                    \
    c ^= (b >> 15);                                                            \
  } while (0)

uint32_t lookup2_words(const uint32_t *k, uint32_t length, uint32_t initval) {
  uint32_t a = 0x9e3779b9, b = 0x9e3779b9, c = initval;
  uint32_t len = length;
  while (len >= 3) {
    a += k[0];
    b += k[1];
    c += k[2];
    MIX2(a, b, c);
    k += 3;
    len -= 3;
  }
  c += length * 4;
  if (len == 2)
    b += k[1];
  if (len >= 1)
    a += k[0];
  MIX2(a, b, c);
  return c;
}

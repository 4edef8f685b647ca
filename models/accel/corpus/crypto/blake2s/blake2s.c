/* BLAKE2s compression: ten rounds of the G function (add, xor, rotate right
 * by 16, 12, 8, 7) over columns then diagonals, message words chosen by the
 * sigma permutation table (passed in). Label: crypto. */
#include <stdint.h>

static uint32_t rotr(uint32_t w, unsigned c) {
  return (w >> c) | (w << (32 - c));
}

#define G(a, b, c, d, x, y)                                                    \
  do {                                                                         \
    v[a] = v[a] + v[b] + (x);                                                  \
    v[d] = rotr(v[d] ^ v[a], 16);                                              \
    v[c] = v[c] + v[d];                                                        \
    v[b] = rotr(v[b] ^ v[c], 12);                                              \
    v[a] = v[a] + v[b] + (y);                                                  \
    v[d] = rotr(v[d] ^ v[a], 8);                                               \
    v[c] = v[c] + v[d];                                                        \
    v[b] = rotr(v[b] ^ v[c], 7);                                               \
  } while (0)

void blake2s_compress(uint32_t h[8], const uint32_t m[16], const uint32_t iv[8],
                      const uint8_t sigma[10][16], uint32_t t, int last) {
  uint32_t v[16];
  for (int i = 0; i < 8; i++) {
    v[i] = h[i];
    v[i + 8] = iv[i];
  }
  v[12] ^= t;
  if (last)
    v[14] = ~v[14];
  for (int r = 0; r < 10; r++) {
    const uint8_t *s = sigma[r];
    G(0, 4, 8, 12, m[s[0]], m[s[1]]);
    G(1, 5, 9, 13, m[s[2]], m[s[3]]);
    G(2, 6, 10, 14, m[s[4]], m[s[5]]);
    G(3, 7, 11, 15, m[s[6]], m[s[7]]);
    G(0, 5, 10, 15, m[s[8]], m[s[9]]);
    G(1, 6, 11, 12, m[s[10]], m[s[11]]);
    G(2, 7, 8, 13, m[s[12]], m[s[13]]);
    G(3, 4, 9, 14, m[s[14]], m[s[15]]);
  }
  for (int i = 0; i < 8; i++)
    h[i] ^= v[i] ^ v[i + 8];
}

/* SM3 hash (GB/T 32905-2016): message expansion to 68 + 64 words with the
 * P1 permutation, the 64-step compression function CF with SS1/SS2/TT1/TT2,
 * P0 and the FF/GG functions that switch form after step 16, and a
 * streaming-style driver that walks the input pointer block by block.
 * Words are big-endian. Label: crypto. */
#include <stddef.h>
#include <stdint.h>

#define RL(x, n) (((x) << ((n) & 31)) | ((x) >> ((32 - ((n) & 31)) & 31)))
#define P0(x) ((x) ^ RL((x), 9) ^ RL((x), 17))
#define P1(x) ((x) ^ RL((x), 15) ^ RL((x), 23))

void expand_words(const uint8_t *blk, uint32_t w[68], uint32_t w1[64]) {
  int j = 0;
  while (j < 16) {
    w[j] = (uint32_t)blk[0] << 24 | (uint32_t)blk[1] << 16 |
           (uint32_t)blk[2] << 8 | blk[3];
    blk += 4;
    j++;
  }
  while (j < 68) {
    uint32_t t = w[j - 16] ^ w[j - 9] ^ RL(w[j - 3], 15);
    w[j] = P1(t) ^ RL(w[j - 13], 7) ^ w[j - 6];
    j++;
  }
  for (j = 0; j < 64; j++)
    w1[j] = w[j] ^ w[j + 4];
}

void cf(uint32_t v[8], const uint8_t *blk) {
  uint32_t w[68], w1[64];
  expand_words(blk, w, w1);
  uint32_t a = v[0], b = v[1], c = v[2], d = v[3];
  uint32_t e = v[4], f = v[5], g = v[6], h = v[7];
  for (unsigned j = 0; j < 64; j++) {
    uint32_t tj = j < 16 ? 0x79CC4519u : 0x7A879D8Au;
    uint32_t a12 = RL(a, 12);
    uint32_t ss1 = RL(a12 + e + RL(tj, j), 7);
    uint32_t ss2 = ss1 ^ a12;
    uint32_t ff, gg;
    if (j < 16) {
      ff = a ^ b ^ c;
      gg = e ^ f ^ g;
    } else {
      ff = (a & b) | (a & c) | (b & c);
      gg = (e & f) | (~e & g);
    }
    uint32_t tt1 = ff + d + ss2 + w1[j];
    uint32_t tt2 = gg + h + ss1 + w[j];
    d = c;
    c = RL(b, 9);
    b = a;
    a = tt1;
    h = g;
    g = RL(f, 19);
    f = e;
    e = P0(tt2);
  }
  v[0] ^= a;
  v[1] ^= b;
  v[2] ^= c;
  v[3] ^= d;
  v[4] ^= e;
  v[5] ^= f;
  v[6] ^= g;
  v[7] ^= h;
}

void digest256(const uint8_t *in, size_t len, uint8_t out[32]) {
  uint32_t v[8] = {0x7380166Fu, 0x4914B2B9u, 0x172442D7u, 0xDA8A0600u,
                   0xA96F30BCu, 0x163138AAu, 0xE38DEE4Du, 0xB0FB0E4Eu};
  const uint8_t *p = in, *end = in + len;
  while (end - p >= 64) {
    cf(v, p);
    p += 64;
  }
  uint8_t last[128];
  size_t k = 0;
  while (p < end)
    last[k++] = *p++;
  last[k++] = 0x80;
  size_t total = k > 56 ? 128 : 64;
  while (k < total - 8)
    last[k++] = 0;
  uint64_t bits = (uint64_t)len * 8;
  for (int s = 56; s >= 0; s -= 8)
    last[k++] = (uint8_t)(bits >> s);
  cf(v, last);
  if (total == 128)
    cf(v, last + 64);
  uint8_t *o = out;
  for (int i = 0; i < 8; i++) {
    *o++ = (uint8_t)(v[i] >> 24);
    *o++ = (uint8_t)(v[i] >> 16);
    *o++ = (uint8_t)(v[i] >> 8);
    *o++ = (uint8_t)v[i];
  }
}

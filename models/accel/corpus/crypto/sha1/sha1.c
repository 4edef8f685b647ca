/* SHA-1 compression function. Label: crypto. */
#include <stdint.h>

#define ROL(x, n) (((x) << (n)) | ((x) >> (32 - (n))))

void sha1_block(uint32_t st[5], const unsigned char *p) {
  uint32_t w[80];
  for (int t = 0; t < 16; t++)
    w[t] = (uint32_t)p[4 * t] << 24 | (uint32_t)p[4 * t + 1] << 16 |
           (uint32_t)p[4 * t + 2] << 8 | p[4 * t + 3];
  for (int t = 16; t < 80; t++)
    w[t] = ROL(w[t - 3] ^ w[t - 8] ^ w[t - 14] ^ w[t - 16], 1);
  uint32_t a = st[0], b = st[1], c = st[2], d = st[3], e = st[4];
  for (int t = 0; t < 80; t++) {
    uint32_t f, k;
    if (t < 20) { f = (b & c) | ((~b) & d); k = 0x5A827999; }
    else if (t < 40) { f = b ^ c ^ d; k = 0x6ED9EBA1; }
    else if (t < 60) { f = (b & c) | (b & d) | (c & d); k = 0x8F1BBCDC; }
    else { f = b ^ c ^ d; k = 0xCA62C1D6; }
    uint32_t tmp = ROL(a, 5) + f + e + k + w[t];
    e = d; d = c; c = ROL(b, 30); b = a; a = tmp;
  }
  st[0] += a; st[1] += b; st[2] += c; st[3] += d; st[4] += e;
}

/* Rolling 16-word schedule variant with the rounds split in four loops. */
void sha1_small(uint32_t H[5], const uint32_t *blk) {
  uint32_t W[16], A = H[0], B = H[1], C = H[2], D = H[3], E = H[4], T;
  int i;
  for (i = 0; i < 16; i++) W[i] = blk[i];
  for (i = 0; i < 20; i++) {
    if (i >= 16) W[i & 15] = ROL(W[(i + 13) & 15] ^ W[(i + 8) & 15] ^ W[(i + 2) & 15] ^ W[i & 15], 1);
    T = ROL(A, 5) + ((B & C) | (~B & D)) + E + W[i & 15] + 0x5A827999;
    E = D; D = C; C = ROL(B, 30); B = A; A = T;
  }
  for (; i < 40; i++) {
    W[i & 15] = ROL(W[(i + 13) & 15] ^ W[(i + 8) & 15] ^ W[(i + 2) & 15] ^ W[i & 15], 1);
    T = ROL(A, 5) + (B ^ C ^ D) + E + W[i & 15] + 0x6ED9EBA1;
    E = D; D = C; C = ROL(B, 30); B = A; A = T;
  }
  for (; i < 60; i++) {
    W[i & 15] = ROL(W[(i + 13) & 15] ^ W[(i + 8) & 15] ^ W[(i + 2) & 15] ^ W[i & 15], 1);
    T = ROL(A, 5) + ((B & C) | (B & D) | (C & D)) + E + W[i & 15] + 0x8F1BBCDC;
    E = D; D = C; C = ROL(B, 30); B = A; A = T;
  }
  for (; i < 80; i++) {
    W[i & 15] = ROL(W[(i + 13) & 15] ^ W[(i + 8) & 15] ^ W[(i + 2) & 15] ^ W[i & 15], 1);
    T = ROL(A, 5) + (B ^ C ^ D) + E + W[i & 15] + 0xCA62C1D6;
    E = D; D = C; C = ROL(B, 30); B = A; A = T;
  }
  H[0] += A; H[1] += B; H[2] += C; H[3] += D; H[4] += E;
}

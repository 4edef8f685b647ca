/* AES rounds with 32-bit T-tables (derived at start-up from an S-box given
 * by the caller). Label: crypto. */
#include <stdint.h>

static uint32_t Te0[256], Te1[256], Te2[256], Te3[256];

void tables_from(const uint8_t *s) {
  for (int i = 0; i < 256; i++) {
    uint32_t x = s[i];
    uint32_t x2 = ((x << 1) ^ ((x & 0x80) ? 0x1b : 0)) & 0xff;
    uint32_t x3 = x2 ^ x;
    uint32_t w = (x2 << 24) | (x << 16) | (x << 8) | x3;
    Te0[i] = w;
    Te1[i] = (w >> 8) | (w << 24);
    Te2[i] = (w >> 16) | (w << 16);
    Te3[i] = (w >> 24) | (w << 8);
  }
}

void rounds(uint32_t s[4], const uint32_t *rk, int nr) {
  uint32_t s0 = s[0] ^ rk[0], s1 = s[1] ^ rk[1], s2 = s[2] ^ rk[2],
           s3 = s[3] ^ rk[3];
  for (int r = 1; r < nr; r++) {
    rk += 4;
    uint32_t t0 = Te0[s0 >> 24] ^ Te1[(s1 >> 16) & 0xff] ^
                  Te2[(s2 >> 8) & 0xff] ^ Te3[s3 & 0xff] ^ rk[0];
    uint32_t t1 = Te0[s1 >> 24] ^ Te1[(s2 >> 16) & 0xff] ^
                  Te2[(s3 >> 8) & 0xff] ^ Te3[s0 & 0xff] ^ rk[1];
    uint32_t t2 = Te0[s2 >> 24] ^ Te1[(s3 >> 16) & 0xff] ^
                  Te2[(s0 >> 8) & 0xff] ^ Te3[s1 & 0xff] ^ rk[2];
    uint32_t t3 = Te0[s3 >> 24] ^ Te1[(s0 >> 16) & 0xff] ^
                  Te2[(s1 >> 8) & 0xff] ^ Te3[s2 & 0xff] ^ rk[3];
    s0 = t0; s1 = t1; s2 = t2; s3 = t3;
  }
  s[0] = s0; s[1] = s1; s[2] = s2; s[3] = s3;
}

/* One round with a single table and rotations. */
void one_round(uint32_t out[4], const uint32_t in[4], const uint32_t k[4]) {
  for (int c = 0; c < 4; c++) {
    uint32_t a = Te0[in[c] >> 24];
    uint32_t b = Te0[(in[(c + 1) & 3] >> 16) & 0xff];
    uint32_t d = Te0[(in[(c + 2) & 3] >> 8) & 0xff];
    uint32_t e = Te0[in[(c + 3) & 3] & 0xff];
    out[c] = a ^ ((b >> 8) | (b << 24)) ^ ((d >> 16) | (d << 16)) ^
             ((e >> 24) | (e << 8)) ^ k[c];
  }
}

/* HIGHT 64-bit block cipher (KISA, CHES 2006; ISO/IEC 18033-3): 8-bit
 * ARX. The key schedule derives 8 whitening bytes and 128 subkey bytes, the
 * constants delta[] coming from a 7-bit LFSR; 32 rounds of the generalised
 * Feistel on eight bytes with the F0/F1 rotate-xor functions, additions
 * mod 256 and xors. Byte 0 is the least significant (spec numbering).
 * Label: crypto. */
#include <stdint.h>

#define R8(x, n) ((uint8_t)(((x) << (n)) | ((x) >> (8 - (n)))))
#define F0(x) (R8(x, 1) ^ R8(x, 2) ^ R8(x, 7))
#define F1(x) (R8(x, 3) ^ R8(x, 4) ^ R8(x, 6))

typedef struct {
  uint8_t wk[8];
  uint8_t sk[128];
} ks_t;

void ks_build(ks_t *ks, const uint8_t mk[16]) {
  for (int i = 0; i < 4; i++) {
    ks->wk[i] = mk[i + 12];
    ks->wk[i + 4] = mk[i];
  }
  uint8_t delta[128];
  unsigned s = 0x5A; /* s6..s0 = 1011010 */
  delta[0] = (uint8_t)s;
  for (int i = 1; i < 128; i++) {
    unsigned nb = ((s >> 3) ^ s) & 1; /* s_{i+6} = s_{i+2} ^ s_{i-1} */
    s = (s >> 1) | (nb << 6);
    delta[i] = (uint8_t)s;
  }
  for (int i = 0; i < 8; i++) {
    for (int j = 0; j < 8; j++) {
      ks->sk[16 * i + j] = (uint8_t)(mk[(j - i) & 7] + delta[16 * i + j]);
      ks->sk[16 * i + j + 8] =
          (uint8_t)(mk[((j - i) & 7) + 8] + delta[16 * i + j + 8]);
    }
  }
}

void ks_encrypt(const ks_t *ks, const uint8_t in[8], uint8_t out[8]) {
  uint8_t x[8];
  x[0] = (uint8_t)(in[0] + ks->wk[0]);
  x[1] = in[1];
  x[2] = in[2] ^ ks->wk[1];
  x[3] = in[3];
  x[4] = (uint8_t)(in[4] + ks->wk[2]);
  x[5] = in[5];
  x[6] = in[6] ^ ks->wk[3];
  x[7] = in[7];
  const uint8_t *k = ks->sk;
  for (int r = 0; r < 32; r++, k += 4) {
    uint8_t n0 = x[7] ^ (uint8_t)(F0(x[6]) + k[3]);
    uint8_t n2 = (uint8_t)(x[1] + (F1(x[0]) ^ k[0]));
    uint8_t n4 = x[3] ^ (uint8_t)(F0(x[2]) + k[1]);
    uint8_t n6 = (uint8_t)(x[5] + (F1(x[4]) ^ k[2]));
    if (r == 31) {
      /* The last round does not rotate the bytes. */
      x[1] = n2;
      x[3] = n4;
      x[5] = n6;
      x[7] = n0;
    } else {
      x[7] = x[6];
      x[6] = n6;
      x[5] = x[4];
      x[4] = n4;
      x[3] = x[2];
      x[2] = n2;
      x[1] = x[0];
      x[0] = n0;
    }
  }
  out[0] = (uint8_t)(x[0] + ks->wk[4]);
  out[1] = x[1];
  out[2] = x[2] ^ ks->wk[5];
  out[3] = x[3];
  out[4] = (uint8_t)(x[4] + ks->wk[6]);
  out[5] = x[5];
  out[6] = x[6] ^ ks->wk[7];
  out[7] = x[7];
}

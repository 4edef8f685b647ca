/* AES-128 encryption, byte-oriented (SubBytes, ShiftRows, MixColumns with
 * xtime), S-box computed from the GF(2^8) inverse and the affine map.
 * Label: crypto. */
#include <stdint.h>

static uint8_t sbox[256];

#define XT(x) ((uint8_t)(((x) << 1) ^ ((((x) >> 7) & 1) * 0x1b)))

void build_sbox(void) {
  uint8_t p = 1, q = 1;
  do {
    p = p ^ (uint8_t)(p << 1) ^ (p & 0x80 ? 0x1B : 0);
    q ^= q << 1;
    q ^= q << 2;
    q ^= q << 4;
    q ^= q & 0x80 ? 0x09 : 0;
    uint8_t x = q ^ (uint8_t)((q << 1) | (q >> 7)) ^
                (uint8_t)((q << 2) | (q >> 6)) ^
                (uint8_t)((q << 3) | (q >> 5)) ^
                (uint8_t)((q << 4) | (q >> 4));
    sbox[p] = x ^ 0x63;
  } while (p != 1);
  sbox[0] = 0x63;
}

void encrypt_block(uint8_t st[16], const uint8_t rk[176]) {
  for (int i = 0; i < 16; i++)
    st[i] ^= rk[i];
  for (int round = 1; round <= 10; round++) {
    uint8_t t[16];
    for (int i = 0; i < 16; i++)
      t[i] = sbox[st[(i + 4 * (i % 4)) % 16]];
    if (round != 10) {
      for (int c = 0; c < 4; c++) {
        uint8_t a0 = t[4 * c], a1 = t[4 * c + 1], a2 = t[4 * c + 2],
                a3 = t[4 * c + 3];
        uint8_t all = a0 ^ a1 ^ a2 ^ a3;
        t[4 * c] ^= all ^ XT(a0 ^ a1);
        t[4 * c + 1] ^= all ^ XT(a1 ^ a2);
        t[4 * c + 2] ^= all ^ XT(a2 ^ a3);
        t[4 * c + 3] ^= all ^ XT(a3 ^ a0);
      }
    }
    for (int i = 0; i < 16; i++)
      st[i] = t[i] ^ rk[16 * round + i];
  }
}

void expand_key(const uint8_t key[16], uint8_t rk[176]) {
  uint8_t rcon = 1;
  for (int i = 0; i < 16; i++)
    rk[i] = key[i];
  for (int i = 16; i < 176; i += 4) {
    uint8_t w[4] = {rk[i - 4], rk[i - 3], rk[i - 2], rk[i - 1]};
    if (i % 16 == 0) {
      uint8_t f = w[0];
      w[0] = sbox[w[1]] ^ rcon;
      w[1] = sbox[w[2]];
      w[2] = sbox[w[3]];
      w[3] = sbox[f];
      rcon = XT(rcon);
    }
    for (int j = 0; j < 4; j++)
      rk[i + j] = rk[i - 16 + j] ^ w[j];
  }
}

/* NOEKEON block cipher (Daemen, Peeters, Van Assche, Rijmen), direct-key
 * mode: 128-bit state of four big-endian words, sixteen rounds of Theta
 * (linear mixing with the working key), Pi1, the nonlinear Gamma and Pi2,
 * round constants produced on the fly by doubling in GF(2^8); encryption
 * and decryption of one block. Label: crypto. */
#include <stdint.h>

#define ROTL32(v, n) (((v) << (n)) | ((v) >> (32 - (n))))

void theta(uint32_t a[4], const uint32_t k[4]) {
  uint32_t t = a[0] ^ a[2];
  t ^= ROTL32(t, 8) ^ ROTL32(t, 24);
  a[1] ^= t;
  a[3] ^= t;
  for (int i = 0; i < 4; i++)
    a[i] ^= k[i];
  t = a[1] ^ a[3];
  t ^= ROTL32(t, 8) ^ ROTL32(t, 24);
  a[0] ^= t;
  a[2] ^= t;
}

/* Pi1, Gamma, Pi2. */
void pgp(uint32_t a[4]) {
  a[1] = ROTL32(a[1], 1);
  a[2] = ROTL32(a[2], 5);
  a[3] = ROTL32(a[3], 2);
  a[1] ^= ~a[3] & ~a[2];
  a[0] ^= a[2] & a[1];
  uint32_t t = a[3];
  a[3] = a[0];
  a[0] = t;
  a[2] ^= a[0] ^ a[1] ^ a[3];
  a[1] ^= ~a[3] & ~a[2];
  a[0] ^= a[2] & a[1];
  a[1] = ROTL32(a[1], 31);
  a[2] = ROTL32(a[2], 27);
  a[3] = ROTL32(a[3], 30);
}

static void get_words(uint32_t w[4], const uint8_t *b) {
  for (int i = 0; i < 4; i++, b += 4)
    w[i] = (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 |
           b[3];
}

static void put_words(uint8_t *b, const uint32_t w[4]) {
  for (int i = 0; i < 4; i++) {
    *b++ = (uint8_t)(w[i] >> 24);
    *b++ = (uint8_t)(w[i] >> 16);
    *b++ = (uint8_t)(w[i] >> 8);
    *b++ = (uint8_t)w[i];
  }
}

void block_fwd(uint8_t out[16], const uint8_t in[16], const uint8_t key[16]) {
  uint32_t a[4], k[4];
  get_words(a, in);
  get_words(k, key);
  uint32_t rc = 0x80;
  for (int r = 0; r < 16; r++) {
    a[0] ^= rc;
    theta(a, k);
    pgp(a);
    rc = ((rc << 1) ^ ((rc & 0x80) ? 0x1B : 0)) & 0xFF;
  }
  a[0] ^= rc;
  theta(a, k);
  put_words(out, a);
}

void block_inv(uint8_t out[16], const uint8_t in[16], const uint8_t key[16]) {
  static const uint32_t zero[4] = {0, 0, 0, 0};
  uint32_t a[4], k[4];
  get_words(a, in);
  get_words(k, key);
  theta(k, zero);
  /* Constants backwards: start from the 17th and halve in GF(2^8). */
  uint32_t rc = 0x80;
  for (int r = 0; r < 16; r++)
    rc = ((rc << 1) ^ ((rc & 0x80) ? 0x1B : 0)) & 0xFF;
  for (int r = 16; r > 0; r--) {
    theta(a, k);
    a[0] ^= rc;
    pgp(a);
    rc = (rc & 1) ? ((rc ^ 0x11B) >> 1) : (rc >> 1);
  }
  theta(a, k);
  a[0] ^= rc;
  put_words(out, a);
}

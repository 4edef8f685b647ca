/* TEA and XTEA block ciphers (Feistel rounds with shifts, adds, xors).
 * Label: crypto. */
#include <stdint.h>

void tea_enc(uint32_t v[2], const uint32_t k[4]) {
  uint32_t y = v[0], z = v[1], sum = 0;
  for (int n = 0; n < 32; n++) {
    sum += 0x9E3779B9;
    y += ((z << 4) + k[0]) ^ (z + sum) ^ ((z >> 5) + k[1]);
    z += ((y << 4) + k[2]) ^ (y + sum) ^ ((y >> 5) + k[3]);
  }
  v[0] = y;
  v[1] = z;
}

void xtea_dec(unsigned rounds, uint32_t v[2], const uint32_t key[4]) {
  uint32_t v0 = v[0], v1 = v[1], delta = 0x9E3779B9, sum = delta * rounds;
  for (unsigned i = 0; i < rounds; i++) {
    v1 -= (((v0 << 4) ^ (v0 >> 5)) + v0) ^ (sum + key[(sum >> 11) & 3]);
    sum -= delta;
    v0 -= (((v1 << 4) ^ (v1 >> 5)) + v1) ^ (sum + key[sum & 3]);
  }
  v[0] = v0;
  v[1] = v1;
}

/* XTEA in CTR mode over a buffer. */
void xtea_ctr(uint8_t *buf, int len, const uint32_t key[4], uint64_t ctr) {
  for (int off = 0; off < len; off += 8, ctr++) {
    uint32_t v0 = (uint32_t)ctr, v1 = (uint32_t)(ctr >> 32), sum = 0;
    for (int i = 0; i < 32; i++) {
      v0 += (((v1 << 4) ^ (v1 >> 5)) + v1) ^ (sum + key[sum & 3]);
      sum += 0x9E3779B9;
      v1 += (((v0 << 4) ^ (v0 >> 5)) + v0) ^ (sum + key[(sum >> 11) & 3]);
    }
    uint8_t ks[8];
    for (int j = 0; j < 4; j++) {
      ks[j] = (uint8_t)(v0 >> (8 * j));
      ks[4 + j] = (uint8_t)(v1 >> (8 * j));
    }
    for (int j = 0; j < 8 && off + j < len; j++)
      buf[off + j] ^= ks[j];
  }
}

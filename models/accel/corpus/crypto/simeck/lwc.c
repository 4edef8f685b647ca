/* Simeck lightweight block ciphers (Yang, Zhu, Suder, Aagaard, Gong, CHES
 * 2015): Simeck32/64 on 16-bit halves with the round keys produced on the
 * fly, and Simeck64/128 with an expanded key array, both using
 * f(x) = (x & (x <<< 5)) ^ (x <<< 1), the round function itself as the key
 * schedule and the m-sequence constants z0 (x^5+x^2+1) and z1 (x^6+x+1)
 * stepped by small LFSRs; a counter-mode pass over a byte buffer.
 * Label: crypto. */
#include <stddef.h>
#include <stdint.h>

#define RL16(v, n) ((uint16_t)(((v) << (n)) | ((v) >> (16 - (n)))))
#define RL32(v, n) (((v) << (n)) | ((v) >> (32 - (n))))

/* blk[0] = left (x), blk[1] = right (y); key[3] is the most significant
 * word (t2 t1 t0 k0 = key[3] key[2] key[1] key[0]). */
void lw_block16(uint16_t blk[2], const uint16_t key[4]) {
  uint16_t x = blk[0], y = blk[1];
  uint16_t k = key[0], t0 = key[1], t1 = key[2], t2 = key[3];
  unsigned lfsr = 0x1F; /* five ones */
  int round = 0;
  do {
    uint16_t tmp = x;
    x = y ^ (uint16_t)((x & RL16(x, 5)) ^ RL16(x, 1)) ^ k;
    y = tmp;
    /* key word update: same round function with constant C ^ z0 bit */
    uint16_t c = (uint16_t)(0xFFFC | (lfsr & 1));
    uint16_t nk = k ^ (uint16_t)((t0 & RL16(t0, 5)) ^ RL16(t0, 1)) ^ c;
    unsigned fb = (lfsr ^ (lfsr >> 2)) & 1;
    lfsr = (lfsr >> 1) | (fb << 4);
    k = t0;
    t0 = t1;
    t1 = t2;
    t2 = nk;
  } while (++round < 32);
  blk[0] = x;
  blk[1] = y;
}

void lw_expand64(uint32_t rk[44], const uint32_t key[4]) {
  uint32_t t[3] = {key[1], key[2], key[3]};
  uint32_t cur = key[0];
  unsigned state = 0x3F;
  uint32_t *out = rk, *end = rk + 44;
  while (out < end) {
    *out++ = cur;
    uint32_t f = (t[0] & RL32(t[0], 5)) ^ RL32(t[0], 1);
    uint32_t nxt = cur ^ f ^ 0xFFFFFFFCu ^ (state & 1);
    unsigned fb = (state ^ (state >> 1)) & 1;
    state = (state >> 1) | (fb << 5);
    cur = t[0];
    t[0] = t[1];
    t[1] = t[2];
    t[2] = nxt;
  }
}

void lw_block32(uint32_t *xl, uint32_t *yr, const uint32_t rk[44]) {
  uint32_t x = *xl, y = *yr;
  const uint32_t *k = rk;
  for (int i = 0; i < 44; i += 2) {
    y ^= ((x & RL32(x, 5)) ^ RL32(x, 1)) ^ *k++;
    x ^= ((y & RL32(y, 5)) ^ RL32(y, 1)) ^ *k++;
  }
  *xl = x;
  *yr = y;
}

/* XOR `len` bytes of buf with the Simeck64/128 encryption of a 64-bit
 * counter (nonce in the high word, block index in the low word). */
void lw_ctr(uint8_t *buf, size_t len, const uint32_t rk[44], uint32_t nonce) {
  uint32_t idx = 0;
  while (len > 0) {
    uint32_t a = nonce, b = idx++;
    lw_block32(&a, &b, rk);
    uint8_t ks[8];
    for (int j = 0; j < 4; j++) {
      ks[j] = (uint8_t)(a >> (24 - 8 * j));
      ks[4 + j] = (uint8_t)(b >> (24 - 8 * j));
    }
    size_t n = len < 8 ? len : 8;
    for (size_t j = 0; j < n; j++)
      *buf++ ^= ks[j];
    len -= n;
  }
}

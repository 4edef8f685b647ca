/* Piccolo lightweight block cipher (Shibutani et al., CHES 2011), 64-bit
 * block as four 16-bit lines, 80- and 128-bit keys: a 4-line generalized
 * Feistel network whose F-function is S-box layer, the circulant
 * (2,3,1,1) matrix over GF(2^4)/x^4+x+1, S-box layer again; the byte
 * round permutation between rounds; whitening keys from the high/low
 * bytes of key words; round keys = key words xored with constants built
 * from 5-bit round counters. Label: crypto. */
#include <stdint.h>

typedef uint16_t u16;

static const uint8_t SB[16] = {0xe, 0x4, 0xb, 0x2, 0x3, 0x8, 0x0, 0x9,
                               0x1, 0xa, 0x7, 0xf, 0x6, 0xc, 0x5, 0xd};

#define X2(a) ((uint8_t)((((a) << 1) ^ (((a) >> 3) * 0x13)) & 0xF))

static u16 ffun(u16 x) {
  uint8_t n0 = SB[x >> 12], n1 = SB[(x >> 8) & 15], n2 = SB[(x >> 4) & 15],
          n3 = SB[x & 15];
  uint8_t d0 = X2(n0), d1 = X2(n1), d2 = X2(n2), d3 = X2(n3);
  /* rows (2 3 1 1), (1 2 3 1), (1 1 2 3), (3 1 1 2); 3a = 2a ^ a */
  uint8_t y0 = d0 ^ d1 ^ n1 ^ n2 ^ n3;
  uint8_t y1 = n0 ^ d1 ^ d2 ^ n2 ^ n3;
  uint8_t y2 = n0 ^ n1 ^ d2 ^ d3 ^ n3;
  uint8_t y3 = d0 ^ n0 ^ n1 ^ n2 ^ d3;
  return (u16)(SB[y0] << 12 | SB[y1] << 8 | SB[y2] << 4 | SB[y3]);
}

/* key schedule: wk[4] and rk[2*rounds]; k = 5 or 8 big-endian words */
int pk_schedule(const u16 *k, int nwords, u16 wk[4], u16 *rk) {
  int rounds = nwords == 5 ? 25 : 31;
  wk[0] = (u16)((k[0] & 0xFF00) | (k[1] & 0x00FF));
  wk[1] = (u16)((k[1] & 0xFF00) | (k[0] & 0x00FF));
  if (nwords == 5) {
    wk[2] = (u16)((k[4] & 0xFF00) | (k[3] & 0x00FF));
    wk[3] = (u16)((k[3] & 0xFF00) | (k[4] & 0x00FF));
  } else {
    wk[2] = (u16)((k[4] & 0xFF00) | (k[7] & 0x00FF));
    wk[3] = (u16)((k[7] & 0xFF00) | (k[4] & 0x00FF));
  }
  uint32_t mask = nwords == 5 ? 0x0f1e2d3cu : 0x6547a98bu;
  u16 kw[8];
  for (int i = 0; i < nwords; i++)
    kw[i] = k[i];
  for (int i = 0; i < rounds; i++) {
    uint32_t c = (uint32_t)(i + 1);
    uint32_t con = (c << 27 | c << 17 | c << 10 | c) ^ mask;
    u16 hi = (u16)(con >> 16), lo = (u16)con;
    if (nwords == 5) {
      switch (i % 5) {
      case 0:
      case 2:
        hi ^= kw[2], lo ^= kw[3];
        break;
      case 1:
      case 4:
        hi ^= kw[0], lo ^= kw[1];
        break;
      default:
        hi ^= kw[4], lo ^= kw[4];
      }
      rk[2 * i] = hi;
      rk[2 * i + 1] = lo;
    } else {
      for (int h = 0; h < 2; h++) {
        int j = 2 * i + h;
        if ((j + 2) % 8 == 0) {
          u16 t[8] = {kw[2], kw[1], kw[6], kw[7], kw[0], kw[3], kw[4], kw[5]};
          for (int q = 0; q < 8; q++)
            kw[q] = t[q];
        }
        rk[j] = kw[(j + 2) % 8] ^ (h ? lo : hi);
      }
    }
  }
  return rounds;
}

uint64_t pk_encrypt(uint64_t blk, const u16 wk[4], const u16 *rk, int rounds) {
  u16 x0 = (u16)(blk >> 48), x1 = (u16)(blk >> 32), x2 = (u16)(blk >> 16),
      x3 = (u16)blk;
  x0 ^= wk[0];
  x2 ^= wk[1];
  for (int r = 0;; r++) {
    x1 ^= ffun(x0) ^ rk[2 * r];
    x3 ^= ffun(x2) ^ rk[2 * r + 1];
    if (r == rounds - 1)
      break;
    /* bytes (a0 a1 | b0 b1 | c0 c1 | d0 d1) -> (b0 d1 | c0 a1 | d0 b1 | a0
     * c1) */
    u16 n0 = (u16)((x1 & 0xFF00) | (x3 & 0x00FF));
    u16 n1 = (u16)((x2 & 0xFF00) | (x0 & 0x00FF));
    u16 n2 = (u16)((x3 & 0xFF00) | (x1 & 0x00FF));
    u16 n3 = (u16)((x0 & 0xFF00) | (x2 & 0x00FF));
    x0 = n0, x1 = n1, x2 = n2, x3 = n3;
  }
  x0 ^= wk[2];
  x2 ^= wk[3];
  return (uint64_t)x0 << 48 | (uint64_t)x1 << 32 | (uint64_t)x2 << 16 | x3;
}

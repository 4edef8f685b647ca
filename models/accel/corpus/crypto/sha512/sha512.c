/* SHA-512 compression: 80 rounds over eight 64-bit words with rotations
 * (right by 28/34/39, 14/18/41) and a message schedule (written from FIPS
 * 180-4; round constants are passed in). Label: crypto. */
#include <stdint.h>

#define ROR(x, n) (((x) >> (n)) | ((x) << (64 - (n))))

void sha512_block(uint64_t st[8], const uint8_t blk[128],
                  const uint64_t K[80]) {
  uint64_t w[80];
  for (int t = 0; t < 16; t++) {
    uint64_t v = 0;
    for (int b = 0; b < 8; b++)
      v = (v << 8) | blk[8 * t + b];
    w[t] = v;
  }
  for (int t = 16; t < 80; t++) {
    uint64_t s0 = ROR(w[t - 15], 1) ^ ROR(w[t - 15], 8) ^ (w[t - 15] >> 7);
    uint64_t s1 = ROR(w[t - 2], 19) ^ ROR(w[t - 2], 61) ^ (w[t - 2] >> 6);
    w[t] = w[t - 16] + s0 + w[t - 7] + s1;
  }
  uint64_t a = st[0], b = st[1], c = st[2], d = st[3], e = st[4], f = st[5],
           g = st[6], h = st[7];
  for (int t = 0; t < 80; t++) {
    uint64_t S1 = ROR(e, 14) ^ ROR(e, 18) ^ ROR(e, 41);
    uint64_t ch = (e & f) ^ (~e & g);
    uint64_t t1 = h + S1 + ch + K[t] + w[t];
    uint64_t S0 = ROR(a, 28) ^ ROR(a, 34) ^ ROR(a, 39);
    uint64_t maj = (a & b) ^ (a & c) ^ (b & c);
    uint64_t t2 = S0 + maj;
    h = g;
    g = f;
    f = e;
    e = d + t1;
    d = c;
    c = b;
    b = a;
    a = t1 + t2;
  }
  st[0] += a;
  st[1] += b;
  st[2] += c;
  st[3] += d;
  st[4] += e;
  st[5] += f;
  st[6] += g;
  st[7] += h;
}

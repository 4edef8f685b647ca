/* SHA-256 compression function (round constants: fractional parts of the
 * cube roots of the first 64 primes). Label: crypto. */
#include <stdint.h>

static const uint32_t k256[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1,
    0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3,
    0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
    0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147,
    0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
    0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
    0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
    0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
    0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2};

#define RR(x, n) (((x) >> (n)) | ((x) << (32 - (n))))

void compress256(uint32_t state[8], const uint8_t data[64]) {
  uint32_t w[64];
  for (int i = 0; i < 16; i++)
    w[i] = ((uint32_t)data[i * 4] << 24) | ((uint32_t)data[i * 4 + 1] << 16) |
           ((uint32_t)data[i * 4 + 2] << 8) | data[i * 4 + 3];
  for (int i = 16; i < 64; i++) {
    uint32_t s0 = RR(w[i - 15], 7) ^ RR(w[i - 15], 18) ^ (w[i - 15] >> 3);
    uint32_t s1 = RR(w[i - 2], 17) ^ RR(w[i - 2], 19) ^ (w[i - 2] >> 10);
    w[i] = w[i - 16] + s0 + w[i - 7] + s1;
  }
  uint32_t a = state[0], b = state[1], c = state[2], d = state[3];
  uint32_t e = state[4], f = state[5], g = state[6], h = state[7];
  for (int i = 0; i < 64; i++) {
    uint32_t S1 = RR(e, 6) ^ RR(e, 11) ^ RR(e, 25);
    uint32_t ch = (e & f) ^ (~e & g);
    uint32_t t1 = h + S1 + ch + k256[i] + w[i];
    uint32_t S0 = RR(a, 2) ^ RR(a, 13) ^ RR(a, 22);
    uint32_t maj = (a & b) ^ (a & c) ^ (b & c);
    uint32_t t2 = S0 + maj;
    h = g; g = f; f = e; e = d + t1;
    d = c; c = b; b = a; a = t1 + t2;
  }
  state[0] += a; state[1] += b; state[2] += c; state[3] += d;
  state[4] += e; state[5] += f; state[6] += g; state[7] += h;
}

/* Variant: working variables in an array rotated by index. */
void compress_arr(uint32_t H[8], const uint32_t W0[16]) {
  uint32_t W[64], v[8];
  for (int i = 0; i < 64; i++)
    W[i] = i < 16 ? W0[i]
                  : W[i - 16] + W[i - 7] +
                        (RR(W[i - 15], 7) ^ RR(W[i - 15], 18) ^ (W[i - 15] >> 3)) +
                        (RR(W[i - 2], 17) ^ RR(W[i - 2], 19) ^ (W[i - 2] >> 10));
  for (int i = 0; i < 8; i++) v[i] = H[i];
  for (int i = 0; i < 64; i++) {
    uint32_t T1 = v[7] + (RR(v[4], 6) ^ RR(v[4], 11) ^ RR(v[4], 25)) +
                  ((v[4] & v[5]) ^ (~v[4] & v[6])) + k256[i] + W[i];
    uint32_t T2 = (RR(v[0], 2) ^ RR(v[0], 13) ^ RR(v[0], 22)) +
                  ((v[0] & v[1]) ^ (v[0] & v[2]) ^ (v[1] & v[2]));
    for (int j = 7; j > 0; j--) v[j] = v[j - 1];
    v[4] += T1;
    v[0] = T1 + T2;
  }
  for (int i = 0; i < 8; i++) H[i] += v[i];
}

/* Twofish block cipher (128-bit block, 128/192/256-bit keys): the q0/q1
 * byte permutations built once from their four 4-bit t-tables, the h
 * function chaining q lookups with key bytes, MDS multiply over
 * GF(2^8)/0x169 and Reed-Solomon key words over GF(2^8)/0x14D computed
 * without tables, 40 round subkeys from the PHT, 16 Feistel rounds with
 * 1-bit rotations and input/output whitening. Label: crypto. */
#include <stdint.h>

typedef struct {
  uint32_t sub[40];
  uint32_t sbk[4]; /* S words, already in h-list order */
  int words;       /* key length in 64-bit units: 2, 3 or 4 */
} tf_key;

static uint8_t qtab[2][256];
static int qready;

static const uint8_t tnib[2][4][16] = {
    {{8, 1, 7, 13, 6, 15, 3, 2, 0, 11, 5, 9, 14, 12, 10, 4},
     {14, 12, 11, 8, 1, 2, 3, 5, 15, 4, 10, 6, 7, 0, 9, 13},
     {11, 10, 5, 14, 6, 13, 9, 0, 12, 8, 15, 3, 2, 4, 7, 1},
     {13, 7, 15, 4, 1, 2, 6, 14, 9, 11, 3, 0, 8, 5, 12, 10}},
    {{2, 8, 11, 13, 15, 7, 6, 14, 3, 1, 9, 4, 0, 10, 12, 5},
     {1, 14, 2, 11, 4, 12, 3, 7, 6, 13, 10, 5, 15, 9, 0, 8},
     {4, 12, 7, 5, 1, 6, 9, 10, 0, 14, 13, 8, 2, 11, 3, 15},
     {11, 9, 5, 1, 12, 3, 13, 14, 6, 4, 7, 15, 2, 0, 8, 10}}};

void build_q(void) {
  for (int w = 0; w < 2; w++) {
    for (int x = 0; x < 256; x++) {
      unsigned a = x >> 4, b = x & 15;
      for (int half = 0; half < 2; half++) {
        unsigned na = a ^ b;
        unsigned nb = (a ^ ((b >> 1) | (b << 3)) ^ (a << 3)) & 15;
        a = tnib[w][2 * half][na];
        b = tnib[w][2 * half + 1][nb];
      }
      qtab[w][x] = (uint8_t)(b << 4 | a);
    }
  }
  qready = 1;
}

static uint8_t gmul(uint8_t a, uint8_t b, unsigned poly) {
  unsigned r = 0, x = a;
  while (b) {
    if (b & 1)
      r ^= x;
    x <<= 1;
    if (x & 0x100)
      x ^= poly;
    b >>= 1;
  }
  return (uint8_t)r;
}

/* h(X, L): L has `n` words (2..4); returns the MDS product. */
static uint32_t hmix(uint32_t x, const uint32_t *l, int n) {
  static const uint8_t mds[4][4] = {{0x01, 0xEF, 0x5B, 0x5B},
                                    {0x5B, 0xEF, 0xEF, 0x01},
                                    {0xEF, 0x5B, 0x01, 0xEF},
                                    {0xEF, 0x01, 0xEF, 0x5B}};
  uint8_t y[4];
  for (int j = 0; j < 4; j++)
    y[j] = (uint8_t)(x >> (8 * j));
  if (n == 4) {
    y[0] = qtab[1][y[0]] ^ (uint8_t)(l[3]);
    y[1] = qtab[0][y[1]] ^ (uint8_t)(l[3] >> 8);
    y[2] = qtab[0][y[2]] ^ (uint8_t)(l[3] >> 16);
    y[3] = qtab[1][y[3]] ^ (uint8_t)(l[3] >> 24);
  }
  if (n >= 3) {
    y[0] = qtab[1][y[0]] ^ (uint8_t)(l[2]);
    y[1] = qtab[1][y[1]] ^ (uint8_t)(l[2] >> 8);
    y[2] = qtab[0][y[2]] ^ (uint8_t)(l[2] >> 16);
    y[3] = qtab[0][y[3]] ^ (uint8_t)(l[2] >> 24);
  }
  y[0] = qtab[1][qtab[0][qtab[0][y[0]] ^ (uint8_t)l[1]] ^ (uint8_t)l[0]];
  y[1] = qtab[0][qtab[0][qtab[1][y[1]] ^ (uint8_t)(l[1] >> 8)] ^
                 (uint8_t)(l[0] >> 8)];
  y[2] = qtab[1][qtab[1][qtab[0][y[2]] ^ (uint8_t)(l[1] >> 16)] ^
                 (uint8_t)(l[0] >> 16)];
  y[3] = qtab[0][qtab[1][qtab[1][y[3]] ^ (uint8_t)(l[1] >> 24)] ^
                 (uint8_t)(l[0] >> 24)];
  uint32_t z = 0;
  for (int i = 0; i < 4; i++) {
    uint8_t acc = 0;
    for (int j = 0; j < 4; j++)
      acc ^= gmul(mds[i][j], y[j], 0x169);
    z |= (uint32_t)acc << (8 * i);
  }
  return z;
}

static uint32_t rol(uint32_t v, int n) { return (v << n) | (v >> (32 - n)); }

int tf_schedule(tf_key *k, const uint8_t *key, int keybytes) {
  static const uint8_t rs[4][8] = {
      {0x01, 0xA4, 0x55, 0x87, 0x5A, 0x58, 0xDB, 0x9E},
      {0xA4, 0x56, 0x82, 0xF3, 0x1E, 0xC6, 0x68, 0xE5},
      {0x02, 0xA1, 0xFC, 0xC1, 0x47, 0xAE, 0x3D, 0x19},
      {0xA4, 0x55, 0x87, 0x5A, 0x58, 0xDB, 0x9E, 0x03}};
  uint32_t me[4], mo[4];
  int n = keybytes / 8;
  if (keybytes != 16 && keybytes != 24 && keybytes != 32)
    return -1;
  if (!qready)
    build_q();
  k->words = n;
  for (int i = 0; i < n; i++) {
    const uint8_t *p = key + 8 * i;
    me[i] = p[0] | p[1] << 8 | p[2] << 16 | (uint32_t)p[3] << 24;
    mo[i] = p[4] | p[5] << 8 | p[6] << 16 | (uint32_t)p[7] << 24;
    uint32_t s = 0;
    for (int r = 0; r < 4; r++) {
      uint8_t acc = 0;
      for (int c = 0; c < 8; c++)
        acc ^= gmul(rs[r][c], p[c], 0x14D);
      s |= (uint32_t)acc << (8 * r);
    }
    k->sbk[n - 1 - i] = s;
  }
  for (int i = 0; i < 20; i++) {
    uint32_t a = hmix(0x02020202u * i, me, n);
    uint32_t b = rol(hmix(0x02020202u * i + 0x01010101u, mo, n), 8);
    k->sub[2 * i] = a + b;
    k->sub[2 * i + 1] = rol(a + 2 * b, 9);
  }
  return 0;
}

void tf_encrypt(const tf_key *k, const uint8_t in[16], uint8_t out[16]) {
  uint32_t r[4];
  for (int i = 0; i < 4; i++)
    r[i] = (in[4 * i] | in[4 * i + 1] << 8 | in[4 * i + 2] << 16 |
            (uint32_t)in[4 * i + 3] << 24) ^
           k->sub[i];
  for (int round = 0; round < 16; round++) {
    uint32_t t0 = hmix(r[0], k->sbk, k->words);
    uint32_t t1 = hmix(rol(r[1], 8), k->sbk, k->words);
    uint32_t f0 = t0 + t1 + k->sub[2 * round + 8];
    uint32_t f1 = t0 + 2 * t1 + k->sub[2 * round + 9];
    uint32_t n2 = rol(r[2] ^ f0, 31);
    uint32_t n3 = rol(r[3], 1) ^ f1;
    r[2] = r[0];
    r[3] = r[1];
    r[0] = n2;
    r[1] = n3;
  }
  for (int i = 0; i < 4; i++) {
    uint32_t c = r[(i + 2) & 3] ^ k->sub[4 + i];
    for (int j = 0; j < 4; j++)
      out[4 * i + j] = (uint8_t)(c >> (8 * j));
  }
}

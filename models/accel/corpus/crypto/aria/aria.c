/* ARIA block cipher (RFC 5794; KS X 1213), 128-bit block with 128/192/256
 * bit keys: the four S-boxes computed at start-up (SB1 = AES inversion +
 * affine map, SB2 = B * x^247 + 0xE2 over GF(2^8)/0x11B, and their
 * inverses), the 16x16 binary involution A as byte XORs, odd/even round
 * functions with substitution layers of opposite type, and the key
 * schedule from four 128-bit words W0..W3 (three rounds of the Feistel
 * network keyed by the 1/pi constants) combined with rotations by 19, 31,
 * 61 and 97 bits. Label: crypto. */
#include <stdint.h>
#include <string.h>

typedef struct {
  uint8_t ek[17][16];
  int rounds;
} aria_ctx;

static uint8_t SB[4][256]; /* SB1, SB2, SB1^-1, SB2^-1 */

static uint8_t gf_mul(uint8_t a, uint8_t b) {
  uint8_t r = 0;
  while (b) {
    if (b & 1)
      r ^= a;
    a = (uint8_t)((a << 1) ^ ((a & 0x80) ? 0x1B : 0));
    b >>= 1;
  }
  return r;
}

void aria_boxes(void) {
  static const uint8_t bcol[8] = {0xac, 0xc5, 0x12, 0xcf,
                                  0x5b, 0x5f, 0x85, 0xee};
  for (int x = 0; x < 256; x++) {
    uint8_t inv = 0, p247 = 1, sq = (uint8_t)x;
    for (int y = 1; y < 256 && x; y++)
      if (gf_mul((uint8_t)x, (uint8_t)y) == 1) {
        inv = (uint8_t)y;
        break;
      }
    for (int e = 247; e; e >>= 1) { /* x^247 by square and multiply */
      if (e & 1)
        p247 = gf_mul(p247, sq);
      sq = gf_mul(sq, sq);
    }
    if (!x)
      p247 = 0;
    uint8_t s1 = 0x63, s2 = 0xE2;
    for (int i = 0; i < 8; i++) {
      uint8_t bit =
          ((inv >> i) ^ (inv >> ((i + 4) & 7)) ^ (inv >> ((i + 5) & 7)) ^
           (inv >> ((i + 6) & 7)) ^ (inv >> ((i + 7) & 7))) &
          1;
      s1 ^= (uint8_t)(bit << i);
      if ((p247 >> i) & 1)
        s2 ^= bcol[i];
    }
    SB[0][x] = s1;
    SB[1][x] = s2;
    SB[2][s1] = (uint8_t)x;
    SB[3][s2] = (uint8_t)x;
  }
}

/* odd = 1: FO (SB1 SB2 SB1^-1 SB2^-1); odd = 0: FE. Then A. */
static void fo_fe(uint8_t d[16], const uint8_t rk[16], int odd) {
  uint8_t x[16];
  for (int i = 0; i < 16; i++)
    x[i] = SB[(odd ? 0 : 2) ^ (i & 3)][d[i] ^ rk[i]];
  d[0] = x[3] ^ x[4] ^ x[6] ^ x[8] ^ x[9] ^ x[13] ^ x[14];
  d[1] = x[2] ^ x[5] ^ x[7] ^ x[8] ^ x[9] ^ x[12] ^ x[15];
  d[2] = x[1] ^ x[4] ^ x[6] ^ x[10] ^ x[11] ^ x[12] ^ x[15];
  d[3] = x[0] ^ x[5] ^ x[7] ^ x[10] ^ x[11] ^ x[13] ^ x[14];
  d[4] = x[0] ^ x[2] ^ x[5] ^ x[8] ^ x[11] ^ x[14] ^ x[15];
  d[5] = x[1] ^ x[3] ^ x[4] ^ x[9] ^ x[10] ^ x[14] ^ x[15];
  d[6] = x[0] ^ x[2] ^ x[7] ^ x[9] ^ x[10] ^ x[12] ^ x[13];
  d[7] = x[1] ^ x[3] ^ x[6] ^ x[8] ^ x[11] ^ x[12] ^ x[13];
  d[8] = x[0] ^ x[1] ^ x[4] ^ x[7] ^ x[10] ^ x[13] ^ x[15];
  d[9] = x[0] ^ x[1] ^ x[5] ^ x[6] ^ x[11] ^ x[12] ^ x[14];
  d[10] = x[2] ^ x[3] ^ x[5] ^ x[6] ^ x[8] ^ x[13] ^ x[15];
  d[11] = x[2] ^ x[3] ^ x[4] ^ x[7] ^ x[9] ^ x[12] ^ x[14];
  d[12] = x[1] ^ x[2] ^ x[6] ^ x[7] ^ x[9] ^ x[11] ^ x[12];
  d[13] = x[0] ^ x[3] ^ x[6] ^ x[7] ^ x[8] ^ x[10] ^ x[13];
  d[14] = x[0] ^ x[3] ^ x[4] ^ x[5] ^ x[9] ^ x[11] ^ x[14];
  d[15] = x[1] ^ x[2] ^ x[4] ^ x[5] ^ x[8] ^ x[10] ^ x[15];
}

int aria_expand(aria_ctx *c, const uint8_t *key, int bits) {
  static const uint8_t ck[3][16] = {
      {0x51, 0x7c, 0xc1, 0xb7, 0x27, 0x22, 0x0a, 0x94, 0xfe, 0x13, 0xab, 0xe8,
       0xfa, 0x9a, 0x6e, 0xe0},
      {0x6d, 0xb1, 0x4a, 0xcc, 0x9e, 0x21, 0xc8, 0x20, 0xff, 0x28, 0xb1, 0xd5,
       0xef, 0x5d, 0xe2, 0xb0},
      {0xdb, 0x92, 0x37, 0x1d, 0x21, 0x26, 0xe9, 0x70, 0x03, 0x24, 0x97, 0x75,
       0x04, 0xe8, 0xc9, 0x0e}};
  static const short rot[5] = {19, 31, 128 - 61, 128 - 31, 128 - 19};
  uint8_t w[4][16], kr[16] = {0}, t[16];
  if (bits != 128 && bits != 192 && bits != 256)
    return -1;
  if (!SB[0][0])
    aria_boxes();
  int first = (bits - 128) / 64; /* which constant starts the chain */
  c->rounds = 12 + 2 * first;
  memcpy(w[0], key, 16);
  memcpy(kr, key + 16, (size_t)(bits - 128) / 8);
  for (int i = 1; i < 4; i++) {
    memcpy(t, w[i - 1], 16);
    fo_fe(t, ck[(first + i - 1) % 3], i & 1);
    const uint8_t *add = i == 1 ? kr : w[i - 2];
    for (int j = 0; j < 16; j++)
      w[i][j] = t[j] ^ add[j];
  }
  /* ek[4g + m] = W[m] ^ (W[(m+1)%4] >>> rot[g]) */
  for (int n = 0; n < c->rounds + 1; n++) {
    int g = n / 4, m = n % 4;
    const uint8_t *a = w[m], *b = w[(m + 1) & 3];
    int bytes = rot[g] / 8, sh = rot[g] % 8;
    for (int j = 0; j < 16; j++) {
      uint8_t hi = b[(j - bytes + 16) & 15], lo = b[(j - bytes + 15) & 15];
      uint8_t r = sh ? (uint8_t)((hi >> sh) | (lo << (8 - sh))) : hi;
      c->ek[n][j] = a[j] ^ r;
    }
  }
  return 0;
}

void aria_crypt(const aria_ctx *c, const uint8_t in[16], uint8_t out[16]) {
  uint8_t s[16];
  int r;
  memcpy(s, in, 16);
  for (r = 0; r < c->rounds - 1; r++)
    fo_fe(s, c->ek[r], !(r & 1));
  for (int i = 0; i < 16; i++)
    out[i] = SB[2 ^ (i & 3)][s[i] ^ c->ek[r][i]] ^ c->ek[r + 1][i];
}

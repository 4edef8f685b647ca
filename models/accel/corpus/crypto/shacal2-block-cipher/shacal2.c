/*
 * SHACAL-2: the 256-bit block cipher obtained by running the SHA-256
 * compression rounds on the chaining value under a key that plays the role
 * of the 512-bit message block (Handschuh & Naccache, NESSIE submission).
 *
 * The key schedule expands the (up to 512-bit) key into 64 round words
 * exactly like the SHA-256 message schedule; encryption runs the 64 rounds
 * forward, decryption inverts them one at a time (the round function is a
 * shift register whose single new word can be peeled off).  Blocks and keys
 * are big-endian 32-bit words, as in the specification.
 */
#include <stdint.h>
#include <string.h>

#define SC2_ROUNDS 64

typedef struct {
    uint32_t w[SC2_ROUNDS];
} shacal2_ks;

/* fractional parts of the cube roots of the first 64 primes */
static const uint32_t sc2_k[SC2_ROUNDS] = {
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

#define ROR(x, n) (((x) >> (n)) | ((x) << (32 - (n))))
#define BIG_SIGMA0(x) (ROR(x, 2) ^ ROR(x, 13) ^ ROR(x, 22))
#define BIG_SIGMA1(x) (ROR(x, 6) ^ ROR(x, 11) ^ ROR(x, 25))
#define SMALL_SIGMA0(x) (ROR(x, 7) ^ ROR(x, 18) ^ ((x) >> 3))
#define SMALL_SIGMA1(x) (ROR(x, 17) ^ ROR(x, 19) ^ ((x) >> 10))
#define CHOOSE(e, f, g) (((e) & (f)) ^ (~(e) & (g)))
#define MAJORITY(a, b, c) (((a) & (b)) ^ ((a) & (c)) ^ ((b) & (c)))

/* Key of keylen bytes (16..64, multiple of 4); shorter keys are zero
 * padded to 512 bits as in the submission.  Returns 0, or -1 on a bad
 * length. */
int shacal2_set_key(shacal2_ks *ks, const uint8_t *key, size_t keylen)
{
    uint8_t padded[64];
    int t;

    if (keylen < 16 || keylen > 64 || (keylen & 3) != 0)
        return -1;
    memset(padded, 0, sizeof padded);
    memcpy(padded, key, keylen);
    for (t = 0; t < 16; t++)
        ks->w[t] = (uint32_t)padded[4 * t] << 24 |
                   (uint32_t)padded[4 * t + 1] << 16 |
                   (uint32_t)padded[4 * t + 2] << 8 | padded[4 * t + 3];
    for (t = 16; t < SC2_ROUNDS; t++)
        ks->w[t] = SMALL_SIGMA1(ks->w[t - 2]) + ks->w[t - 7] +
                   SMALL_SIGMA0(ks->w[t - 15]) + ks->w[t - 16];
    /* fold the round constants in once: the cipher only ever uses K+W */
    for (t = 0; t < SC2_ROUNDS; t++)
        ks->w[t] += sc2_k[t];
    memset(padded, 0, sizeof padded);
    return 0;
}

void shacal2_encrypt(const shacal2_ks *ks, const uint8_t in[32],
                     uint8_t out[32])
{
    uint32_t r[8];
    int i;

    for (i = 0; i < 8; i++)
        r[i] = (uint32_t)in[4 * i] << 24 | (uint32_t)in[4 * i + 1] << 16 |
               (uint32_t)in[4 * i + 2] << 8 | in[4 * i + 3];

    for (i = 0; i < SC2_ROUNDS; i++) {
        uint32_t t1 = r[7] + BIG_SIGMA1(r[4]) + CHOOSE(r[4], r[5], r[6]) +
                      ks->w[i];
        uint32_t t2 = BIG_SIGMA0(r[0]) + MAJORITY(r[0], r[1], r[2]);
        r[7] = r[6];
        r[6] = r[5];
        r[5] = r[4];
        r[4] = r[3] + t1;
        r[3] = r[2];
        r[2] = r[1];
        r[1] = r[0];
        r[0] = t1 + t2;
    }

    for (i = 0; i < 8; i++) {
        out[4 * i] = (uint8_t)(r[i] >> 24);
        out[4 * i + 1] = (uint8_t)(r[i] >> 16);
        out[4 * i + 2] = (uint8_t)(r[i] >> 8);
        out[4 * i + 3] = (uint8_t)r[i];
    }
}

/* One round backwards: from (a',b',c',d',e',f',g',h') recover the previous
 * registers.  b'..d' and f'..h' are shifted copies; t1+t2 = a' gives t1
 * once t2 (which depends only on b',c',d') is known, then d = e' - t1 and
 * h = t1 - (Sigma1(f') + Ch(f',g',h') + W). */
void shacal2_decrypt(const shacal2_ks *ks, const uint8_t in[32],
                     uint8_t out[32])
{
    uint32_t a, b, c, d, e, f, g, h;
    int i;

    a = (uint32_t)in[0] << 24 | (uint32_t)in[1] << 16 | (uint32_t)in[2] << 8 | in[3];
    b = (uint32_t)in[4] << 24 | (uint32_t)in[5] << 16 | (uint32_t)in[6] << 8 | in[7];
    c = (uint32_t)in[8] << 24 | (uint32_t)in[9] << 16 | (uint32_t)in[10] << 8 | in[11];
    d = (uint32_t)in[12] << 24 | (uint32_t)in[13] << 16 | (uint32_t)in[14] << 8 | in[15];
    e = (uint32_t)in[16] << 24 | (uint32_t)in[17] << 16 | (uint32_t)in[18] << 8 | in[19];
    f = (uint32_t)in[20] << 24 | (uint32_t)in[21] << 16 | (uint32_t)in[22] << 8 | in[23];
    g = (uint32_t)in[24] << 24 | (uint32_t)in[25] << 16 | (uint32_t)in[26] << 8 | in[27];
    h = (uint32_t)in[28] << 24 | (uint32_t)in[29] << 16 | (uint32_t)in[30] << 8 | in[31];

    for (i = SC2_ROUNDS - 1; i >= 0; i--) {
        uint32_t t2 = BIG_SIGMA0(b) + MAJORITY(b, c, d);
        uint32_t t1 = a - t2;
        uint32_t pa = b, pb = c, pc = d, pd = e - t1;
        uint32_t pe = f, pf = g, pg = h;
        uint32_t ph = t1 - BIG_SIGMA1(pe) - CHOOSE(pe, pf, pg) - ks->w[i];
        a = pa; b = pb; c = pc; d = pd;
        e = pe; f = pf; g = pg; h = ph;
    }

    out[0] = (uint8_t)(a >> 24); out[1] = (uint8_t)(a >> 16); out[2] = (uint8_t)(a >> 8); out[3] = (uint8_t)a;
    out[4] = (uint8_t)(b >> 24); out[5] = (uint8_t)(b >> 16); out[6] = (uint8_t)(b >> 8); out[7] = (uint8_t)b;
    out[8] = (uint8_t)(c >> 24); out[9] = (uint8_t)(c >> 16); out[10] = (uint8_t)(c >> 8); out[11] = (uint8_t)c;
    out[12] = (uint8_t)(d >> 24); out[13] = (uint8_t)(d >> 16); out[14] = (uint8_t)(d >> 8); out[15] = (uint8_t)d;
    out[16] = (uint8_t)(e >> 24); out[17] = (uint8_t)(e >> 16); out[18] = (uint8_t)(e >> 8); out[19] = (uint8_t)e;
    out[20] = (uint8_t)(f >> 24); out[21] = (uint8_t)(f >> 16); out[22] = (uint8_t)(f >> 8); out[23] = (uint8_t)f;
    out[24] = (uint8_t)(g >> 24); out[25] = (uint8_t)(g >> 16); out[26] = (uint8_t)(g >> 8); out[27] = (uint8_t)g;
    out[28] = (uint8_t)(h >> 24); out[29] = (uint8_t)(h >> 16); out[30] = (uint8_t)(h >> 8); out[31] = (uint8_t)h;
}

/* Encrypt nblocks 32-byte blocks in CBC mode (iv is updated in place). */
void shacal2_cbc_encrypt(const shacal2_ks *ks, uint8_t iv[32],
                         const uint8_t *in, uint8_t *out, size_t nblocks)
{
    size_t n;
    int j;
    uint8_t x[32];

    for (n = 0; n < nblocks; n++) {
        for (j = 0; j < 32; j++)
            x[j] = in[32 * n + j] ^ iv[j];
        shacal2_encrypt(ks, x, out + 32 * n);
        memcpy(iv, out + 32 * n, 32);
    }
}

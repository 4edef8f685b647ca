/* FEAL-N (Shimizu & Miyaguchi): 64-bit block, 64-bit key, N rounds
 * (N even, N <= 32).  Byte-oriented: every 32-bit half is kept as four
 * bytes, byte 0 being the most significant. */
#include <stdint.h>
#include <string.h>

#define FEAL_MAX_N 32
#define ROT2(v) ((uint8_t)(((v) << 2) | ((v) >> 6)))
#define S_BOX(x, y, d) ROT2((uint8_t)((x) + (y) + (d)))

typedef struct {
    int n;
    uint16_t sk[FEAL_MAX_N + 8];
} feal_ks;

/* key-schedule mixing function fK(a, b) */
static void mix_key(uint8_t out[4], const uint8_t a[4], const uint8_t b[4])
{
    uint8_t t1 = a[0] ^ a[1];
    uint8_t t2 = a[2] ^ a[3];
    out[1] = S_BOX(t1, t2 ^ b[0], 1);
    out[2] = S_BOX(t2, out[1] ^ b[1], 0);
    out[0] = S_BOX(a[0], out[1] ^ b[2], 0);
    out[3] = S_BOX(a[3], out[2] ^ b[3], 1);
}

/* data-path round function f(a, k) with a 16-bit round key */
static void mix_round(uint8_t out[4], const uint8_t a[4], uint16_t k)
{
    uint8_t t1 = a[0] ^ a[1] ^ (uint8_t)(k >> 8);
    uint8_t t2 = a[2] ^ a[3] ^ (uint8_t)k;
    out[1] = S_BOX(t1, t2, 1);
    out[2] = S_BOX(t2, out[1], 0);
    out[0] = S_BOX(a[0], out[1], 0);
    out[3] = S_BOX(a[3], out[2], 1);
}

int feal_schedule(feal_ks *ks, const uint8_t key[8], int n)
{
    uint8_t a[4], b[4], d[4] = {0, 0, 0, 0}, t[4], nb[4];
    int i, j;
    if (n < 2 || n > FEAL_MAX_N || (n & 1))
        return -1;
    ks->n = n;
    memcpy(a, key, 4);
    memcpy(b, key + 4, 4);
    for (i = 0; i < n / 2 + 4; i++) {
        for (j = 0; j < 4; j++)
            t[j] = b[j] ^ d[j];
        mix_key(nb, a, t);
        memcpy(d, a, 4);
        memcpy(a, b, 4);
        memcpy(b, nb, 4);
        ks->sk[2 * i] = (uint16_t)(b[0] << 8 | b[1]);
        ks->sk[2 * i + 1] = (uint16_t)(b[2] << 8 | b[3]);
    }
    return 0;
}

static void xor_keys(uint8_t blk[8], const uint16_t *k)
{
    int j;
    for (j = 0; j < 4; j++) {
        blk[2 * j] ^= (uint8_t)(k[j] >> 8);
        blk[2 * j + 1] ^= (uint8_t)k[j];
    }
}

/* In-place single block.  dir = 0 encrypts, dir = 1 decrypts. */
void feal_block(const feal_ks *ks, uint8_t blk[8], int dir)
{
    uint8_t l[4], r[4], f[4], tmp[4];
    int n = ks->n, i, j;

    xor_keys(blk, ks->sk + n + (dir ? 4 : 0));
    memcpy(l, blk, 4);
    for (j = 0; j < 4; j++)
        r[j] = blk[4 + j] ^ blk[j];
    for (i = 0; i < n; i++) {
        int kidx = dir ? n - 1 - i : i;
        mix_round(f, r, ks->sk[kidx]);
        for (j = 0; j < 4; j++)
            tmp[j] = l[j] ^ f[j];
        memcpy(l, r, 4);
        memcpy(r, tmp, 4);
    }
    for (j = 0; j < 4; j++) {
        blk[j] = r[j];
        blk[4 + j] = l[j] ^ r[j];
    }
    xor_keys(blk, ks->sk + n + (dir ? 0 : 4));
}

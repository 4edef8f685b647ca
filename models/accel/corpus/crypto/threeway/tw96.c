/* 96-bit block / 96-bit key substitution-linear network (Daemen's 3-Way).
 * Words are handled as three 32-bit lanes. */
#include <stdint.h>

#define TW_ROUNDS 11
#define ROTR32(v, n) (((v) >> (n)) | ((v) << (32 - (n))))
#define ROTL32(v, n) (((v) << (n)) | ((v) >> (32 - (n))))
/* round-constant LFSR step in GF(2)[x]/(x^16+x^12+x^4+1) */
#define RC_STEP(rc) ((((rc) << 1) & 0x10000u) ? (((rc) << 1) ^ 0x11011u) : ((rc) << 1))

typedef struct {
    uint32_t k[3];
    uint32_t kd[3];
} tw_key;

/* linear diffusion layer */
static void lin_mix(uint32_t a[3])
{
    uint32_t b[3];
    int i;
    for (i = 0; i < 3; i++) {
        uint32_t x = a[i], y = a[(i + 1) % 3], z = a[(i + 2) % 3];
        b[i] = x ^ (x >> 16) ^ (y << 16) ^ (y >> 16) ^ (z << 16) ^
               (y >> 24) ^ (z << 8) ^ (z >> 8) ^ (x << 24) ^
               (z >> 16) ^ (x << 16) ^ (z >> 24) ^ (x << 8);
    }
    a[0] = b[0];
    a[1] = b[1];
    a[2] = b[2];
}

/* bit-order reversal across the whole 96-bit state (word order swapped) */
static void flip96(uint32_t a[3])
{
    uint32_t r[3] = {0, 0, 0};
    int i, w;
    for (w = 0; w < 3; w++) {
        uint32_t v = a[w];
        for (i = 0; i < 32; i++) {
            r[2 - w] = (r[2 - w] << 1) | (v & 1u);
            v >>= 1;
        }
    }
    a[0] = r[0];
    a[1] = r[1];
    a[2] = r[2];
}

/* theta, pi1, gamma, pi2 */
static void rho(uint32_t a[3])
{
    uint32_t p, q, s;
    lin_mix(a);
    a[0] = ROTR32(a[0], 10);
    a[2] = ROTL32(a[2], 1);
    p = a[0]; q = a[1]; s = a[2];
    a[0] = p ^ (q | ~s);
    a[1] = q ^ (s | ~p);
    a[2] = s ^ (p | ~q);
    a[0] = ROTL32(a[0], 1);
    a[2] = ROTR32(a[2], 10);
}

void tw_setup(tw_key *ks, const uint32_t key[3])
{
    int i;
    for (i = 0; i < 3; i++) {
        ks->k[i] = key[i];
        ks->kd[i] = key[i];
    }
    lin_mix(ks->kd);
    flip96(ks->kd);
}

void tw_run(const tw_key *ks, uint32_t blk[3], int inverse)
{
    const uint32_t *k = inverse ? ks->kd : ks->k;
    uint32_t rc = inverse ? 0xb1b1u : 0x0b0bu;
    int r;
    if (inverse)
        flip96(blk);
    for (r = 0; r < TW_ROUNDS; r++) {
        blk[0] ^= k[0] ^ (rc << 16);
        blk[1] ^= k[1];
        blk[2] ^= k[2] ^ rc;
        rho(blk);
        rc = RC_STEP(rc);
    }
    blk[0] ^= k[0] ^ (rc << 16);
    blk[1] ^= k[1];
    blk[2] ^= k[2] ^ rc;
    lin_mix(blk);
    if (inverse)
        flip96(blk);
}

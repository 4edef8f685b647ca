/*
 * SAFER K-64 and SAFER SK-64 (Massey), 64-bit block, 64-bit key, written
 * from the cipher's description: exponent/logarithm boxes of 45^x mod 257,
 * the mixed XOR/ADD key layers, three levels of 2-point pseudo-Hadamard
 * transforms joined by the decimation ("Armenian") shuffle, and the
 * byte-rotating key schedule with bias words exp(exp(9i+j)).  SK differs
 * only in the schedule (a ninth parity byte and a sliding byte window).
 */
#include <stdint.h>
#include <stddef.h>

#define SAFER_MAX_ROUNDS 12
#define PHT(a, b)  do { (b) = (uint8_t)((b) + (a)); (a) = (uint8_t)((a) + (b)); } while (0)
#define IPHT(a, b) do { (a) = (uint8_t)((a) - (b)); (b) = (uint8_t)((b) - (a)); } while (0)
#define ROL8(x, n) ((uint8_t)(((x) << (n)) | ((x) >> (8 - (n)))))

typedef struct {
    unsigned rounds;
    uint8_t k[2 * SAFER_MAX_ROUNDS + 1][8];
} safer_sched;

uint8_t safer_ebox[256];
uint8_t safer_lbox[256];

/* e(x) = 45^x mod 257 with 256 written as 0; l is its inverse */
void safer_boxes(void)
{
    unsigned v = 1;
    for (unsigned x = 0; x < 256; x++) {
        uint8_t e = (uint8_t)(v & 0xff);
        safer_ebox[x] = e;
        safer_lbox[e] = (uint8_t)x;
        v = (v * 45u) % 257u;
    }
}

/* which byte positions use XOR first (1) and which use ADD first (0) */
static const uint8_t xor_first[8] = {1, 0, 0, 1, 1, 0, 0, 1};

void safer_schedule(safer_sched *ks, const uint8_t key[8], unsigned rounds,
                    int strengthened)
{
    uint8_t reg[9];
    unsigned i, j;

    if (safer_ebox[0] != 1)
        safer_boxes();
    if (rounds > SAFER_MAX_ROUNDS)
        rounds = SAFER_MAX_ROUNDS;
    ks->rounds = rounds;
    reg[8] = 0;
    for (j = 0; j < 8; j++) {
        reg[j] = key[j];
        reg[8] ^= key[j];
        ks->k[0][j] = key[j];
    }
    for (i = 2; i <= 2 * rounds + 1; i++) {
        uint8_t *sub = ks->k[i - 1];
        for (j = 0; j < 9; j++)
            reg[j] = ROL8(reg[j], 3);
        for (j = 1; j <= 8; j++) {
            uint8_t bias = safer_ebox[safer_ebox[(9 * i + j) & 0xff]];
            uint8_t src = strengthened ? reg[(i + j - 2) % 9] : reg[j - 1];
            sub[j - 1] = (uint8_t)(src + bias);
        }
    }
}

/* one 2-PHT level on neighbouring pairs followed by the shuffle that
 * sends (y0..y7) to (y0,y2,y4,y6,y1,y3,y5,y7) */
static void pht_level(uint8_t *x, int shuffle)
{
    uint8_t t[8];
    PHT(x[0], x[1]);
    PHT(x[2], x[3]);
    PHT(x[4], x[5]);
    PHT(x[6], x[7]);
    if (!shuffle)
        return;
    for (int i = 0; i < 4; i++) {
        t[i] = x[2 * i];
        t[i + 4] = x[2 * i + 1];
    }
    for (int i = 0; i < 8; i++)
        x[i] = t[i];
}

void safer_encrypt(const safer_sched *ks, uint8_t blk[8])
{
    const uint8_t *kp = ks->k[0];
    uint8_t *b;
    unsigned r;
    int j;

    for (r = 0; r < ks->rounds; r++) {
        const uint8_t *ka = kp, *kb = kp + 8;
        for (b = blk, j = 0; j < 8; j++, b++) {
            if (xor_first[j])
                *b = (uint8_t)(safer_ebox[*b ^ ka[j]] + kb[j]);
            else
                *b = (uint8_t)(safer_lbox[(uint8_t)(*b + ka[j])] ^ kb[j]);
        }
        pht_level(blk, 1);
        pht_level(blk, 1);
        pht_level(blk, 0);
        kp += 16;
    }
    for (b = blk, j = 0; j < 8; j++, b++)
        *b = xor_first[j] ? (uint8_t)(*b ^ kp[j]) : (uint8_t)(*b + kp[j]);
}

void safer_decrypt(const safer_sched *ks, uint8_t blk[8])
{
    const uint8_t *kp = ks->k[2 * ks->rounds];
    uint8_t t[8];
    unsigned r;
    int j, i;

    for (j = 0; j < 8; j++)
        blk[j] = xor_first[j] ? (uint8_t)(blk[j] ^ kp[j])
                              : (uint8_t)(blk[j] - kp[j]);
    for (r = ks->rounds; r > 0; r--) {
        const uint8_t *kb = ks->k[2 * r - 1], *ka = ks->k[2 * r - 2];
        IPHT(blk[0], blk[1]);
        IPHT(blk[2], blk[3]);
        IPHT(blk[4], blk[5]);
        IPHT(blk[6], blk[7]);
        for (i = 0; i < 2; i++) {
            /* undo the shuffle, then the level before it */
            for (j = 0; j < 4; j++) {
                t[2 * j] = blk[j];
                t[2 * j + 1] = blk[j + 4];
            }
            for (j = 0; j < 8; j += 2) {
                blk[j] = t[j];
                blk[j + 1] = t[j + 1];
                IPHT(blk[j], blk[j + 1]);
            }
        }
        for (j = 0; j < 8; j++) {
            if (xor_first[j])
                blk[j] = safer_lbox[(uint8_t)(blk[j] - kb[j])] ^ ka[j];
            else
                blk[j] = (uint8_t)(safer_ebox[blk[j] ^ kb[j]] - ka[j]);
        }
    }
}

/* electronic-codebook helper over whole blocks, in place */
size_t safer_ecb(const safer_sched *ks, uint8_t *buf, size_t len, int decrypt)
{
    size_t done = 0;
    for (; len - done >= 8; done += 8) {
        if (decrypt)
            safer_decrypt(ks, buf + done);
        else
            safer_encrypt(ks, buf + done);
    }
    return done;
}

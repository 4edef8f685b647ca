/*
 * KLEIN-64: 64-bit block, 64-bit key, 12 rounds.
 * Nibble S-box + byte rotation + AES-style column mixing per 32-bit half.
 * A CBC wrapper is provided for record protection.
 */
#include <stdint.h>
#include <stddef.h>
#include <string.h>

#define KLEIN_ROUNDS 12

static const uint8_t ksub[16] = {
    0x7, 0x4, 0xA, 0x9, 0x1, 0xF, 0xB, 0x0,
    0xC, 0x3, 0x2, 0x6, 0x8, 0xE, 0xD, 0x5
};

struct klein_sched {
    uint8_t rk[KLEIN_ROUNDS + 1][8];
};

static uint8_t xt(uint8_t a)
{
    return (uint8_t)((a << 1) ^ ((a & 0x80) ? 0x1B : 0x00));
}

static void sub_bytes(uint8_t *s, int n)
{
    for (int i = 0; i < n; i++)
        s[i] = (uint8_t)((ksub[s[i] >> 4] << 4) | ksub[s[i] & 0x0F]);
}

static void mix_half(uint8_t *c)
{
    uint8_t a0 = c[0], a1 = c[1], a2 = c[2], a3 = c[3];
    uint8_t t = a0 ^ a1 ^ a2 ^ a3;
    c[0] = a0 ^ t ^ xt(a0 ^ a1);
    c[1] = a1 ^ t ^ xt(a1 ^ a2);
    c[2] = a2 ^ t ^ xt(a2 ^ a3);
    c[3] = a3 ^ t ^ xt(a3 ^ a0);
}

static void unmix_half(uint8_t *c)
{
    uint8_t u = xt(xt(c[0] ^ c[2]));
    uint8_t v = xt(xt(c[1] ^ c[3]));
    c[0] ^= u; c[1] ^= v; c[2] ^= u; c[3] ^= v;
    mix_half(c);
}

void klein_schedule(struct klein_sched *ks, const uint8_t key[8])
{
    uint8_t k[8], a[4], b[4];
    memcpy(k, key, 8);
    memcpy(ks->rk[0], k, 8);
    for (int i = 1; i <= KLEIN_ROUNDS; i++) {
        for (int j = 0; j < 4; j++) {
            a[j] = k[(j + 1) & 3];
            b[j] = k[4 + ((j + 1) & 3)];
        }
        for (int j = 0; j < 4; j++) {
            k[j] = b[j];
            k[4 + j] = a[j] ^ b[j];
        }
        k[2] ^= (uint8_t)i;
        sub_bytes(k + 5, 2);
        memcpy(ks->rk[i], k, 8);
    }
}

void klein_encrypt(const struct klein_sched *ks, uint8_t blk[8])
{
    uint8_t t[8];
    for (int r = 0; r < KLEIN_ROUNDS; r++) {
        for (int j = 0; j < 8; j++)
            blk[j] ^= ks->rk[r][j];
        sub_bytes(blk, 8);
        for (int j = 0; j < 8; j++)
            t[j] = blk[(j + 2) & 7];
        mix_half(t);
        mix_half(t + 4);
        memcpy(blk, t, 8);
    }
    for (int j = 0; j < 8; j++)
        blk[j] ^= ks->rk[KLEIN_ROUNDS][j];
}

void klein_decrypt(const struct klein_sched *ks, uint8_t blk[8])
{
    uint8_t t[8];
    for (int j = 0; j < 8; j++)
        blk[j] ^= ks->rk[KLEIN_ROUNDS][j];
    for (int r = KLEIN_ROUNDS - 1; r >= 0; r--) {
        unmix_half(blk);
        unmix_half(blk + 4);
        for (int j = 0; j < 8; j++)
            t[(j + 2) & 7] = blk[j];
        sub_bytes(t, 8); /* the KLEIN S-box is an involution */
        for (int j = 0; j < 8; j++)
            blk[j] = t[j] ^ ks->rk[r][j];
    }
}

/* CBC over whole blocks; returns number of bytes processed. */
size_t seal_records(const struct klein_sched *ks, uint8_t iv[8],
                    uint8_t *buf, size_t len)
{
    size_t done = 0;
    while (len - done >= 8) {
        for (int j = 0; j < 8; j++)
            buf[done + j] ^= iv[j];
        klein_encrypt(ks, buf + done);
        memcpy(iv, buf + done, 8);
        done += 8;
    }
    return done;
}

size_t open_records(const struct klein_sched *ks, uint8_t iv[8],
                    uint8_t *buf, size_t len)
{
    uint8_t prev[8];
    size_t done = 0;
    while (len - done >= 8) {
        memcpy(prev, buf + done, 8);
        klein_decrypt(ks, buf + done);
        for (int j = 0; j < 8; j++)
            buf[done + j] ^= iv[j];
        memcpy(iv, prev, 8);
        done += 8;
    }
    return done;
}

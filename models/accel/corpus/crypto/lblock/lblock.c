/*
 * LBlock: 64-bit block, 80-bit key, 32-round Feistel with ten 4-bit S-boxes.
 * Key bytes and blocks are big-endian (byte 0 holds the most significant bits).
 */
#include <stdint.h>
#include <stddef.h>

static const uint8_t SB[10][16] = {
    {14, 9, 15, 0, 13, 4, 10, 11, 1, 2, 8, 3, 7, 6, 12, 5},
    {4, 11, 14, 9, 15, 13, 0, 10, 7, 12, 5, 6, 2, 8, 1, 3},
    {1, 14, 7, 12, 15, 13, 0, 6, 11, 5, 9, 3, 2, 4, 8, 10},
    {7, 6, 8, 11, 0, 15, 3, 14, 9, 10, 12, 13, 5, 2, 4, 1},
    {14, 5, 15, 0, 7, 2, 12, 13, 1, 8, 4, 9, 11, 10, 6, 3},
    {2, 13, 11, 12, 15, 14, 0, 9, 7, 10, 6, 3, 1, 8, 4, 5},
    {11, 9, 4, 14, 0, 15, 10, 13, 6, 12, 5, 7, 3, 8, 1, 2},
    {13, 10, 15, 0, 14, 4, 9, 11, 2, 1, 8, 3, 7, 5, 12, 6},
    {8, 7, 14, 5, 15, 13, 0, 6, 11, 12, 9, 10, 2, 4, 1, 3},
    {11, 5, 15, 0, 7, 2, 9, 13, 4, 8, 1, 12, 14, 10, 3, 6}
};

typedef struct {
    uint32_t sk[32];
} lb_keys;

void lb_expand(lb_keys *ks, const uint8_t key[10])
{
    /* 80-bit register split as hi (top 16 bits) and lo (low 64 bits) */
    uint64_t hi = ((uint64_t)key[0] << 8) | key[1];
    uint64_t lo = 0;
    for (int i = 2; i < 10; i++)
        lo = (lo << 8) | key[i];
    ks->sk[0] = (uint32_t)((hi << 16) | (lo >> 48));
    for (int i = 1; i < 32; i++) {
        /* rotate the 80-bit register left by 29 */
        uint64_t nhi = (lo >> 35) & 0xFFFF;
        uint64_t nlo = (lo << 29) | (hi << 13) | (lo >> 51);
        hi = nhi;
        lo = nlo;
        uint64_t top = hi >> 8;
        top = ((uint64_t)SB[9][top >> 4] << 4) | SB[8][top & 0xF];
        hi = (top << 8) | (hi & 0xFF);
        /* k50..k46 ^= i */
        lo ^= (uint64_t)i << 46;
        ks->sk[i] = (uint32_t)((hi << 16) | (lo >> 48));
    }
}

static uint32_t lb_f(uint32_t x, uint32_t k)
{
    uint32_t z = x ^ k, s = 0;
    for (int j = 0; j < 8; j++)
        s |= (uint32_t)SB[j][(z >> (4 * j)) & 0xF] << (4 * j);
    uint32_t n0 = s & 0xF, n1 = (s >> 4) & 0xF, n2 = (s >> 8) & 0xF,
             n3 = (s >> 12) & 0xF, n4 = (s >> 16) & 0xF, n5 = (s >> 20) & 0xF,
             n6 = (s >> 24) & 0xF, n7 = s >> 28;
    return (n6 << 28) | (n4 << 24) | (n7 << 20) | (n5 << 16) |
           (n2 << 12) | (n0 << 8) | (n3 << 4) | n1;
}

static uint32_t rol32(uint32_t v, int n)
{
    return (v << n) | (v >> (32 - n));
}

uint64_t lb_enc(const lb_keys *ks, uint64_t blk)
{
    uint32_t left = (uint32_t)(blk >> 32), right = (uint32_t)blk;
    for (int i = 0; i < 32; i++) {
        uint32_t nx = lb_f(left, ks->sk[i]) ^ rol32(right, 8);
        right = left;
        left = nx;
    }
    return ((uint64_t)right << 32) | left;
}

uint64_t lb_dec(const lb_keys *ks, uint64_t blk)
{
    uint32_t a = (uint32_t)(blk >> 32), b = (uint32_t)blk;
    /* a = X(i), b = X(i+1); recover X(i-1) = (b ^ F(a)) >>> 8 */
    for (int i = 31; i >= 0; i--) {
        uint32_t prev = rol32(b ^ lb_f(a, ks->sk[i]), 24);
        b = a;
        a = prev;
    }
    return ((uint64_t)b << 32) | a;
}

/* CTR keystream over a byte buffer with a 64-bit initial counter. */
void lb_ctr(const lb_keys *ks, uint64_t ctr, uint8_t *buf, size_t len)
{
    while (len > 0) {
        uint64_t pad = lb_enc(ks, ctr++);
        size_t n = len < 8 ? len : 8;
        for (size_t j = 0; j < n; j++)
            buf[j] ^= (uint8_t)(pad >> (56 - 8 * j));
        buf += n;
        len -= n;
    }
}

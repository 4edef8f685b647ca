/*
 * NMHASH32X (James Z. M. Gao): a 32-bit hash whose short-key paths use
 * 32x32->32 multiplies and whose long-key path (>= 128 bytes) runs 32
 * accumulator lanes, each avalanched with xorshifts and *two independent
 * 16-bit multiplies per 32-bit lane* (the lane-halves are multiplied by the
 * halves of a constant, modulo 2^16).  Portable scalar formulation: the
 * 16x2 multiply is written out on explicit halves.
 */
#include <stddef.h>
#include <stdint.h>

#define NMX_P1 0x9E3779B1u
#define NMX_P2 0x85EBCA77u
#define NMX_P3 0xC2B2AE3Du
#define NMX_P4 0x27D4EB2Fu

#define NMX_LANES 32
#define NMX_BLOCK (NMX_LANES * 4)

/* accumulator initialisation secret (from FARSH), written out */
static const uint32_t nmx_acc_init[NMX_LANES] = {
    0x71644897u, 0xA20DF94Eu, 0x3819EF46u, 0xA9DEACD8u, 0xA8FA763Fu,
    0xE39C343Fu, 0xF9DCBBC7u, 0xC70B4F1Du, 0x8A51E04Bu, 0xCDB45931u,
    0xC89F7EC9u, 0xD9787364u, 0xB8FE6C39u, 0x23A44BBEu, 0x7C01812Cu,
    0xF721AD1Cu, 0xDED46DE9u, 0x839097DBu, 0x7240A4A4u, 0xB7B3671Fu,
    0xCB79E64Eu, 0xCCC0E578u, 0x825AD07Du, 0xCCFF7221u, 0xB8084674u,
    0xF743248Eu, 0xE03590E6u, 0x813A264Cu, 0x3C2852BBu, 0x91C300CBu,
    0x88D0658Bu, 0x1B532EA3u};

static uint32_t nmx_rd32(const uint8_t *p) {
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
           (uint32_t)p[3] << 24;
}

static uint32_t nmx_rd16(const uint8_t *p) {
    return (uint32_t)p[0] | (uint32_t)p[1] << 8;
}

/* two 16-bit multiplies in one 32-bit lane */
static uint32_t nmx_mul16x2(uint32_t x, uint32_t m) {
    uint32_t lo = ((x & 0xFFFFu) * (m & 0xFFFFu)) & 0xFFFFu;
    uint32_t hi = ((x >> 16) * (m >> 16)) & 0xFFFFu;
    return lo | (hi << 16);
}

/* 2-multiply avalanche (final step of 0-byte keys and of long keys) */
static uint32_t nmx_avalanche2(uint32_t x) {
    x ^= x >> 15;
    x *= 0xD168AAADu;
    x ^= x >> 15;
    x *= 0xAF723597u;
    x ^= x >> 15;
    return x;
}

/* 3-multiply avalanche with a second seed, for 1..3 byte keys */
static uint32_t nmx_avalanche3(uint32_t x, uint32_t seed2) {
    x ^= x >> 16;
    x *= 0x4C749D4Bu;
    x += seed2;
    x ^= x >> 14;
    x *= 0xA8437449u;
    x = (x << 12) | (x >> 20);
    x *= 0x4BF49D4Bu;
    x ^= x >> 16;
    return x;
}

/* base word mixer shared by the 4..127 byte paths */
static uint32_t nmx_absorb(uint32_t h, uint32_t w) {
    h ^= w;
    h ^= h >> 16;
    h *= 0xA52FB2CDu;
    h ^= h >> 15;
    h *= 0x551E4D49u;
    return h;
}

static uint32_t nmx_tiny(const uint8_t *p, size_t len, uint32_t seed) {
    uint32_t seed2 = seed + (uint32_t)len;
    uint32_t x = (uint32_t)len << 16;
    if (len == 0)
        return nmx_avalanche2(NMX_P1 ^ seed);
    if (len == 1) {
        x |= (uint32_t)p[0] << 8;
    } else {
        x |= nmx_rd16(p);
        if (len == 3)
            x |= (uint32_t)p[2] << 24;
    }
    return nmx_avalanche3((NMX_P4 + seed2) ^ x, seed2);
}

static uint32_t nmx_4to8(const uint8_t *p, size_t len, uint32_t seed) {
    uint32_t x = NMX_P1 + (uint16_t)seed;
    uint32_t y = NMX_P2 + seed;
    if (len != 4)
        x = nmx_absorb(x, nmx_rd32(p));
    y = nmx_absorb(y, nmx_rd32(p + len - 4));
    x += (uint32_t)len;
    x ^= (y << 3) | (y >> 29);
    x ^= x >> 16;
    x *= 0xA52FB2CDu;
    x ^= x >> 17;
    return x;
}

static uint32_t nmx_9to127(const uint8_t *p, size_t len, uint32_t seed) {
    uint32_t x = NMX_P1 + seed;
    uint32_t y = NMX_P4 + (uint16_t)seed;
    size_t rounds = (len - 1) / 8;
    size_t i;
    for (i = 0; i < rounds; i++) {
        y = nmx_absorb(y, nmx_rd32(p + 8 * i + 4));
        x = nmx_absorb(x, nmx_rd32(p + 8 * i));
    }
    if (((len - 1) & 4) != 0)
        x = nmx_absorb(x, nmx_rd32(p + 8 * rounds));
    y = nmx_absorb(y, nmx_rd32(p + len - 4));
    x += (uint32_t)len;
    x ^= (y << 3) | (y >> 29);
    x *= 0x141CC535u;
    x ^= x >> 13;
    return x;
}

/* one 128-byte block into the 32 lanes */
static void nmx_block(uint32_t acc[NMX_LANES], const uint8_t *p, int last) {
    int i;
    for (i = 0; i < NMX_LANES; i++) {
        uint32_t a = acc[i] ^ nmx_rd32(p + 4 * i);
        a ^= (a >> 8) ^ (a >> 21);
        a = nmx_mul16x2(a, 0xCCE5196Du);
        a ^= (a << 12) ^ (a >> 7);
        a = nmx_mul16x2(a, 0x464BE229u);
        if (last)
            a ^= (a >> 8) ^ (a >> 21);
        acc[i] = a;
    }
}

static uint32_t nmx_long(const uint8_t *p, size_t len, uint32_t seed) {
    uint32_t acc[NMX_LANES];
    uint32_t sum;
    size_t blocks = (len - 1) / NMX_BLOCK;
    size_t b;
    int i;

    for (i = 0; i < NMX_LANES; i++)
        acc[i] = nmx_acc_init[i] + seed;
    for (b = 0; b < blocks; b++)
        nmx_block(acc, p + b * NMX_BLOCK, 0);
    /* the final (possibly overlapping) block ends exactly at the key's end */
    nmx_block(acc, p + len - NMX_BLOCK, 1);

    sum = (uint32_t)((uint64_t)len >> 32);
    for (i = 0; i < NMX_LANES; i++)
        sum += acc[i] ^ nmx_acc_init[i];
    return nmx_avalanche2(sum ^ (uint32_t)len);
}

uint32_t nmhash32x(const void *key, size_t len, uint32_t seed) {
    const uint8_t *p = (const uint8_t *)key;
    if (len < 4)
        return nmx_tiny(p, len, seed);
    if (len <= 8)
        return nmx_4to8(p, len, seed);
    if (len < 128)
        return nmx_9to127(p, len, seed);
    return nmx_long(p, len, seed);
}

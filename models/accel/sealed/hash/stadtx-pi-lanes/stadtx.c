/*
 * StadtX: Yves Orton's 64-bit keyed string hash (one of the hash functions
 * selectable in perl's hv_func.h).  A 128-bit seed is expanded into four
 * 64-bit lanes; keys shorter than 32 bytes use a two-lane path, longer
 * keys a four-lane 32-byte block loop.  Written from the description of
 * the algorithm; state lanes are kept in a small struct.
 */
#include <stddef.h>
#include <stdint.h>

typedef struct stx_lanes {
    uint64_t w[4];
} stx_lanes;

/* seed-expansion primes / word multipliers */
#define STX_K0 UINT64_C(0xb89b0f8e1655514f)
#define STX_K1 UINT64_C(0x8c6f736011bd5127)
#define STX_K2 UINT64_C(0x8f29bd94edce7b39)
#define STX_K3 UINT64_C(0x9c1b8e1e9628323f)

#define STX_M0 UINT64_C(0x802910e3)
#define STX_M1 UINT64_C(0x819b13af)
#define STX_M2 UINT64_C(0x91cb27e5)
#define STX_M3 UINT64_C(0xc1a269c1)

static inline uint64_t stx_rl(uint64_t x, unsigned r) {
    return (x << r) | (x >> (64u - r));
}

static inline uint64_t stx_rr(uint64_t x, unsigned r) {
    return (x >> r) | (x << (64u - r));
}

/* little-endian loads: generic helpers */
static uint64_t stx_le64(const unsigned char *p) {
    uint64_t v = 0;
    int i;
    for (i = 7; i >= 0; i--)
        v = (v << 8) | p[i];
    return v;
}

static uint64_t stx_le32(const unsigned char *p) {
    return (uint64_t)p[0] | ((uint64_t)p[1] << 8) | ((uint64_t)p[2] << 16) |
           ((uint64_t)p[3] << 24);
}

static uint64_t stx_le16(const unsigned char *p) {
    return (uint64_t)p[0] | ((uint64_t)p[1] << 8);
}

/* xorshift / multiply / xorshift permutation of one lane */
static uint64_t stx_scramble(uint64_t v, uint64_t prime) {
    v ^= v >> 13;
    v ^= v << 35;
    v ^= v >> 30;
    v *= prime;
    v ^= v >> 19;
    v ^= v << 15;
    v ^= v >> 46;
    return v;
}

/* seed (two 64-bit words) -> four non-zero, fully avalanched lanes */
void stadtx_expand_seed(const uint64_t seed[2], stx_lanes *st) {
    static const uint64_t pi_mask[4] = {
        UINT64_C(0x43f6a8885a308d31), UINT64_C(0x3198a2e03707344a),
        UINT64_C(0x4093822299f31d00), UINT64_C(0x82efa98ec4e6c894)};
    static const uint64_t primes[8] = {
        UINT64_C(0x801178846e899d17), UINT64_C(0xdd51e5d1c9a5a151),
        UINT64_C(0x93a7d6c8c62e4835), UINT64_C(0x803340f36895c2b5),
        UINT64_C(0xbea9344eb7565eeb), UINT64_C(0xcd95d1e509b995cd),
        UINT64_C(0x9999791977e30c13), UINT64_C(0xaab8b6b05abfc6cd)};
    int lane;
    for (lane = 0; lane < 4; lane++) {
        uint64_t v = seed[lane & 1] ^ pi_mask[lane];
        if (v == 0)
            v = (uint64_t)1 << lane;
        v = stx_scramble(v, primes[2 * lane]);
        v = stx_scramble(v, primes[2 * lane + 1]);
        st->w[lane] = v;
    }
}

/* keys of 0..31 bytes: two lanes */
static uint64_t stadtx_small(const stx_lanes *st, const unsigned char *k,
                             size_t n) {
    uint64_t a = st->w[0] ^ (((uint64_t)n + 1) * STX_K0);
    uint64_t b = st->w[1] ^ (((uint64_t)n + 2) * STX_K1);
    size_t words = n >> 3;

    while (words--) {
        a += stx_le64(k) * STX_K3;
        a = stx_rr(a, 17) ^ b;
        b = stx_rr(b, 53) + a;
        k += 8;
    }

    switch (n & 7) {
    case 7:
        a += (uint64_t)k[6] << 32;
        /* fall through */
    case 6:
        b += (uint64_t)k[5] << 48;
        /* fall through */
    case 5:
        a += (uint64_t)k[4] << 16;
        /* fall through */
    case 4:
        b += stx_le32(k);
        break;
    case 3:
        a += (uint64_t)k[2] << 48;
        /* fall through */
    case 2:
        b += stx_le16(k);
        break;
    case 1:
        a += (uint64_t)k[0];
        /* fall through */
    default:
        b = stx_rl(b, 32) ^ 0xFF;
        break;
    }

    b ^= a;
    a = stx_rr(a, 33) + b;
    b = stx_rl(b, 17) ^ a;
    a = stx_rl(a, 43) + b;
    b = stx_rl(b, 31) - a;
    a = stx_rl(a, 13) ^ b;
    b -= a;
    a = stx_rl(a, 41) + b;
    b = stx_rl(b, 37) ^ a;
    a = stx_rr(a, 39) + b;
    b = stx_rr(b, 15) + a;
    a = stx_rl(a, 15) ^ b;
    b = stx_rr(b, 5);
    return a ^ b;
}

/* four-lane finaliser of the long path */
static uint64_t stadtx_fold4(uint64_t v0, uint64_t v1, uint64_t v2,
                             uint64_t v3) {
    v1 -= v2;
    v0 = stx_rr(v0, 19);
    v1 -= v0;
    v1 = stx_rr(v1, 53);
    v3 ^= v1;
    v0 -= v3;
    v3 = stx_rl(v3, 43);
    v0 += v3;
    v0 = stx_rr(v0, 3);
    v3 -= v0;
    v2 = stx_rr(v2, 43) - v3;
    v2 = stx_rl(v2, 55) ^ v0;
    v1 -= v2;
    v3 = stx_rr(v3, 7) - v2;
    v2 = stx_rr(v2, 31);
    v3 += v2;
    v2 -= v1;
    v3 = stx_rr(v3, 39);
    v2 ^= v3;
    v3 = stx_rr(v3, 17) ^ v2;
    v1 += v3;
    v1 = stx_rr(v1, 9);
    v2 ^= v1;
    v2 = stx_rl(v2, 24);
    v3 ^= v2;
    v3 = stx_rr(v3, 59);
    v0 = stx_rr(v0, 1) - v1;
    return v0 ^ v1 ^ v2 ^ v3;
}

/* keys of 32 bytes or more: four lanes, 32-byte blocks */
static uint64_t stadtx_large(const stx_lanes *st, const unsigned char *k,
                             size_t n) {
    uint64_t v0 = st->w[0] ^ (((uint64_t)n + 1) * STX_K0);
    uint64_t v1 = st->w[1] ^ (((uint64_t)n + 2) * STX_K1);
    uint64_t v2 = st->w[2] ^ (((uint64_t)n + 3) * STX_K2);
    uint64_t v3 = st->w[3] ^ (((uint64_t)n + 4) * STX_K3);
    size_t left = n;
    size_t words;

    do {
        v0 += stx_le64(k) * STX_M0;
        v0 = stx_rl(v0, 57) ^ v3;
        v1 += stx_le64(k + 8) * STX_M1;
        v1 = stx_rl(v1, 63) ^ v2;
        v2 += stx_le64(k + 16) * STX_M2;
        v2 = stx_rr(v2, 47) + v0;
        v3 += stx_le64(k + 24) * STX_M3;
        v3 = stx_rr(v3, 11) - v1;
        k += 32;
        left -= 32;
    } while (left >= 32);

    /* up to three whole words left: they feed v0, v1, v2 in turn (a
     * shortened block), and the v3 step always runs */
    words = left >> 3;
    if (words == 3) {
        v0 += stx_le64(k) * STX_M0;
        k += 8;
        v0 = stx_rl(v0, 57) ^ v3;
    }
    if (words >= 2) {
        v1 += stx_le64(k) * STX_M1;
        k += 8;
        v1 = stx_rl(v1, 63) ^ v2;
    }
    if (words >= 1) {
        v2 += stx_le64(k) * STX_M2;
        k += 8;
        v2 = stx_rr(v2, 47) + v0;
    }
    v3 = stx_rr(v3, 11) - v1;

    v0 ^= ((uint64_t)left + 1) * STX_K3;
    switch (left & 7) {
    case 7:
        v1 += (uint64_t)k[6];
        /* fall through */
    case 6:
        v2 += stx_le16(k + 4);
        v3 += stx_le32(k);
        break;
    case 5:
        v1 += (uint64_t)k[4];
        /* fall through */
    case 4:
        v2 += stx_le32(k);
        break;
    case 3:
        v3 += (uint64_t)k[2];
        /* fall through */
    case 2:
        v1 += stx_le16(k);
        break;
    case 1:
        v2 += (uint64_t)k[0];
        /* fall through */
    default:
        v3 = stx_rl(v3, 32) ^ 0xFF;
        break;
    }
    return stadtx_fold4(v0, v1, v2, v3);
}

uint64_t stadtx_hash_lanes(const stx_lanes *st, const void *key, size_t n) {
    const unsigned char *k = (const unsigned char *)key;
    if (n < 32)
        return stadtx_small(st, k, n);
    return stadtx_large(st, k, n);
}

uint64_t stadtx_hash(const uint64_t seed[2], const void *key, size_t n) {
    stx_lanes st;
    stadtx_expand_seed(seed, &st);
    return stadtx_hash_lanes(&st, key, n);
}

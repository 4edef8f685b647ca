/* SimHash (Charikar 2002) fingerprints of packet payloads for near-duplicate
 * detection: every overlapping 4-byte shingle is hashed to 64 bits, each bit
 * votes +1/-1 on a counter, and the fingerprint keeps the sign of the 64
 * counters.  Similar payloads give fingerprints at small Hamming distance. */
#include <stddef.h>
#include <stdint.h>

#define SHINGLE 4

/* 32-bit shingle -> 64-bit feature hash (two multiply-xorshift rounds,
 * "moremur" constants). */
static uint64_t feature(uint32_t s, uint64_t seed)
{
    uint64_t x = ((uint64_t)s << 32 | s) ^ seed;
    x ^= x >> 27;
    x *= 0x3c79ac492ba7b653ull;
    x ^= x >> 33;
    x *= 0x1c69b3f74ac4ae35ull;
    x ^= x >> 27;
    return x;
}

uint64_t payload_fingerprint(const uint8_t *data, size_t len, uint64_t seed)
{
    int32_t v[64] = {0};
    if (len < SHINGLE) {
        uint32_t s = 0;
        for (size_t i = 0; i < len; i++)
            s = (s << 8) | data[i];
        uint64_t h = feature(s ^ ((uint32_t)len << 24), seed);
        return h;
    }
    uint32_t s = ((uint32_t)data[0] << 16) | ((uint32_t)data[1] << 8) | data[2];
    for (size_t i = SHINGLE - 1; i < len; i++) {
        s = (s << 8) | data[i];
        uint64_t h = feature(s, seed);
        for (int b = 0; b < 64; b++)
            v[b] += (h >> b & 1) ? 1 : -1;
    }
    uint64_t fp = 0;
    for (int b = 0; b < 64; b++)
        if (v[b] > 0)
            fp |= 1ull << b;
    return fp;
}

/* Weighted variant: tokens (already split, e.g. header fields) with weights. */
uint64_t weighted_fingerprint(const uint32_t *tok, const int32_t *w, size_t n,
                              uint64_t seed)
{
    int64_t v[64] = {0};
    for (size_t i = 0; i < n; i++) {
        uint64_t h = feature(tok[i], seed);
        for (int b = 0; b < 64; b++) {
            if (h & (1ull << b))
                v[b] += w[i];
            else
                v[b] -= w[i];
        }
    }
    uint64_t fp = 0;
    for (int b = 0; b < 64; b++)
        fp |= (uint64_t)(v[b] > 0) << b;
    return fp;
}

int near_duplicate(uint64_t a, uint64_t b, int max_dist)
{
    return __builtin_popcountll(a ^ b) <= max_dist;
}

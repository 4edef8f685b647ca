/*
 * ChibiHash64 (v1) - small 64-bit string hash, written from the published
 * description by N-R-K: four 64-bit lanes seeded with constants (e, golden
 * ratio, pi fractions) and the user seed, a 32-byte block loop that XORs a
 * lane, multiplies it and feeds a rotated copy of the input word into the
 * neighbouring lane, then per-size tail handling (odd byte, 8-byte words,
 * 2-byte pairs), a cross-lane multiply fold and a "moremur" finaliser.
 */
#include <stddef.h>
#include <stdint.h>

#define CHIBI_P1 0x2B7E151628AED2A5ULL
#define CHIBI_P2 0x9E3793492EEDC3F7ULL
#define CHIBI_P3 0x3243F6A8885A308DULL

static uint64_t chibi_word(const unsigned char *p)
{
    uint64_t w = 0;
    int i;
    for (i = 7; i >= 0; i--)
        w = (w << 8) | p[i];
    return w;
}

static uint64_t chibi_scramble(uint64_t v, uint64_t mult)
{
    v *= mult;
    return v ^ (v >> 31);
}

uint64_t chibihash64(const void *key, ptrdiff_t len, uint64_t seed)
{
    const unsigned char *k = (const unsigned char *)key;
    ptrdiff_t left = len;
    uint64_t lane[4];
    uint64_t x;
    int i;

    lane[0] = CHIBI_P1;
    lane[1] = CHIBI_P2;
    lane[2] = CHIBI_P3;
    lane[3] = seed;

    while (left >= 32) {
        for (i = 0; i < 4; i++) {
            uint64_t w = chibi_word(k);
            lane[i] ^= w;
            lane[i] *= CHIBI_P1;
            lane[(i + 1) & 3] ^= (w << 40) | (w >> 24);
            k += 8;
        }
        left -= 32;
    }

    lane[0] += ((uint64_t)len << 32) | ((uint64_t)len >> 32);
    if (left & 1) {
        lane[0] ^= k[0];
        left--;
        k++;
    }
    lane[0] = chibi_scramble(lane[0], CHIBI_P2);

    for (i = 1; left >= 8; i++) {
        lane[i] ^= chibi_word(k);
        lane[i] = chibi_scramble(lane[i], CHIBI_P2);
        left -= 8;
        k += 8;
    }
    for (i = 0; left > 0; i++) {
        lane[i] ^= (uint64_t)k[0] | ((uint64_t)k[1] << 8);
        lane[i] = chibi_scramble(lane[i], CHIBI_P3);
        left -= 2;
        k += 2;
    }

    x = seed;
    x ^= lane[0] * ((lane[2] >> 32) | 1);
    x ^= lane[1] * ((lane[3] >> 32) | 1);
    x ^= lane[2] * ((lane[0] >> 32) | 1);
    x ^= lane[3] * ((lane[1] >> 32) | 1);

    x ^= x >> 27;
    x *= 0x3C79AC492BA7B653ULL;
    x ^= x >> 33;
    x *= 0x1C69B3F74AC4AE35ULL;
    x ^= x >> 27;
    return x;
}

/* Crap8 (Andrew, "noncryptohashzoo"): 32-bit hash built from 32x32->64
 * products whose two halves are folded into a pair of accumulators.
 * Written here as a plain 4-byte loop (the 8-byte unrolled original is the
 * same sequence of word mixes) with the trailing 1..3 bytes masked in. */
#include <stddef.h>
#include <stdint.h>

enum { CRAP8_MUL = 0x83d2e73bu, CRAP8_FIN = 0x97e1cc59u };

uint32_t crap8_digest(const void *key, uint32_t len, uint32_t seed)
{
    const unsigned char *cur = (const unsigned char *)key;
    uint32_t hi_acc = len + seed;
    uint32_t lo_acc = (uint32_t)CRAP8_FIN + len;
    uint32_t left = len;
    uint64_t prod;

    for (; left >= 4; left -= 4, cur += 4) {
        uint32_t word = (uint32_t)cur[0] | ((uint32_t)cur[1] << 8) |
                        ((uint32_t)cur[2] << 16) | ((uint32_t)cur[3] << 24);
        hi_acc *= CRAP8_MUL;
        prod = (uint64_t)word * CRAP8_MUL;
        lo_acc ^= (uint32_t)prod;
        hi_acc ^= (uint32_t)(prod >> 32);
    }
    if (left != 0) {
        uint32_t word = 0;
        uint32_t i;
        for (i = 0; i < left; i++)
            word |= (uint32_t)cur[i] << (8 * i);
        hi_acc *= CRAP8_MUL;
        prod = (uint64_t)word * CRAP8_MUL;
        lo_acc ^= (uint32_t)prod;
        hi_acc ^= (uint32_t)(prod >> 32);
    }
    prod = (uint64_t)(hi_acc ^ lo_acc) * CRAP8_FIN;
    lo_acc ^= (uint32_t)prod;
    lo_acc ^= (uint32_t)(prod >> 32);
    return lo_acc;
}

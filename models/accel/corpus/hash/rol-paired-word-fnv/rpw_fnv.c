/*
 * Word-stride FNV-1a relative in the style of Sanmayce's "Jesteress":
 * instead of one byte per multiply, each step absorbs 8 input bytes as two
 * little-endian 32-bit words, the first rotated left by 5, xor-ed together;
 * the multiplier is the small prime 709607.  A 4-, 2- and 1-byte tail each
 * take one more multiply, and the result is folded with its upper half.
 */
#include <stddef.h>
#include <stdint.h>

#define RPW_PRIME 709607u
#define RPW_BASIS 2166136261u

#define RPW_LE32(p) ((uint32_t)(p)[0] | ((uint32_t)(p)[1] << 8) | \
                     ((uint32_t)(p)[2] << 16) | ((uint32_t)(p)[3] << 24))
#define RPW_LE16(p) ((uint32_t)(p)[0] | ((uint32_t)(p)[1] << 8))
#define RPW_ROL5(x) (((x) << 5) | ((x) >> 27))

uint32_t rpw_hash_seeded(uint32_t seed, const void *data, size_t len)
{
    const unsigned char *p = (const unsigned char *)data;
    uint32_t h = RPW_BASIS ^ seed;

    while (len >= 8) {
        uint32_t w0 = RPW_LE32(p);
        uint32_t w1 = RPW_LE32(p + 4);
        h = (h ^ (RPW_ROL5(w0) ^ w1)) * RPW_PRIME;
        p += 8;
        len -= 8;
    }
    if (len & 4) {
        h = (h ^ RPW_LE32(p)) * RPW_PRIME;
        p += 4;
    }
    if (len & 2) {
        h = (h ^ RPW_LE16(p)) * RPW_PRIME;
        p += 2;
    }
    if (len & 1)
        h = (h ^ *p) * RPW_PRIME;
    return h ^ (h >> 16);
}

uint32_t rpw_hash32(const void *data, size_t len)
{
    return rpw_hash_seeded(0, data, len);
}

/*
 * Index into a power-of-two table of 2^bits slots (1 <= bits <= 16): the
 * 32-bit value is xor-folded down instead of masked, so the high bits that
 * the final multiply mixed best still take part.
 */
uint32_t rpw_slot(const void *data, size_t len, unsigned bits)
{
    uint32_t h = rpw_hash_seeded(0, data, len);
    uint32_t mask;

    if (bits == 0 || bits > 16)
        bits = 16;
    mask = (1u << bits) - 1u;
    return ((h >> bits) ^ h) & mask;
}

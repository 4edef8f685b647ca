/* Non-reflected CRCs of width 8..32 by leading-term elimination.  The
 * remainder lives in a 64-bit accumulator; a 32-bit big-endian chunk of the
 * message is multiplied in at once (acc * x^32 + chunk * x^w) and the
 * accumulator is then reduced by repeatedly cancelling its highest set term
 * with a shifted copy of the generator, the degree found with a count of
 * leading zeros.  The number of reduction steps depends on the data, not on
 * the chunk size.  Models: CRC-32/XFER (generator 0x000000AF) and
 * CRC-24/LTE-A (0x864CFB), both zero preset and no final xor. */
#include <stddef.h>
#include <stdint.h>

struct lt_code {
    uint64_t full;      /* generator including the x^w term */
    unsigned width;
    uint32_t preset;
    uint32_t outmask;
};

const struct lt_code lt_xfer32 = { 0x1000000AFull, 32, 0, 0 };
const struct lt_code lt_lte24a = { 0x1864CFBull, 24, 0, 0 };

/* Degree of a non-zero binary polynomial. */
int lt_degree(uint64_t v)
{
    return 63 - __builtin_clzll(v);
}

/* Reduce acc (degree < w + 32) modulo the generator. */
uint64_t lt_reduce(uint64_t acc, const struct lt_code *g)
{
    int d;
    while (acc >> g->width) {
        d = lt_degree(acc);
        acc ^= g->full << (d - (int)g->width);
    }
    return acc;
}

/* Fold `bits` message bits (8, 16, 24 or 32, MSB first) into the remainder. */
uint64_t lt_fold(uint64_t rem, uint32_t chunk, unsigned bits,
                 const struct lt_code *g)
{
    uint64_t acc = rem << bits;
    acc ^= (uint64_t)chunk << g->width;
    return lt_reduce(acc, g);
}

uint32_t lt_run(const struct lt_code *g, uint32_t rem,
                const unsigned char *msg, size_t len)
{
    const unsigned char *end = msg + len;
    uint64_t r = rem;

    while (end - msg >= 4) {
        uint32_t w = ((uint32_t)msg[0] << 24) | ((uint32_t)msg[1] << 16) |
                     ((uint32_t)msg[2] << 8) | msg[3];
        r = lt_fold(r, w, 32, g);
        msg += 4;
    }
    switch (end - msg) {
    case 3:
        r = lt_fold(r, ((uint32_t)msg[0] << 16) | ((uint32_t)msg[1] << 8) | msg[2],
                    24, g);
        break;
    case 2:
        r = lt_fold(r, ((uint32_t)msg[0] << 8) | msg[1], 16, g);
        break;
    case 1:
        r = lt_fold(r, msg[0], 8, g);
        break;
    default:
        break;
    }
    return (uint32_t)r;
}

uint32_t lt_checksum(const struct lt_code *g, const unsigned char *msg,
                     size_t len)
{
    return lt_run(g, g->preset, msg, len) ^ g->outmask;
}

uint32_t crc32_xfer(const unsigned char *msg, size_t len)
{
    return lt_checksum(&lt_xfer32, msg, len);
}

uint32_t crc24_lte_a(const unsigned char *msg, size_t len)
{
    return lt_checksum(&lt_lte24a, msg, len);
}

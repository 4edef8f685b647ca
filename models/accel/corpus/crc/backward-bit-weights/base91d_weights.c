/*
 * CRC-32D (RevEng CRC-32/BASE91-D: poly 0xA833982B, reflected in and out,
 * preset and final XOR all ones) written as a sum of bit syndromes.
 *
 * The remainder is linear in the message, so every set message bit adds a
 * fixed residue that only depends on how far it is from the end of the
 * message: the last bit transmitted contributes x^32 mod G, the bit before
 * it x^33 mod G, and so on.  The message is therefore walked BACKWARDS with
 * a running weight that is multiplied by x after each bit, and the weight
 * is XORed into the result wherever a bit is one.  The preset contributes
 * preset * x^(8n) mod G, obtained by square-and-multiply.
 *
 * Residues are kept in the reflected convention of the LSB-first CRC:
 * register bit 31 holds the coefficient of x^0, bit 0 that of x^31.
 */
#include <stddef.h>
#include <stdint.h>

#define G_REFLECTED 0xD419CC15u /* x^32 mod G, reflected */
#define X_TO_THE_0  0x80000000u

static uint32_t times_x(uint32_t r)
{
    uint32_t carry = 0u - (r & 1u);
    return (r >> 1) ^ (carry & G_REFLECTED);
}

/* a(x) * b(x) mod G, both reflected. */
uint32_t d32_mulmod(uint32_t a, uint32_t b)
{
    uint32_t acc = 0u;
    uint32_t probe;
    for (probe = X_TO_THE_0; probe != 0u; probe >>= 1) {
        if (a & probe)
            acc ^= b;
        b = times_x(b);
    }
    return acc;
}

/* x^e mod G, by scanning the exponent from its top bit. */
uint32_t d32_xpow(uint64_t e)
{
    uint32_t result = X_TO_THE_0;
    int bit = 63;
    while (bit >= 0 && !((e >> bit) & 1u))
        bit--;
    for (; bit >= 0; bit--) {
        result = d32_mulmod(result, result);
        if ((e >> bit) & 1u)
            result = times_x(result);
    }
    return result;
}

/* Sum of the syndromes of all set bits of msg[0..len). */
uint32_t d32_syndrome_sum(const uint8_t *msg, size_t len)
{
    uint32_t weight = G_REFLECTED; /* x^32 mod G: the very last bit */
    uint32_t sum = 0u;
    size_t pos = len;
    while (pos-- > 0) {
        unsigned octet = msg[pos];
        unsigned mask;
        /* LSB-first transmission: bit 7 of the octet is sent last. */
        for (mask = 0x80u; mask != 0u; mask >>= 1) {
            if (octet & mask)
                sum ^= weight;
            weight = times_x(weight);
        }
    }
    return sum;
}

uint32_t crc32d_by_weights(const uint8_t *msg, size_t len)
{
    uint32_t preset_term = d32_mulmod(0xFFFFFFFFu, d32_xpow((uint64_t)len * 8u));
    return (preset_term ^ d32_syndrome_sum(msg, len)) ^ 0xFFFFFFFFu;
}

/* Fold a further block into a finished CRC-32D without re-reading the
 * first part: raw register = old raw * x^(8*len2) + syndromes(block2).  */
uint32_t crc32d_extend(uint32_t crc, const uint8_t *more, size_t len)
{
    uint32_t raw = crc ^ 0xFFFFFFFFu;
    raw = d32_mulmod(raw, d32_xpow((uint64_t)len * 8u));
    return (raw ^ d32_syndrome_sum(more, len)) ^ 0xFFFFFFFFu;
}

/* CRC-16/CMS (G = x^16 + x^15 + x^2 + 1, MSB first, preset 0xFFFF, no final
 * xor; check value 0xAEE7) with single-bit error correction.
 *
 * A frame is the data followed by its CRC, high byte first, so running the
 * same CRC over the whole frame leaves zero.  If instead bit k of the frame
 * (k = 0 is the last bit sent) is flipped, the remainder left over is the
 * syndrome x^(k+16) mod G, whatever the data.  G = (x + 1)(x^15 + x + 1)
 * and x has order 32767 modulo G, so for frames below 4 KiB the syndrome
 * names one bit: the locator steps x^16, x^17, ... mod G until it meets it.
 *
 * The byte table is filled by linearity: the eight single-bit rows are
 * computed by shifting, every other row is the xor of its lowest set bit's
 * row and the row of the remaining bits. */
#include <stddef.h>
#include <stdint.h>

#define CMS_G 0x8005u

uint16_t cms_rows[256];

void cms_rows_fill(void)
{
    unsigned i, bit;

    cms_rows[0] = 0;
    /* row 0x80 first: 0x80 << 8, shifted eight times */
    for (bit = 0x80u; bit != 0; bit >>= 1) {
        uint16_t v = (uint16_t)(bit << 8);
        int s;
        for (s = 0; s < 8; s++)
            v = (v & 0x8000u) ? (uint16_t)((v << 1) ^ CMS_G) : (uint16_t)(v << 1);
        cms_rows[bit] = v;
    }
    for (i = 3; i < 256; i++) {
        unsigned low = i & (0u - i);
        if (low != i)
            cms_rows[i] = cms_rows[low] ^ cms_rows[i ^ low];
    }
}

uint16_t cms_advance(uint16_t reg, const uint8_t *p, size_t n)
{
    while (n--) {
        reg = (uint16_t)(reg << 8) ^ cms_rows[(uint8_t)((reg >> 8) ^ *p)];
        p++;
    }
    return reg;
}

uint16_t crc16_cms(const uint8_t *data, size_t n)
{
    return cms_advance(0xFFFFu, data, n);
}

/* Remainder of a whole frame (data plus two CRC bytes). */
uint16_t cms_syndrome(const uint8_t *frame, size_t framelen)
{
    return cms_advance(0xFFFFu, frame, framelen);
}

/* Frame bit whose flip gives this syndrome, or -1. */
long cms_locate(uint16_t syn, size_t framebits)
{
    uint16_t s = CMS_G; /* x^16 mod G */
    size_t k;
    for (k = 0; k < framebits; k++) {
        if (s == syn)
            return (long)k;
        s = (s & 0x8000u) ? (uint16_t)((s << 1) ^ CMS_G) : (uint16_t)(s << 1);
    }
    return -1;
}

/* 0: intact, 1: one bit repaired, -1: not correctable. */
int cms_repair(uint8_t *frame, size_t framelen)
{
    uint16_t syn;
    long k;
    if (framelen < 3 || framelen > 4095)
        return -1;
    syn = cms_syndrome(frame, framelen);
    if (syn == 0)
        return 0;
    k = cms_locate(syn, framelen * 8);
    if (k < 0)
        return -1;
    frame[framelen - 1 - (size_t)k / 8] ^= (uint8_t)(1u << (k % 8));
    return 1;
}

/* CRCs written as the parallel XOR equations a hardware generator would
 * emit: every bit of the next register is the parity of a fixed set of
 * current-register and input bits.
 *  - CRC-8/LTE (generator 0x9B, zero preset, MSB first): eight hand-listed
 *    equations over t = register ^ input byte.
 *  - CRC-16/EN-13757 (wireless M-Bus, generator 0x3D65, xorout 0xFFFF): one
 *    24-bit mask per output bit over v = register << 8 | byte, evaluated as
 *    the parity of v & mask.  The masks were derived offline by pushing each
 *    unit vector through the bit-serial definition.
 * Also a frame-format-A block walker for wireless M-Bus: a 10-byte first
 * block and 16-byte further blocks, each followed by its CRC, high byte
 * first. */
#include <stddef.h>
#include <stdint.h>

#define TB(x, i) (((x) >> (i)) & 1u)

uint8_t lte8_next(uint8_t reg, uint8_t in)
{
    unsigned t = (unsigned)(reg ^ in);
    unsigned n0 = TB(t, 0) ^ TB(t, 1) ^ TB(t, 2) ^ TB(t, 3) ^ TB(t, 7);
    unsigned n1 = TB(t, 0) ^ TB(t, 4) ^ TB(t, 7);
    unsigned n2 = TB(t, 1) ^ TB(t, 5);
    unsigned n3 = TB(t, 0) ^ TB(t, 1) ^ TB(t, 3) ^ TB(t, 6) ^ TB(t, 7);
    unsigned n4 = TB(t, 0) ^ TB(t, 3) ^ TB(t, 4);
    unsigned n5 = TB(t, 1) ^ TB(t, 4) ^ TB(t, 5);
    unsigned n6 = TB(t, 2) ^ TB(t, 5) ^ TB(t, 6);
    unsigned n7 = TB(t, 0) ^ TB(t, 1) ^ TB(t, 2) ^ TB(t, 6);
    return (uint8_t)(n0 | n1 << 1 | n2 << 2 | n3 << 3 | n4 << 4 | n5 << 5 |
                     n6 << 6 | n7 << 7);
}

uint8_t crc8_lte(const uint8_t *p, size_t n)
{
    uint8_t r = 0;
    const uint8_t *e = p + n;
    for (; p != e; ++p)
        r = lte8_next(r, *p);
    return r;
}

static const uint32_t mbus_eq[16] = {
    0x390039, 0x720072, 0xDD00DD, 0xBA00BA, 0x740074, 0xD100D1, 0x9B009B,
    0x360036, 0x550155, 0xAA02AA, 0x6D046D, 0xE308E3, 0xFF10FF, 0xC720C7,
    0x8E408E, 0x1C801C,
};

/* Parity of a 32-bit word by folding. */
unsigned parity32(uint32_t v)
{
    v ^= v >> 16;
    v ^= v >> 8;
    v ^= v >> 4;
    v ^= v >> 2;
    v ^= v >> 1;
    return v & 1u;
}

uint16_t mbus_next(uint16_t reg, uint8_t in)
{
    uint32_t v = ((uint32_t)reg << 8) | in;
    uint16_t out = 0;
    int j;
    for (j = 15; j >= 0; --j)
        out = (uint16_t)((out << 1) | parity32(v & mbus_eq[j]));
    return out;
}

uint16_t crc16_en13757(const uint8_t *p, size_t n)
{
    uint16_t r = 0;
    while (n) {
        r = mbus_next(r, *p);
        p++;
        n--;
    }
    return (uint16_t)~r;
}

/* Returns the number of payload bytes (without CRCs) if every block's CRC
 * matches, or -1. */
long mbus_frame_a_check(const uint8_t *f, size_t len)
{
    size_t off = 0, blk = 10;
    long payload = 0;
    while (off < len) {
        size_t take = len - off;
        uint16_t want;
        if (take < 3)
            return -1;
        take -= 2;
        if (take > blk)
            take = blk;
        want = (uint16_t)((f[off + take] << 8) | f[off + take + 1]);
        if (crc16_en13757(f + off, take) != want)
            return -1;
        payload += (long)take;
        off += take + 2;
        blk = 16;
    }
    return payload;
}

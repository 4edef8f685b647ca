/*
 * Bit-sliced CRC-16/CDMA2000 over 64 equal-length messages at once.
 *
 * Parameters (RevEng catalogue): width 16, poly 0xC867, init 0xFFFF,
 * not reflected, xorout 0, check 0x4C06.
 *
 * Layout: the CRC register of all 64 messages is held "transposed" as 16
 * bit-planes, plane[k] bit l = coefficient of x^k in lane l's register.
 * One shift of the LFSR is then a move of plane indices plus an XOR of the
 * feedback plane into each tap plane; instead of moving the planes, a
 * rotating origin is advanced so a shift costs only the tap XORs.
 * Data enters the same way: the l-th message's byte at a position is
 * scattered into 8 data planes (one per bit).
 */
#include <stddef.h>
#include <stdint.h>

#define LANES 64
#define REG_BITS 16
#define GEN_POLY 0xC867u
#define REG_INIT 0xFFFFu

typedef struct {
    uint64_t plane[REG_BITS]; /* physical storage, logical index rotates */
    unsigned origin;          /* physical slot of logical plane 0       */
} plane_reg;

/* Transpose one byte column: byte j of each lane -> 8 bit planes. */
static void scatter_column(const uint8_t *base, size_t stride, size_t col,
                           uint64_t dplane[8])
{
    unsigned b, l;
    for (b = 0; b < 8; b++)
        dplane[b] = 0;
    for (l = 0; l < LANES; l++) {
        unsigned v = base[(size_t)l * stride + col];
        for (b = 0; b < 8; b++)
            dplane[b] |= (uint64_t)((v >> b) & 1u) << l;
    }
}

void planes_reset(plane_reg *r)
{
    unsigned k;
    r->origin = 0;
    for (k = 0; k < REG_BITS; k++)
        r->plane[k] = ((REG_INIT >> k) & 1u) ? ~(uint64_t)0 : 0;
}

/* One LFSR clock for all lanes with input bit plane d.
 * Logical plane k lives at physical (origin + k) mod 16.  Shifting left by
 * one makes the old logical plane 15 the new logical plane 0 slot, which
 * is recycled as the feedback word. */
static void planes_clock(plane_reg *r, uint64_t d)
{
    unsigned o = r->origin;
    unsigned top = (o + REG_BITS - 1u) & (REG_BITS - 1u);
    uint64_t fb = r->plane[top] ^ d;
    unsigned k;
    r->origin = top;               /* old top slot becomes logical 0 */
    r->plane[top] = fb;            /* poly bit 0 is always set       */
    for (k = 1; k < REG_BITS; k++) {
        if ((GEN_POLY >> k) & 1u)
            r->plane[(top + k) & (REG_BITS - 1u)] ^= fb;
    }
}

/* Feed len bytes of each of the 64 lanes; lane l starts at base + l*stride. */
void planes_update(plane_reg *r, const uint8_t *base, size_t stride, size_t len)
{
    uint64_t d[8];
    size_t col;
    int b;
    for (col = 0; col < len; col++) {
        scatter_column(base, stride, col, d);
        for (b = 7; b >= 0; b--) /* most significant bit first */
            planes_clock(r, d[b]);
    }
}

/* Gather each lane's 16-bit register out of the planes. */
static void gather_lanes(const plane_reg *r, uint16_t out[LANES])
{
    unsigned l, k;
    for (l = 0; l < LANES; l++) {
        unsigned v = 0;
        for (k = 0; k < REG_BITS; k++) {
            uint64_t w = r->plane[(r->origin + k) & (REG_BITS - 1u)];
            v |= (unsigned)((w >> l) & 1u) << k;
        }
        out[l] = (uint16_t)v;
    }
}

/* CRC-16/CDMA2000 of 64 messages of len bytes each (xorout is zero). */
void cdma2000_crc16_x64(const uint8_t *base, size_t stride, size_t len,
                        uint16_t out[LANES])
{
    plane_reg r;
    planes_reset(&r);
    planes_update(&r, base, stride, len);
    gather_lanes(&r, out);
}

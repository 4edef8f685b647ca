/* CRC as arithmetic in the ring GF(2)[x] / G(x).  For a non-reflected CRC of
 * width w the register after one more byte b is
 *       R' = R * x^8  +  b * x^w      (mod G)
 * so each byte costs two modular multiplications by the constants x^8 mod G
 * and x^w mod G, done by shift-and-add ("Russian peasant") like a finite
 * field multiply.  Models: CRC-8/I-432-1 (ATM HEC: G = 0x07, xorout 0x55;
 * here x^8 = x^w, one multiply by (R + b)) and CRC-16/CDMA2000 (G = 0xC867,
 * preset 0xFFFF). */
#include <stddef.h>
#include <stdint.h>

/* Multiply by x modulo G (w-bit, top term implicit). */
uint16_t gfx_times_x(uint16_t a, uint16_t g, unsigned w)
{
    uint16_t top = (uint16_t)(1u << (w - 1));
    uint16_t mask = (uint16_t)((1u << w) - 1u);
    if (a & top)
        return (uint16_t)(((a << 1) ^ g) & mask);
    return (uint16_t)((a << 1) & mask);
}

/* a * b mod G, b scanned from its highest coefficient. */
uint16_t gfx_mulmod(uint16_t a, uint16_t b, uint16_t g, unsigned w)
{
    uint16_t acc = 0;
    int i;
    for (i = (int)w - 1; i >= 0; i--) {
        acc = gfx_times_x(acc, g, w);
        if ((b >> i) & 1u)
            acc ^= a;
    }
    return acc;
}

/* x^e mod G */
uint16_t gfx_xpow(unsigned e, uint16_t g, unsigned w)
{
    uint16_t r = 1;
    unsigned i;
    for (i = 0; i < e; i++)
        r = gfx_times_x(r, g, w);
    return r;
}

uint8_t crc8_i432(const uint8_t *cell, size_t len)
{
    const uint16_t g = 0x07;
    const uint16_t x8 = gfx_xpow(8, g, 8);
    uint16_t r = 0;
    size_t i;
    for (i = 0; i < len; i++)
        r = gfx_mulmod((uint16_t)(r ^ cell[i]), x8, g, 8);
    return (uint8_t)(r ^ 0x55);
}

uint16_t crc16_cdma2000_update(uint16_t r, const uint8_t *buf, size_t len)
{
    const uint16_t g = 0xC867;
    uint16_t x8 = gfx_xpow(8, g, 16);
    uint16_t xw = gfx_xpow(16, g, 16);
    size_t i;
    for (i = 0; i < len; i++) {
        uint16_t shifted = gfx_mulmod(r, x8, g, 16);
        uint16_t fed = gfx_mulmod(buf[i], xw, g, 16);
        r = shifted ^ fed;
    }
    return r;
}

uint16_t crc16_cdma2000(const uint8_t *buf, size_t len)
{
    return crc16_cdma2000_update(0xFFFF, buf, len);
}

/* ATM header error control: CRC-8/I-432-1 over the first four header octets,
 * compared with the fifth. */
int atm_hec_ok(const uint8_t hdr[5])
{
    return crc8_i432(hdr, 4) == hdr[4];
}

/* CRC-31/PHILIPS: generator 0x04C11DB7 truncated to 31 bits, MSB-first,
 * register preset to all ones (31 bits), result complemented.
 * The register is kept right-aligned in the low 31 bits of a uint32_t.
 * A 256-entry table is generated once at start-up into global storage, and
 * the message is consumed as big-endian 32-bit words where possible, each
 * word going through four table steps. */
#include <stddef.h>
#include <stdint.h>

#define P31_POLY 0x04C11DB7u
#define P31_MASK 0x7FFFFFFFu

static uint32_t p31_tab[256];
static int p31_ready;

void p31_prepare(void)
{
    uint32_t n;
    for (n = 0; n < 256; n++) {
        /* the byte enters at the top of the 31-bit register */
        uint32_t r = n << 23;
        int k;
        for (k = 0; k < 8; k++) {
            if (r & 0x40000000u)
                r = ((r << 1) ^ P31_POLY) & P31_MASK;
            else
                r = (r << 1) & P31_MASK;
        }
        p31_tab[n] = r;
    }
    p31_ready = 1;
}

static uint32_t p31_word(uint32_t r, uint32_t w)
{
    r = ((r << 8) & P31_MASK) ^ p31_tab[((r >> 23) ^ (w >> 24)) & 0xFFu];
    r = ((r << 8) & P31_MASK) ^ p31_tab[((r >> 23) ^ (w >> 16)) & 0xFFu];
    r = ((r << 8) & P31_MASK) ^ p31_tab[((r >> 23) ^ (w >> 8)) & 0xFFu];
    r = ((r << 8) & P31_MASK) ^ p31_tab[((r >> 23) ^ w) & 0xFFu];
    return r;
}

uint32_t p31_absorb(uint32_t r, const unsigned char *m, size_t len)
{
    if (!p31_ready)
        p31_prepare();
    while (len >= 4) {
        uint32_t w = ((uint32_t)m[0] << 24) | ((uint32_t)m[1] << 16) |
                     ((uint32_t)m[2] << 8) | (uint32_t)m[3];
        r = p31_word(r, w);
        m += 4;
        len -= 4;
    }
    while (len--)
        r = ((r << 8) & P31_MASK) ^ p31_tab[((r >> 23) ^ *m++) & 0xFFu];
    return r;
}

uint32_t p31_begin(void) { return P31_MASK; }
uint32_t p31_end(uint32_t r) { return (r ^ P31_MASK) & P31_MASK; }

uint32_t crc31_philips(const void *msg, size_t len)
{
    return p31_end(p31_absorb(p31_begin(), (const unsigned char *)msg, len));
}

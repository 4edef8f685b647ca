/* Three odd-width CRC registers kept as bit-fields of one 64-bit word, so
 * the compiler does the masking to 12, 13 and 14 bits on every store.  One
 * pass over the data clocks all three shift registers a bit at a time:
 *   gsm   CRC-12/GSM   generator 0xD31,  MSB first, xorout 0xFFF
 *   bbc   CRC-13/BBC   generator 0x1CF5, MSB first
 *   darc  CRC-14/DARC  generator 0x0805, LSB first (reflected 0x2804)
 * All three start from zero. */
#include <stddef.h>
#include <stdint.h>

struct odd_regs {
    uint64_t gsm : 12;
    uint64_t bbc : 13;
    uint64_t darc : 14;
    uint64_t octets : 25; /* bytes seen, wraps */
};

void odd_regs_clear(struct odd_regs *r)
{
    r->gsm = 0;
    r->bbc = 0;
    r->darc = 0;
    r->octets = 0;
}

/* Clock one data octet through all three registers. */
void odd_regs_octet(struct odd_regs *r, uint8_t v)
{
    unsigned k;
    for (k = 0; k < 8; ++k) {
        unsigned msb_in = (v >> (7 - k)) & 1u;
        unsigned lsb_in = (v >> k) & 1u;
        unsigned fb;

        fb = (unsigned)(r->gsm >> 11) ^ msb_in;
        r->gsm = r->gsm << 1;
        if (fb)
            r->gsm ^= 0xD31;

        fb = (unsigned)(r->bbc >> 12) ^ msb_in;
        r->bbc = r->bbc << 1;
        if (fb)
            r->bbc ^= 0x1CF5;

        fb = (unsigned)(r->darc & 1u) ^ lsb_in;
        r->darc = r->darc >> 1;
        if (fb)
            r->darc ^= 0x2804;
    }
    r->octets = r->octets + 1;
}

void odd_regs_block(struct odd_regs *r, const uint8_t *buf, size_t n)
{
    size_t i = 0;
    if (n == 0)
        return;
    do {
        odd_regs_octet(r, buf[i]);
    } while (++i < n);
}

uint16_t odd_regs_gsm12(const struct odd_regs *r)
{
    return (uint16_t)(r->gsm ^ 0xFFF);
}

uint16_t odd_regs_bbc13(const struct odd_regs *r)
{
    return (uint16_t)r->bbc;
}

uint16_t odd_regs_darc14(const struct odd_regs *r)
{
    return (uint16_t)r->darc;
}

/* One-shot CRC-12/GSM: only the gsm field is clocked. */
uint16_t crc12_gsm(const uint8_t *buf, size_t n)
{
    struct { uint32_t reg : 12; uint32_t spare : 20; } s = { 0, 0 };
    while (n--) {
        uint8_t v = *buf++;
        int k = 8;
        while (k--) {
            unsigned fb = (unsigned)(s.reg >> 11) ^ ((v >> 7) & 1u);
            v = (uint8_t)(v << 1);
            s.reg = s.reg << 1;
            if (fb)
                s.reg ^= 0xD31;
        }
    }
    return (uint16_t)(s.reg ^ 0xFFF);
}

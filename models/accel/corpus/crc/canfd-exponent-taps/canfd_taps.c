/* CAN FD frame check sequences (ISO 11898-1:2015): CRC-17 for frames with up
 * to 16 data bytes, CRC-21 for longer ones.  The generator polynomials are
 * kept the way the standard prints them -- as lists of the exponents of
 * their non-leading terms -- and the shift register applies each tap
 * explicitly, one bit at a time, as a bit-serial transmitter would.
 *
 *   CRC-17: x^17+x^16+x^14+x^13+x^11+x^6+x^4+x^3+x^1+1
 *   CRC-21: x^21+x^20+x^13+x^11+x^7+x^4+x^3+1
 */
#include <stddef.h>
#include <stdint.h>

struct fd_generator {
    uint8_t degree;
    uint8_t tap_count;
    uint8_t taps[12]; /* exponents below the leading term */
};

static const struct fd_generator FD17 = {17, 9, {16, 14, 13, 11, 6, 4, 3, 1, 0}};
static const struct fd_generator FD21 = {21, 7, {20, 13, 11, 7, 4, 3, 0}};

/* Clock one bit into the register: the bit leaving the top meets the
 * incoming bit; if they differ, every tap position is toggled. */
uint32_t fd_clock(const struct fd_generator *g, uint32_t reg, unsigned in_bit)
{
    unsigned top = (unsigned)(reg >> (g->degree - 1)) & 1u;
    uint32_t keep = (g->degree == 32) ? 0xFFFFFFFFu : ((1u << g->degree) - 1u);
    reg = (reg << 1) & keep;
    if ((top ^ (in_bit & 1u)) != 0) {
        unsigned k;
        for (k = 0; k < g->tap_count; k++)
            reg ^= (uint32_t)1u << g->taps[k];
    }
    return reg;
}

/* A frame as it appears on the bus: one bit per array element. */
uint32_t fd_clock_bitstream(const struct fd_generator *g, uint32_t reg,
                            const uint8_t *bits, size_t nbits)
{
    size_t i;
    for (i = 0; i < nbits; i++)
        reg = fd_clock(g, reg, bits[i]);
    return reg;
}

/* Octets, most significant bit first (catalogue convention). */
uint32_t fd_clock_octets(const struct fd_generator *g, uint32_t reg,
                         const uint8_t *octets, size_t len)
{
    while (len--) {
        uint8_t v = *octets++;
        int b;
        for (b = 7; b >= 0; b--)
            reg = fd_clock(g, reg, (v >> b) & 1u);
    }
    return reg;
}

uint32_t canfd_crc17(const uint8_t *octets, size_t len)
{
    return fd_clock_octets(&FD17, 0u, octets, len);
}

uint32_t canfd_crc21(const uint8_t *octets, size_t len)
{
    return fd_clock_octets(&FD21, 0u, octets, len);
}

/* Receiver side: the bit stream from SOF to the end of the data field is
 * followed by the CRC field; the generator is chosen from the payload size
 * and the received sequence is clocked through the same register, which must
 * then read zero. */
int canfd_frame_ok(const uint8_t *bits, size_t nbits, unsigned data_bytes,
                   uint32_t received_crc)
{
    const struct fd_generator *g = (data_bytes <= 16) ? &FD17 : &FD21;
    uint32_t reg = fd_clock_bitstream(g, 0u, bits, nbits);
    int b;
    for (b = g->degree - 1; b >= 0; b--)
        reg = fd_clock(g, reg, (received_crc >> b) & 1u);
    return reg == 0;
}

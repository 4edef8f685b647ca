// UmtsDeframer: the payload is a serial bit stream, packed MSB first after
// a 16-bit big-endian bit count, in which the transmitter inserted a zero
// after every run of five ones.  The element removes the stuffing bits in
// place and, while doing so, clocks each surviving data bit through the
// 12-bit UMTS check register (generator 0x80F, zero preset, data MSB
// first, result bit-reversed, no final xor).  The result is left in the
// packet's annotation area for a later element to compare.
#include <click/config.h>
#include <click/element.hh>
#include <click/packet.hh>
#include <stdint.h>
CLICK_DECLS

enum { UMTS_ANNO_OFF = 16 };

static inline unsigned umts_clock(unsigned reg, unsigned bit)
{
    unsigned fb = ((reg >> 11) ^ bit) & 1u;
    reg = (reg << 1) & 0xFFFu;
    return fb ? reg ^ 0x80Fu : reg;
}

// Returns the number of data bits written to out (which may alias in at a
// lower address); *chk receives the 12-bit check over those bits.
static uint32_t destuff_check(const uint8_t *in, uint32_t nbits, uint8_t *out,
                              uint16_t *chk)
{
    unsigned reg = 0, ones = 0;
    uint32_t w = 0;
    for (uint32_t i = 0; i < nbits; i++) {
        unsigned bit = (in[i >> 3] >> (7 - (i & 7))) & 1u;
        if (ones == 5) {            // stuffed bit: drop it
            ones = 0;
            continue;
        }
        ones = bit ? ones + 1 : 0;
        reg = umts_clock(reg, bit);
        uint8_t mask = (uint8_t)(0x80u >> (w & 7));
        if (bit)
            out[w >> 3] |= mask;
        else
            out[w >> 3] &= (uint8_t)~mask;
        w++;
    }
    unsigned rev = 0;
    for (int k = 0; k < 12; k++) {
        rev = (rev << 1) | (reg & 1u);
        reg >>= 1;
    }
    *chk = (uint16_t)rev;
    return w;
}

class UmtsDeframer : public Element {
public:
    UmtsDeframer() {}
    const char *class_name() const override { return "UmtsDeframer"; }
    const char *port_count() const override { return "1/1"; }
    Packet *simple_action(Packet *p) override;
};

Packet *UmtsDeframer::simple_action(Packet *p)
{
    if (p->length() < 2)
        return p;
    WritablePacket *q = p->uniqueify();
    if (!q)
        return 0;
    unsigned char *d = q->data();
    uint32_t nbits = ((uint32_t)d[0] << 8) | d[1];
    if (nbits > (q->length() - 2) * 8)
        nbits = (q->length() - 2) * 8;
    uint16_t chk;
    uint32_t kept = destuff_check(d + 2, nbits, d, &chk);
    q->take(q->length() - (kept + 7) / 8);
    q->set_anno_u16(UMTS_ANNO_OFF, chk);
    return q;
}

CLICK_ENDDECLS
EXPORT_ELEMENT(UmtsDeframer)

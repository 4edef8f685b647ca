// GrainPayload: encrypts/decrypts the UDP payload of IPv4 packets with the
// Grain v1 stream cipher (80-bit key, 64-bit IV; Hell, Johansson, Meier,
// eSTREAM portfolio). The 64-bit IV is taken from the IP source address and
// the first four payload bytes, which are left in the clear as a nonce.
// Both shift registers are kept as rings of single-bit cells with a moving
// head, so clocking never shifts memory. Written from the cipher's
// specification. Label: crypto.
#include <click/config.h>
#include <click/element.hh>
#include <click/packet.hh>
#include <clicknet/ip.h>
#include <clicknet/udp.h>
#include <stdint.h>
#include <string.h>

CLICK_DECLS

struct GrainRing {
    uint8_t lfsr[80];
    uint8_t nfsr[80];
    unsigned head;      // index of s_i / b_i in the rings
};

#define S(r, k) ((r)->lfsr[((r)->head + (k)) % 80u])
#define B(r, k) ((r)->nfsr[((r)->head + (k)) % 80u])

// One clock of both registers; returns the pre-output bit z_i. During the
// 160 initialisation clocks z_i is fed back into both registers.
unsigned grain_step(GrainRing *r, bool init)
{
    unsigned x0 = S(r, 3), x1 = S(r, 25), x2 = S(r, 46), x3 = S(r, 64);
    unsigned x4 = B(r, 63);
    unsigned h = x1 ^ x4 ^ (x0 & x3) ^ (x2 & x3) ^ (x3 & x4) ^
                 (x0 & x1 & x2) ^ (x0 & x2 & x3) ^ (x0 & x2 & x4) ^
                 (x1 & x2 & x4) ^ (x2 & x3 & x4);
    unsigned z = h ^ B(r, 1) ^ B(r, 2) ^ B(r, 4) ^ B(r, 10) ^ B(r, 31) ^
                 B(r, 43) ^ B(r, 56);

    unsigned s_new = S(r, 62) ^ S(r, 51) ^ S(r, 38) ^ S(r, 23) ^ S(r, 13) ^
                     S(r, 0);

    unsigned b0 = B(r, 0), b9 = B(r, 9), b14 = B(r, 14), b15 = B(r, 15);
    unsigned b21 = B(r, 21), b28 = B(r, 28), b33 = B(r, 33), b37 = B(r, 37);
    unsigned b45 = B(r, 45), b52 = B(r, 52), b60 = B(r, 60), b62 = B(r, 62);
    unsigned b63 = B(r, 63);
    unsigned b_new = S(r, 0) ^ b62 ^ b60 ^ b52 ^ b45 ^ b37 ^ b33 ^ b28 ^
                     b21 ^ b14 ^ b9 ^ b0 ^
                     (b63 & b60) ^ (b37 & b33) ^ (b15 & b9) ^
                     (b60 & b52 & b45) ^ (b33 & b28 & b21) ^
                     (b63 & b45 & b28 & b9) ^ (b60 & b52 & b37 & b33) ^
                     (b63 & b60 & b21 & b15) ^
                     (b63 & b60 & b52 & b45 & b37) ^
                     (b33 & b28 & b21 & b15 & b9) ^
                     (b52 & b45 & b37 & b33 & b28 & b21);
    if (init) {
        s_new ^= z;
        b_new ^= z;
    }
    // s_{i+80} overwrites the cell of s_i, then the head moves on
    r->lfsr[r->head] = (uint8_t)(s_new & 1);
    r->nfsr[r->head] = (uint8_t)(b_new & 1);
    r->head = (r->head + 1) % 80u;
    return z & 1;
}

void grain_load(GrainRing *r, const uint8_t key[10], const uint8_t iv[8])
{
    r->head = 0;
    for (unsigned i = 0; i < 80; i++) {
        r->nfsr[i] = (key[i >> 3] >> (i & 7)) & 1;
        r->lfsr[i] = i < 64 ? (iv[i >> 3] >> (i & 7)) & 1 : 1;
    }
    for (int n = 0; n < 160; n++)
        grain_step(r, true);
}

uint8_t grain_byte(GrainRing *r)
{
    uint8_t out = 0;
    for (unsigned bit = 0; bit < 8; bit++)
        out |= (uint8_t)(grain_step(r, false) << bit);
    return out;
}

void grain_apply(GrainRing *r, uint8_t *buf, uint32_t len)
{
    uint8_t *end = buf + len;
    while (buf != end)
        *buf++ ^= grain_byte(r);
}

class GrainPayload : public Element {
  public:
    GrainPayload() {
        static const uint8_t k[10] = {0x4b, 0x10, 0xe3, 0x77, 0x08,
                                      0x5c, 0xa2, 0x91, 0x3f, 0xd6};
        memcpy(_key, k, sizeof _key);
    }
    const char *class_name() const override { return "GrainPayload"; }
    const char *port_count() const override { return PORTS_1_1; }
    Packet *simple_action(Packet *p) override;

  private:
    uint8_t _key[10];
};

Packet *GrainPayload::simple_action(Packet *p)
{
    const click_ip *iph = p->ip_header();
    if (!iph || iph->ip_p != IP_PROTO_UDP)
        return p;
    unsigned hl = iph->ip_hl << 2;
    int off = p->network_header_offset() + (int)hl + (int)sizeof(click_udp);
    if (off < 0 || (uint32_t)off + 4 > p->length())
        return p;
    WritablePacket *q = p->uniqueify();
    if (!q)
        return 0;
    uint8_t *pay = q->data() + off;
    uint8_t iv[8];
    memcpy(iv, &q->ip_header()->ip_src, 4);
    memcpy(iv + 4, pay, 4);
    GrainRing ring;
    grain_load(&ring, _key, iv);
    grain_apply(&ring, pay + 4, q->length() - (uint32_t)off - 4);
    return q;
}

#undef S
#undef B

CLICK_ENDDECLS
EXPORT_ELEMENT(GrainPayload)

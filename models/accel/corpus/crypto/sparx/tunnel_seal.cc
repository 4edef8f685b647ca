// TunnelSeal: per-packet counter-mode protection of the payload with the
// SPARX-64/128 ARX block cipher. The first 8 bytes of the payload carry the
// initial counter block; everything after it is masked in place.
#include <click/config.h>
#include <click/element.hh>
#include <click/packet.hh>
#include <stdint.h>

CLICK_DECLS

namespace sp64 {

static inline uint16_t rotl(uint16_t x, unsigned n)
{
    return (uint16_t)((x << n) | (x >> (16 - n)));
}

static inline void arx(uint16_t &l, uint16_t &r)
{
    l = (uint16_t)(rotl(l, 9) + r);
    r = (uint16_t)(rotl(r, 2) ^ l);
}

struct Schedule {
    uint16_t sk[17][6];
};

void expand(Schedule &s, const uint16_t key[8])
{
    uint16_t k[8];
    for (int i = 0; i < 8; i++)
        k[i] = key[i];
    for (int c = 0; c < 17; c++) {
        for (int i = 0; i < 6; i++)
            s.sk[c][i] = k[i];
        arx(k[0], k[1]);
        k[2] = (uint16_t)(k[2] + k[0]);
        k[3] = (uint16_t)(k[3] + k[1]);
        k[7] = (uint16_t)(k[7] + (c + 1));
        uint16_t t0 = k[6], t1 = k[7];
        for (int i = 7; i >= 2; i--)
            k[i] = k[i - 2];
        k[0] = t0;
        k[1] = t1;
    }
}

void block(const Schedule &s, uint16_t x[4])
{
    for (int st = 0; st < 8; st++) {
        for (int b = 0; b < 2; b++) {
            const uint16_t *rk = s.sk[2 * st + b];
            for (int r = 0; r < 3; r++) {
                x[2 * b] ^= rk[2 * r];
                x[2 * b + 1] ^= rk[2 * r + 1];
                arx(x[2 * b], x[2 * b + 1]);
            }
        }
        uint16_t t = rotl((uint16_t)(x[0] ^ x[1]), 8);
        uint16_t n2 = (uint16_t)(x[0]), n3 = (uint16_t)(x[1]);
        x[0] = (uint16_t)(x[2] ^ x[0] ^ t);
        x[1] = (uint16_t)(x[3] ^ x[1] ^ t);
        x[2] = n2;
        x[3] = n3;
    }
    for (int i = 0; i < 4; i++)
        x[i] ^= s.sk[16][i];
}

}  // namespace sp64

class TunnelSeal : public Element {
public:
    TunnelSeal()
    {
        static const uint16_t k[8] = {0x3a71, 0x9c02, 0x55e4, 0x0b1d,
                                      0xe7c8, 0x4f60, 0x21aa, 0xd93b};
        sp64::expand(_ks, k);
    }
    const char *class_name() const override { return "TunnelSeal"; }
    const char *port_count() const override { return PORTS_1_1; }

    void mask_payload(unsigned char *d, uint32_t len) const;
    Packet *simple_action(Packet *p) override;

private:
    sp64::Schedule _ks;
};

void TunnelSeal::mask_payload(unsigned char *d, uint32_t len) const
{
    if (len <= 8)
        return;
    uint16_t ctr[4];
    for (int i = 0; i < 4; i++)
        ctr[i] = (uint16_t)(d[2 * i] | (d[2 * i + 1] << 8));
    for (uint32_t off = 8; off < len; off += 8) {
        uint16_t ks[4] = {ctr[0], ctr[1], ctr[2], ctr[3]};
        sp64::block(_ks, ks);
        for (uint32_t j = 0; j < 8 && off + j < len; j++)
            d[off + j] ^= (unsigned char)(ks[j >> 1] >> (8 * (j & 1)));
        for (int i = 0; i < 4 && ++ctr[i] == 0; i++) {
        }
    }
}

Packet *TunnelSeal::simple_action(Packet *p)
{
    WritablePacket *q = p->uniqueify();
    if (!q)
        return 0;
    mask_payload(q->data(), q->length());
    return q;
}

CLICK_ENDDECLS
EXPORT_ELEMENT(TunnelSeal)

// FrameTag: appends-in-place / checks a 64-bit Chaskey authentication tag
// carried in the last 8 bytes of each packet. In sign mode the trailer is
// overwritten with the tag of the preceding bytes; in check mode packets
// whose trailer does not match are dropped.
#include <click/config.h>
#include <click/element.hh>
#include <click/packet.hh>
#include <stdint.h>
#include <string.h>

CLICK_DECLS

struct TagKey {
    uint32_t k[4], k1[4], k2[4];
};

static inline uint32_t rotl32(uint32_t x, unsigned b)
{
    return (x << b) | (x >> (32 - b));
}

static inline uint32_t ld32(const unsigned char *p)
{
    return (uint32_t)p[0] | ((uint32_t)p[1] << 8) | ((uint32_t)p[2] << 16) |
           ((uint32_t)p[3] << 24);
}

void tagkey_init(TagKey &tk, const uint32_t key[4])
{
    for (int i = 0; i < 4; i++)
        tk.k[i] = key[i];
    const uint32_t *in = tk.k;
    uint32_t *out = tk.k1;
    for (int pass = 0; pass < 2; pass++) {
        uint32_t c = (in[3] >> 31) ? 0x87u : 0u;
        out[3] = (in[3] << 1) | (in[2] >> 31);
        out[2] = (in[2] << 1) | (in[1] >> 31);
        out[1] = (in[1] << 1) | (in[0] >> 31);
        out[0] = (in[0] << 1) ^ c;
        in = tk.k1;
        out = tk.k2;
    }
}

void permute(uint32_t v[4])
{
    for (int r = 0; r < 8; r++) {
        v[0] += v[1]; v[1] = rotl32(v[1], 5); v[1] ^= v[0]; v[0] = rotl32(v[0], 16);
        v[2] += v[3]; v[3] = rotl32(v[3], 8); v[3] ^= v[2];
        v[0] += v[3]; v[3] = rotl32(v[3], 13); v[3] ^= v[0];
        v[2] += v[1]; v[1] = rotl32(v[1], 7); v[1] ^= v[2]; v[2] = rotl32(v[2], 16);
    }
}

void compute_tag(const TagKey &tk, const unsigned char *m, uint32_t len,
                 uint32_t out[4])
{
    uint32_t v[4] = {tk.k[0], tk.k[1], tk.k[2], tk.k[3]};
    uint32_t full = len ? (len - 1) / 16 : 0;
    for (uint32_t b = 0; b < full; b++, m += 16) {
        for (int i = 0; i < 4; i++)
            v[i] ^= ld32(m + 4 * i);
        permute(v);
    }
    uint32_t rem = len - full * 16;
    unsigned char last[16];
    const uint32_t *l;
    if (len != 0 && rem == 16) {
        memcpy(last, m, 16);
        l = tk.k1;
    } else {
        memset(last, 0, 16);
        memcpy(last, m, rem);
        last[rem] = 0x01;
        l = tk.k2;
    }
    for (int i = 0; i < 4; i++)
        v[i] ^= ld32(last + 4 * i) ^ l[i];
    permute(v);
    for (int i = 0; i < 4; i++)
        out[i] = v[i] ^ l[i];
}

class FrameTag : public Element {
public:
    FrameTag() : _check(false)
    {
        static const uint32_t key[4] = {0x6b1f02d4, 0x91c3a7e0,
                                        0x0f5e22b9, 0xc4d87613};
        tagkey_init(_tk, key);
    }
    const char *class_name() const override { return "FrameTag"; }
    const char *port_count() const override { return PORTS_1_1; }
    void set_check(bool c) { _check = c; }

    bool seal(unsigned char *d, uint32_t len) const;
    Packet *simple_action(Packet *p) override;

private:
    TagKey _tk;
    bool _check;
};

bool FrameTag::seal(unsigned char *d, uint32_t len) const
{
    uint32_t t[4];
    compute_tag(_tk, d, len - 8, t);
    unsigned char tag[8];
    for (int i = 0; i < 8; i++)
        tag[i] = (unsigned char)(t[i >> 2] >> (8 * (i & 3)));
    unsigned char *trailer = d + len - 8;
    if (!_check) {
        memcpy(trailer, tag, 8);
        return true;
    }
    unsigned char diff = 0;
    for (int i = 0; i < 8; i++)
        diff |= (unsigned char)(trailer[i] ^ tag[i]);
    return diff == 0;
}

Packet *FrameTag::simple_action(Packet *p)
{
    if (p->length() < 8) {
        p->kill();
        return 0;
    }
    WritablePacket *q = p->uniqueify();
    if (!q)
        return 0;
    if (!seal(q->data(), q->length())) {
        q->kill();
        return 0;
    }
    return q;
}

CLICK_ENDDECLS
EXPORT_ELEMENT(FrameTag)

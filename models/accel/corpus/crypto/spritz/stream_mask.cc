// StreamMask: per-packet payload masking with the Spritz sponge-like
// stream cipher (N = 256). The first 8 payload bytes are a per-packet nonce
// absorbed after the configured key; the remaining bytes are combined with
// the squeezed keystream by addition (or subtraction to unmask).
#include <click/config.h>
#include <click/element.hh>
#include <click/packet.hh>
#include <stdint.h>

CLICK_DECLS

struct SpState {
    uint8_t s[256];
    uint8_t i, j, k, z, a, w;

    void init();
    void update();
    void whip(int r);
    void crush();
    void shuffle();
    void absorb_nibble(uint8_t x);
    void absorb(const uint8_t *d, uint32_t n);
    void absorb_stop();
    uint8_t drip();
};

static inline void swap_cells(uint8_t *s, uint8_t x, uint8_t y)
{
    uint8_t t = s[x];
    s[x] = s[y];
    s[y] = t;
}

void SpState::init()
{
    i = j = k = z = a = 0;
    w = 1;
    for (int v = 0; v < 256; v++)
        s[v] = (uint8_t)v;
}

void SpState::update()
{
    i = (uint8_t)(i + w);
    j = (uint8_t)(k + s[(uint8_t)(j + s[i])]);
    k = (uint8_t)(i + k + s[j]);
    swap_cells(s, i, j);
}

void SpState::whip(int r)
{
    for (int v = 0; v < r; v++)
        update();
    w = (uint8_t)(w + 2);
}

void SpState::crush()
{
    for (int v = 0; v < 128; v++) {
        uint8_t o = (uint8_t)(255 - v);
        if (s[v] > s[o])
            swap_cells(s, (uint8_t)v, o);
    }
}

void SpState::shuffle()
{
    whip(512);
    crush();
    whip(512);
    crush();
    whip(512);
    a = 0;
}

void SpState::absorb_nibble(uint8_t x)
{
    if (a == 128)
        shuffle();
    swap_cells(s, a, (uint8_t)(128 + x));
    a++;
}

void SpState::absorb(const uint8_t *d, uint32_t n)
{
    for (uint32_t v = 0; v < n; v++) {
        absorb_nibble(d[v] & 0x0F);
        absorb_nibble(d[v] >> 4);
    }
}

void SpState::absorb_stop()
{
    if (a == 128)
        shuffle();
    a++;
}

uint8_t SpState::drip()
{
    if (a > 0)
        shuffle();
    update();
    z = s[(uint8_t)(j + s[(uint8_t)(i + s[(uint8_t)(z + k)])])];
    return z;
}

// Keyed digest helper used by the control plane (Spritz Hash construction).
void sp_digest(const uint8_t *m, uint32_t n, uint8_t *out, uint8_t r)
{
    SpState st;
    st.init();
    st.absorb(m, n);
    st.absorb_stop();
    st.absorb(&r, 1);
    for (int v = 0; v < r; v++)
        out[v] = st.drip();
}

class StreamMask : public Element {
public:
    StreamMask() : _unmask(false)
    {
        static const uint8_t key[16] = {0x51, 0x0e, 0xa4, 0x77, 0x13, 0xc9, 0x2b, 0x60,
                                        0xfd, 0x38, 0x85, 0x1a, 0x4c, 0xe2, 0x96, 0x07};
        _base.init();
        _base.absorb(key, sizeof(key));
        _base.absorb_stop();
    }
    const char *class_name() const override { return "StreamMask"; }
    const char *port_count() const override { return PORTS_1_1; }
    void set_unmask(bool u) { _unmask = u; }

    void step(unsigned char *d, uint32_t len) const;
    Packet *simple_action(Packet *p) override;

private:
    SpState _base;
    bool _unmask;
};

void StreamMask::step(unsigned char *d, uint32_t len) const
{
    if (len <= 8)
        return;
    SpState st = _base;
    st.absorb(d, 8);
    for (uint32_t v = 8; v < len; v++) {
        uint8_t ks = st.drip();
        d[v] = _unmask ? (uint8_t)(d[v] - ks) : (uint8_t)(d[v] + ks);
    }
}

Packet *StreamMask::simple_action(Packet *p)
{
    WritablePacket *q = p->uniqueify();
    if (!q)
        return 0;
    step(q->data(), q->length());
    return q;
}

CLICK_ENDDECLS
EXPORT_ELEMENT(StreamMask)

// Arc16Trailer: appends a 16-bit check trailer (reflected 0x8005 / 0xA001,
// zero preset, no final xor -- the ARC/LHA code) to every packet, or with
// VERIFY true checks and strips an existing one, sending failures to
// output 1.  The body eats the payload a 32-bit word at a time, with four
// 256-entry tables so that one word costs four lookups.
#include <click/config.h>
#include <click/element.hh>
#include <click/packet.hh>
#include <click/string.hh>
#include <click/vector.hh>
#include <string.h>
#include <stdint.h>
CLICK_DECLS

static uint16_t arc_t[4][256];
static bool arc_t_ready = false;

static void arc_quad_tables()
{
    for (unsigned i = 0; i < 256; i++) {
        unsigned v = i;
        for (int k = 0; k < 8; k++)
            v = (v & 1) ? (v >> 1) ^ 0xA001u : v >> 1;
        arc_t[0][i] = (uint16_t)v;
    }
    for (int t = 1; t < 4; t++)
        for (unsigned i = 0; i < 256; i++) {
            uint16_t prev = arc_t[t - 1][i];
            arc_t[t][i] = (uint16_t)((prev >> 8) ^ arc_t[0][prev & 0xFF]);
        }
    arc_t_ready = true;
}

static uint16_t arc_words(uint16_t c, const unsigned char *p, uint32_t n)
{
    while (n >= 4) {
        uint32_t w = (uint32_t)p[0] | ((uint32_t)p[1] << 8) |
                     ((uint32_t)p[2] << 16) | ((uint32_t)p[3] << 24);
        w ^= c;
        c = arc_t[3][w & 0xFF] ^ arc_t[2][(w >> 8) & 0xFF] ^
            arc_t[1][(w >> 16) & 0xFF] ^ arc_t[0][w >> 24];
        p += 4;
        n -= 4;
    }
    while (n--)
        c = (uint16_t)((c >> 8) ^ arc_t[0][(c ^ *p++) & 0xFF]);
    return c;
}

class Arc16Trailer : public Element {
public:
    Arc16Trailer();
    const char *class_name() const override { return "Arc16Trailer"; }
    const char *port_count() const override { return "1/1-2"; }
    int configure(Vector<String> &conf, ErrorHandler *errh) override;
    Packet *simple_action(Packet *p) override;

private:
    bool _verify;
};

Arc16Trailer::Arc16Trailer() : _verify(false)
{
    if (!arc_t_ready)
        arc_quad_tables();
}

int Arc16Trailer::configure(Vector<String> &conf, ErrorHandler *)
{
    for (int i = 0; i < conf.size(); i++)
        if (conf[i] == "VERIFY")
            _verify = true;
    return 0;
}

Packet *Arc16Trailer::simple_action(Packet *p)
{
    if (_verify) {
        uint32_t n = p->length();
        if (n < 2 ||
            arc_words(0, p->data(), n) != 0) { // residue of data+LE trailer
            checked_output_push(1, p);
            return 0;
        }
        p->take(2);
        return p;
    }
    uint16_t c = arc_words(0, p->data(), p->length());
    WritablePacket *q = p->put(2);
    if (!q)
        return 0;
    unsigned char *t = q->data() + q->length() - 2;
    t[0] = (unsigned char)c;
    t[1] = (unsigned char)(c >> 8);
    return q;
}

CLICK_ENDDECLS
EXPORT_ELEMENT(Arc16Trailer)

// Flow steering with the integer hashes found by Chris Wellons'
// hash-prospector: "lowbias32"
//     x ^= x >> 16; x *= 0x7feb352d; x ^= x >> 15; x *= 0x846ca68b; x ^= x >> 16
// and "triple32" (three xorshift-multiply rounds, shifts 17 11 15 14,
// multipliers 0xed5ad4bb 0xac4c1b51 0x31848bab), both bijections on 32-bit
// words, with their inverses.  triple32 is run from a recipe table of
// (shift, multiplier) rounds.  The element folds the IPv4 addresses,
// protocol and ports through the mixers, picks an output by the high bits
// (multiply-high range reduction) and stamps an invertible flow cookie
// into the IP ID.  Label: hash.
#include <click/config.h>
#include <click/element.hh>
#include <click/packet.hh>
#include <clicknet/ip.h>

namespace {
struct XsmRound {
    unsigned shift;
    uint32_t mult;  // 0: last round, no multiply
};

const XsmRound kTriple32[] = {
    {17, 0xed5ad4bbu}, {11, 0xac4c1b51u}, {15, 0x31848babu}, {14, 0u}};
const XsmRound kTriple32Inv[] = {
    {14, 0x32b21703u}, {15, 0x469e0db1u}, {11, 0x79a85073u}, {17, 0u}};
}  // namespace

class ProspectorSteer : public Element {
public:
    ProspectorSteer() : _salt(0x5bd1e995u), _cookie_base(0) {}

    const char *class_name() const override { return "ProspectorSteer"; }
    const char *port_count() const override { return "1/1-16"; }
    const char *processing() const override { return PUSH; }

    static uint32_t lowbias32(uint32_t x);
    static uint32_t lowbias32_r(uint32_t x);
    static uint32_t triple32(uint32_t x);
    static uint32_t triple32_r(uint32_t x);

    uint32_t flow_hash(const unsigned char *ip, unsigned len) const;
    uint16_t flow_cookie(uint32_t h) const;
    void push(int port, Packet *p) override;

    uint32_t _salt;
    uint32_t _cookie_base;
};

uint32_t ProspectorSteer::lowbias32(uint32_t x)
{
    x ^= x >> 16;
    x *= 0x7feb352du;
    x ^= x >> 15;
    x *= 0x846ca68bu;
    x ^= x >> 16;
    return x;
}

uint32_t ProspectorSteer::lowbias32_r(uint32_t x)
{
    x ^= x >> 16;
    x *= 0x43021123u;
    x ^= (x >> 15) ^ (x >> 30);
    x *= 0x1d69e2a5u;
    x ^= x >> 16;
    return x;
}

uint32_t ProspectorSteer::triple32(uint32_t x)
{
    for (const XsmRound &r : kTriple32) {
        x ^= x >> r.shift;
        if (r.mult)
            x *= r.mult;
    }
    return x;
}

// Undo a xorshift by xoring in every multiple of the shift.
uint32_t ProspectorSteer::triple32_r(uint32_t x)
{
    for (const XsmRound &r : kTriple32Inv) {
        uint32_t y = x;
        for (unsigned s = r.shift; s < 32; s += r.shift)
            x ^= y >> s;
        if (r.mult)
            x *= r.mult;
    }
    return x;
}

// Addresses and ports as network-order numbers; ports only for unfragmented
// TCP/UDP with the header present.
uint32_t ProspectorSteer::flow_hash(const unsigned char *ip, unsigned len) const
{
    const click_ip *iph = reinterpret_cast<const click_ip *>(ip);
    unsigned hl = iph->ip_hl * 4u;
    uint32_t src = (uint32_t)ip[12] << 24 | (uint32_t)ip[13] << 16 |
                   (uint32_t)ip[14] << 8 | ip[15];
    uint32_t dst = (uint32_t)ip[16] << 24 | (uint32_t)ip[17] << 16 |
                   (uint32_t)ip[18] << 8 | ip[19];
    uint32_t ports = 0;
    bool frag = ((ip[6] & 0x3f) | ip[7]) != 0;
    if (!frag && (iph->ip_p == IP_PROTO_TCP || iph->ip_p == IP_PROTO_UDP) &&
        len >= hl + 4)
        ports = (uint32_t)ip[hl] << 24 | (uint32_t)ip[hl + 1] << 16 |
                (uint32_t)ip[hl + 2] << 8 | ip[hl + 3];
    uint32_t h = lowbias32(src ^ _salt);
    h = lowbias32(h + dst);
    h = triple32(h ^ ((uint32_t)iph->ip_p << 24) ^ ports);
    return h;
}

uint16_t ProspectorSteer::flow_cookie(uint32_t h) const
{
    return (uint16_t)(lowbias32_r(h ^ _cookie_base) >> 16);
}

void ProspectorSteer::push(int, Packet *p)
{
    uint32_t h = flow_hash(p->data(), p->length());
    int n = noutputs();
    int out = (int)(((uint64_t)h * (uint32_t)n) >> 32);
    if (WritablePacket *q = p->uniqueify()) {
        uint16_t c = flow_cookie(h);
        q->data()[4] = (unsigned char)(c >> 8);
        q->data()[5] = (unsigned char)c;
        output(out).push(q);
    }
}

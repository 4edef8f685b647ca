// Mx3FlowSample: hash-based (consistent) flow sampling.  Every packet of a
// flow hashes to the same 64-bit value, so a flow is either sampled in full
// or not at all; a packet is emitted on output 0 when its flow hash falls
// below RATE * 2^64, otherwise it goes to output 1 (or is dropped).
//
// The flow hash is built with Jon Maiga's mx3 construction (v3 constants):
// each 64-bit word of the key is pre-scrambled (multiply, xorshift 39) and
// absorbed with multiply-accumulate, and the result goes through the mx3
// finaliser (alternating xorshift 32/29 and multiplication, four rounds).
// Key words: addresses, then protocol and ports.
#include <click/config.h>
#include <click/element.hh>
#include <click/packet.hh>
#include <click/args.hh>
#include <click/error.hh>
#include <clicknet/ip.h>

static const uint64_t MX3_C = 0xbea225f9eb34556dULL;

static inline uint64_t mx3_absorb(uint64_t h, uint64_t x)
{
    x *= MX3_C;
    x ^= x >> 39;
    h += x * MX3_C;
    h *= MX3_C;
    return h;
}

static inline uint64_t mx3_final(uint64_t x)
{
    x ^= x >> 32;
    x *= MX3_C;
    x ^= x >> 29;
    x *= MX3_C;
    x ^= x >> 32;
    x *= MX3_C;
    x ^= x >> 29;
    return x;
}

class Mx3FlowSample : public Element {
public:
    Mx3FlowSample() : _threshold(~(uint64_t)0), _salt(0), _sampled(0) {}

    const char *class_name() const override { return "Mx3FlowSample"; }
    const char *port_count() const override { return "1/1-2"; }
    const char *processing() const override { return PUSH; }

    int configure(Vector<String> &conf, ErrorHandler *errh) override;
    void push(int port, Packet *p) override;

    static uint64_t flow_hash(const click_ip *iph, uint64_t salt);

private:
    uint64_t _threshold;
    uint64_t _salt;
    uint64_t _sampled;
};

int Mx3FlowSample::configure(Vector<String> &conf, ErrorHandler *errh)
{
    double rate = 1.0;
    uint32_t salt = 0;
    if (Args(conf, this, errh)
            .read_p("RATE", rate)
            .read("SALT", salt)
            .complete() < 0)
        return -1;
    if (rate < 0 || rate > 1)
        return errh->error("RATE must be between 0 and 1");
    if (rate >= 1.0)
        _threshold = ~(uint64_t)0;
    else
        _threshold = (uint64_t)(rate * 18446744073709551616.0);
    _salt = salt;
    return 0;
}

uint64_t Mx3FlowSample::flow_hash(const click_ip *iph, uint64_t salt)
{
    const unsigned char *a = reinterpret_cast<const unsigned char *>(&iph->ip_src);
    const unsigned char *b = reinterpret_cast<const unsigned char *>(&iph->ip_dst);
    uint64_t w0 = 0, w1 = iph->ip_p;
    for (int i = 0; i < 4; i++)
        w0 = (w0 << 8) | a[i];
    for (int i = 0; i < 4; i++)
        w0 = (w0 << 8) | b[i];

    unsigned frag = (unsigned)(reinterpret_cast<const unsigned char *>(iph)[6] & 0x3f) << 8 |
                    reinterpret_cast<const unsigned char *>(iph)[7];
    if ((iph->ip_p == IP_PROTO_TCP || iph->ip_p == IP_PROTO_UDP) && frag == 0) {
        const unsigned char *l4 = reinterpret_cast<const unsigned char *>(iph) + iph->ip_hl * 4;
        w1 = w1 << 32 | (uint64_t)l4[0] << 24 | (uint64_t)l4[1] << 16 |
             (uint64_t)l4[2] << 8 | l4[3];
    }

    uint64_t h = salt ^ (16 * MX3_C);
    h = mx3_absorb(h, w0);
    h = mx3_absorb(h, w1);
    return mx3_final(h);
}

void Mx3FlowSample::push(int, Packet *p)
{
    if (flow_hash(p->ip_header(), _salt) <= _threshold) {
        _sampled++;
        output(0).push(p);
    } else
        checked_output_push(1, p);
}

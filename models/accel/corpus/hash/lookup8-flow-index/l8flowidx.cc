// L8FlowIndex -- flow-table indexing with Bob Jenkins' 64-bit "lookup8"
// hash (hash2: the variant over an array of 64-bit words).  Words are
// added into three registers a, b, c three at a time and scrambled by the
// 64-bit mix (twelve subtract/subtract/xor-shift lines); the word count
// (in bytes) is added into c before the last mix.  The element keeps a
// power-of-two table of per-bucket packet counters and splits traffic two
// ways by bucket parity, so a flow always leaves on the same output.
#include <click/config.h>
#include <click/element.hh>
#include <click/packet.hh>
#include <click/args.hh>
#include <click/error.hh>
#include <clicknet/ip.h>

typedef uint64_t ub8;

#define L8_MIX(a, b, c)                 \
    do {                                \
        a -= b; a -= c; a ^= (c >> 43); \
        b -= c; b -= a; b ^= (a << 9);  \
        c -= a; c -= b; c ^= (b >> 8);  \
        a -= b; a -= c; a ^= (c >> 38); \
        b -= c; b -= a; b ^= (a << 23); \
        c -= a; c -= b; c ^= (b >> 5);  \
        a -= b; a -= c; a ^= (c >> 35); \
        b -= c; b -= a; b ^= (a << 49); \
        c -= a; c -= b; c ^= (b >> 11); \
        a -= b; a -= c; a ^= (c >> 12); \
        b -= c; b -= a; b ^= (a << 18); \
        c -= a; c -= b; c ^= (b >> 22); \
    } while (0)

// hash2: k = key words, length = number of words, level = previous hash.
static ub8 l8_hash_words(const ub8 *k, ub8 length, ub8 level)
{
    ub8 a = level, b = level;
    ub8 c = 0x9e3779b97f4a7c13ULL;   // golden ratio, arbitrary
    ub8 len = length;

    while (len >= 3) {
        a += k[0];
        b += k[1];
        c += k[2];
        L8_MIX(a, b, c);
        k += 3;
        len -= 3;
    }

    c += (length << 3);
    switch (len) {
    case 2: b += k[1]; /* fall through */
    case 1: a += k[0]; /* fall through */
    default: break;
    }
    L8_MIX(a, b, c);
    return c;
}

class L8FlowIndex : public Element {
public:
    enum { MAX_LOG2 = 16 };

    L8FlowIndex() : _log2(10), _level(0), _counts(0) {}
    ~L8FlowIndex() { delete[] _counts; }

    const char *class_name() const override { return "L8FlowIndex"; }
    const char *port_count() const override { return "1/2"; }
    const char *processing() const override { return PUSH; }

    int configure(Vector<String> &conf, ErrorHandler *errh) override;
    int initialize(ErrorHandler *errh) override;
    void push(int port, Packet *p) override;

    static uint32_t key_index(const click_ip *iph, ub8 level, unsigned log2);
    uint32_t bucket_count(uint32_t idx) const { return _counts[idx]; }

private:
    unsigned _log2;
    ub8 _level;
    uint32_t *_counts;
};

int L8FlowIndex::configure(Vector<String> &conf, ErrorHandler *errh)
{
    unsigned log2 = 10;
    uint32_t level = 0;
    if (Args(conf, this, errh)
            .read_p("LOG2SIZE", log2)
            .read("LEVEL", level)
            .complete() < 0)
        return -1;
    if (log2 < 1 || log2 > MAX_LOG2)
        return errh->error("LOG2SIZE out of range");
    _log2 = log2;
    _level = level;
    return 0;
}

int L8FlowIndex::initialize(ErrorHandler *)
{
    _counts = new uint32_t[1u << _log2];
    for (uint32_t i = 0; i < (1u << _log2); i++)
        _counts[i] = 0;
    return 0;
}

// Three key words: source address, destination address, ports|protocol.
uint32_t L8FlowIndex::key_index(const click_ip *iph, ub8 level, unsigned log2)
{
    const unsigned char *ip = reinterpret_cast<const unsigned char *>(iph);
    ub8 w[3];
    w[0] = (ub8)ip[12] << 24 | (ub8)ip[13] << 16 | (ub8)ip[14] << 8 | ip[15];
    w[1] = (ub8)ip[16] << 24 | (ub8)ip[17] << 16 | (ub8)ip[18] << 8 | ip[19];
    w[2] = iph->ip_p;
    bool first_frag = ((ip[6] & 0x3f) | ip[7]) == 0;
    if (first_frag && (iph->ip_p == IP_PROTO_TCP || iph->ip_p == IP_PROTO_UDP)) {
        const unsigned char *th = ip + (ip[0] & 0x0f) * 4;
        ub8 ports = (ub8)th[0] << 24 | (ub8)th[1] << 16 | (ub8)th[2] << 8 | th[3];
        w[2] |= ports << 8;
    }
    ub8 h = l8_hash_words(w, 3, level);
    return (uint32_t)(h & ((1u << log2) - 1));
}

void L8FlowIndex::push(int, Packet *p)
{
    uint32_t idx = key_index(p->ip_header(), _level, _log2);
    _counts[idx]++;
    output(idx & 1).push(p);
}

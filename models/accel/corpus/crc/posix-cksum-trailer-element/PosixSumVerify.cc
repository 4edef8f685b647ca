// PosixSumVerify([LENGTH <bool>, STRIP <bool>])
//
// Each packet ends with a 4-octet big-endian digest of everything before
// it, computed the way POSIX cksum(1) does it: the 32-bit polynomial
// 0x04C11DB7 processed MSB first from a zero register, then the byte count
// fed through the same register as little-endian octets (only as many as
// are needed, none for zero length), and finally the one's complement.
// LENGTH false leaves out the length octets (the bare "CRC-32/CKSUM").
//
// Good packets have the digest trimmed off (unless STRIP false) and leave
// on output 0; bad packets are dropped and counted.
#include <click/config.h>
#include <click/element.hh>
#include <click/packet.hh>
#include <click/args.hh>
#include <click/error.hh>

CLICK_DECLS

class PosixSumVerify : public Element { public:

    PosixSumVerify() CLICK_COLD;

    const char *class_name() const      { return "PosixSumVerify"; }
    const char *port_count() const      { return PORTS_1_1; }

    int configure(Vector<String> &, ErrorHandler *) CLICK_COLD;
    int initialize(ErrorHandler *) CLICK_COLD;
    Packet *simple_action(Packet *);

    static void prime();
    static uint32_t absorb(uint32_t r, const unsigned char *s, size_t n);
    static uint32_t conclude(uint32_t r, uint64_t total, bool with_length);

    uint64_t drops() const { return _drops; }

  private:

    static uint32_t _tab[256];
    static bool _primed;

    bool _with_length;
    bool _strip;
    uint64_t _drops;

};

uint32_t PosixSumVerify::_tab[256];
bool PosixSumVerify::_primed = false;

PosixSumVerify::PosixSumVerify()
    : _with_length(true), _strip(true), _drops(0)
{
}

int
PosixSumVerify::configure(Vector<String> &conf, ErrorHandler *errh)
{
    return Args(conf, this, errh)
        .read("LENGTH", _with_length)
        .read("STRIP", _strip)
        .complete();
}

int
PosixSumVerify::initialize(ErrorHandler *)
{
    if (!_primed)
        prime();
    return 0;
}

void
PosixSumVerify::prime()
{
    for (uint32_t i = 0; i < 256; i++) {
        uint32_t c = i << 24;
        for (int j = 8; j > 0; j--)
            c = (c & 0x80000000U) ? (c << 1) ^ 0x04C11DB7U : (c << 1);
        _tab[i] = c;
    }
    _primed = true;
}

uint32_t
PosixSumVerify::absorb(uint32_t r, const unsigned char *s, size_t n)
{
    while (n-- > 0)
        r = (r << 8) ^ _tab[(r >> 24) ^ *s++];
    return r;
}

uint32_t
PosixSumVerify::conclude(uint32_t r, uint64_t total, bool with_length)
{
    if (with_length)
        for (; total != 0; total >>= 8) {
            unsigned char o = (unsigned char) (total & 0xFF);
            r = absorb(r, &o, 1);
        }
    return ~r;
}

Packet *
PosixSumVerify::simple_action(Packet *p)
{
    uint32_t len = p->length();
    if (len < 4) {
        _drops++;
        p->kill();
        return 0;
    }
    const unsigned char *d = p->data();
    uint32_t body = len - 4;
    uint32_t want = ((uint32_t) d[body] << 24) | ((uint32_t) d[body + 1] << 16)
        | ((uint32_t) d[body + 2] << 8) | d[body + 3];
    uint32_t got = conclude(absorb(0, d, body), body, _with_length);
    if (got != want) {
        _drops++;
        p->kill();
        return 0;
    }
    if (_strip)
        p->take(4);
    return p;
}

CLICK_ENDDECLS
EXPORT_ELEMENT(PosixSumVerify)

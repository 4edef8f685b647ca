// CheckEtherTrailer: frames arriving with their 4-byte frame check sequence
// still attached (e.g. from a capture port configured to keep it) are
// validated and the FCS is stripped; bad frames go to output 1.
//
// The 802.3 FCS is the reflected 32-bit code 0xEDB88320 with all-ones
// preset and final inversion, transmitted least-significant byte first.
// The trailer is fetched as a network-order word and byte-swapped to host
// (little) order before the comparison; a second routine checks the
// "magic residue" left when the register also runs over the trailer.
#include <click/config.h>
#include <click/element.hh>
#include <click/packet.hh>
#include <stdint.h>
CLICK_DECLS

static uint32_t fcs_rows[256];

static void fcs_rows_init()
{
    for (uint32_t i = 0; i < 256; i++) {
        uint32_t x = i;
        int k = 8;
        do {
            uint32_t low = x & 1u;
            x >>= 1;
            if (low)
                x ^= 0xEDB88320u;
        } while (--k);
        fcs_rows[i] = x;
    }
}

static inline uint32_t swap32(uint32_t v)
{
    return (v >> 24) | ((v >> 8) & 0x0000FF00u) | ((v << 8) & 0x00FF0000u) |
           (v << 24);
}

static uint32_t fcs_run(uint32_t x, const unsigned char *p, uint32_t n)
{
    for (uint32_t i = 0; i < n; i++)
        x = fcs_rows[(uint8_t)x ^ p[i]] ^ (x >> 8);
    return x;
}

// Compare the computed FCS against the byte-swapped trailer word.
static bool frame_ok(const unsigned char *f, uint32_t len)
{
    if (len < 18)
        return false;
    uint32_t body = len - 4;
    uint32_t x = ~fcs_run(0xFFFFFFFFu, f, body);
    uint32_t be = ((uint32_t)f[body] << 24) | ((uint32_t)f[body + 1] << 16) |
                  ((uint32_t)f[body + 2] << 8) | (uint32_t)f[body + 3];
    return swap32(be) == x;
}

// Alternative: run over data + trailer and test for the fixed residue.
static bool frame_residue_ok(const unsigned char *f, uint32_t len)
{
    uint32_t x = 0xFFFFFFFFu;
    const unsigned char *e = f + len;
    while (f < e) {
        x = fcs_rows[(x ^ *f) & 0xFFu] ^ (x >> 8);
        ++f;
    }
    return x == 0xDEBB20E3u;
}

class CheckEtherTrailer : public Element {
public:
    CheckEtherTrailer();
    const char *class_name() const override { return "CheckEtherTrailer"; }
    const char *port_count() const override { return "1/1-2"; }
    const char *processing() const override { return "h/h"; }
    void push(int, Packet *p) override;

private:
    uint32_t _bad;
    bool _residue;
};

CheckEtherTrailer::CheckEtherTrailer() : _bad(0), _residue(false)
{
    if (fcs_rows[128] == 0)
        fcs_rows_init();
}

void CheckEtherTrailer::push(int, Packet *p)
{
    bool good = _residue ? frame_residue_ok(p->data(), p->length())
                         : frame_ok(p->data(), p->length());
    if (!good) {
        _bad++;
        checked_output_push(1, p);
        return;
    }
    p->take(4);
    output(0).push(p);
}

CLICK_ENDDECLS
EXPORT_ELEMENT(CheckEtherTrailer)

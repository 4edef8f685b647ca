// DxHash consistent hashing (Dong & Wang, 2021) for backend selection:
// backends sit in slots of an array whose size is a power of two, each
// slot active or inactive.  A key seeds a pseudo-random sequence
// (xorshift64* here); the sequence values, masked to the array size, are
// probed in order and the first active slot wins.  Removing a backend
// only clears its slot and adding one only activates a slot, so only keys
// of the changed backend move (doubling the array when every slot is
// active remaps keys, so size it ahead).  Flow keys are the IPv4
// addresses, protocol and TCP/UDP ports.
// Label: hash.
#include <click/config.h>
#include <click/element.hh>
#include <click/packet.hh>
#include <clicknet/ip.h>

class DxSteer : public Element {
public:
    enum { MAX_SLOTS = 256 };

    DxSteer() : _size(8), _nactive(0), _probe_limit(8 * 8) {
        for (int i = 0; i < MAX_SLOTS; i++)
            _active[i] = 0;
    }

    const char *class_name() const override { return "DxSteer"; }
    const char *port_count() const override { return "1/1-256"; }
    const char *processing() const override { return PUSH; }

    static uint64_t flow_seed(const click_ip *iph, const unsigned char *l4);
    int lookup(uint64_t seed) const;
    int add_node();
    void remove_node(int slot);
    void push(int port, Packet *p) override;

    uint32_t _size;         // power of two
    uint32_t _nactive;
    uint32_t _probe_limit;  // probes before the linear fallback
    uint8_t _active[MAX_SLOTS];
};

// Seed from the 5-tuple (ports only when l4 is given).
uint64_t DxSteer::flow_seed(const click_ip *iph, const unsigned char *l4)
{
    uint64_t s = (uint64_t)iph->ip_src.s_addr << 32 | iph->ip_dst.s_addr;
    s ^= (uint64_t)iph->ip_p * 0x9e3779b97f4a7c15ULL;
    if (l4) {
        uint32_t ports = (uint32_t)l4[0] << 24 | (uint32_t)l4[1] << 16 |
                         (uint32_t)l4[2] << 8 | l4[3];
        s += (uint64_t)ports * 0xd6e8feb86659fd93ULL;
    }
    s ^= s >> 32;
    s *= 0xd6e8feb86659fd93ULL;
    s ^= s >> 32;
    return s ? s : 0x853c49e6748fea9bULL;  // xorshift state must be non-zero
}

int DxSteer::lookup(uint64_t seed) const
{
    if (_nactive == 0)
        return -1;
    uint64_t x = seed;
    uint32_t mask = _size - 1;
    for (uint32_t i = 0; i < _probe_limit; i++) {
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        uint32_t slot = (uint32_t)((x * 0x2545f4914f6cdd1dULL) >> 32) & mask;
        if (_active[slot])
            return (int)slot;
    }
    // Exhausted the sequence: first active slot after the last probe.
    uint32_t start = (uint32_t)(x >> 40) & mask;
    for (uint32_t j = 0; j < _size; j++) {
        uint32_t slot = (start + j) & mask;
        if (_active[slot])
            return (int)slot;
    }
    return -1;
}

int DxSteer::add_node()
{
    if (_nactive == _size) {
        if (_size * 2 > MAX_SLOTS)
            return -1;
        _size *= 2;
        _probe_limit = 8 * _size;
    }
    for (uint32_t s = 0; s < _size; s++)
        if (!_active[s]) {
            _active[s] = 1;
            _nactive++;
            return (int)s;
        }
    return -1;
}

void DxSteer::remove_node(int slot)
{
    if (slot >= 0 && (uint32_t)slot < _size && _active[slot]) {
        _active[slot] = 0;
        _nactive--;
    }
}

void DxSteer::push(int, Packet *p)
{
    const click_ip *iph = p->ip_header();
    const unsigned char *l4 = 0;
    if ((iph->ip_p == IP_PROTO_TCP || iph->ip_p == IP_PROTO_UDP) &&
        !(iph->ip_off & htons(0x3fff)))
        l4 = reinterpret_cast<const unsigned char *>(iph) + iph->ip_hl * 4;
    int slot = lookup(flow_seed(iph, l4));
    if (slot < 0) {
        p->kill();
        return;
    }
    checked_output_push(slot, p);
}

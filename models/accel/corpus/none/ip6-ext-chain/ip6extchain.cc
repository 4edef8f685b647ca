/*
 * IP6ExtChain -- walk the IPv6 extension header chain (RFC 8200 sec. 4)
 *
 * Finds the upper-layer protocol and its offset, validating Hop-by-Hop and
 * Destination Options TLVs on the way. Results go into the annotation area
 * (byte PROTO_ANNO: upper-layer protocol, u16 at OFF_ANNO: offset from the
 * IPv6 header, u16 at PTR_ANNO: Parameter Problem pointer).
 *
 * Output 0: chain OK.  Output 1: silently discard.  Output 2: discard and
 * answer with ICMPv6 Parameter Problem (code in byte CODE_ANNO).
 */
#include <click/config.h>
#include <click/element.hh>
#include <click/packet.hh>
#include <clicknet/ip6.h>

CLICK_DECLS

#define IP6H_HOPOPTS 0
#define IP6H_ROUTING 43
#define IP6H_FRAGMENT 44
#define IP6H_ESP 50
#define IP6H_AH 51
#define IP6H_NONE 59
#define IP6H_DSTOPTS 60
#define IP6H_MOBILITY 135

class IP6ExtChain : public Element { public:

    enum { PROTO_ANNO = 20, CODE_ANNO = 21, OFF_ANNO = 22, PTR_ANNO = 24 };
    enum Verdict { PASS = 0, DISCARD = 1, PARAM_PROBLEM = 2 };
    enum { MAX_HEADERS = 12 };

    IP6ExtChain() : _stats() { }
    const char *class_name() const override { return "IP6ExtChain"; }
    const char *port_count() const override { return "1/3"; }
    const char *processing() const override { return PUSH; }

    void push(int, Packet *) override;

    uint32_t _stats[3];

  private:

    static Verdict scan_options(const uint8_t *hdr, unsigned len, bool dst_multicast,
                                unsigned base, unsigned &ptr, uint8_t &code);
    static Verdict walk(const uint8_t *ip6, unsigned avail, uint8_t &proto,
                        unsigned &off, unsigned &ptr, uint8_t &code);

};

/* TLV options area of a Hop-by-Hop or Destination Options header. */
IP6ExtChain::Verdict
IP6ExtChain::scan_options(const uint8_t *hdr, unsigned len, bool dst_multicast,
                          unsigned base, unsigned &ptr, uint8_t &code)
{
    unsigned i = 2, padrun = 0;

    while (i < len) {
        uint8_t type = hdr[i];
        if (type == 0) {                      /* Pad1 */
            i++;
            if (++padrun > 7)
                return DISCARD;
            continue;
        }
        if (i + 2 > len)
            return DISCARD;
        unsigned olen = hdr[i + 1];
        if (i + 2 + olen > len)
            return DISCARD;
        if (type == 1) {                      /* PadN: contents must be zero */
            padrun += olen + 2;
            if (padrun > 7)
                return DISCARD;
            for (unsigned k = 0; k < olen; k++)
                if (hdr[i + 2 + k] != 0)
                    return DISCARD;
        } else {
            padrun = 0;
            if (type != 0x05 && type != 0xC2) { /* Router Alert, Jumbo known */
                switch (type >> 6) {
                case 0:
                    break;
                case 1:
                    return DISCARD;
                case 3:
                    if (dst_multicast)
                        return DISCARD;
                    /* fall through */
                case 2:
                    ptr = base + i;
                    code = 2;                 /* unrecognized option */
                    return PARAM_PROBLEM;
                }
            }
        }
        i += 2 + olen;
    }
    return PASS;
}

IP6ExtChain::Verdict
IP6ExtChain::walk(const uint8_t *ip6, unsigned avail, uint8_t &proto,
                  unsigned &off, unsigned &ptr, uint8_t &code)
{
    if (avail < 40 || (ip6[0] >> 4) != 6)
        return DISCARD;

    const click_ip6 *h = reinterpret_cast<const click_ip6 *>(ip6);
    bool mcast = h->ip6_dst.s6_addr[0] == 0xFF;
    uint8_t nxt = h->ip6_nxt;
    unsigned pos = 40, count = 0, prev_nxt_at = 6;
    bool seen_rh = false;
    while (1) {
        unsigned hlen;
        if (++count > MAX_HEADERS)
            return DISCARD;
        switch (nxt) {
        case IP6H_HOPOPTS:
        case IP6H_DSTOPTS:
        case IP6H_ROUTING:
        case IP6H_MOBILITY:
            if (pos + 8 > avail)
                return DISCARD;
            hlen = (ip6[pos + 1] + 1u) << 3;
            break;
        case IP6H_FRAGMENT:
            hlen = 8;
            break;
        case IP6H_AH:
            if (pos + 8 > avail)
                return DISCARD;
            hlen = (ip6[pos + 1] + 2u) << 2;
            break;
        default:                              /* upper layer, ESP or No Next Header */
            proto = nxt;
            off = pos;
            return PASS;
        }
        if (pos + hlen > avail)
            return DISCARD;
        const uint8_t *x = ip6 + pos;
        if (nxt == IP6H_HOPOPTS && pos != 40) {
            ptr = prev_nxt_at;                /* HBH only right after IPv6 header */
            code = 1;
            return PARAM_PROBLEM;
        }
        if (nxt == IP6H_HOPOPTS || nxt == IP6H_DSTOPTS) {
            Verdict v = scan_options(x, hlen, mcast, pos, ptr, code);
            if (v != PASS)
                return v;
        } else if (nxt == IP6H_ROUTING) {
            uint8_t rtype = x[2], segleft = x[3];
            if (seen_rh)
                return DISCARD;
            seen_rh = true;
            if (rtype == 0 && segleft != 0) { /* RH0 is deprecated, RFC 5095 */
                ptr = pos + 2;
                code = 0;
                return PARAM_PROBLEM;
            }
        } else if (nxt == IP6H_FRAGMENT) {
            uint16_t fo = (uint16_t)((x[2] << 8) | x[3]);
            if ((fo & 0xFFF8) != 0) {         /* non-first fragment: stop here */
                proto = IP6H_FRAGMENT;
                off = pos;
                return PASS;
            }
        }
        prev_nxt_at = pos;
        nxt = x[0];
        pos += hlen;
    }
}

void
IP6ExtChain::push(int, Packet *p)
{
    const uint8_t *nh = p->network_header();
    unsigned avail, off = 0, ptr = 0;
    uint8_t proto = IP6H_NONE, code = 0;
    Verdict v;

    if (!nh)
        v = DISCARD;
    else {
        avail = (unsigned)(p->end_data() - nh);
        v = walk(nh, avail, proto, off, ptr, code);
    }
    _stats[v]++;
    if (v == PASS) {
        p->set_anno_u8(PROTO_ANNO, proto);
        p->set_anno_u16(OFF_ANNO, (uint16_t) off);
        output(0).push(p);
    } else if (v == PARAM_PROBLEM) {
        p->set_anno_u8(CODE_ANNO, code);
        p->set_anno_u16(PTR_ANNO, (uint16_t) ptr);
        output(2).push(p);
    } else
        output(1).push(p);
}

CLICK_ENDDECLS
EXPORT_ELEMENT(IP6ExtChain)

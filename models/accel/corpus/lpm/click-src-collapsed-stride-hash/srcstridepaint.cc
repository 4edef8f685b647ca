// SrcStridePaint(PREFIX COLOR, ...)
//
// Paints packets by the longest prefix that matches their IPv4 *source*
// address (e.g. to tag customer aggregates); packets whose source matches
// nothing are dropped.
//
// The table collapses prefix lengths into 8-bit strides.  A prefix of length
// L belongs to stride s = L / 8 and is filed under the hash key
// (s, first 8*s bits).  Each hash entry describes one 8-level subtree the way
// a tree-bitmap internal node does: a 255-bit heap-ordered bitmap (bit
// (1 << d) | v set when the d-bit continuation v is a prefix) plus a packed
// color array indexed by rank in the bitmap.  /32s form stride 4, whose
// subtrees are a single node.  Lookup probes strides 4..0 and inside each
// entry scans depths 7..0, so the first bit found is the longest match.
#include <click/config.h>
#include <click/element.hh>
#include <click/packet.hh>
#include <click/packet_anno.hh>
#include <click/confparse.hh>
#include <click/error.hh>
#include <clicknet/ip.h>
#include <string.h>

CLICK_DECLS

class SrcStridePaint : public Element { public:

    SrcStridePaint();
    ~SrcStridePaint();

    const char *class_name() const      { return "SrcStridePaint"; }
    const char *port_count() const      { return PORTS_1_1; }

    int configure(Vector<String> &, ErrorHandler *);
    Packet *simple_action(Packet *);

    bool set(uint32_t addr, int plen, uint8_t color);
    bool clear(uint32_t addr, int plen);
    int match(uint32_t addr) const;

  private:

    struct Subtree {
        uint64_t key;           // (stride << 32) | upper bits
        uint64_t bits[4];       // heap index 1..255
        uint8_t *colors;        // one per set bit, in heap-index order
        int ncolors;
        Subtree *chain;
    };

    Subtree **_bucket;
    unsigned _nbucket;
    unsigned _nsub;

    static inline uint64_t subkey(int stride, uint32_t addr) {
        uint32_t upper = stride ? addr >> (32 - 8 * stride) : 0;
        return ((uint64_t)stride << 32) | upper;
    }
    static inline unsigned bucket_of(uint64_t key, unsigned n) {
        uint64_t h = key * 0xD6E8FEB86659FD93ULL;
        return (unsigned)(h >> 40) & (n - 1);
    }
    static inline int ones(uint64_t w) {
        int c = 0;
        while (w) {
            w &= w - 1;
            c++;
        }
        return c;
    }
    static inline bool has_bit(const Subtree *t, unsigned i) {
        return (t->bits[i >> 6] >> (i & 63)) & 1;
    }
    static int rank_below(const Subtree *t, unsigned i);
    static unsigned heap_index(uint32_t addr, int plen);

    Subtree *lookup_subtree(uint64_t key) const;
    void rehash();

};

SrcStridePaint::SrcStridePaint()
    : _nbucket(64), _nsub(0)
{
    _bucket = new Subtree *[_nbucket];
    memset(_bucket, 0, sizeof(Subtree *) * _nbucket);
}

SrcStridePaint::~SrcStridePaint()
{
    for (unsigned b = 0; b < _nbucket; b++)
        while (Subtree *t = _bucket[b]) {
            _bucket[b] = t->chain;
            delete[] t->colors;
            delete t;
        }
    delete[] _bucket;
}

int
SrcStridePaint::rank_below(const Subtree *t, unsigned i)
{
    int r = 0;
    unsigned w = i >> 6;
    for (unsigned k = 0; k < w; k++)
        r += ones(t->bits[k]);
    if (i & 63)
        r += ones(t->bits[w] & ((1ULL << (i & 63)) - 1));
    return r;
}

// Position of prefix (addr, plen) inside its stride's subtree.
unsigned
SrcStridePaint::heap_index(uint32_t addr, int plen)
{
    int stride = plen >> 3;
    int depth = plen & 7;
    uint32_t rest = stride == 4 ? 0 : addr << (8 * stride);
    uint32_t v = depth ? rest >> (32 - depth) : 0;
    return (1u << depth) | v;
}

SrcStridePaint::Subtree *
SrcStridePaint::lookup_subtree(uint64_t key) const
{
    for (Subtree *t = _bucket[bucket_of(key, _nbucket)]; t; t = t->chain)
        if (t->key == key)
            return t;
    return 0;
}

void
SrcStridePaint::rehash()
{
    unsigned nn = _nbucket * 2;
    Subtree **nb = new Subtree *[nn];
    memset(nb, 0, sizeof(Subtree *) * nn);
    for (unsigned b = 0; b < _nbucket; b++)
        while (Subtree *t = _bucket[b]) {
            _bucket[b] = t->chain;
            unsigned x = bucket_of(t->key, nn);
            t->chain = nb[x];
            nb[x] = t;
        }
    delete[] _bucket;
    _bucket = nb;
    _nbucket = nn;
}

bool
SrcStridePaint::set(uint32_t addr, int plen, uint8_t color)
{
    if (plen < 0 || plen > 32)
        return false;
    if (plen)
        addr &= 0xFFFFFFFFU << (32 - plen);
    uint64_t key = subkey(plen >> 3, addr);
    Subtree *t = lookup_subtree(key);
    if (!t) {
        if (_nsub >= _nbucket)
            rehash();
        t = new Subtree;
        t->key = key;
        memset(t->bits, 0, sizeof(t->bits));
        t->colors = 0;
        t->ncolors = 0;
        unsigned x = bucket_of(key, _nbucket);
        t->chain = _bucket[x];
        _bucket[x] = t;
        _nsub++;
    }
    unsigned hi = heap_index(addr, plen);
    int r = rank_below(t, hi);
    if (has_bit(t, hi)) {
        t->colors[r] = color;
        return true;
    }
    uint8_t *nc = new uint8_t[t->ncolors + 1];
    if (r)
        memcpy(nc, t->colors, r);
    nc[r] = color;
    if (t->ncolors - r)
        memcpy(nc + r + 1, t->colors + r, t->ncolors - r);
    delete[] t->colors;
    t->colors = nc;
    t->ncolors++;
    t->bits[hi >> 6] |= 1ULL << (hi & 63);
    return true;
}

bool
SrcStridePaint::clear(uint32_t addr, int plen)
{
    if (plen < 0 || plen > 32)
        return false;
    if (plen)
        addr &= 0xFFFFFFFFU << (32 - plen);
    uint64_t key = subkey(plen >> 3, addr);
    Subtree **pp = &_bucket[bucket_of(key, _nbucket)];
    while (*pp && (*pp)->key != key)
        pp = &(*pp)->chain;
    Subtree *t = *pp;
    unsigned hi = heap_index(addr, plen);
    if (!t || !has_bit(t, hi))
        return false;
    int r = rank_below(t, hi);
    memmove(t->colors + r, t->colors + r + 1, t->ncolors - r - 1);
    t->ncolors--;
    t->bits[hi >> 6] &= ~(1ULL << (hi & 63));
    if (t->ncolors == 0) {
        *pp = t->chain;
        delete[] t->colors;
        delete t;
        _nsub--;
    }
    return true;
}

int
SrcStridePaint::match(uint32_t addr) const
{
    if (const Subtree *t = lookup_subtree(subkey(4, addr)))
        return t->colors[0];
    for (int stride = 3; stride >= 0; stride--) {
        const Subtree *t = lookup_subtree(subkey(stride, addr));
        if (!t)
            continue;
        uint32_t rest = addr << (8 * stride);
        for (int depth = 7; depth >= 0; depth--) {
            unsigned hi = (1u << depth) | (depth ? rest >> (32 - depth) : 0);
            if (has_bit(t, hi))
                return t->colors[rank_below(t, hi)];
        }
    }
    return -1;
}

int
SrcStridePaint::configure(Vector<String> &conf, ErrorHandler *errh)
{
    for (int i = 0; i < conf.size(); i++) {
        String rest = conf[i];
        String pfx = cp_shift_spacevec(rest);
        String col = cp_shift_spacevec(rest);
        IPAddress a, m;
        int c;
        if (!cp_ip_prefix(pfx, &a, &m, true, this) || !cp_integer(col, &c)
            || c < 0 || c > 255 || rest.length())
            return errh->error("bad route %d", i);
        int len = m.mask_to_prefix_len();
        if (len < 0 || !set(ntohl(a.addr()), len, (uint8_t)c))
            return errh->error("bad prefix in route %d", i);
    }
    return 0;
}

Packet *
SrcStridePaint::simple_action(Packet *p)
{
    const click_ip *iph = p->ip_header();
    int color = iph ? match(ntohl(iph->ip_src.s_addr)) : -1;
    if (color < 0) {
        p->kill();
        return 0;
    }
    SET_PAINT_ANNO(p, (uint8_t)color);
    return p;
}

CLICK_ENDDECLS
EXPORT_ELEMENT(SrcStridePaint)

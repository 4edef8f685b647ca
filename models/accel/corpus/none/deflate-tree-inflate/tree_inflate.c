/* Raw DEFLATE (RFC 1951) decoder that decodes Huffman symbols by walking an
 * explicit binary code tree one input bit at a time.  Used for compressed
 * payloads (e.g. HTTP bodies) in a middlebox inspection path. */
#include <stdint.h>
#include <string.h>

#define TI_MAXSYM 320
#define TI_MAXNODES (2 * TI_MAXSYM)

typedef struct {
    int16_t child[TI_MAXNODES][2]; /* >= 0: internal node; < 0: ~symbol; 0 (at non-root) unused */
    int nnodes;
} ti_tree;

typedef struct {
    const uint8_t *in;
    size_t inlen, pos;
    uint32_t bitbuf;
    int bitcnt;
    uint8_t *out;
    size_t outcap, outlen;
} ti_state;

enum { TI_OK = 0, TI_ERR_INPUT = -1, TI_ERR_OUTPUT = -2, TI_ERR_DATA = -3 };

static int ti_bit(ti_state *s)
{
    if (s->bitcnt == 0) {
        if (s->pos >= s->inlen) return -1;
        s->bitbuf = s->in[s->pos++];
        s->bitcnt = 8;
    }
    int b = (int)(s->bitbuf & 1u);
    s->bitbuf >>= 1;
    s->bitcnt--;
    return b;
}

static int ti_bits(ti_state *s, int n, uint32_t *v)
{
    uint32_t r = 0;
    for (int i = 0; i < n; i++) {
        int b = ti_bit(s);
        if (b < 0) return TI_ERR_INPUT;
        r |= (uint32_t)b << i;
    }
    *v = r;
    return TI_OK;
}

/* Build the canonical code tree from code lengths (0 = unused symbol). */
static int ti_build(ti_tree *t, const uint8_t *lens, int nsym)
{
    uint16_t count[16] = {0}, next[16];
    for (int i = 0; i < nsym; i++) count[lens[i]]++;
    count[0] = 0;
    uint32_t code = 0;
    int left = 1;
    for (int b = 1; b < 16; b++) {
        left <<= 1;
        left -= count[b];
        if (left < 0) return TI_ERR_DATA; /* over-subscribed */
    }
    for (int b = 1; b < 16; b++) {
        code = (code + count[b - 1]) << 1;
        next[b] = (uint16_t)code;
    }
    memset(t->child, 0, sizeof t->child);
    t->nnodes = 1;
    for (int sym = 0; sym < nsym; sym++) {
        int len = lens[sym];
        if (!len) continue;
        uint32_t c = next[len]++;
        int node = 0;
        for (int d = len - 1; d >= 0; d--) {
            int bit = (int)((c >> d) & 1u);
            int16_t *slot = &t->child[node][bit];
            if (d == 0) {
                if (*slot != 0) return TI_ERR_DATA;
                *slot = (int16_t)~sym;
            } else {
                if (*slot < 0) return TI_ERR_DATA;
                if (*slot == 0) {
                    if (t->nnodes >= TI_MAXNODES) return TI_ERR_DATA;
                    *slot = (int16_t)t->nnodes++;
                }
                node = *slot;
            }
        }
    }
    return TI_OK;
}

static int ti_decode_sym(ti_state *s, const ti_tree *t)
{
    int node = 0;
    for (int depth = 0; depth < 16; depth++) {
        int b = ti_bit(s);
        if (b < 0) return TI_ERR_INPUT;
        int16_t nx = t->child[node][b];
        if (nx < 0) return ~nx;
        if (nx == 0) return TI_ERR_DATA; /* incomplete code */
        node = nx;
    }
    return TI_ERR_DATA;
}

static const uint16_t ti_len_base[29] = {3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31,
                                         35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258};
static const uint8_t ti_len_extra[29] = {0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2,
                                         2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0};
static const uint16_t ti_dist_base[30] = {1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129,
                                          193, 257, 385, 513, 769, 1025, 1537, 2049, 3073,
                                          4097, 6145, 8193, 12289, 16385, 24577};
static const uint8_t ti_dist_extra[30] = {0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6,
                                          6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13};

static int ti_codes(ti_state *s, const ti_tree *lit, const ti_tree *dist)
{
    for (;;) {
        int sym = ti_decode_sym(s, lit);
        if (sym < 0) return sym;
        if (sym < 256) {
            if (s->outlen >= s->outcap) return TI_ERR_OUTPUT;
            s->out[s->outlen++] = (uint8_t)sym;
        } else if (sym == 256) {
            return TI_OK;
        } else {
            sym -= 257;
            if (sym >= 29) return TI_ERR_DATA;
            uint32_t e, len, d;
            if (ti_bits(s, ti_len_extra[sym], &e)) return TI_ERR_INPUT;
            len = ti_len_base[sym] + e;
            int ds = ti_decode_sym(s, dist);
            if (ds < 0) return ds;
            if (ds >= 30) return TI_ERR_DATA;
            if (ti_bits(s, ti_dist_extra[ds], &e)) return TI_ERR_INPUT;
            d = ti_dist_base[ds] + e;
            if (d > s->outlen) return TI_ERR_DATA;
            if (s->outlen + len > s->outcap) return TI_ERR_OUTPUT;
            uint8_t *dst = s->out + s->outlen;
            const uint8_t *src = dst - d;
            for (uint32_t i = 0; i < len; i++) dst[i] = src[i]; /* overlapping copy */
            s->outlen += len;
        }
    }
}

static int ti_stored(ti_state *s)
{
    s->bitbuf = 0;
    s->bitcnt = 0; /* drop to byte boundary */
    if (s->pos + 4 > s->inlen) return TI_ERR_INPUT;
    unsigned len = s->in[s->pos] | (s->in[s->pos + 1] << 8);
    unsigned nlen = s->in[s->pos + 2] | (s->in[s->pos + 3] << 8);
    s->pos += 4;
    if ((len ^ 0xffffu) != nlen) return TI_ERR_DATA;
    if (s->pos + len > s->inlen) return TI_ERR_INPUT;
    if (s->outlen + len > s->outcap) return TI_ERR_OUTPUT;
    memcpy(s->out + s->outlen, s->in + s->pos, len);
    s->pos += len;
    s->outlen += len;
    return TI_OK;
}

static int ti_fixed(ti_state *s)
{
    static ti_tree lit, dist;
    static int ready;
    if (!ready) {
        uint8_t l[288];
        int i = 0;
        for (; i < 144; i++) l[i] = 8;
        for (; i < 256; i++) l[i] = 9;
        for (; i < 280; i++) l[i] = 7;
        for (; i < 288; i++) l[i] = 8;
        ti_build(&lit, l, 288);
        memset(l, 5, 30);
        ti_build(&dist, l, 30);
        ready = 1;
    }
    return ti_codes(s, &lit, &dist);
}

static int ti_dynamic(ti_state *s)
{
    static const uint8_t order[19] = {16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15};
    uint32_t hlit, hdist, hclen, v;
    ti_tree cl, lit, dist;
    uint8_t lens[320];
    if (ti_bits(s, 5, &hlit) || ti_bits(s, 5, &hdist) || ti_bits(s, 4, &hclen)) return TI_ERR_INPUT;
    hlit += 257;
    hdist += 1;
    hclen += 4;
    if (hlit > 286 || hdist > 30) return TI_ERR_DATA;
    memset(lens, 0, 19);
    for (uint32_t i = 0; i < hclen; i++) {
        if (ti_bits(s, 3, &v)) return TI_ERR_INPUT;
        lens[order[i]] = (uint8_t)v;
    }
    if (ti_build(&cl, lens, 19)) return TI_ERR_DATA;
    uint32_t n = 0;
    while (n < hlit + hdist) {
        int sym = ti_decode_sym(s, &cl);
        if (sym < 0) return sym;
        if (sym < 16) {
            lens[n++] = (uint8_t)sym;
            continue;
        }
        uint8_t fill = 0;
        uint32_t rep;
        if (sym == 16) {
            if (n == 0) return TI_ERR_DATA;
            fill = lens[n - 1];
            if (ti_bits(s, 2, &rep)) return TI_ERR_INPUT;
            rep += 3;
        } else if (sym == 17) {
            if (ti_bits(s, 3, &rep)) return TI_ERR_INPUT;
            rep += 3;
        } else {
            if (ti_bits(s, 7, &rep)) return TI_ERR_INPUT;
            rep += 11;
        }
        if (n + rep > hlit + hdist) return TI_ERR_DATA;
        while (rep--) lens[n++] = fill;
    }
    if (lens[256] == 0) return TI_ERR_DATA;
    if (ti_build(&lit, lens, (int)hlit)) return TI_ERR_DATA;
    if (ti_build(&dist, lens + hlit, (int)hdist)) return TI_ERR_DATA;
    return ti_codes(s, &lit, &dist);
}

/* Inflate a raw deflate stream; returns the output length or a negative
 * error code. */
long tree_inflate(uint8_t *out, size_t outcap, const uint8_t *in, size_t inlen)
{
    ti_state s;
    memset(&s, 0, sizeof s);
    s.in = in;
    s.inlen = inlen;
    s.out = out;
    s.outcap = outcap;
    uint32_t last, type;
    do {
        if (ti_bits(&s, 1, &last) || ti_bits(&s, 2, &type)) return TI_ERR_INPUT;
        int r;
        switch (type) {
        case 0: r = ti_stored(&s); break;
        case 1: r = ti_fixed(&s); break;
        case 2: r = ti_dynamic(&s); break;
        default: r = TI_ERR_DATA; break;
        }
        if (r) return r;
    } while (!last);
    return (long)s.outlen;
}

/*
 * Rope search over prefix lengths (after Waldvogel et al.'s refinement of
 * binary search on prefix lengths).
 *
 * Every prefix P/L and every ancestor P[:l] (l < L) gets an entry in one
 * open-addressed table keyed by (bits, length). Each entry remembers the set
 * of lengths of real prefixes lying strictly below it (a 33-bit "rope" mask)
 * and the best matching prefix for its own bits. A lookup keeps a current
 * mask: it probes the median length of the mask; a hit jumps to the entry's
 * own rope, a miss throws away every length >= the probed one. Only entries
 * reached by the search on behalf of some real prefix ("markers") are live.
 *
 * The table is rebuilt from the route list after every insert or delete.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define RS_F_REAL 1u
#define RS_F_LIVE 2u
#define RS_EMPTY 0xFFu

struct rs_entry {
    uint32_t bits;
    uint8_t len;   /* RS_EMPTY: unused slot */
    uint8_t flags;
    int32_t hop;   /* next hop of the real prefix, if RS_F_REAL */
    int32_t bmp;   /* best matching real prefix's hop for these bits */
    uint64_t rope; /* lengths of real prefixes strictly below */
};

struct rs_route {
    uint32_t bits;
    uint8_t len;
    int32_t hop;
};

struct rope_fib {
    struct rs_entry *tab;
    uint32_t tab_mask;
    struct rs_route *routes;
    int nroutes;
    int cap;
};

static uint32_t rs_netmask(unsigned len)
{
    return len == 0 ? 0u : (uint32_t)(0xFFFFFFFFu << (32 - len));
}

/* generic: mixes a (bits, length) key into a slot number */
static uint32_t rs_mix(uint32_t bits, unsigned len)
{
    uint32_t x = bits ^ (len * 0x9E3779B1u);
    x ^= x >> 16;
    x *= 0x7FEB352Du;
    x ^= x >> 15;
    x *= 0x846CA68Bu;
    x ^= x >> 16;
    return x;
}

/* generic: index of the middle set bit of a non-empty mask */
static unsigned rs_middle_bit(uint64_t m)
{
    unsigned cnt = 0, want, i;
    uint64_t t = m;
    while (t) {
        t &= t - 1;
        cnt++;
    }
    want = cnt / 2;
    for (i = 0; i < 64; i++) {
        if ((m >> i) & 1u) {
            if (want == 0)
                return i;
            want--;
        }
    }
    return 0;
}

static struct rs_entry *rs_probe(const struct rope_fib *f, uint32_t bits,
                                 unsigned len)
{
    uint32_t s = rs_mix(bits, len) & f->tab_mask;
    for (;;) {
        struct rs_entry *e = &f->tab[s];
        if (e->len == RS_EMPTY)
            return NULL;
        if (e->len == len && e->bits == bits)
            return e;
        s = (s + 1) & f->tab_mask;
    }
}

static struct rs_entry *rs_claim(struct rope_fib *f, uint32_t bits,
                                 unsigned len)
{
    uint32_t s = rs_mix(bits, len) & f->tab_mask;
    for (;;) {
        struct rs_entry *e = &f->tab[s];
        if (e->len == RS_EMPTY) {
            e->bits = bits;
            e->len = (uint8_t)len;
            e->flags = 0;
            e->hop = -1;
            e->bmp = -1;
            e->rope = 0;
            return e;
        }
        if (e->len == len && e->bits == bits)
            return e;
        s = (s + 1) & f->tab_mask;
    }
}

/* Rebuilds the whole table from the route list. Returns 0, -1 on no memory. */
static int rs_rebuild(struct rope_fib *f)
{
    uint32_t want = 64, i;
    int r;
    unsigned l;
    uint64_t need = 2ull * (33ull * (uint64_t)f->nroutes + 1);
    while (want < need)
        want <<= 1;
    if (f->tab == NULL || f->tab_mask + 1 != want) {
        struct rs_entry *nt = (struct rs_entry *)malloc(sizeof(*nt) * want);
        if (nt == NULL)
            return -1;
        free(f->tab);
        f->tab = nt;
        f->tab_mask = want - 1;
    }
    for (i = 0; i < want; i++)
        f->tab[i].len = RS_EMPTY;

    /* every prefix and all its ancestors, with the rope of lengths below */
    rs_claim(f, 0, 0)->flags = RS_F_LIVE;
    for (r = 0; r < f->nroutes; r++) {
        const struct rs_route *rt = &f->routes[r];
        for (l = 0; l <= rt->len; l++) {
            struct rs_entry *e = rs_claim(f, rt->bits & rs_netmask(l), l);
            if (l < rt->len) {
                e->rope |= 1ull << rt->len;
            } else {
                e->flags |= RS_F_REAL | RS_F_LIVE;
                e->hop = rt->hop;
            }
        }
    }

    /* follow each prefix's own search path and light up the markers on it */
    for (r = 0; r < f->nroutes; r++) {
        const struct rs_route *rt = &f->routes[r];
        uint64_t mask = rs_probe(f, 0, 0)->rope;
        while (mask) {
            unsigned m = rs_middle_bit(mask);
            if (m < rt->len) {
                struct rs_entry *mk = rs_probe(f, rt->bits & rs_netmask(m), m);
                mk->flags |= RS_F_LIVE;
                mask = mk->rope;
            } else if (m == rt->len) {
                break;
            } else {
                mask &= (1ull << m) - 1;
            }
        }
    }

    /* best matching prefix of each live entry */
    for (i = 0; i <= f->tab_mask; i++) {
        struct rs_entry *e = &f->tab[i];
        int lv;
        if (e->len == RS_EMPTY || !(e->flags & RS_F_LIVE))
            continue;
        for (lv = e->len; lv >= 0; lv--) {
            const struct rs_entry *a =
                rs_probe(f, e->bits & rs_netmask((unsigned)lv), (unsigned)lv);
            if (a != NULL && (a->flags & RS_F_REAL)) {
                e->bmp = a->hop;
                break;
            }
        }
    }
    return 0;
}

int rope_fib_init(struct rope_fib *f, int capacity)
{
    memset(f, 0, sizeof(*f));
    f->routes = (struct rs_route *)malloc(sizeof(struct rs_route) *
                                          (size_t)(capacity > 0 ? capacity : 1));
    if (f->routes == NULL)
        return -1;
    f->cap = capacity;
    return rs_rebuild(f);
}

void rope_fib_destroy(struct rope_fib *f)
{
    free(f->tab);
    free(f->routes);
    memset(f, 0, sizeof(*f));
}

int rope_fib_insert(struct rope_fib *f, uint32_t prefix, unsigned len, int hop)
{
    int r;
    if (len > 32)
        return -1;
    prefix &= rs_netmask(len);
    for (r = 0; r < f->nroutes; r++) {
        if (f->routes[r].len == len && f->routes[r].bits == prefix) {
            f->routes[r].hop = hop;
            return rs_rebuild(f);
        }
    }
    if (f->nroutes == f->cap)
        return -1;
    f->routes[f->nroutes].bits = prefix;
    f->routes[f->nroutes].len = (uint8_t)len;
    f->routes[f->nroutes].hop = hop;
    f->nroutes++;
    return rs_rebuild(f);
}

int rope_fib_delete(struct rope_fib *f, uint32_t prefix, unsigned len)
{
    int r;
    if (len > 32)
        return -1;
    prefix &= rs_netmask(len);
    for (r = 0; r < f->nroutes; r++) {
        if (f->routes[r].len == len && f->routes[r].bits == prefix) {
            f->routes[r] = f->routes[f->nroutes - 1];
            f->nroutes--;
            return rs_rebuild(f);
        }
    }
    return -1;
}

/* Longest-prefix match of ADDR; the hop, or -1. */
int rope_fib_lookup(const struct rope_fib *f, uint32_t addr)
{
    const struct rs_entry *e = rs_probe(f, 0, 0);
    int best = e->bmp;
    uint64_t rope = e->rope;
    while (rope != 0) {
        unsigned m = rs_middle_bit(rope);
        const struct rs_entry *h = rs_probe(f, addr & rs_netmask(m), m);
        if (h != NULL && (h->flags & RS_F_LIVE)) {
            best = h->bmp;
            rope = h->rope;
        } else {
            rope &= (1ull << m) - 1;
        }
    }
    return best;
}

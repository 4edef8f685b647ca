/*
 * IPv6 longest-prefix match on an extendible-hashing directory.
 *
 * The directory is indexed by the top G bits of the address (G, the global
 * depth, grows and shrinks with the table).  Each directory slot points to a
 * bucket; a bucket of local depth d owns the 2^(G-d) slots whose top d bits
 * equal its tag.  A bucket holds every prefix that overlaps its region: the
 * prefixes of length >= d that start with the tag, and the shorter prefixes
 * that cover the whole region (those are replicated into every bucket they
 * cover).  Entries are kept longest first, so a lookup is one directory
 * index plus a scan that stops at the first covering entry.
 *
 * A bucket that grows past SPLIT_AT entries is split on its next bit
 * (doubling the directory when d == G); after a delete, a small bucket is
 * merged with its buddy and the directory halves when no bucket needs the
 * last bit.  Addresses and prefixes are 16-byte arrays in network order.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define XD_MAX_GDEPTH 16
#define XD_SPLIT_AT   24
#define XD_MERGE_AT   10

typedef struct {
    uint8_t net[16];
    uint8_t plen;
    uint32_t nexthop;
} xd_entry;

typedef struct {
    unsigned depth;      /* local depth */
    uint32_t tag;        /* top 'depth' bits of the region */
    unsigned count, room;
    xd_entry *ent;       /* longest prefix first */
    int live;
} xd_bucket;

typedef struct {
    unsigned gdepth;
    uint32_t *slot;      /* 2^gdepth bucket numbers */
    xd_bucket *bkt;
    unsigned nbkt, bktroom;
} xd_table;

/* ---- generic helpers ---- */

static int xd_grow_entries(xd_bucket *b, unsigned need)
{
    unsigned r;
    xd_entry *p;
    if (need <= b->room)
        return 0;
    r = b->room ? b->room * 2 : 8;
    while (r < need)
        r *= 2;
    p = (xd_entry *)realloc(b->ent, r * sizeof(xd_entry));
    if (!p)
        return -1;
    b->ent = p;
    b->room = r;
    return 0;
}

static int xd_new_bucket(xd_table *t)
{
    unsigned i;
    for (i = 0; i < t->nbkt; i++)
        if (!t->bkt[i].live)
            break;
    if (i == t->nbkt) {
        if (t->nbkt == t->bktroom) {
            unsigned r = t->bktroom ? t->bktroom * 2 : 16;
            xd_bucket *p = (xd_bucket *)realloc(t->bkt, r * sizeof(xd_bucket));
            if (!p)
                return -1;
            t->bkt = p;
            t->bktroom = r;
        }
        t->nbkt++;
        t->bkt[i].ent = NULL;
        t->bkt[i].room = 0;
    }
    t->bkt[i].live = 1;
    t->bkt[i].count = 0;
    t->bkt[i].depth = 0;
    t->bkt[i].tag = 0;
    return (int)i;
}

void xd_free(xd_table *t)
{
    unsigned i;
    if (!t)
        return;
    for (i = 0; i < t->nbkt; i++)
        free(t->bkt[i].ent);
    free(t->bkt);
    free(t->slot);
    free(t);
}

xd_table *xd_create(void)
{
    xd_table *t = (xd_table *)calloc(1, sizeof(xd_table));
    if (!t)
        return NULL;
    t->slot = (uint32_t *)malloc(sizeof(uint32_t));
    if (!t->slot || xd_new_bucket(t) < 0) {
        xd_free(t);
        return NULL;
    }
    t->slot[0] = 0;
    return t;
}

/* ---- directory and bucket maintenance ---- */

static int xd_double_directory(xd_table *t)
{
    uint32_t n = 1u << t->gdepth, i;
    uint32_t *s = (uint32_t *)malloc(2 * n * sizeof(uint32_t));
    if (!s)
        return -1;
    for (i = 0; i < n; i++)
        s[2 * i] = s[2 * i + 1] = t->slot[i];
    free(t->slot);
    t->slot = s;
    t->gdepth++;
    return 0;
}

static void xd_halve_directory(xd_table *t)
{
    uint32_t n, i;
    for (;;) {
        if (t->gdepth == 0)
            return;
        for (i = 0; i < t->nbkt; i++)
            if (t->bkt[i].live && t->bkt[i].depth == t->gdepth)
                return;
        n = 1u << (t->gdepth - 1);
        for (i = 0; i < n; i++)
            t->slot[i] = t->slot[2 * i];
        t->gdepth--;
    }
}

/* Split bucket bi on bit 'depth': prefixes too short to have that bit go
 * to both halves, the others follow the bit.  0 done, 1 not useful, -1 OOM. */
static int xd_split(xd_table *t, unsigned bi)
{
    unsigned d = t->bkt[bi].depth, i, keep = 0, span;
    uint32_t first;
    int nb;
    xd_bucket *b, *o;

    for (i = 0; i < t->bkt[bi].count; i++)
        if (t->bkt[bi].ent[i].plen > d)
            break;
    if (i == t->bkt[bi].count)
        return 1;                          /* every entry spans the region */
    if (d == t->gdepth) {
        if (t->gdepth == XD_MAX_GDEPTH)
            return 1;
        if (xd_double_directory(t) < 0)
            return -1;
    }
    nb = xd_new_bucket(t);
    if (nb < 0)
        return -1;
    b = &t->bkt[bi];
    o = &t->bkt[nb];
    if (xd_grow_entries(o, b->count) < 0)
        return -1;
    o->depth = b->depth = d + 1;
    o->tag = (b->tag << 1) | 1u;
    b->tag <<= 1;

    for (i = 0; i < b->count; i++) {
        const xd_entry *e = &b->ent[i];
        if (e->plen <= d) {
            o->ent[o->count++] = *e;
            b->ent[keep++] = *e;
        } else if ((e->net[d >> 3] >> (7 - (d & 7))) & 1u) {
            o->ent[o->count++] = *e;
        } else {
            b->ent[keep++] = *e;
        }
    }
    b->count = keep;

    span = t->gdepth - o->depth;
    first = o->tag << span;
    for (i = 0; i < (1u << span); i++)
        t->slot[first + i] = (uint32_t)nb;
    return 0;
}

/* Fold bucket bi and its buddy back into one bucket of depth d-1 when the
 * result is small.  Returns 1 when a merge happened. */
static int xd_merge(xd_table *t, unsigned bi)
{
    xd_bucket *b = &t->bkt[bi], *o;
    unsigned d = b->depth, total, i, j, n, span;
    uint32_t obi, first;
    xd_entry *m;

    if (d == 0)
        return 0;
    obi = t->slot[(b->tag ^ 1u) << (t->gdepth - d)];
    o = &t->bkt[obi];
    if (o->depth != d)
        return 0;
    /* entries shorter than d are held by both halves */
    total = b->count;
    for (i = 0; i < o->count; i++)
        if (o->ent[i].plen >= d)
            total++;
    if (total > XD_MERGE_AT)
        return 0;

    m = (xd_entry *)malloc((total ? total : 1) * sizeof(xd_entry));
    if (!m)
        return 0;
    i = j = n = 0;
    while (i < b->count || j < o->count) {
        if (j < o->count && o->ent[j].plen < d) {
            j++;                                /* the copy in b is kept */
            continue;
        }
        if (j >= o->count || (i < b->count && b->ent[i].plen >= o->ent[j].plen))
            m[n++] = b->ent[i++];
        else
            m[n++] = o->ent[j++];
    }
    free(b->ent);
    b->ent = m;
    b->count = b->room = n;
    b->depth = d - 1;
    b->tag >>= 1;
    o->live = 0;
    o->count = 0;

    span = t->gdepth - b->depth;
    first = b->tag << span;
    for (i = 0; i < (1u << span); i++)
        t->slot[first + i] = bi;
    return 1;
}

/* Directory slots [*first, *first + *n) overlapped by the prefix. */
static void xd_prefix_slots(const xd_table *t, const uint8_t *net, unsigned plen,
                            uint32_t *first, uint32_t *n)
{
    uint32_t top = ((uint32_t)net[0] << 8) | net[1];
    unsigned g = t->gdepth;
    uint32_t s = g ? top >> (16 - g) : 0;
    if (plen >= g) {
        *first = s;
        *n = 1;
    } else {
        *n = 1u << (g - plen);
        *first = s & ~(*n - 1);
    }
}

/* ---- updates ---- */

/* 1 added, 0 next hop replaced, -1 failure. */
int xd_insert(xd_table *t, const uint8_t addr[16], unsigned plen, uint32_t nexthop)
{
    uint8_t net[16];
    uint32_t first, n, s;
    unsigned i, k;
    int fresh = 1;

    if (plen > 128)
        return -1;
    for (i = 0; i < 16; i++) {
        unsigned bits = plen > 8 * i ? plen - 8 * i : 0;
        net[i] = bits >= 8 ? addr[i] : (uint8_t)(addr[i] & (uint8_t)(0xFF00u >> bits));
    }

    xd_prefix_slots(t, net, plen, &first, &n);
    for (s = first; s < first + n;) {
        uint32_t bi = t->slot[s];
        xd_bucket *b = &t->bkt[bi];
        for (k = 0; k < b->count; k++)
            if (b->ent[k].plen == plen && memcmp(b->ent[k].net, net, 16) == 0)
                break;
        if (k < b->count) {
            b->ent[k].nexthop = nexthop;
            fresh = 0;
        } else {
            if (xd_grow_entries(b, b->count + 1) < 0)
                return -1;
            /* keep longest-first order: after every entry at least as long */
            for (k = 0; k < b->count && b->ent[k].plen >= plen; k++)
                ;
            memmove(&b->ent[k + 1], &b->ent[k], (b->count - k) * sizeof(xd_entry));
            memcpy(b->ent[k].net, net, 16);
            b->ent[k].plen = (uint8_t)plen;
            b->ent[k].nexthop = nexthop;
            b->count++;
        }
        s = (b->tag + 1u) << (t->gdepth - b->depth);
    }

    /* split overfull buckets in the prefix's region until none is */
restart:
    xd_prefix_slots(t, net, plen, &first, &n);
    for (s = first; s < first + n;) {
        uint32_t bi = t->slot[s];
        if (t->bkt[bi].count > XD_SPLIT_AT) {
            int r = xd_split(t, bi);
            if (r < 0)
                return -1;
            if (r == 0)
                goto restart;
        }
        s = (t->bkt[bi].tag + 1u) << (t->gdepth - t->bkt[bi].depth);
    }
    return fresh;
}

/* 1 removed, 0 absent. */
int xd_remove(xd_table *t, const uint8_t addr[16], unsigned plen)
{
    uint8_t net[16];
    uint32_t first, n, s;
    unsigned i, k;
    int found = 0;

    if (plen > 128)
        return 0;
    for (i = 0; i < 16; i++) {
        unsigned bits = plen > 8 * i ? plen - 8 * i : 0;
        net[i] = bits >= 8 ? addr[i] : (uint8_t)(addr[i] & (uint8_t)(0xFF00u >> bits));
    }

    xd_prefix_slots(t, net, plen, &first, &n);
    for (s = first; s < first + n;) {
        xd_bucket *b = &t->bkt[t->slot[s]];
        for (k = 0; k < b->count; k++)
            if (b->ent[k].plen == plen && memcmp(b->ent[k].net, net, 16) == 0)
                break;
        if (k < b->count) {
            memmove(&b->ent[k], &b->ent[k + 1], (b->count - k - 1) * sizeof(xd_entry));
            b->count--;
            found = 1;
        }
        s = (b->tag + 1u) << (t->gdepth - b->depth);
    }
    if (!found)
        return 0;

    /* fold small buckets of the region back together */
again:
    xd_prefix_slots(t, net, plen, &first, &n);
    for (s = first; s < first + n;) {
        uint32_t bi = t->slot[s];
        if (xd_merge(t, bi))
            goto again;
        s = (t->bkt[bi].tag + 1u) << (t->gdepth - t->bkt[bi].depth);
    }
    xd_halve_directory(t);
    return 1;
}

/* ---- lookup ---- */

/* Next hop of the longest covering prefix; -1 when none covers addr. */
int64_t xd_lookup(const xd_table *t, const uint8_t addr[16])
{
    uint32_t top = ((uint32_t)addr[0] << 8) | addr[1];
    const xd_bucket *b = &t->bkt[t->slot[t->gdepth ? top >> (16 - t->gdepth) : 0]];
    unsigned k;

    for (k = 0; k < b->count; k++) {
        const xd_entry *e = &b->ent[k];
        unsigned full = e->plen >> 3, rest = e->plen & 7, i;
        for (i = 0; i < full; i++)
            if (e->net[i] != addr[i])
                break;
        if (i < full)
            continue;
        if (rest && ((e->net[full] ^ addr[full]) & (uint8_t)(0xFF00u >> rest)) != 0)
            continue;
        return e->nexthop;
    }
    return -1;
}

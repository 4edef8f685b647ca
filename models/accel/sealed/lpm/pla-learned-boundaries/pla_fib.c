/*
 * IPv4 longest-prefix match through a learned index over range boundaries.
 *
 * The route set is kept as an array sorted by (base address, prefix length).
 * From it the address space is cut into elementary intervals, each carrying
 * the next hop of its longest covering prefix (a stack sweep over the nested
 * prefixes).  The sorted interval starts are then approximated by a
 * piecewise-linear function, fitted greedily with the "shrinking cone"
 * method: a segment keeps growing while one slope through its first point
 * predicts every interval index within +-eps.  A lookup finds its segment by
 * binary search over the segment origins, predicts the interval index with
 * the segment's line, and corrects the guess by a short local walk.
 *
 * Insert and delete edit the sorted route array and refit the model.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define PLA_NO_HOP (-1)

struct pla_route {
    uint32_t base;
    int32_t hop;
    uint8_t plen;
};

struct pla_seg {
    uint32_t x0;   /* first interval start covered by the segment */
    uint32_t i0;   /* its index in the interval arrays */
    double slope;  /* intervals per address unit */
};

struct pla_fib {
    struct pla_route *rt;
    uint32_t nrt, rtcap;
    uint32_t *start;   /* interval start addresses, strictly increasing */
    int32_t *hop;      /* next hop of each interval */
    uint32_t nint, intcap;
    struct pla_seg *seg;
    uint32_t nseg, segcap;
    uint32_t eps;
};

/* ---- generic storage helpers (not part of the lookup structure) ---- */

static int pla_reserve(void **arr, uint32_t *cap, uint32_t need, size_t width)
{
    uint32_t ncap;
    void *p;
    if (need <= *cap)
        return 0;
    ncap = *cap ? *cap : 16;
    while (ncap < need)
        ncap *= 2;
    p = realloc(*arr, (size_t)ncap * width);
    if (!p)
        return -1;
    *arr = p;
    *cap = ncap;
    return 0;
}

void pla_destroy(struct pla_fib *f)
{
    if (!f)
        return;
    free(f->rt);
    free(f->start);
    free(f->hop);
    free(f->seg);
    free(f);
}

/* ---- range table and model construction ---- */

/* Append the interval [from, ...) with next hop h, fusing it with the
 * previous interval when both lead to the same hop. */
static void pla_emit_interval(struct pla_fib *f, uint64_t from, int32_t h)
{
    if (f->nint > 0 && f->hop[f->nint - 1] == h)
        return;
    f->start[f->nint] = (uint32_t)from;
    f->hop[f->nint] = h;
    f->nint++;
}

/* Sweep the routes in (base, length) order; the stack holds the chain of
 * prefixes enclosing the current position, innermost on top. */
static int pla_build_intervals(struct pla_fib *f)
{
    uint64_t stk_end[34];
    int32_t stk_hop[34];
    int sp = 0;
    uint64_t cursor = 0;
    uint32_t i;
    uint32_t oldcap = f->intcap;

    if (pla_reserve((void **)&f->start, &f->intcap, 2 * f->nrt + 2,
                    sizeof(uint32_t)) < 0)
        return -1;
    if (f->intcap != oldcap) {
        int32_t *nh = (int32_t *)realloc(f->hop, (size_t)f->intcap * sizeof(int32_t));
        if (!nh)
            return -1;
        f->hop = nh;
    }
    f->nint = 0;

    for (i = 0; i < f->nrt; i++) {
        const struct pla_route *r = &f->rt[i];
        uint64_t lo = r->base;
        uint64_t hi = lo + (((uint64_t)1) << (32 - r->plen)) - 1;

        /* close every enclosing prefix that ends before this one starts */
        while (sp > 0 && stk_end[sp - 1] < lo) {
            if (cursor <= stk_end[sp - 1]) {
                pla_emit_interval(f, cursor, stk_hop[sp - 1]);
                cursor = stk_end[sp - 1] + 1;
            }
            sp--;
        }
        /* the gap up to the new prefix belongs to the innermost enclosure */
        if (cursor < lo) {
            pla_emit_interval(f, cursor, sp > 0 ? stk_hop[sp - 1] : PLA_NO_HOP);
            cursor = lo;
        }
        stk_end[sp] = hi;
        stk_hop[sp] = r->hop;
        sp++;
    }
    while (sp > 0) {
        if (cursor <= stk_end[sp - 1]) {
            pla_emit_interval(f, cursor, stk_hop[sp - 1]);
            cursor = stk_end[sp - 1] + 1;
        }
        sp--;
    }
    if (cursor <= 0xFFFFFFFFull)
        pla_emit_interval(f, cursor, PLA_NO_HOP);
    return 0;
}

/* Greedy cone fit: points (start[i], i); every segment predicts the index of
 * each of its points with an error of at most eps. */
static int pla_fit_segments(struct pla_fib *f)
{
    uint32_t i = 0;
    double e = (double)f->eps;

    f->nseg = 0;
    while (i < f->nint) {
        uint32_t x0 = f->start[i];
        uint32_t i0 = i;
        uint32_t j = i + 1;
        double lo_s = 0.0, hi_s = -1.0; /* hi_s < 0: cone still unbounded */

        for (; j < f->nint; j++) {
            double dx = (double)(f->start[j] - x0);
            double dy = (double)(j - i0);
            double smin = (dy - e) / dx;
            double smax = (dy + e) / dx;
            if (hi_s >= 0.0 && (smin > hi_s || smax < lo_s))
                break;
            if (smin > lo_s)
                lo_s = smin;
            if (hi_s < 0.0 || smax < hi_s)
                hi_s = smax;
        }
        if (pla_reserve((void **)&f->seg, &f->segcap, f->nseg + 1,
                        sizeof(struct pla_seg)) < 0)
            return -1;
        f->seg[f->nseg].x0 = x0;
        f->seg[f->nseg].i0 = i0;
        f->seg[f->nseg].slope = hi_s < 0.0 ? 0.0 : 0.5 * (lo_s + hi_s);
        f->nseg++;
        i = j;
    }
    return 0;
}

static int pla_rebuild(struct pla_fib *f)
{
    if (pla_build_intervals(f) < 0)
        return -1;
    return pla_fit_segments(f);
}

struct pla_fib *pla_create(uint32_t eps)
{
    struct pla_fib *f = (struct pla_fib *)calloc(1, sizeof(*f));
    if (!f)
        return NULL;
    f->eps = eps ? eps : 1;
    if (pla_rebuild(f) < 0) {
        pla_destroy(f);
        return NULL;
    }
    return f;
}

/* ---- lookup ---- */

int32_t pla_lookup(const struct pla_fib *f, uint32_t addr)
{
    uint32_t lo = 0, hi = f->nseg - 1, end, pos;
    const struct pla_seg *s;
    double guess;

    /* last segment whose origin is <= addr (segment 0 starts at 0) */
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo + 1) / 2;
        if (f->seg[mid].x0 <= addr)
            lo = mid;
        else
            hi = mid - 1;
    }
    s = &f->seg[lo];
    end = lo + 1 < f->nseg ? f->seg[lo + 1].i0 : f->nint;

    guess = s->slope * (double)(addr - s->x0);
    if (guess >= (double)(end - 1 - s->i0))
        pos = end - 1;
    else if (guess <= 0.0)
        pos = s->i0;
    else
        pos = s->i0 + (uint32_t)guess;

    while (pos > s->i0 && f->start[pos] > addr)
        pos--;
    while (pos + 1 < end && f->start[pos + 1] <= addr)
        pos++;
    return f->hop[pos];
}

/* ---- route updates ---- */

/* Index of the first route not ordered before (base, plen). */
static uint32_t pla_route_slot(const struct pla_fib *f, uint32_t base, uint8_t plen)
{
    uint32_t lo = 0, hi = f->nrt;
    while (lo < hi) {
        uint32_t mid = (lo + hi) / 2;
        const struct pla_route *r = &f->rt[mid];
        if (r->base < base || (r->base == base && r->plen < plen))
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* Returns 1 when the prefix is new, 0 when its hop was replaced, -1 on error. */
int pla_insert(struct pla_fib *f, uint32_t addr, unsigned plen, int32_t hop)
{
    uint32_t base, k;
    if (plen > 32)
        return -1;
    base = plen ? addr & (0xFFFFFFFFu << (32 - plen)) : 0;
    k = pla_route_slot(f, base, (uint8_t)plen);
    if (k < f->nrt && f->rt[k].base == base && f->rt[k].plen == plen) {
        f->rt[k].hop = hop;
        return pla_rebuild(f) < 0 ? -1 : 0;
    }
    if (pla_reserve((void **)&f->rt, &f->rtcap, f->nrt + 1,
                    sizeof(struct pla_route)) < 0)
        return -1;
    memmove(&f->rt[k + 1], &f->rt[k], (size_t)(f->nrt - k) * sizeof(struct pla_route));
    f->rt[k].base = base;
    f->rt[k].plen = (uint8_t)plen;
    f->rt[k].hop = hop;
    f->nrt++;
    return pla_rebuild(f) < 0 ? -1 : 1;
}

/* Returns 1 when the prefix was present and is gone, 0 otherwise. */
int pla_delete(struct pla_fib *f, uint32_t addr, unsigned plen)
{
    uint32_t base, k;
    if (plen > 32)
        return 0;
    base = plen ? addr & (0xFFFFFFFFu << (32 - plen)) : 0;
    k = pla_route_slot(f, base, (uint8_t)plen);
    if (k >= f->nrt || f->rt[k].base != base || f->rt[k].plen != plen)
        return 0;
    memmove(&f->rt[k], &f->rt[k + 1], (size_t)(f->nrt - k - 1) * sizeof(struct pla_route));
    f->nrt--;
    pla_rebuild(f);
    return 1;
}

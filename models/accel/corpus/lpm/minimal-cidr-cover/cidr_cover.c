/*
 * Longest-prefix match through a disjoint CIDR cover.
 *
 * The overlapping route set is flattened into the address ranges on which
 * the best route does not change; adjacent ranges with the same next hop are
 * merged, and each merged range is re-expressed as the smallest set of
 * aligned CIDR blocks covering exactly that range.  The blocks are pairwise
 * disjoint, so a lookup may probe the block lengths in any order and stop at
 * the first hit.  Blocks sit in one open-addressing table keyed by
 * (block base, block length); a 33-bit word records which lengths occur.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

enum { CC_RULES = 2048, CC_CUTS = 2 * CC_RULES + 2, CC_SLOT_LOG = 19, CC_SLOTS = 1 << CC_SLOT_LOG };

struct cc_rule {
    uint32_t base;
    uint8_t bits;
    int32_t target;
};

struct cc_block {
    uint32_t base;
    int8_t bits;      /* -1: empty slot */
    int32_t target;
};

struct cc_table {
    struct cc_rule rule[CC_RULES];
    int nrules;
    int dirty;
    uint64_t lengths_present;
    int nblocks;
    /* scratch for the rebuild */
    uint64_t cut[CC_CUTS];
    int32_t paint[CC_CUTS];
    struct cc_block slot[CC_SLOTS];
};

static inline uint32_t cc_span_mask(unsigned bits)
{
    return bits == 0 ? 0u : ~0u << (32u - bits);
}

static inline uint32_t cc_slot_of(uint32_t base, unsigned bits)
{
    uint64_t k = ((uint64_t)base << 6) | bits;
    k *= 0x9E3779B97F4A7C15ull;
    return (uint32_t)(k >> (64 - CC_SLOT_LOG));
}

static void cc_put_block(struct cc_table *t, uint32_t base, unsigned bits, int32_t target)
{
    uint32_t s = cc_slot_of(base, bits);
    while (t->slot[s].bits >= 0)
        s = (s + 1) & (CC_SLOTS - 1);
    t->slot[s].base = base;
    t->slot[s].bits = (int8_t)bits;
    t->slot[s].target = target;
    t->lengths_present |= 1ull << bits;
    t->nblocks++;
}

/* Split the inclusive range [lo, hi] into maximal aligned blocks. */
static void cc_cover_range(struct cc_table *t, uint64_t lo, uint64_t hi, int32_t target)
{
    while (lo <= hi) {
        unsigned size_log = 32;
        while (size_log > 0) {
            uint64_t size = 1ull << size_log;
            if ((lo & (size - 1)) == 0 && lo + size - 1 <= hi)
                break;
            size_log--;
        }
        cc_put_block(t, (uint32_t)lo, 32 - size_log, target);
        lo += 1ull << size_log;
    }
}

static int cc_cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return (x > y) - (x < y);
}

/* index of the elementary range that begins at v (v is always a cut) */
static int cc_cut_index(const struct cc_table *t, int ncut, uint64_t v)
{
    int lo = 0, hi = ncut - 1;
    while (lo < hi) {
        int mid = (lo + hi) >> 1;
        if (t->cut[mid] < v)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

void cc_rebuild(struct cc_table *t)
{
    int ncut = 0;
    t->cut[ncut++] = 0;
    t->cut[ncut++] = 1ull << 32;
    for (int i = 0; i < t->nrules; i++) {
        uint64_t lo = t->rule[i].base;
        t->cut[ncut++] = lo;
        t->cut[ncut++] = lo + (1ull << (32 - t->rule[i].bits));
    }
    qsort(t->cut, (size_t)ncut, sizeof t->cut[0], cc_cmp_u64);
    int u = 1;
    for (int i = 1; i < ncut; i++)
        if (t->cut[i] != t->cut[u - 1])
            t->cut[u++] = t->cut[i];
    ncut = u;

    /* paint the elementary ranges, shortest rules first so longer ones win */
    for (int i = 0; i < ncut; i++)
        t->paint[i] = -1;
    for (unsigned len = 0; len <= 32; len++) {
        for (int i = 0; i < t->nrules; i++) {
            if (t->rule[i].bits != len)
                continue;
            uint64_t lo = t->rule[i].base;
            uint64_t end = lo + (1ull << (32 - len));
            for (int k = cc_cut_index(t, ncut, lo); t->cut[k] < end; k++)
                t->paint[k] = t->rule[i].target;
        }
    }

    for (int s = 0; s < CC_SLOTS; s++)
        t->slot[s].bits = -1;
    t->lengths_present = 0;
    t->nblocks = 0;

    /* merge runs of equal paint, then cover each run with CIDR blocks */
    int k = 0;
    while (k < ncut - 1) {
        int run_end = k + 1;
        while (run_end < ncut - 1 && t->paint[run_end] == t->paint[k])
            run_end++;
        if (t->paint[k] >= 0)
            cc_cover_range(t, t->cut[k], t->cut[run_end] - 1, t->paint[k]);
        k = run_end;
    }
    t->dirty = 0;
}

int32_t cc_lookup(struct cc_table *t, uint32_t addr)
{
    if (t->dirty)
        cc_rebuild(t);
    uint64_t todo = t->lengths_present;
    while (todo) {
        unsigned bits = 0;
        while (!((todo >> bits) & 1))
            bits++;
        todo &= todo - 1;
        uint32_t base = addr & cc_span_mask(bits);
        uint32_t s = cc_slot_of(base, bits);
        while (t->slot[s].bits >= 0) {
            if (t->slot[s].bits == (int8_t)bits && t->slot[s].base == base)
                return t->slot[s].target;
            s = (s + 1) & (CC_SLOTS - 1);
        }
    }
    return -1;
}

int cc_add(struct cc_table *t, uint32_t base, unsigned bits, int32_t target)
{
    if (bits > 32 || target < 0)
        return -1;
    base &= cc_span_mask(bits);
    for (int i = 0; i < t->nrules; i++) {
        if (t->rule[i].base == base && t->rule[i].bits == bits) {
            t->rule[i].target = target;
            t->dirty = 1;
            return 0;
        }
    }
    if (t->nrules == CC_RULES)
        return -1;
    t->rule[t->nrules].base = base;
    t->rule[t->nrules].bits = (uint8_t)bits;
    t->rule[t->nrules].target = target;
    t->nrules++;
    t->dirty = 1;
    return 0;
}

int cc_remove(struct cc_table *t, uint32_t base, unsigned bits)
{
    if (bits > 32)
        return -1;
    base &= cc_span_mask(bits);
    for (int i = 0; i < t->nrules; i++) {
        if (t->rule[i].base == base && t->rule[i].bits == bits) {
            t->rule[i] = t->rule[--t->nrules];
            t->dirty = 1;
            return 0;
        }
    }
    return -1;
}

void cc_init(struct cc_table *t)
{
    memset(t, 0, sizeof *t);
    t->dirty = 1;
}

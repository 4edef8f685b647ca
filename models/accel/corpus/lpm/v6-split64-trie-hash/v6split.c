/*
 * v6split.c - IPv6 route table split at the /64 boundary.
 *
 * Almost all IPv6 routes are /64 or shorter; longer ones (/65../128, e.g.
 * host routes and point-to-point links) live inside some /64.  So:
 *
 *   - routes with length <= 64 go into a unibit trie over the upper 64 bits;
 *   - routes with length  > 64 are grouped by their /64: an open-addressed
 *     hash keyed by the upper 64 bits leads to a small unibit trie over the
 *     lower 64 bits of that /64.
 *
 * Lookup tries the per-/64 trie first (any hit there is longer than /64) and
 * otherwise walks the upper trie.  All trie nodes come from one pool and are
 * addressed by 32-bit index; 0 is the null index.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef struct { uint8_t octet[16]; } v6_addr;

typedef struct {
    uint32_t kid[2];
    int32_t  hop;      /* -1: no route ends here */
} v6_tnode;

typedef struct {
    uint64_t upper;
    uint32_t root;     /* 0 = empty slot */
    uint32_t routes;   /* routes stored below root */
    uint8_t  tomb;
} v6_bucket;

typedef struct {
    v6_tnode *pool;
    uint32_t pool_len, pool_cap, free_head;
    uint32_t short_root;
    v6_bucket *tab;
    uint32_t tab_cap, tab_used;     /* used counts live + tombstones */
} v6_rib;

static uint64_t v6_half(const v6_addr *a, int lower)
{
    uint64_t v = 0;
    int i, base = lower ? 8 : 0;
    for (i = 0; i < 8; i++)
        v = (v << 8) | a->octet[base + i];
    return v;
}

static uint64_t v6_mask64(int bits)
{
    if (bits <= 0)
        return 0;
    if (bits >= 64)
        return ~(uint64_t)0;
    return ~(uint64_t)0 << (64 - bits);
}

static uint32_t v6_node_alloc(v6_rib *r)
{
    uint32_t id;
    if (r->free_head) {
        id = r->free_head;
        r->free_head = r->pool[id].kid[0];
    } else {
        if (r->pool_len == r->pool_cap) {
            uint32_t nc = r->pool_cap * 2;
            v6_tnode *np = realloc(r->pool, (size_t)nc * sizeof(v6_tnode));
            if (!np)
                return 0;
            r->pool = np;
            r->pool_cap = nc;
        }
        id = r->pool_len++;
    }
    r->pool[id].kid[0] = r->pool[id].kid[1] = 0;
    r->pool[id].hop = -1;
    return id;
}

static void v6_node_release(v6_rib *r, uint32_t id)
{
    r->pool[id].kid[0] = r->free_head;
    r->pool[id].kid[1] = 0;
    r->pool[id].hop = -1;
    r->free_head = id;
}

v6_rib *v6_rib_create(void)
{
    v6_rib *r = calloc(1, sizeof(*r));
    if (!r)
        return NULL;
    r->pool_cap = 256;
    r->pool = malloc(r->pool_cap * sizeof(v6_tnode));
    r->tab_cap = 16;
    r->tab = calloc(r->tab_cap, sizeof(v6_bucket));
    if (!r->pool || !r->tab) {
        free(r->pool);
        free(r->tab);
        free(r);
        return NULL;
    }
    r->pool_len = 1;               /* index 0 is the null node */
    r->short_root = v6_node_alloc(r);
    return r;
}

void v6_rib_destroy(v6_rib *r)
{
    if (!r)
        return;
    free(r->pool);
    free(r->tab);
    free(r);
}

/* ---------------- trie over 64-bit keys ---------------- */

/* returns node id for (key, bits), creating the path when make != 0 */
static uint32_t v6_trie_path(v6_rib *r, uint32_t root, uint64_t key, int bits,
                             int make)
{
    uint32_t cur = root;
    int d;
    for (d = 0; d < bits; d++) {
        int b = (int)((key >> (63 - d)) & 1);
        uint32_t nx = r->pool[cur].kid[b];
        if (!nx) {
            if (!make)
                return 0;
            nx = v6_node_alloc(r);
            if (!nx)
                return 0;
            r->pool[cur].kid[b] = nx;
        }
        cur = nx;
    }
    return cur;
}

/* clear the route at depth bits and prune nodes left useless */
static int v6_trie_unset(v6_rib *r, uint32_t root, uint64_t key, int bits)
{
    uint32_t trail[65];
    uint32_t cur = root;
    int d;
    trail[0] = root;
    for (d = 0; d < bits; d++) {
        cur = r->pool[cur].kid[(key >> (63 - d)) & 1];
        if (!cur)
            return -1;
        trail[d + 1] = cur;
    }
    if (r->pool[cur].hop < 0)
        return -1;
    r->pool[cur].hop = -1;
    for (d = bits; d > 0; d--) {
        uint32_t n = trail[d];
        if (r->pool[n].hop >= 0 || r->pool[n].kid[0] || r->pool[n].kid[1])
            break;
        r->pool[trail[d - 1]].kid[(key >> (64 - d)) & 1] = 0;
        v6_node_release(r, n);
    }
    return 0;
}

/* deepest route on the path of key, looking at depths >= min_depth */
static int32_t v6_trie_best(const v6_rib *r, uint32_t root, uint64_t key,
                            int min_depth)
{
    int32_t best = -1;
    uint32_t cur = root;
    int d = 0;
    while (cur) {
        if (d >= min_depth && r->pool[cur].hop >= 0)
            best = r->pool[cur].hop;
        if (d == 64)
            break;
        cur = r->pool[cur].kid[(key >> (63 - d)) & 1];
        d++;
    }
    return best;
}

/* ---------------- /64 hash ---------------- */

static uint32_t v6_hash64(uint64_t x)
{
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdULL;
    x ^= x >> 33;
    x *= 0xc4ceb9fe1a85ec53ULL;
    x ^= x >> 33;
    return (uint32_t)x;
}

static v6_bucket *v6_tab_find(const v6_rib *r, uint64_t upper)
{
    uint32_t m = r->tab_cap - 1, i = v6_hash64(upper) & m;
    for (;;) {
        v6_bucket *b = &r->tab[i];
        if (!b->root && !b->tomb)
            return NULL;
        if (b->root && b->upper == upper)
            return b;
        i = (i + 1) & m;
    }
}

static int v6_tab_rehash(v6_rib *r, uint32_t ncap)
{
    v6_bucket *old = r->tab, *nt = calloc(ncap, sizeof(v6_bucket));
    uint32_t oc = r->tab_cap, k;
    if (!nt)
        return -1;
    r->tab = nt;
    r->tab_cap = ncap;
    r->tab_used = 0;
    for (k = 0; k < oc; k++) {
        if (old[k].root) {
            uint32_t i = v6_hash64(old[k].upper) & (ncap - 1);
            while (nt[i].root)
                i = (i + 1) & (ncap - 1);
            nt[i] = old[k];
            r->tab_used++;
        }
    }
    free(old);
    return 0;
}

static v6_bucket *v6_tab_claim(v6_rib *r, uint64_t upper)
{
    v6_bucket *b = v6_tab_find(r, upper);
    uint32_t m, i;
    if (b)
        return b;
    if ((r->tab_used + 1) * 4 > r->tab_cap * 3) {
        if (v6_tab_rehash(r, r->tab_cap * 2) < 0)
            return NULL;
    }
    m = r->tab_cap - 1;
    i = v6_hash64(upper) & m;
    while (r->tab[i].root)
        i = (i + 1) & m;
    b = &r->tab[i];
    if (!b->tomb)
        r->tab_used++;
    b->upper = upper;
    b->root = v6_node_alloc(r);
    b->routes = 0;
    b->tomb = 0;
    if (!b->root)
        return NULL;
    return b;
}

/* ---------------- public ---------------- */

int v6_rib_add(v6_rib *r, const v6_addr *pfx, int plen, int32_t hop)
{
    uint64_t hi = v6_half(pfx, 0), lo = v6_half(pfx, 1);
    uint32_t n;
    if (plen < 0 || plen > 128 || hop < 0)
        return -1;
    if (plen <= 64) {
        n = v6_trie_path(r, r->short_root, hi & v6_mask64(plen), plen, 1);
        if (!n)
            return -1;
        r->pool[n].hop = hop;
        return 0;
    } else {
        v6_bucket *b = v6_tab_claim(r, hi);
        uint32_t root;
        if (!b)
            return -1;
        root = b->root;    /* the pool may move, the bucket may not */
        n = v6_trie_path(r, root, lo & v6_mask64(plen - 64), plen - 64, 1);
        if (!n)
            return -1;
        if (r->pool[n].hop < 0)
            b->routes++;
        r->pool[n].hop = hop;
        return 0;
    }
}

int v6_rib_del(v6_rib *r, const v6_addr *pfx, int plen)
{
    uint64_t hi = v6_half(pfx, 0), lo = v6_half(pfx, 1);
    v6_bucket *b;
    if (plen < 0 || plen > 128)
        return -1;
    if (plen <= 64)
        return v6_trie_unset(r, r->short_root, hi & v6_mask64(plen), plen);
    b = v6_tab_find(r, hi);
    if (!b)
        return -1;
    if (v6_trie_unset(r, b->root, lo & v6_mask64(plen - 64), plen - 64) < 0)
        return -1;
    if (--b->routes == 0) {
        v6_node_release(r, b->root);
        b->root = 0;
        b->tomb = 1;
    }
    return 0;
}

int32_t v6_rib_lookup(const v6_rib *r, const v6_addr *dst)
{
    uint64_t hi = v6_half(dst, 0);
    const v6_bucket *b = v6_tab_find(r, hi);
    if (b) {
        int32_t h = v6_trie_best(r, b->root, v6_half(dst, 1), 1);
        if (h >= 0)
            return h;
    }
    return v6_trie_best(r, r->short_root, hi, 0);
}

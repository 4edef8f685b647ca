/* Prefix nesting forest, searched top-down.
 *
 * Two IPv4 prefixes are either disjoint or one contains the other, so a
 * route set forms a forest under containment.  Every node keeps the list of
 * its maximal sub-prefixes (its "children") sorted by first address; the
 * children of one node are pairwise disjoint, so in that list a predecessor
 * search on an address finds the only child that can contain it.  Lookup
 * walks down from the virtual root (the whole address space), remembering
 * the route of each node entered; the last one is the longest match.
 *
 * Insert finds the deepest node that contains the new prefix, then adopts
 * into the new node the contiguous run of that node's children that fall
 * inside it.  Delete splices a node's children back into its parent's list
 * in its place.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct nf_node {
    uint32_t first;            /* lowest address covered */
    uint32_t last;             /* highest address covered */
    int plen;                  /* -1 for the virtual root */
    int hop;
    struct nf_node **kid;      /* children sorted by first */
    int nkid;
    int cap;
};

struct nf_forest {
    struct nf_node root;
    int routes;
};

static void *nf_grow(void *p, size_t bytes)
{
    return realloc(p, bytes);
}

static int nf_reserve(struct nf_node *n, int want)
{
    if (want <= n->cap)
        return 0;
    int c = n->cap ? n->cap : 4;
    while (c < want)
        c *= 2;
    struct nf_node **k = nf_grow(n->kid, (size_t)c * sizeof(*k));
    if (!k)
        return -1;
    n->kid = k;
    n->cap = c;
    return 0;
}

void nf_init(struct nf_forest *f)
{
    memset(f, 0, sizeof(*f));
    f->root.first = 0;
    f->root.last = 0xffffffffu;
    f->root.plen = -1;
    f->root.hop = -1;
}

/* Index of the last child whose first address is <= a, or -1. */
static int nf_floor_child(const struct nf_node *n, uint32_t a)
{
    int lo = 0, hi = n->nkid - 1, ans = -1;
    while (lo <= hi) {
        int mid = (lo + hi) >> 1;
        if (n->kid[mid]->first <= a) {
            ans = mid;
            lo = mid + 1;
        } else {
            hi = mid - 1;
        }
    }
    return ans;
}

int nf_lookup(const struct nf_forest *f, uint32_t a)
{
    const struct nf_node *n = &f->root;
    int hop = f->root.hop;
    for (;;) {
        int i = nf_floor_child(n, a);
        if (i < 0)
            break;
        const struct nf_node *c = n->kid[i];
        if (a > c->last)
            break;
        hop = c->hop;
        n = c;
    }
    return hop;
}

/* Deepest node containing [first,last]; *slot receives the child index
 * that would precede such an interval in that node's list. */
static struct nf_node *nf_locate(struct nf_forest *f, uint32_t first,
                                 uint32_t last, int plen,
                                 struct nf_node **exact, int *slot)
{
    struct nf_node *n = &f->root;
    *exact = NULL;
    for (;;) {
        int i = nf_floor_child(n, first);
        if (i >= 0) {
            struct nf_node *c = n->kid[i];
            if (c->first == first && c->plen == plen) {
                *exact = c;
                *slot = i;
                return n;
            }
            if (c->first <= first && last <= c->last && c->plen < plen) {
                n = c;
                continue;
            }
        }
        *slot = i;
        return n;
    }
}

int nf_insert(struct nf_forest *f, uint32_t addr, int plen, int hop)
{
    if (plen < 0 || plen > 32)
        return -1;
    if (plen == 0) {
        f->root.hop = hop;
        return 0;
    }
    uint32_t span = plen == 32 ? 0u : (0xffffffffu >> plen);
    uint32_t first = addr & ~span;
    uint32_t last = first | span;
    struct nf_node *exact;
    int slot;
    struct nf_node *par = nf_locate(f, first, last, plen, &exact, &slot);
    if (exact) {
        exact->hop = hop;
        return 0;
    }
    struct nf_node *nn = calloc(1, sizeof(*nn));
    if (!nn)
        return -1;
    nn->first = first;
    nn->last = last;
    nn->plen = plen;
    nn->hop = hop;

    /* children of par inside [first,last]: a contiguous run from lo_i */
    int lo_i = slot + 1;
    if (slot >= 0 && par->kid[slot]->first >= first)
        lo_i = slot; /* same first address, shorter block already ruled out */
    int hi_i = lo_i;
    while (hi_i < par->nkid && par->kid[hi_i]->first <= last)
        hi_i++;
    int run = hi_i - lo_i;
    if (run > 0) {
        if (nf_reserve(nn, run) < 0) {
            free(nn);
            return -1;
        }
        memcpy(nn->kid, par->kid + lo_i, (size_t)run * sizeof(*nn->kid));
        nn->nkid = run;
    }
    if (run == 0 && nf_reserve(par, par->nkid + 1) < 0) {
        free(nn->kid);
        free(nn);
        return -1;
    }
    /* replace the run by the single new node */
    memmove(par->kid + lo_i + 1, par->kid + hi_i,
            (size_t)(par->nkid - hi_i) * sizeof(*par->kid));
    par->kid[lo_i] = nn;
    par->nkid += 1 - run;
    f->routes++;
    return 1;
}

int nf_remove(struct nf_forest *f, uint32_t addr, int plen)
{
    if (plen < 0 || plen > 32)
        return 0;
    if (plen == 0) {
        int had = f->root.hop >= 0;
        f->root.hop = -1;
        return had;
    }
    uint32_t span = plen == 32 ? 0u : (0xffffffffu >> plen);
    uint32_t first = addr & ~span;
    struct nf_node *victim;
    int slot;
    struct nf_node *par = nf_locate(f, first, first | span, plen, &victim,
                                    &slot);
    if (!victim)
        return 0;
    int k = victim->nkid;
    if (nf_reserve(par, par->nkid + k) < 0)
        return -1;
    memmove(par->kid + slot + k, par->kid + slot + 1,
            (size_t)(par->nkid - slot - 1) * sizeof(*par->kid));
    if (k)
        memcpy(par->kid + slot, victim->kid, (size_t)k * sizeof(*par->kid));
    par->nkid += k - 1;
    free(victim->kid);
    free(victim);
    f->routes--;
    return 1;
}

static void nf_free_subtree(struct nf_node *n)
{
    int i;
    for (i = 0; i < n->nkid; i++) {
        nf_free_subtree(n->kid[i]);
        free(n->kid[i]);
    }
    free(n->kid);
    n->kid = NULL;
    n->nkid = n->cap = 0;
}

void nf_clear(struct nf_forest *f)
{
    nf_free_subtree(&f->root);
    nf_init(f);
}

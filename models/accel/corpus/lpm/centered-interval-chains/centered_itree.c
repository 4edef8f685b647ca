/*
 * Longest-prefix match with a centered interval tree (Edelsbrunner's
 * stabbing structure) specialised to prefixes.
 *
 * A prefix is the address interval [lo, hi]. Each tree node owns a centre
 * point; the prefixes containing that point are kept at the node, and since
 * prefixes never partially overlap they form a nested chain, stored from the
 * shortest (outermost) to the longest (innermost). Prefixes entirely below
 * the centre go to the left subtree, entirely above to the right. To stab a
 * query point q at a node: if q is left of the centre, the chain members
 * containing q are a leading run with lo <= q; right of it, those with
 * hi >= q. A binary search finds the innermost one, and the walk continues
 * into one child.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef struct ct_pfx {
    uint32_t lo, hi;
    uint8_t plen;
    int nexthop;
} ct_pfx;

typedef struct ct_node {
    uint32_t centre;
    ct_pfx *chain; /* containing centre, by increasing plen */
    int n, cap;
    struct ct_node *below, *above;
} ct_node;

typedef struct {
    ct_node *root;
    int count;
} ct_tree;

static void ct_bounds(uint32_t addr, int plen, uint32_t *lo, uint32_t *hi)
{
    uint32_t host = plen >= 32 ? 0u : (0xFFFFFFFFu >> plen);
    *lo = addr & ~host;
    *hi = *lo | host;
}

static ct_node *ct_node_new(uint32_t lo, uint32_t hi)
{
    ct_node *nd = (ct_node *)calloc(1, sizeof(ct_node));
    if (nd)
        nd->centre = lo + ((hi - lo) >> 1);
    return nd;
}

/* Adds P to the node's chain, in plen order; replaces an equal prefix. */
static int ct_chain_put(ct_node *nd, const ct_pfx *p, int *added)
{
    int i, j;
    for (i = 0; i < nd->n && nd->chain[i].plen < p->plen; i++)
        ;
    if (i < nd->n && nd->chain[i].plen == p->plen) {
        /* same length and both contain the centre: same prefix */
        nd->chain[i].nexthop = p->nexthop;
        *added = 0;
        return 0;
    }
    if (nd->n == nd->cap) {
        int nc = nd->cap ? nd->cap * 2 : 4;
        ct_pfx *g = (ct_pfx *)realloc(nd->chain, sizeof(ct_pfx) * (size_t)nc);
        if (!g)
            return -1;
        nd->chain = g;
        nd->cap = nc;
    }
    for (j = nd->n; j > i; j--)
        nd->chain[j] = nd->chain[j - 1];
    nd->chain[i] = *p;
    nd->n++;
    *added = 1;
    return 0;
}

static int ct_insert_at(ct_node **slot, const ct_pfx *p, int *added)
{
    ct_node *nd = *slot;
    if (nd == NULL) {
        nd = ct_node_new(p->lo, p->hi);
        if (nd == NULL)
            return -1;
        *slot = nd;
    }
    if (p->lo <= nd->centre && nd->centre <= p->hi)
        return ct_chain_put(nd, p, added);
    if (p->hi < nd->centre)
        return ct_insert_at(&nd->below, p, added);
    return ct_insert_at(&nd->above, p, added);
}

int ct_insert(ct_tree *t, uint32_t addr, int plen, int nexthop)
{
    ct_pfx p;
    int added = 0;
    if (plen < 0 || plen > 32)
        return -1;
    ct_bounds(addr, plen, &p.lo, &p.hi);
    p.plen = (uint8_t)plen;
    p.nexthop = nexthop;
    if (ct_insert_at(&t->root, &p, &added) < 0)
        return -1;
    t->count += added;
    return 0;
}

/* Removes [lo,hi] below *slot; frees nodes left with nothing. 1 if found. */
static int ct_remove_at(ct_node **slot, uint32_t lo, uint32_t hi, int plen)
{
    ct_node *nd = *slot;
    int found = 0;
    if (nd == NULL)
        return 0;
    if (lo <= nd->centre && nd->centre <= hi) {
        int i;
        for (i = 0; i < nd->n; i++) {
            if (nd->chain[i].plen == plen) {
                memmove(&nd->chain[i], &nd->chain[i + 1],
                        sizeof(ct_pfx) * (size_t)(nd->n - i - 1));
                nd->n--;
                found = 1;
                break;
            }
        }
    } else if (hi < nd->centre) {
        found = ct_remove_at(&nd->below, lo, hi, plen);
    } else {
        found = ct_remove_at(&nd->above, lo, hi, plen);
    }
    if (nd->n == 0 && nd->below == NULL && nd->above == NULL) {
        free(nd->chain);
        free(nd);
        *slot = NULL;
    }
    return found;
}

int ct_delete(ct_tree *t, uint32_t addr, int plen)
{
    uint32_t lo, hi;
    if (plen < 0 || plen > 32)
        return -1;
    ct_bounds(addr, plen, &lo, &hi);
    if (!ct_remove_at(&t->root, lo, hi, plen))
        return -1;
    t->count--;
    return 0;
}

/* Stabbing query: the innermost prefix containing Q. -1 if none. */
int ct_lookup(const ct_tree *t, uint32_t q)
{
    const ct_node *nd = t->root;
    int best_len = -1, best_hop = -1;
    while (nd != NULL) {
        int lo = 0, hi = nd->n - 1, hit = -1;
        if (q == nd->centre) {
            hit = nd->n - 1;
        } else if (q < nd->centre) {
            while (lo <= hi) { /* last member with chain.lo <= q */
                int mid = (lo + hi) >> 1;
                if (nd->chain[mid].lo <= q) {
                    hit = mid;
                    lo = mid + 1;
                } else {
                    hi = mid - 1;
                }
            }
        } else {
            while (lo <= hi) { /* last member with chain.hi >= q */
                int mid = (lo + hi) >> 1;
                if (nd->chain[mid].hi >= q) {
                    hit = mid;
                    lo = mid + 1;
                } else {
                    hi = mid - 1;
                }
            }
        }
        if (hit >= 0 && nd->chain[hit].plen > best_len) {
            best_len = nd->chain[hit].plen;
            best_hop = nd->chain[hit].nexthop;
        }
        if (q == nd->centre)
            break; /* nothing in either subtree contains the centre */
        nd = q < nd->centre ? nd->below : nd->above;
    }
    return best_hop;
}

static void ct_free_nodes(ct_node *nd)
{
    if (nd == NULL)
        return;
    ct_free_nodes(nd->below);
    ct_free_nodes(nd->above);
    free(nd->chain);
    free(nd);
}

void ct_init(ct_tree *t)
{
    t->root = NULL;
    t->count = 0;
}

void ct_destroy(ct_tree *t)
{
    ct_free_nodes(t->root);
    t->root = NULL;
    t->count = 0;
}

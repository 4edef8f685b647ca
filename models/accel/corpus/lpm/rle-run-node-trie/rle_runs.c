/* IPv4 route table as an 8-8-8-8 multibit trie with leaf pushing, where each
 * node does not hold 256 slots but their run-length encoding: a sorted list
 * of runs (first octet value, content) in which neighbouring octets with the
 * same pushed route are merged.  Lookup binary-searches the runs of a node
 * for the last run starting at or below the address octet.  Updates rewrite
 * the touched nodes run by run and re-merge them; a child that collapses to
 * a single route run is folded into its parent.  A flat list of the
 * configured routes supplies the covering route when one is withdrawn.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef struct rr_node rr_node;

typedef struct {
    uint8_t first;   /* first octet value of the run */
    uint8_t depth;   /* pushed route: prefix length + 1, 0 = no route */
    uint8_t branch;  /* 1: the run is one octet leading to DOWN */
    int32_t hop;
    rr_node *down;
} rr_run;

struct rr_node {
    int nruns;
    rr_run run[];
};

/* The table (one per program). */
static rr_node *rr_root;
static uint32_t *rr_key;
static uint8_t *rr_len;
static int32_t *rr_val;
static int rr_count, rr_room;

/* An edit applied to the pushed routes inside one prefix's region. */
typedef struct {
    int withdraw;          /* 0: announce, 1: withdraw */
    uint8_t depth;         /* depth of the edited route */
    int32_t hop;           /* announce: its hop */
    uint8_t cover_depth;   /* withdraw: what replaces it */
    int32_t cover_hop;
} rr_edit;

static uint32_t rr_mask(int len)
{
    return len ? 0xFFFFFFFFu << (32 - len) : 0u;
}

static rr_node *rr_alloc(int nruns)
{
    rr_node *n = malloc(sizeof(rr_node) + (size_t)nruns * sizeof(rr_run));
    if (n)
        n->nruns = nruns;
    return n;
}

static void rr_free(rr_node *n)
{
    for (int i = 0; i < n->nruns; i++)
        if (n->run[i].branch)
            rr_free(n->run[i].down);
    free(n);
}

static rr_node *rr_leaf_node(uint8_t depth, int32_t hop)
{
    rr_node *n = rr_alloc(1);
    if (!n)
        return 0;
    memset(&n->run[0], 0, sizeof n->run[0]);
    n->run[0].depth = depth;
    n->run[0].hop = hop;
    return n;
}

static int rr_same_leaf(const rr_run *a, const rr_run *b)
{
    return !a->branch && !b->branch && a->depth == b->depth &&
           (a->depth == 0 || a->hop == b->hop);
}

/* Rebuilds N from 256 expanded cells, merging equal neighbours. */
static rr_node *rr_pack(rr_node *old, const rr_run *cell)
{
    int k = 0;
    for (int s = 0; s < 256; s++)
        if (s == 0 || !rr_same_leaf(&cell[s], &cell[s - 1]))
            k++;
    rr_node *n = rr_alloc(k);
    if (!n)
        return old;
    k = 0;
    for (int s = 0; s < 256; s++) {
        if (s == 0 || !rr_same_leaf(&cell[s], &cell[s - 1])) {
            n->run[k] = cell[s];
            n->run[k].first = (uint8_t)s;
            k++;
        }
    }
    free(old);
    return n;
}

static void rr_unpack(const rr_node *n, rr_run *cell)
{
    for (int i = 0; i < n->nruns; i++) {
        int end = i + 1 < n->nruns ? n->run[i + 1].first : 256;
        for (int s = n->run[i].first; s < end; s++)
            cell[s] = n->run[i];
    }
}

static void rr_edit_leaf(rr_run *r, const rr_edit *e)
{
    if (!e->withdraw) {
        if (r->depth <= e->depth) {
            r->depth = e->depth;
            r->hop = e->hop;
        }
    } else if (r->depth == e->depth) {
        r->depth = e->cover_depth;
        r->hop = e->cover_hop;
    }
}

/* A child that is one route run becomes that route in the parent cell. */
static void rr_fold(rr_run *cell)
{
    rr_node *c = cell->down;
    if (c->nruns == 1 && !c->run[0].branch) {
        cell->branch = 0;
        cell->depth = c->run[0].depth;
        cell->hop = c->run[0].hop;
        cell->down = 0;
        free(c);
    }
}

/* Applies E to every pushed route of subtree N (all of N is in the region). */
static rr_node *rr_edit_all(rr_node *n, const rr_edit *e)
{
    for (int i = 0; i < n->nruns; i++) {
        if (n->run[i].branch) {
            n->run[i].down = rr_edit_all(n->run[i].down, e);
            rr_fold(&n->run[i]);
        } else {
            rr_edit_leaf(&n->run[i], e);
        }
    }
    /* re-merge in place */
    int k = 0;
    for (int i = 0; i < n->nruns; i++) {
        if (k > 0 && rr_same_leaf(&n->run[i], &n->run[k - 1]))
            continue;
        n->run[k++] = n->run[i];
    }
    n->nruns = k;
    return n;
}

/* Applies E in the region KEY/LEN of node N at LEVEL (octet 0..3). */
static rr_node *rr_edit_region(rr_node *n, int level, uint32_t key, int len,
                               const rr_edit *e)
{
    rr_run cell[256];
    rr_unpack(n, cell);
    int shift = 24 - 8 * level;
    int octet = (int)((key >> shift) & 0xFF);
    int bits = len - 8 * level;
    if (bits <= 8) {
        int span = 1 << (8 - bits);
        int s0 = octet & ~(span - 1);
        for (int s = s0; s < s0 + span; s++) {
            if (cell[s].branch) {
                cell[s].down = rr_edit_all(cell[s].down, e);
                rr_fold(&cell[s]);
            } else {
                rr_edit_leaf(&cell[s], e);
            }
        }
    } else {
        rr_run *c = &cell[octet];
        if (!c->branch) {
            rr_node *kid = rr_leaf_node(c->depth, c->hop);
            if (!kid)
                return n;
            c->branch = 1;
            c->down = kid;
        }
        c->down = rr_edit_region(c->down, level + 1, key, len, e);
        rr_fold(c);
    }
    return rr_pack(n, cell);
}

int rr_setup(void)
{
    rr_root = rr_leaf_node(0, -1);
    rr_count = 0;
    rr_room = 64;
    rr_key = malloc(rr_room * sizeof *rr_key);
    rr_len = malloc(rr_room * sizeof *rr_len);
    rr_val = malloc(rr_room * sizeof *rr_val);
    return rr_root && rr_key && rr_len && rr_val ? 0 : -1;
}

void rr_teardown(void)
{
    if (rr_root)
        rr_free(rr_root);
    free(rr_key);
    free(rr_len);
    free(rr_val);
    rr_root = 0;
    rr_key = 0;
    rr_len = 0;
    rr_val = 0;
    rr_count = rr_room = 0;
}

static int rr_find(uint32_t key, int len)
{
    for (int i = 0; i < rr_count; i++)
        if (rr_len[i] == len && rr_key[i] == key)
            return i;
    return -1;
}

/* Announces KEY/LEN -> HOP (host order), replacing an equal route. */
int rr_announce(uint32_t key, int len, int32_t hop)
{
    if (len < 0 || len > 32 || hop < 0)
        return -1;
    key &= rr_mask(len);
    int i = rr_find(key, len);
    if (i < 0) {
        if (rr_count == rr_room) {
            int nr = 2 * rr_room;
            uint32_t *k = realloc(rr_key, nr * sizeof *k);
            if (k)
                rr_key = k;
            uint8_t *l = realloc(rr_len, nr * sizeof *l);
            if (l)
                rr_len = l;
            int32_t *v = realloc(rr_val, nr * sizeof *v);
            if (v)
                rr_val = v;
            if (!k || !l || !v)
                return -1;
            rr_room = nr;
        }
        i = rr_count++;
        rr_key[i] = key;
        rr_len[i] = (uint8_t)len;
    }
    rr_val[i] = hop;
    rr_edit e = {0, (uint8_t)(len + 1), hop, 0, -1};
    rr_root = rr_edit_region(rr_root, 0, key, len, &e);
    return 0;
}

/* Withdraws KEY/LEN: its region falls back to the longest shorter route
 * that covers it. */
int rr_withdraw(uint32_t key, int len)
{
    if (len < 0 || len > 32)
        return -1;
    key &= rr_mask(len);
    int i = rr_find(key, len);
    if (i < 0)
        return -1;
    rr_key[i] = rr_key[rr_count - 1];
    rr_len[i] = rr_len[rr_count - 1];
    rr_val[i] = rr_val[rr_count - 1];
    rr_count--;
    rr_edit e = {1, (uint8_t)(len + 1), -1, 0, -1};
    for (int j = 0; j < rr_count; j++) {
        if (rr_len[j] < len && rr_len[j] + 1 > e.cover_depth &&
            ((key ^ rr_key[j]) & rr_mask(rr_len[j])) == 0) {
            e.cover_depth = (uint8_t)(rr_len[j] + 1);
            e.cover_hop = rr_val[j];
        }
    }
    rr_root = rr_edit_region(rr_root, 0, key, len, &e);
    return 0;
}

/* Longest-prefix match of ADDR (host order): hop, or -1. */
int32_t rr_lookup(uint32_t addr)
{
    const rr_node *n = rr_root;
    int shift = 24;
    for (;;) {
        unsigned octet = (addr >> shift) & 0xFF;
        int lo = 0, hi = n->nruns - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) / 2;
            if (n->run[mid].first <= octet)
                lo = mid;
            else
                hi = mid - 1;
        }
        const rr_run *r = &n->run[lo];
        if (!r->branch)
            return r->depth ? r->hop : -1;
        n = r->down;
        shift -= 8;
    }
}

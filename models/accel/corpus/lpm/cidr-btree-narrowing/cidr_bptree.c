// cidr_bptree.c - CIDR map in a B+ tree, longest match by predecessor search
//
// Routes are ordered by (network, length).  For an address A, the predecessor
// P of (A, /32) is the longest match if P covers A: every covering route sorts
// at or before P and any two covering routes are nested.  If P does not cover
// A, no covering route can be longer than the number of leading bits P and A
// share, so we narrow the probe to (A masked to that many bits, that length)
// and search again.  Each round strictly shortens the probe, so at most 33
// predecessor searches are needed, usually one or two.
//
// Deletion just removes the key from its leaf; leaves may become sparse or
// empty, and predecessor search steps over empty leaves via the prev links.
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

enum { BPT_FANOUT = 16, BPT_LEAFCAP = 14 };

typedef uint64_t bpt_key;   // (network << 8) | length

struct bpt_node {
    int leaf;
    int n;                          // keys in use
    bpt_key key[BPT_FANOUT];
    union {
        struct bpt_node *kid[BPT_FANOUT + 1];
        struct {
            int val[BPT_LEAFCAP + 1];
            struct bpt_node *prev, *next;
        } lf;
    } u;
};

struct cidr_map {
    struct bpt_node *root;
    size_t count;
};

static inline bpt_key mk_key(uint32_t net, unsigned len)
{
    return ((bpt_key)net << 8) | len;
}

static inline uint32_t len_mask(unsigned len)
{
    return len ? ~(uint32_t)0 << (32 - len) : 0;
}

static unsigned shared_bits(uint32_t a, uint32_t b)
{
    uint32_t d = a ^ b;
    unsigned n = 0;
    while (n < 32 && !(d & 0x80000000u)) {
        d <<= 1;
        n++;
    }
    return n;
}

static struct bpt_node *node_new(int leaf)
{
    struct bpt_node *x = calloc(1, sizeof *x);
    if (x)
        x->leaf = leaf;
    return x;
}

// child slot to follow for key k
static int inner_slot(const struct bpt_node *x, bpt_key k)
{
    int i = 0;
    while (i < x->n && k >= x->key[i])
        i++;
    return i;
}

struct cidr_map *cidr_map_new(void)
{
    struct cidr_map *m = calloc(1, sizeof *m);
    if (!m)
        return NULL;
    m->root = node_new(1);
    if (!m->root) {
        free(m);
        return NULL;
    }
    return m;
}

static void node_free(struct bpt_node *x)
{
    int i;
    if (!x->leaf)
        for (i = 0; i <= x->n; i++)
            node_free(x->u.kid[i]);
    free(x);
}

void cidr_map_free(struct cidr_map *m)
{
    if (!m)
        return;
    node_free(m->root);
    free(m);
}

// Insert into subtree x.  On split, *up_key and *up_node describe the new
// right sibling that the caller must link in.  Returns -1 on allocation
// failure, 1 if a new key was added, 0 if an existing key was updated.
static int bpt_put(struct bpt_node *x, bpt_key k, int v,
                   bpt_key *up_key, struct bpt_node **up_node)
{
    *up_node = NULL;
    if (x->leaf) {
        int i = 0, j;
        while (i < x->n && x->key[i] < k)
            i++;
        if (i < x->n && x->key[i] == k) {
            x->u.lf.val[i] = v;
            return 0;
        }
        for (j = x->n; j > i; j--) {
            x->key[j] = x->key[j - 1];
            x->u.lf.val[j] = x->u.lf.val[j - 1];
        }
        x->key[i] = k;
        x->u.lf.val[i] = v;
        x->n++;
        if (x->n > BPT_LEAFCAP) {
            struct bpt_node *r = node_new(1);
            int half = x->n / 2;
            if (!r)
                return -1;
            r->n = x->n - half;
            memcpy(r->key, x->key + half, (size_t)r->n * sizeof(bpt_key));
            memcpy(r->u.lf.val, x->u.lf.val + half, (size_t)r->n * sizeof(int));
            x->n = half;
            r->u.lf.next = x->u.lf.next;
            if (r->u.lf.next)
                r->u.lf.next->u.lf.prev = r;
            r->u.lf.prev = x;
            x->u.lf.next = r;
            *up_key = r->key[0];
            *up_node = r;
        }
        return 1;
    } else {
        int s = inner_slot(x, k), j, rc;
        bpt_key ck;
        struct bpt_node *cn;
        rc = bpt_put(x->u.kid[s], k, v, &ck, &cn);
        if (rc < 0 || !cn)
            return rc;
        for (j = x->n; j > s; j--) {
            x->key[j] = x->key[j - 1];
            x->u.kid[j + 1] = x->u.kid[j];
        }
        x->key[s] = ck;
        x->u.kid[s + 1] = cn;
        x->n++;
        if (x->n >= BPT_FANOUT) {
            struct bpt_node *r = node_new(0);
            int mid = x->n / 2;
            if (!r)
                return -1;
            *up_key = x->key[mid];
            r->n = x->n - mid - 1;
            memcpy(r->key, x->key + mid + 1, (size_t)r->n * sizeof(bpt_key));
            memcpy(r->u.kid, x->u.kid + mid + 1,
                   (size_t)(r->n + 1) * sizeof(struct bpt_node *));
            x->n = mid;
            *up_node = r;
        }
        return rc;
    }
}

int cidr_map_insert(struct cidr_map *m, uint32_t net, unsigned len, int val)
{
    bpt_key up;
    struct bpt_node *sib;
    int rc;

    if (len > 32)
        return -1;
    rc = bpt_put(m->root, mk_key(net & len_mask(len), len), val, &up, &sib);
    if (rc < 0)
        return -1;
    if (sib) {
        struct bpt_node *nr = node_new(0);
        if (!nr)
            return -1;
        nr->n = 1;
        nr->key[0] = up;
        nr->u.kid[0] = m->root;
        nr->u.kid[1] = sib;
        m->root = nr;
    }
    if (rc == 1)
        m->count++;
    return 0;
}

static struct bpt_node *leaf_for(const struct cidr_map *m, bpt_key k)
{
    struct bpt_node *x = m->root;
    while (!x->leaf)
        x = x->u.kid[inner_slot(x, k)];
    return x;
}

int cidr_map_erase(struct cidr_map *m, uint32_t net, unsigned len)
{
    struct bpt_node *lf;
    bpt_key k;
    int i;

    if (len > 32)
        return -1;
    k = mk_key(net & len_mask(len), len);
    lf = leaf_for(m, k);
    for (i = 0; i < lf->n; i++)
        if (lf->key[i] == k)
            break;
    if (i == lf->n)
        return -1;
    for (; i + 1 < lf->n; i++) {
        lf->key[i] = lf->key[i + 1];
        lf->u.lf.val[i] = lf->u.lf.val[i + 1];
    }
    lf->n--;
    m->count--;
    return 0;
}

// Largest stored key <= k; returns 0 if there is none.
static int bpt_pred(const struct cidr_map *m, bpt_key k, bpt_key *out, int *val)
{
    const struct bpt_node *lf = leaf_for(m, k);
    int i = lf->n - 1;
    while (i >= 0 && lf->key[i] > k)
        i--;
    while (i < 0) {
        lf = lf->u.lf.prev;
        if (!lf)
            return 0;
        i = lf->n - 1;
    }
    *out = lf->key[i];
    *val = lf->u.lf.val[i];
    return 1;
}

int cidr_map_lookup(const struct cidr_map *m, uint32_t addr)
{
    unsigned width = 32;
    for (;;) {
        bpt_key got;
        int val;
        uint32_t gnet;
        unsigned glen, common;

        if (!bpt_pred(m, mk_key(addr & len_mask(width), width), &got, &val))
            return -1;
        gnet = (uint32_t)(got >> 8);
        glen = (unsigned)(got & 0xff);
        if (((gnet ^ addr) & len_mask(glen)) == 0)
            return val;
        common = shared_bits(gnet, addr);
        if (common >= width)    // cannot happen; guards against a loop
            return -1;
        width = common;
    }
}

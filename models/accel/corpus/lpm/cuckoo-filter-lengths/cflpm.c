/*
 * cflpm.c -- IPv4 longest-prefix match with one exact hash table per prefix
 * length and a shared cuckoo filter in front of them.
 *
 * The filter stores a 16-bit fingerprint of every (length, masked network)
 * pair.  A lookup walks populated lengths from /32 down and only touches the
 * exact table when the filter says "maybe".  Unlike a Bloom filter a cuckoo
 * filter supports removal, so routes can be withdrawn without a rebuild.
 * When the filter becomes too full to place a fingerprint it is rebuilt at
 * twice the size from the exact tables.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define CF_SLOTS 4
#define CF_MAX_KICKS 256

struct cf_bucket {
    uint16_t fp[CF_SLOTS];
};

struct route_node {
    uint32_t net;
    int nexthop;
    struct route_node *next;
};

struct len_table {
    struct route_node **heads;
    uint32_t nheads;   /* power of two */
    uint32_t count;
};

struct cflpm {
    struct cf_bucket *filter;
    uint32_t filter_mask;  /* number of buckets - 1 */
    uint32_t kick_state;
    struct len_table bylen[33];
};

static uint32_t cf_netmask(int len)
{
    return len == 0 ? 0u : 0xffffffffu << (32 - len);
}

static uint64_t cf_mix(uint64_t x)
{
    x ^= x >> 31;
    x *= 0x7fb5d329728ea185ULL;
    x ^= x >> 27;
    x *= 0x81dadef4bc2dd44dULL;
    x ^= x >> 33;
    return x;
}

static uint64_t cf_key_hash(int len, uint32_t net)
{
    return cf_mix(((uint64_t)(unsigned)len << 32) | net);
}

static uint16_t cf_fingerprint(uint64_t h)
{
    uint16_t f = (uint16_t)(h >> 48);
    return f ? f : 1;
}

static uint32_t cf_alt_index(uint32_t i, uint16_t fp, uint32_t mask)
{
    return (i ^ (uint32_t)cf_mix((uint64_t)fp * 0x9e3779b1u)) & mask;
}

static int cf_bucket_put(struct cf_bucket *b, uint16_t fp)
{
    int s;
    for (s = 0; s < CF_SLOTS; s++)
        if (b->fp[s] == 0) {
            b->fp[s] = fp;
            return 1;
        }
    return 0;
}

static int cf_bucket_has(const struct cf_bucket *b, uint16_t fp)
{
    int s;
    for (s = 0; s < CF_SLOTS; s++)
        if (b->fp[s] == fp)
            return 1;
    return 0;
}

static int cf_bucket_drop(struct cf_bucket *b, uint16_t fp)
{
    int s;
    for (s = 0; s < CF_SLOTS; s++)
        if (b->fp[s] == fp) {
            b->fp[s] = 0;
            return 1;
        }
    return 0;
}

/* Returns 0 on success, -1 if the filter is too full (fingerprint lost). */
static int cf_filter_add(struct cflpm *t, uint64_t h)
{
    uint16_t fp = cf_fingerprint(h);
    uint32_t i1 = (uint32_t)h & t->filter_mask;
    uint32_t i2 = cf_alt_index(i1, fp, t->filter_mask);
    uint32_t i;
    int k;

    if (cf_bucket_put(&t->filter[i1], fp) || cf_bucket_put(&t->filter[i2], fp))
        return 0;
    t->kick_state = t->kick_state * 1103515245u + 12345u;
    i = (t->kick_state >> 16) & 1 ? i1 : i2;
    for (k = 0; k < CF_MAX_KICKS; k++) {
        int victim;
        uint16_t old;
        t->kick_state = t->kick_state * 1103515245u + 12345u;
        victim = (int)((t->kick_state >> 16) % CF_SLOTS);
        old = t->filter[i].fp[victim];
        t->filter[i].fp[victim] = fp;
        fp = old;
        i = cf_alt_index(i, fp, t->filter_mask);
        if (cf_bucket_put(&t->filter[i], fp))
            return 0;
    }
    return -1;
}

static int cf_filter_maybe(const struct cflpm *t, uint64_t h)
{
    uint16_t fp = cf_fingerprint(h);
    uint32_t i1 = (uint32_t)h & t->filter_mask;
    if (cf_bucket_has(&t->filter[i1], fp))
        return 1;
    return cf_bucket_has(&t->filter[cf_alt_index(i1, fp, t->filter_mask)], fp);
}

static void cf_filter_remove(struct cflpm *t, uint64_t h)
{
    uint16_t fp = cf_fingerprint(h);
    uint32_t i1 = (uint32_t)h & t->filter_mask;
    if (!cf_bucket_drop(&t->filter[i1], fp))
        cf_bucket_drop(&t->filter[cf_alt_index(i1, fp, t->filter_mask)], fp);
}

/* Rebuild the filter (growing it) until every stored prefix fits. */
static int cf_filter_rebuild(struct cflpm *t, uint32_t nbuckets)
{
    for (;;) {
        int len, failed = 0;
        struct cf_bucket *nf = calloc(nbuckets, sizeof(*nf));
        if (!nf)
            return -1;
        free(t->filter);
        t->filter = nf;
        t->filter_mask = nbuckets - 1;
        for (len = 0; len <= 32 && !failed; len++) {
            struct len_table *lt = &t->bylen[len];
            uint32_t b;
            for (b = 0; b < lt->nheads && !failed; b++) {
                struct route_node *n;
                for (n = lt->heads[b]; n; n = n->next)
                    if (cf_filter_add(t, cf_key_hash(len, n->net)) < 0) {
                        failed = 1;
                        break;
                    }
            }
        }
        if (!failed)
            return 0;
        nbuckets *= 2;
    }
}

static uint32_t lt_slot(const struct len_table *lt, uint32_t net)
{
    return (uint32_t)(cf_mix(net ^ 0x5bd1e995u) >> 20) & (lt->nheads - 1);
}

static struct route_node **lt_find(struct len_table *lt, uint32_t net)
{
    struct route_node **pp;
    if (!lt->nheads)
        return NULL;
    for (pp = &lt->heads[lt_slot(lt, net)]; *pp; pp = &(*pp)->next)
        if ((*pp)->net == net)
            return pp;
    return NULL;
}

static int lt_grow(struct len_table *lt)
{
    uint32_t newn = lt->nheads ? lt->nheads * 2 : 8;
    struct route_node **nh = calloc(newn, sizeof(*nh));
    struct len_table tmp;
    uint32_t b;
    if (!nh)
        return -1;
    tmp.heads = nh;
    tmp.nheads = newn;
    for (b = 0; b < lt->nheads; b++) {
        struct route_node *n = lt->heads[b];
        while (n) {
            struct route_node *nx = n->next;
            uint32_t s = lt_slot(&tmp, n->net);
            n->next = nh[s];
            nh[s] = n;
            n = nx;
        }
    }
    free(lt->heads);
    lt->heads = nh;
    lt->nheads = newn;
    return 0;
}

struct cflpm *cflpm_create(void)
{
    struct cflpm *t = calloc(1, sizeof(*t));
    if (!t)
        return NULL;
    t->filter = calloc(64, sizeof(struct cf_bucket));
    if (!t->filter) {
        free(t);
        return NULL;
    }
    t->filter_mask = 63;
    t->kick_state = 0x2545f491u;
    return t;
}

void cflpm_destroy(struct cflpm *t)
{
    int len;
    if (!t)
        return;
    for (len = 0; len <= 32; len++) {
        struct len_table *lt = &t->bylen[len];
        uint32_t b;
        for (b = 0; b < lt->nheads; b++) {
            struct route_node *n = lt->heads[b];
            while (n) {
                struct route_node *nx = n->next;
                free(n);
                n = nx;
            }
        }
        free(lt->heads);
    }
    free(t->filter);
    free(t);
}

int cflpm_insert(struct cflpm *t, uint32_t net, int len, int nexthop)
{
    struct len_table *lt;
    struct route_node **pp, *n;
    uint64_t total = 0;
    int l;

    if (len < 0 || len > 32)
        return -1;
    net &= cf_netmask(len);
    lt = &t->bylen[len];
    pp = lt_find(lt, net);
    if (pp) {
        (*pp)->nexthop = nexthop;
        return 0;
    }
    if (lt->count + 1 > lt->nheads && lt_grow(lt) < 0)
        return -1;
    n = malloc(sizeof(*n));
    if (!n)
        return -1;
    n->net = net;
    n->nexthop = nexthop;
    n->next = lt->heads[lt_slot(lt, net)];
    lt->heads[lt_slot(lt, net)] = n;
    lt->count++;

    for (l = 0; l <= 32; l++)
        total += t->bylen[l].count;
    /* keep the filter under ~90% occupancy, otherwise grow first */
    if (total * 10 > (uint64_t)(t->filter_mask + 1) * CF_SLOTS * 9)
        return cf_filter_rebuild(t, (t->filter_mask + 1) * 2);
    if (cf_filter_add(t, cf_key_hash(len, net)) < 0)
        return cf_filter_rebuild(t, (t->filter_mask + 1) * 2);
    return 0;
}

int cflpm_delete(struct cflpm *t, uint32_t net, int len)
{
    struct len_table *lt;
    struct route_node **pp, *n;

    if (len < 0 || len > 32)
        return -1;
    net &= cf_netmask(len);
    lt = &t->bylen[len];
    pp = lt_find(lt, net);
    if (!pp)
        return -1;
    n = *pp;
    *pp = n->next;
    free(n);
    lt->count--;
    cf_filter_remove(t, cf_key_hash(len, net));
    return 0;
}

int cflpm_lookup(struct cflpm *t, uint32_t addr)
{
    int len;
    for (len = 32; len >= 0; len--) {
        struct len_table *lt = &t->bylen[len];
        uint32_t key;
        struct route_node **pp;
        if (!lt->count)
            continue;
        key = addr & cf_netmask(len);
        if (!cf_filter_maybe(t, cf_key_hash(len, key)))
            continue;
        pp = lt_find(lt, key);
        if (pp)
            return (*pp)->nexthop;
    }
    return -1;
}

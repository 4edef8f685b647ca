/* Burst trie for IPv4 routes.
 *
 * Every 256-way node consumes one address octet.  A slot of a node is empty,
 * a child node, or a container: a small unordered-by-address list of the
 * routes that continue through that slot, kept sorted by decreasing prefix
 * length so that the first hit is the longest.  Routes whose length ends
 * inside the node's own octet sit in the node's "local" list.  When a
 * container grows past BURST_LIMIT routes it bursts into a child node; when a
 * child subtree shrinks to BURST_LIMIT/2 routes it is folded back into a
 * container.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define BURST_LIMIT 8

typedef struct {
    uint32_t key;   /* prefix bits, host order, host part zero */
    uint8_t len;
    int32_t nexthop;
} burst_route;

typedef struct {
    burst_route *v;
    int n, cap;
} burst_list;

enum { SLOT_EMPTY = 0, SLOT_BOX = 1, SLOT_NODE = 2 };

typedef struct burst_node burst_node;
struct burst_node {
    int octet;           /* 0..3: which octet this node consumes */
    int routes;          /* routes stored in this whole subtree */
    burst_list local;    /* routes with length in [8*octet, 8*octet+7] */
    uint8_t kind[256];
    void *slot[256];     /* burst_list* or burst_node* */
};

typedef struct {
    burst_node *root;
} burst_trie;

static uint32_t mask_of(unsigned len)
{
    return len ? 0xFFFFFFFFu << (32 - len) : 0u;
}

/* Puts R into list L at its length rank (longest first); replaces an equal
 * route.  Returns 1 if added, 0 if replaced, -1 on allocation failure. */
static int list_put(burst_list *l, burst_route r)
{
    int i;
    for (i = 0; i < l->n; i++) {
        if (l->v[i].len == r.len && l->v[i].key == r.key) {
            l->v[i].nexthop = r.nexthop;
            return 0;
        }
    }
    if (l->n == l->cap) {
        int nc = l->cap ? 2 * l->cap : 4;
        burst_route *nv = realloc(l->v, (size_t)nc * sizeof *nv);
        if (!nv)
            return -1;
        l->v = nv;
        l->cap = nc;
    }
    i = l->n;
    while (i > 0 && l->v[i - 1].len < r.len) {
        l->v[i] = l->v[i - 1];
        i--;
    }
    l->v[i] = r;
    l->n++;
    return 1;
}

static int list_take(burst_list *l, uint32_t key, unsigned len)
{
    for (int i = 0; i < l->n; i++) {
        if (l->v[i].len == len && l->v[i].key == key) {
            memmove(&l->v[i], &l->v[i + 1], (size_t)(l->n - i - 1) * sizeof *l->v);
            l->n--;
            return 1;
        }
    }
    return 0;
}

/* First (hence longest) route of L covering ADDR, or NULL. */
static const burst_route *list_match(const burst_list *l, uint32_t addr)
{
    for (int i = 0; i < l->n; i++)
        if (((addr ^ l->v[i].key) & mask_of(l->v[i].len)) == 0)
            return &l->v[i];
    return 0;
}

static burst_node *node_new(int octet)
{
    burst_node *n = calloc(1, sizeof *n);
    if (n)
        n->octet = octet;
    return n;
}

static void list_free(burst_list *l)
{
    free(l->v);
    free(l);
}

static void node_free(burst_node *n)
{
    for (int s = 0; s < 256; s++) {
        if (n->kind[s] == SLOT_BOX)
            list_free((burst_list *)n->slot[s]);
        else if (n->kind[s] == SLOT_NODE)
            node_free((burst_node *)n->slot[s]);
    }
    free(n->local.v);
    free(n);
}

static int node_put(burst_node *n, burst_route r);

/* Replaces the container in slot S of N by a node holding its routes. */
static int burst_slot(burst_node *n, int s)
{
    burst_list *box = (burst_list *)n->slot[s];
    burst_node *c = node_new(n->octet + 1);
    if (!c)
        return -1;
    for (int i = 0; i < box->n; i++)
        if (node_put(c, box->v[i]) < 0) {
            node_free(c);
            return -1;
        }
    list_free(box);
    n->kind[s] = SLOT_NODE;
    n->slot[s] = c;
    return 0;
}

/* Adds R below N; returns 1 if the route is new, 0 if it replaced one. */
static int node_put(burst_node *n, burst_route r)
{
    int added;
    if (r.len < 8 * n->octet + 8) {
        added = list_put(&n->local, r);
    } else {
        int s = (int)((r.key >> (24 - 8 * n->octet)) & 0xFF);
        if (n->kind[s] == SLOT_EMPTY) {
            burst_list *box = calloc(1, sizeof *box);
            if (!box)
                return -1;
            n->kind[s] = SLOT_BOX;
            n->slot[s] = box;
        }
        if (n->kind[s] == SLOT_NODE) {
            added = node_put((burst_node *)n->slot[s], r);
        } else {
            burst_list *box = (burst_list *)n->slot[s];
            added = list_put(box, r);
            if (added > 0 && box->n > BURST_LIMIT && n->octet < 3 &&
                burst_slot(n, s) < 0)
                return -1;
        }
    }
    if (added > 0)
        n->routes++;
    return added;
}

/* Appends every route of subtree N to OUT (for folding). */
static int node_gather(const burst_node *n, burst_list *out)
{
    for (int i = 0; i < n->local.n; i++)
        if (list_put(out, n->local.v[i]) < 0)
            return -1;
    for (int s = 0; s < 256; s++) {
        if (n->kind[s] == SLOT_BOX) {
            const burst_list *b = (const burst_list *)n->slot[s];
            for (int i = 0; i < b->n; i++)
                if (list_put(out, b->v[i]) < 0)
                    return -1;
        } else if (n->kind[s] == SLOT_NODE) {
            if (node_gather((const burst_node *)n->slot[s], out) < 0)
                return -1;
        }
    }
    return 0;
}

/* Removes KEY/LEN below N; returns 1 if it was there.  Empty containers are
 * released and small child subtrees folded into containers. */
static int node_take(burst_node *n, uint32_t key, unsigned len)
{
    int gone;
    if (len < (unsigned)(8 * n->octet + 8)) {
        gone = list_take(&n->local, key, len);
    } else {
        int s = (int)((key >> (24 - 8 * n->octet)) & 0xFF);
        if (n->kind[s] == SLOT_EMPTY)
            return 0;
        if (n->kind[s] == SLOT_BOX) {
            burst_list *box = (burst_list *)n->slot[s];
            gone = list_take(box, key, len);
            if (gone && box->n == 0) {
                list_free(box);
                n->kind[s] = SLOT_EMPTY;
                n->slot[s] = 0;
            }
        } else {
            burst_node *c = (burst_node *)n->slot[s];
            gone = node_take(c, key, len);
            if (gone && c->routes <= BURST_LIMIT / 2) {
                burst_list *box = calloc(1, sizeof *box);
                if (box && node_gather(c, box) == 0) {
                    node_free(c);
                    if (box->n == 0) {
                        list_free(box);
                        n->kind[s] = SLOT_EMPTY;
                        n->slot[s] = 0;
                    } else {
                        n->kind[s] = SLOT_BOX;
                        n->slot[s] = box;
                    }
                } else if (box) {
                    list_free(box);
                }
            }
        }
    }
    if (gone)
        n->routes--;
    return gone;
}

int burst_init(burst_trie *t)
{
    t->root = node_new(0);
    return t->root ? 0 : -1;
}

void burst_destroy(burst_trie *t)
{
    if (t->root)
        node_free(t->root);
    t->root = 0;
}

int burst_insert(burst_trie *t, uint32_t prefix, unsigned len, int32_t nexthop)
{
    if (len > 32)
        return -1;
    burst_route r;
    r.key = prefix & mask_of(len);
    r.len = (uint8_t)len;
    r.nexthop = nexthop;
    return node_put(t->root, r) < 0 ? -1 : 0;
}

int burst_delete(burst_trie *t, uint32_t prefix, unsigned len)
{
    if (len > 32)
        return -1;
    return node_take(t->root, prefix & mask_of(len), len) ? 0 : -1;
}

/* Longest-prefix match of ADDR (host order): next hop, or -1. */
int32_t burst_lookup(const burst_trie *t, uint32_t addr)
{
    const burst_node *n = t->root;
    int32_t best = -1;
    while (n) {
        const burst_route *hit = list_match(&n->local, addr);
        if (hit)
            best = hit->nexthop;
        int s = (int)((addr >> (24 - 8 * n->octet)) & 0xFF);
        if (n->kind[s] == SLOT_NODE) {
            n = (const burst_node *)n->slot[s];
        } else {
            if (n->kind[s] == SLOT_BOX) {
                hit = list_match((const burst_list *)n->slot[s], addr);
                if (hit)
                    best = hit->nexthop;
            }
            break;
        }
    }
    return best;
}

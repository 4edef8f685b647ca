/*
 * IPv6 longest-prefix match with a Shape Shifting Trie (after Song, Turner
 * and Lockwood, "Shape Shifting Tries for Faster IP Route Lookup", 2005).
 *
 * The routes live in an ordinary binary trie (one node per bit), which is
 * what insert and delete edit.  A commit packs that trie into SST nodes:
 * each SST node covers a connected piece of up to SST_K binary-trie nodes,
 * taken breadth-first from its top, and describes it with three bitmaps:
 *   shape    2 bits per covered node (left, right): 1 if that child is
 *            covered by the same SST node; covered nodes are numbered in
 *            breadth-first order, so child numbers are ranks of 1-bits;
 *   internal 1 bit per covered node: the node is a stored prefix;
 *   external 1 bit per 0 in the shape (a child slot that leaves the piece):
 *            a further SST node hangs there.
 * Child SST nodes of one node are contiguous, and so are its next hops, so
 * a node needs just two base indices.  A lookup follows address bits inside
 * a node through the shape bitmap, remembering the last internal hit, and
 * hops to the next SST node through the external bitmap.
 *
 * Addresses are four 32-bit words, most significant first.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define SST_K 16                 /* binary-trie nodes per SST node */

/* binary trie (update side) */
typedef struct {
    int32_t kid[2];
    int32_t hop;                 /* -1: not a prefix */
} sst_bnode;

/* packed side */
typedef struct {
    uint32_t shape;              /* bits 2i, 2i+1: children of covered node i */
    uint32_t internal;           /* bit i: covered node i is a prefix */
    uint32_t external;           /* bit z: the z-th open child slot has an SST node */
    uint32_t kids;               /* index of the first child SST node */
    uint32_t hops;               /* index of the first next hop */
} sst_node;

typedef struct {
    sst_bnode *bt;
    int32_t nbt, btroom, btfree;
    sst_node *nd;
    uint32_t nnd, ndroom;
    int32_t *hop;
    uint32_t nhop, hoproom;
    int32_t *queue;              /* work list used by the packer */
    uint32_t qroom;
} sst6;

/* ---- generic helpers ---- */

static uint32_t sst_ones(uint32_t v)
{
    v = v - ((v >> 1) & 0x55555555u);
    v = (v & 0x33333333u) + ((v >> 2) & 0x33333333u);
    v = (v + (v >> 4)) & 0x0F0F0F0Fu;
    return (v * 0x01010101u) >> 24;
}

static int sst_room(void **p, uint32_t *room, uint32_t need, size_t width)
{
    uint32_t r;
    void *q;
    if (need <= *room)
        return 0;
    r = *room ? *room : 64;
    while (r < need)
        r *= 2;
    q = realloc(*p, (size_t)r * width);
    if (!q)
        return -1;
    *p = q;
    *room = r;
    return 0;
}

static int32_t sst_new_bnode(sst6 *t)
{
    int32_t n = t->btfree;
    if (n >= 0) {
        t->btfree = t->bt[n].kid[0];
    } else {
        uint32_t room = (uint32_t)t->btroom;
        if (sst_room((void **)&t->bt, &room, (uint32_t)t->nbt + 1, sizeof(sst_bnode)) < 0)
            return -1;
        t->btroom = (int32_t)room;
        n = t->nbt++;
    }
    t->bt[n].kid[0] = t->bt[n].kid[1] = -1;
    t->bt[n].hop = -1;
    return n;
}

static void sst_drop_bnode(sst6 *t, int32_t n)
{
    t->bt[n].kid[0] = t->btfree;
    t->btfree = n;
}

void sst6_destroy(sst6 *t)
{
    if (!t)
        return;
    free(t->bt);
    free(t->nd);
    free(t->hop);
    free(t->queue);
    free(t);
}

/* ---- packing ---- */

/* Rebuild the SST nodes from the binary trie. 0 or -1. */
int sst6_commit(sst6 *t)
{
    uint32_t head = 0, tail = 0;

    t->nnd = 0;
    t->nhop = 0;
    if (sst_room((void **)&t->queue, &t->qroom, (uint32_t)t->nbt + 1, sizeof(int32_t)) < 0 ||
        sst_room((void **)&t->nd, &t->ndroom, 1, sizeof(sst_node)) < 0)
        return -1;
    /* the queue holds the binary-trie tops of SST nodes, in SST index order */
    t->queue[tail++] = 0;
    t->nnd = 1;

    while (head < tail) {
        uint32_t me = head;
        int32_t cover[SST_K];
        int32_t outside[SST_K + 1];
        int nc = 1, nout = 0, i, b;
        uint32_t shape = 0, internal = 0, external = 0, slot = 0;

        cover[0] = t->queue[head++];
        /* breadth-first: the first SST_K - 1 existing child slots are covered */
        for (i = 0; i < nc; i++) {
            for (b = 0; b < 2; b++, slot++) {
                int32_t c = t->bt[cover[i]].kid[b];
                if (c >= 0 && nc < SST_K) {
                    cover[nc++] = c;
                    shape |= 1u << slot;
                }
            }
        }
        /* open slots, in slot order: external bit set where a subtree goes on */
        {
            uint32_t z = 0;
            for (slot = 0; slot < 2u * (uint32_t)nc; slot++) {
                int32_t c;
                if ((shape >> slot) & 1u)
                    continue;
                c = t->bt[cover[slot >> 1]].kid[slot & 1];
                if (c >= 0) {
                    external |= 1u << z;
                    outside[nout++] = c;
                }
                z++;
            }
        }
        /* prefixes of the covered nodes, in breadth-first order */
        for (i = 0; i < nc; i++)
            if (t->bt[cover[i]].hop >= 0) {
                if (sst_room((void **)&t->hop, &t->hoproom, t->nhop + 1, sizeof(int32_t)) < 0)
                    return -1;
                internal |= 1u << i;
                t->hop[t->nhop++] = t->bt[cover[i]].hop;
            }

        if (sst_room((void **)&t->nd, &t->ndroom, tail + (uint32_t)nout, sizeof(sst_node)) < 0)
            return -1;
        t->nd[me].shape = shape;
        t->nd[me].internal = internal;
        t->nd[me].external = external;
        t->nd[me].hops = t->nhop - sst_ones(internal);
        t->nd[me].kids = tail;
        for (i = 0; i < nout; i++)
            t->queue[tail++] = outside[i];
        t->nnd = tail;
    }
    return 0;
}

sst6 *sst6_create(void)
{
    sst6 *t = (sst6 *)calloc(1, sizeof(sst6));
    if (!t)
        return NULL;
    t->btfree = -1;
    if (sst_new_bnode(t) != 0 || sst6_commit(t) < 0) {   /* node 0: the root */
        sst6_destroy(t);
        return NULL;
    }
    return t;
}

/* ---- binary-trie updates (take effect at the next commit) ---- */

/* 1 new, 0 hop replaced, -1 failure. */
int sst6_insert(sst6 *t, const uint32_t addr[4], int len, int32_t hop)
{
    int32_t n = 0;
    int d, fresh;
    if (len < 0 || len > 128 || hop < 0)
        return -1;
    for (d = 0; d < len; d++) {
        int b = (int)((addr[d >> 5] >> (31 - (d & 31))) & 1u);
        int32_t c = t->bt[n].kid[b];
        if (c < 0) {
            c = sst_new_bnode(t);
            if (c < 0)
                return -1;
            t->bt[n].kid[b] = c;
        }
        n = c;
    }
    fresh = t->bt[n].hop < 0;
    t->bt[n].hop = hop;
    return fresh;
}

/* 1 removed, 0 absent.  Branches left without prefixes are pruned. */
int sst6_delete(sst6 *t, const uint32_t addr[4], int len)
{
    int32_t path[129];
    int d;
    if (len < 0 || len > 128)
        return 0;
    path[0] = 0;
    for (d = 0; d < len; d++) {
        int b = (int)((addr[d >> 5] >> (31 - (d & 31))) & 1u);
        path[d + 1] = t->bt[path[d]].kid[b];
        if (path[d + 1] < 0)
            return 0;
    }
    if (t->bt[path[len]].hop < 0)
        return 0;
    t->bt[path[len]].hop = -1;
    for (d = len; d > 0; d--) {
        int32_t n = path[d];
        int b;
        if (t->bt[n].hop >= 0 || t->bt[n].kid[0] >= 0 || t->bt[n].kid[1] >= 0)
            break;
        b = (int)((addr[(d - 1) >> 5] >> (31 - ((d - 1) & 31))) & 1u);
        t->bt[path[d - 1]].kid[b] = -1;
        sst_drop_bnode(t, n);
    }
    return 1;
}

/* ---- lookup on the packed trie ---- */

/* Next hop of the longest committed prefix covering addr, or -1. */
int32_t sst6_lookup(const sst6 *t, const uint32_t addr[4])
{
    const sst_node *s = &t->nd[0];
    int32_t best = -1;
    uint32_t i = 0;     /* covered node inside s, breadth-first number */
    int depth = 0;

    for (;;) {
        uint32_t slot, upto;
        if ((s->internal >> i) & 1u)
            best = t->hop[s->hops + sst_ones(s->internal & (uint32_t)((2ull << i) - 1)) - 1];
        if (depth == 128)
            return best;
        slot = 2 * i + ((addr[depth >> 5] >> (31 - (depth & 31))) & 1u);
        depth++;
        upto = sst_ones(s->shape & (uint32_t)((2ull << slot) - 1));
        if ((s->shape >> slot) & 1u) {
            i = upto;                       /* the child is the upto-th covered node */
            continue;
        }
        /* an open slot: slot + 1 - upto open slots so far, this is the last */
        {
            uint32_t z = slot - upto;
            if (!((s->external >> z) & 1u))
                return best;
            s = &t->nd[s->kids + sst_ones(s->external & ((1u << z) - 1))];
            i = 0;
        }
    }
}

/* IPv6 longest-prefix match on a byte-stride trie whose nodes own no child
 * arrays: every edge (node, next byte) and every "internal" prefix that ends
 * inside a node's byte (node, r bits, value of those bits) is one record in a
 * single open-addressed table shared by the whole trie.  A node is only an
 * integer id; it exists while it owns at least one record.  Lookup walks the
 * destination byte by byte, asking the table at each node first for the
 * longest internal prefix it holds for the next byte, then for the edge.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define ET6_EMPTY 0u
#define ET6_LIVE 1u
#define ET6_GRAVE 2u

/* tag < 256: edge labelled with that byte, value = child node id.
 * tag >= 256: internal prefix of r (0..7) further bits b, value = next hop. */
#define ET6_TAG_INNER(r, b) (256u + ((uint32_t)(r) << 8) + (uint32_t)(b))

struct et6_rec {
    uint32_t node;
    uint32_t tag;
    int32_t value;
    uint32_t state;
};

struct et6_nodeinfo {
    uint32_t parent;
    uint16_t label;   /* byte on the edge from parent */
    uint16_t owned;   /* records owned: edges + internal prefixes */
};

struct et6_trie {
    struct et6_rec *recs;
    uint32_t cap;      /* power of two */
    uint32_t used;     /* live + graves */
    uint32_t live;
    struct et6_nodeinfo *nodes;
    uint32_t nodecap;
    uint32_t *freeids;
    uint32_t nfree;
    uint32_t nextid;
};

/* Mixes a (node, tag) key into a table index. */
static uint32_t et6_mix(uint32_t node, uint32_t tag)
{
    uint64_t k = ((uint64_t)node << 12) ^ tag;
    k *= 0x9E3779B97F4A7C15ull;
    k ^= k >> 29;
    k *= 0xBF58476D1CE4E5B9ull;
    return (uint32_t)(k >> 32);
}

/* Slot holding (node, tag), or -1 if absent. */
static long et6_probe(const struct et6_trie *t, uint32_t node, uint32_t tag)
{
    uint32_t mask = t->cap - 1;
    uint32_t i = et6_mix(node, tag) & mask;
    for (;;) {
        const struct et6_rec *r = &t->recs[i];
        if (r->state == ET6_EMPTY)
            return -1;
        if (r->state == ET6_LIVE && r->node == node && r->tag == tag)
            return (long)i;
        i = (i + 1) & mask;
    }
}

static void et6_place(struct et6_rec *recs, uint32_t cap, uint32_t node,
                      uint32_t tag, int32_t value)
{
    uint32_t mask = cap - 1;
    uint32_t i = et6_mix(node, tag) & mask;
    while (recs[i].state == ET6_LIVE)
        i = (i + 1) & mask;
    recs[i].node = node;
    recs[i].tag = tag;
    recs[i].value = value;
    recs[i].state = ET6_LIVE;
}

/* Rebuilds the record table with room for the live records; drops graves. */
static int et6_regrow(struct et6_trie *t)
{
    uint32_t ncap = t->cap;
    while (ncap < 4 * (t->live + 1))
        ncap <<= 1;
    struct et6_rec *nr = calloc(ncap, sizeof *nr);
    if (!nr)
        return -1;
    for (uint32_t i = 0; i < t->cap; i++)
        if (t->recs[i].state == ET6_LIVE)
            et6_place(nr, ncap, t->recs[i].node, t->recs[i].tag, t->recs[i].value);
    free(t->recs);
    t->recs = nr;
    t->cap = ncap;
    t->used = t->live;
    return 0;
}

static long et6_new_node(struct et6_trie *t, uint32_t parent, unsigned label)
{
    uint32_t id;
    if (t->nfree) {
        id = t->freeids[--t->nfree];
    } else {
        if (t->nextid == t->nodecap) {
            uint32_t nc = t->nodecap * 2;
            struct et6_nodeinfo *nn = realloc(t->nodes, nc * sizeof *nn);
            uint32_t *nf = realloc(t->freeids, nc * sizeof *nf);
            if (nn)
                t->nodes = nn;
            if (nf)
                t->freeids = nf;
            if (!nn || !nf)
                return -1;
            t->nodecap = nc;
        }
        id = t->nextid++;
    }
    t->nodes[id].parent = parent;
    t->nodes[id].label = (uint16_t)label;
    t->nodes[id].owned = 0;
    return (long)id;
}

int et6_init(struct et6_trie *t)
{
    memset(t, 0, sizeof *t);
    t->cap = 64;
    t->recs = calloc(t->cap, sizeof *t->recs);
    t->nodecap = 16;
    t->nodes = malloc(t->nodecap * sizeof *t->nodes);
    t->freeids = malloc(t->nodecap * sizeof *t->freeids);
    if (!t->recs || !t->nodes || !t->freeids)
        return -1;
    et6_new_node(t, 0, 0); /* root = node 0 */
    return 0;
}

void et6_destroy(struct et6_trie *t)
{
    free(t->recs);
    free(t->nodes);
    free(t->freeids);
    memset(t, 0, sizeof *t);
}

static int et6_add_rec(struct et6_trie *t, uint32_t node, uint32_t tag, int32_t value)
{
    if (4 * (t->used + 1) > 3 * t->cap && et6_regrow(t) < 0)
        return -1;
    uint32_t mask = t->cap - 1;
    uint32_t i = et6_mix(node, tag) & mask;
    while (t->recs[i].state == ET6_LIVE)
        i = (i + 1) & mask;
    if (t->recs[i].state == ET6_EMPTY)
        t->used++;
    t->recs[i].node = node;
    t->recs[i].tag = tag;
    t->recs[i].value = value;
    t->recs[i].state = ET6_LIVE;
    t->live++;
    t->nodes[node].owned++;
    return 0;
}

/* Inserts or replaces PREFIX/LEN (LEN 0..128, PREFIX 16 bytes) -> HOP >= 0. */
int et6_insert(struct et6_trie *t, const uint8_t *prefix, unsigned len, int32_t hop)
{
    if (len > 128 || hop < 0)
        return -1;
    uint32_t node = 0;
    unsigned whole = len >> 3;
    for (unsigned d = 0; d < whole; d++) {
        long s = et6_probe(t, node, prefix[d]);
        if (s >= 0) {
            node = (uint32_t)t->recs[s].value;
            continue;
        }
        long c = et6_new_node(t, node, prefix[d]);
        if (c < 0 || et6_add_rec(t, node, prefix[d], (int32_t)c) < 0)
            return -1;
        node = (uint32_t)c;
    }
    unsigned r = len & 7;
    unsigned bits = r ? (unsigned)(prefix[whole] >> (8 - r)) : 0u;
    uint32_t tag = ET6_TAG_INNER(r, bits);
    long s = et6_probe(t, node, tag);
    if (s >= 0) {
        t->recs[s].value = hop;
        return 0;
    }
    return et6_add_rec(t, node, tag, hop);
}

/* Removes the record in slot S and releases nodes left owning nothing. */
static void et6_drop(struct et6_trie *t, long s)
{
    uint32_t node = t->recs[s].node;
    t->recs[s].state = ET6_GRAVE;
    t->live--;
    t->nodes[node].owned--;
    while (node != 0 && t->nodes[node].owned == 0) {
        uint32_t up = t->nodes[node].parent;
        long e = et6_probe(t, up, t->nodes[node].label);
        t->freeids[t->nfree++] = node;
        if (e < 0)
            break;
        t->recs[e].state = ET6_GRAVE;
        t->live--;
        t->nodes[up].owned--;
        node = up;
    }
}

/* Deletes PREFIX/LEN. Returns 0, or -1 when it was not present. */
int et6_remove(struct et6_trie *t, const uint8_t *prefix, unsigned len)
{
    if (len > 128)
        return -1;
    uint32_t node = 0;
    unsigned whole = len >> 3;
    for (unsigned d = 0; d < whole; d++) {
        long s = et6_probe(t, node, prefix[d]);
        if (s < 0)
            return -1;
        node = (uint32_t)t->recs[s].value;
    }
    unsigned r = len & 7;
    unsigned bits = r ? (unsigned)(prefix[whole] >> (8 - r)) : 0u;
    long s = et6_probe(t, node, ET6_TAG_INNER(r, bits));
    if (s < 0)
        return -1;
    et6_drop(t, s);
    return 0;
}

/* Longest-prefix match of the 16-byte ADDR: next hop, or -1. */
int32_t et6_lookup(const struct et6_trie *t, const uint8_t *addr)
{
    int32_t best = -1;
    uint32_t node = 0;
    unsigned d = 0;
    for (;;) {
        unsigned octet = d < 16 ? addr[d] : 0u;
        int r = d < 16 ? 7 : 0;
        for (; r >= 0; r--) {
            long s = et6_probe(t, node, ET6_TAG_INNER(r, octet >> (8 - r)));
            if (s >= 0) {
                best = t->recs[s].value;
                break;
            }
        }
        if (d == 16)
            break;
        long e = et6_probe(t, node, octet);
        if (e < 0)
            break;
        node = (uint32_t)t->recs[e].value;
        d++;
    }
    return best;
}

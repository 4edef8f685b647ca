/*
 * IPv6 longest-prefix match in a Patricia tree whose keys are held as two
 * 64-bit words (high and low half of the address).  Each node stands for a
 * prefix (key, len).  The edge to a child records how many bits the child
 * skips beyond the branching bit, so a lookup checks exactly the skipped
 * segment of the address against the child's key before moving on: bit
 * LEN picks the edge, bits LEN+1 .. LEN+SKIP must equal the child's.
 * Node 0 is the ::/0 root and always present; nodes without a route that
 * are left with fewer than two children are spliced out on delete.
 */
#include <stdint.h>
#include <string.h>

typedef struct {
    uint64_t hi, lo;
} v6word2;

typedef struct {
    v6word2 key;
    uint8_t len;
    uint8_t routed;
    uint8_t skip[2];
    int32_t next_hop;
    int32_t kid[2];
} v6pnode;

#define V6P_NODES 16384

typedef struct {
    v6pnode pool[V6P_NODES];
    int32_t free_list;
    int32_t in_use;
} v6ptree;

static int v6_bit(const v6word2 *k, unsigned i)
{
    return i < 64 ? (int)((k->hi >> (63 - i)) & 1u) : (int)((k->lo >> (127 - i)) & 1u);
}

/* mask with bits [from, from+count) of one 64-bit word, word bit 0 = MSB */
static uint64_t v6_span(int from, int count)
{
    if (count <= 0)
        return 0;
    uint64_t m = count >= 64 ? ~0ull : ~(~0ull >> count);
    return m >> from;
}

/* do bits [from, from+count) of a and b agree? */
static int v6_segment_equal(const v6word2 *a, const v6word2 *b, int from, int count)
{
    int end = from + count;
    if (from < 64) {
        int n = (end < 64 ? end : 64) - from;
        if ((a->hi ^ b->hi) & v6_span(from, n))
            return 0;
    }
    if (end > 64) {
        int f = from > 64 ? from - 64 : 0;
        if ((a->lo ^ b->lo) & v6_span(f, end - 64 - f))
            return 0;
    }
    return 1;
}

static v6word2 v6_truncate(v6word2 k, int len)
{
    v6word2 r;
    r.hi = len >= 64 ? k.hi : (len == 0 ? 0 : k.hi & ~(~0ull >> len));
    r.lo = len <= 64 ? 0 : (len == 128 ? k.lo : k.lo & ~(~0ull >> (len - 64)));
    return r;
}

/* number of leading bits a and b share (0..128) */
static int v6_common_bits(const v6word2 *a, const v6word2 *b)
{
    uint64_t d = a->hi ^ b->hi;
    int base = 0;
    if (d == 0) {
        d = a->lo ^ b->lo;
        base = 64;
        if (d == 0)
            return 128;
    }
    int n = 0;
    if (!(d >> 32)) { n += 32; d <<= 32; }
    if (!(d >> 48)) { n += 16; d <<= 16; }
    if (!(d >> 56)) { n += 8; d <<= 8; }
    if (!(d >> 60)) { n += 4; d <<= 4; }
    if (!(d >> 62)) { n += 2; d <<= 2; }
    if (!(d >> 63)) { n += 1; }
    return base + n;
}

static int32_t v6p_grab(v6ptree *t, v6word2 key, int len)
{
    int32_t i = t->free_list;
    if (i < 0)
        return -1;
    t->free_list = t->pool[i].kid[0];
    v6pnode *n = &t->pool[i];
    n->key = v6_truncate(key, len);
    n->len = (uint8_t)len;
    n->routed = 0;
    n->next_hop = -1;
    n->kid[0] = n->kid[1] = -1;
    n->skip[0] = n->skip[1] = 0;
    t->in_use++;
    return i;
}

static void v6p_release(v6ptree *t, int32_t i)
{
    t->pool[i].kid[0] = t->free_list;
    t->free_list = i;
    t->in_use--;
}

static void v6p_attach(v6ptree *t, int32_t parent, int side, int32_t child)
{
    t->pool[parent].kid[side] = child;
    if (child >= 0)
        t->pool[parent].skip[side] =
            (uint8_t)(t->pool[child].len - t->pool[parent].len - 1);
}

void v6p_init(v6ptree *t)
{
    for (int32_t i = 0; i < V6P_NODES; i++)
        t->pool[i].kid[0] = i + 1 < V6P_NODES ? i + 1 : -1;
    t->free_list = 0;
    t->in_use = 0;
    v6word2 zero = {0, 0};
    v6p_grab(t, zero, 0); /* the root, node 0 */
}

int v6p_insert(v6ptree *t, v6word2 key, int len, int32_t hop)
{
    if (len < 0 || len > 128)
        return -1;
    key = v6_truncate(key, len);
    int32_t at = 0;
    for (;;) {
        v6pnode *n = &t->pool[at];
        if (n->len == len) {
            n->routed = 1;
            n->next_hop = hop;
            return 0;
        }
        int side = v6_bit(&key, n->len);
        int32_t c = n->kid[side];
        if (c < 0) {
            int32_t leaf = v6p_grab(t, key, len);
            if (leaf < 0)
                return -1;
            t->pool[leaf].routed = 1;
            t->pool[leaf].next_hop = hop;
            v6p_attach(t, at, side, leaf);
            return 0;
        }
        int clen = t->pool[c].len;
        int shared = v6_common_bits(&key, &t->pool[c].key);
        if (shared > len)
            shared = len;
        if (shared > clen)
            shared = clen;
        if (shared == clen) {
            at = c;
            continue;
        }
        /* the new prefix parts from the child's edge at bit SHARED */
        if (shared == len) {
            int32_t mid = v6p_grab(t, key, len);
            if (mid < 0)
                return -1;
            t->pool[mid].routed = 1;
            t->pool[mid].next_hop = hop;
            v6p_attach(t, mid, v6_bit(&t->pool[c].key, len), c);
            v6p_attach(t, at, side, mid);
            return 0;
        }
        if (t->free_list < 0 || t->pool[t->free_list].kid[0] < 0)
            return -1; /* need two nodes */
        int32_t fork = v6p_grab(t, key, shared);
        int32_t leaf = v6p_grab(t, key, len);
        t->pool[leaf].routed = 1;
        t->pool[leaf].next_hop = hop;
        v6p_attach(t, fork, v6_bit(&t->pool[c].key, shared), c);
        v6p_attach(t, fork, v6_bit(&key, shared), leaf);
        v6p_attach(t, at, side, fork);
        return 0;
    }
}

int32_t v6p_lookup(const v6ptree *t, v6word2 addr)
{
    int32_t best = -1;
    int32_t at = 0;
    for (;;) {
        const v6pnode *n = &t->pool[at];
        if (n->routed)
            best = n->next_hop;
        if (n->len == 128)
            break;
        int side = v6_bit(&addr, n->len);
        int32_t c = n->kid[side];
        if (c < 0)
            break;
        if (n->skip[side] &&
            !v6_segment_equal(&addr, &t->pool[c].key, n->len + 1, n->skip[side]))
            break;
        at = c;
    }
    return best;
}

int v6p_delete(v6ptree *t, v6word2 key, int len)
{
    if (len < 0 || len > 128)
        return -1;
    key = v6_truncate(key, len);
    int32_t trail[130];
    int sides[130];
    int depth = 0;
    int32_t at = 0;
    while (t->pool[at].len < len) {
        const v6pnode *n = &t->pool[at];
        int side = v6_bit(&key, n->len);
        int32_t c = n->kid[side];
        if (c < 0 || t->pool[c].len > len ||
            !v6_segment_equal(&key, &t->pool[c].key, n->len + 1, n->skip[side]))
            return -1;
        trail[depth] = at;
        sides[depth] = side;
        depth++;
        at = c;
    }
    if (!t->pool[at].routed)
        return -1;
    t->pool[at].routed = 0;
    t->pool[at].next_hop = -1;

    /* splice out route-less nodes with fewer than two children, bottom up */
    while (at != 0 && !t->pool[at].routed) {
        v6pnode *n = &t->pool[at];
        int32_t parent = trail[depth - 1];
        int side = sides[depth - 1];
        if (n->kid[0] >= 0 && n->kid[1] >= 0)
            break;
        int32_t only = n->kid[0] >= 0 ? n->kid[0] : n->kid[1];
        v6p_attach(t, parent, side, only);
        v6p_release(t, at);
        if (only >= 0)
            break; /* the parent keeps as many children as before */
        at = parent;
        depth--;
    }
    return 0;
}

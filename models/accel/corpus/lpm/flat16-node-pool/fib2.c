/* 2-bit-stride forwarding trie kept in one flat node pool.
 * Nodes are addressed by 16-bit indices (0 = absent, 1 = root), so a node
 * is 4 x u16 child links + u16 parent + three next-hop slots: the slot for
 * the prefix that ends exactly at the node and one for each odd-length
 * half below it. Released nodes are chained through kid[0] as a free list. */
#include <stdint.h>
#include <string.h>

#define F2_MAXNODES 65535
#define F2_NOHOP 0xffffu

struct f2_node {
    uint16_t kid[4];
    uint16_t up;
    uint16_t hop_self;
    uint16_t hop_half[2];
};

struct f2_fib {
    struct f2_node pool[F2_MAXNODES + 1];
    uint16_t free_head;
    uint16_t high_water;
};

static uint16_t f2_take(struct f2_fib *f, uint16_t parent)
{
    uint16_t i = f->free_head;
    if (i) {
        f->free_head = f->pool[i].kid[0];
    } else {
        if (f->high_water >= F2_MAXNODES)
            return 0;
        i = ++f->high_water;
    }
    struct f2_node *n = &f->pool[i];
    memset(n->kid, 0, sizeof(n->kid));
    n->up = parent;
    n->hop_self = n->hop_half[0] = n->hop_half[1] = F2_NOHOP;
    return i;
}

void f2_init(struct f2_fib *f)
{
    f->free_head = 0;
    f->high_water = 0;
    f2_take(f, 0);
}

int f2_add(struct f2_fib *f, uint32_t pfx, unsigned plen, uint16_t hop)
{
    uint16_t at = 1;
    unsigned full = plen >> 1;
    for (unsigned d = 0; d < full; d++) {
        unsigned sym = (pfx >> (30 - 2 * d)) & 3u;
        uint16_t nx = f->pool[at].kid[sym];
        if (!nx) {
            nx = f2_take(f, at);
            if (!nx)
                return -1;
            f->pool[at].kid[sym] = nx;
        }
        at = nx;
    }
    if (plen & 1u)
        f->pool[at].hop_half[(pfx >> (31 - 2 * full)) & 1u] = hop;
    else
        f->pool[at].hop_self = hop;
    return 0;
}

uint16_t f2_lookup(const struct f2_fib *f, uint32_t addr)
{
    uint16_t best = F2_NOHOP;
    uint16_t at = 1;
    unsigned shift = 30;
    for (;;) {
        const struct f2_node *n = &f->pool[at];
        if (n->hop_self != F2_NOHOP)
            best = n->hop_self;
        if (shift > 30)
            break;
        unsigned sym = (addr >> shift) & 3u;
        if (n->hop_half[sym >> 1] != F2_NOHOP)
            best = n->hop_half[sym >> 1];
        at = n->kid[sym];
        if (!at)
            break;
        shift -= 2;
    }
    return best;
}

int f2_del(struct f2_fib *f, uint32_t pfx, unsigned plen)
{
    uint16_t at = 1;
    unsigned full = plen >> 1;
    for (unsigned d = 0; d < full && at; d++)
        at = f->pool[at].kid[(pfx >> (30 - 2 * d)) & 3u];
    if (!at)
        return -1;
    uint16_t *slot = (plen & 1u)
        ? &f->pool[at].hop_half[(pfx >> (31 - 2 * full)) & 1u]
        : &f->pool[at].hop_self;
    if (*slot == F2_NOHOP)
        return -1;
    *slot = F2_NOHOP;
    while (at != 1) {
        struct f2_node *n = &f->pool[at];
        if (n->hop_self != F2_NOHOP || n->hop_half[0] != F2_NOHOP ||
            n->hop_half[1] != F2_NOHOP ||
            (n->kid[0] | n->kid[1] | n->kid[2] | n->kid[3]) != 0)
            break;
        uint16_t parent = n->up;
        struct f2_node *p = &f->pool[parent];
        for (unsigned s = 0; s < 4; s++)
            if (p->kid[s] == at)
                p->kid[s] = 0;
        n->kid[0] = f->free_head;
        f->free_head = at;
        at = parent;
    }
    return 0;
}

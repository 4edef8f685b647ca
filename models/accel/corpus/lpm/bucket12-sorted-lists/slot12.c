/* IPv4 route table split on the top 12 address bits.
 * Each of the 4096 slots holds the routes of length >= 12 that fall into
 * it, kept sorted from longest to shortest so the first hit is the answer,
 * plus a cached "cover" next hop: the best route shorter than /12 that
 * contains the whole slot. Short routes are stored per length in small
 * direct arrays and the covers are recomputed for the slots they span. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define S12_NONE (-1)

struct s12_ent {
    uint32_t net;
    uint8_t bits;
    int32_t gw;
};

struct s12_slot {
    struct s12_ent *e;
    uint32_t n, cap;
    int32_t cover;
};

struct s12_table {
    struct s12_slot slot[4096];
    int32_t shortr[12][2048];  /* [len][top len bits] for len 0..11 */
};

void s12_init(struct s12_table *t)
{
    memset(t, 0, sizeof(*t));
    for (unsigned i = 0; i < 4096; i++)
        t->slot[i].cover = S12_NONE;
    for (unsigned l = 0; l < 12; l++)
        for (unsigned i = 0; i < 2048; i++)
            t->shortr[l][i] = S12_NONE;
}

static void s12_recover(struct s12_table *t, uint32_t first, uint32_t count)
{
    for (uint32_t s = first; s < first + count; s++) {
        int32_t gw = S12_NONE;
        for (int l = 11; l >= 0; l--) {
            int32_t g = t->shortr[l][s >> (12 - l)];
            if (g != S12_NONE) {
                gw = g;
                break;
            }
        }
        t->slot[s].cover = gw;
    }
}

int s12_set(struct s12_table *t, uint32_t net, unsigned bits, int32_t gw)
{
    if (bits < 12) {
        uint32_t top = bits ? net >> (32 - bits) : 0;
        t->shortr[bits][top] = gw;
        s12_recover(t, top << (12 - bits), 1u << (12 - bits));
        return 0;
    }
    net &= 0xffffffffu << (32 - bits);
    struct s12_slot *s = &t->slot[net >> 20];
    uint32_t i = 0;
    while (i < s->n && s->e[i].bits > bits)
        i++;
    for (uint32_t j = i; j < s->n && s->e[j].bits == bits; j++) {
        if (s->e[j].net == net) {
            s->e[j].gw = gw;
            return 0;
        }
    }
    if (s->n == s->cap) {
        uint32_t nc = s->cap ? s->cap * 2 : 4;
        struct s12_ent *ne = realloc(s->e, nc * sizeof(*ne));
        if (!ne)
            return -1;
        s->e = ne;
        s->cap = nc;
    }
    memmove(&s->e[i + 1], &s->e[i], (s->n - i) * sizeof(*s->e));
    s->e[i].net = net;
    s->e[i].bits = (uint8_t)bits;
    s->e[i].gw = gw;
    s->n++;
    return 0;
}

int s12_clear(struct s12_table *t, uint32_t net, unsigned bits)
{
    if (bits < 12) {
        uint32_t top = bits ? net >> (32 - bits) : 0;
        if (t->shortr[bits][top] == S12_NONE)
            return -1;
        t->shortr[bits][top] = S12_NONE;
        s12_recover(t, top << (12 - bits), 1u << (12 - bits));
        return 0;
    }
    net &= 0xffffffffu << (32 - bits);
    struct s12_slot *s = &t->slot[net >> 20];
    for (uint32_t i = 0; i < s->n; i++) {
        if (s->e[i].bits == bits && s->e[i].net == net) {
            memmove(&s->e[i], &s->e[i + 1], (s->n - i - 1) * sizeof(*s->e));
            s->n--;
            return 0;
        }
    }
    return -1;
}

int32_t s12_gateway(const struct s12_table *t, uint32_t dst)
{
    const struct s12_slot *s = &t->slot[dst >> 20];
    for (uint32_t i = 0; i < s->n; i++) {
        const struct s12_ent *e = &s->e[i];
        if (((dst ^ e->net) >> (32 - e->bits)) == 0)
            return e->gw;
    }
    return s->cover;
}

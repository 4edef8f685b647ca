/*
 * AnchorHash consistent hashing (Mendelson et al., 2020) for picking a
 * backend out of a fixed anchor of `cap` slots of which `nwork` are live.
 *   A[b] : 0 while b is live, else the live-set size right after b left
 *   K[b] : the bucket that replaced b;  W/L : live-set array and index
 * A key first lands on hash(k) mod cap; while that bucket is gone it is
 * re-hashed (seeded by the bucket) into the live set as it was when the
 * bucket left, following the replacement chain K.
 */
#include <stdint.h>

typedef struct anchor_state {
    uint32_t cap;
    uint32_t nwork;
    uint32_t *A, *K, *W, *L;
    uint32_t *removed; /* stack */
    uint32_t nremoved;
} anchor_state;

static uint32_t anchor_mix(uint64_t key, uint32_t seed)
{
    uint64_t z = key + 0x9E3779B97F4A7C15ull * ((uint64_t)seed + 1);
    z = (z ^ (z >> 31)) * 0x7FB5D329728EA185ull;
    z = (z ^ (z >> 27)) * 0x81DADEF4BC2DD44Dull;
    z ^= z >> 33;
    return (uint32_t)z ^ (uint32_t)(z >> 32);
}

void anchor_init(anchor_state *s, uint32_t cap, uint32_t nwork)
{
    uint32_t b;

    s->cap = cap;
    s->nwork = nwork;
    s->nremoved = 0;
    for (b = 0; b < cap; b++) {
        s->A[b] = 0;
        s->K[b] = b;
        s->W[b] = b;
        s->L[b] = b;
    }
    for (b = cap; b-- > nwork;) {
        s->removed[s->nremoved++] = b;
        s->A[b] = b;
    }
}

static uint32_t anchor_descend(const anchor_state *s, uint64_t key, uint32_t b)
{
    uint32_t h;

    if (s->A[b] == 0)
        return b;
    h = anchor_mix(key, b) % s->A[b];
    while (s->A[h] >= s->A[b])
        h = s->K[h];
    return anchor_descend(s, key, h);
}

uint32_t anchor_pick(const anchor_state *s, uint64_t key)
{
    return anchor_descend(s, key, anchor_mix(key, 0xFFFFFFFFu) % s->cap);
}

/* flow entry point: key from the IPv4 pair and the port pair */
uint32_t anchor_pick_flow(const anchor_state *s, uint32_t saddr,
                          uint32_t daddr, uint16_t sport, uint16_t dport)
{
    uint64_t k = ((uint64_t)saddr << 32 | daddr) ^
                 ((uint64_t)sport << 48 | (uint64_t)dport << 16);
    k = (k << 23 | k >> 41) ^ (k >> 7);
    return anchor_pick(s, k);
}

void anchor_remove(anchor_state *s, uint32_t b)
{
    uint32_t last;

    s->removed[s->nremoved++] = b;
    s->nwork--;
    s->A[b] = s->nwork;
    last = s->W[s->nwork];
    s->W[s->L[b]] = last;
    s->K[b] = last;
    s->L[last] = s->L[b];
}

uint32_t anchor_add(anchor_state *s)
{
    uint32_t b = s->removed[--s->nremoved];

    s->A[b] = 0;
    s->L[s->W[s->nwork]] = s->nwork;
    s->W[s->L[b]] = b;
    s->K[b] = b;
    s->nwork++;
    return b;
}

/* Perfect hashing by hash-and-displace (CHD, Belazzougui-Botelho-
 * Dietzfelbinger): every key gets three hash values (h0, h1, h2) from one
 * seeded 64-bit pass; h0 picks one of r buckets, buckets are placed
 * largest first, and each bucket gets the smallest 16-bit displacement
 * index k = (d0 << 8) | d1 for which all its keys land on distinct free
 * slots  (h1 + d0 * h2 + d1) mod m.  A lookup is one triple and one
 * displacement read.  The caller owns all memory (no allocation here).
 * Label: hash. */
#include <stddef.h>
#include <stdint.h>

struct chd_triple {
    uint32_t h0, h1, h2;
};

struct chd {
    uint64_t seed;
    uint32_t nbuckets;   /* r */
    uint32_t nslots;     /* m >= number of keys */
    uint16_t *disp;      /* r entries */
};

struct chd_triple chd_hash3(const uint8_t *key, size_t len, uint64_t seed)
{
    uint64_t a = seed ^ ((uint64_t)len * 0xc2b2ae3d27d4eb4fULL);
    uint64_t b = ~seed;
    size_t i = 0;

    while (i < len) {
        uint64_t w = 0;
        unsigned k;
        for (k = 0; k < 8 && i < len; k++, i++)
            w |= (uint64_t)key[i] << (8 * k);
        a = (a ^ w) * 0x9e3779b97f4a7c15ULL;
        a ^= a >> 29;
        b = (b + a) * 0xff51afd7ed558ccdULL;
        b = (b << 23) | (b >> 41);
    }
    a ^= b >> 32;
    a *= 0xbf58476d1ce4e5b9ULL;
    a ^= a >> 31;
    b ^= a;
    b *= 0x94d049bb133111ebULL;
    b ^= b >> 30;

    struct chd_triple t;
    t.h0 = (uint32_t)a;
    t.h1 = (uint32_t)(a >> 32);
    t.h2 = (uint32_t)b | 1u;
    return t;
}

static uint32_t chd_slot(const struct chd_triple *t, unsigned k, uint32_t m)
{
    uint64_t d0 = k >> 8, d1 = k & 0xffu;
    return (uint32_t)(((uint64_t)t->h1 + d0 * t->h2 + d1) % m);
}

/* Build.  Scratch sizes: trip[n], order[n], bstart[r + 2], border[r],
 * slot_key[m] (out: key index per slot, UINT32_MAX = empty).
 * Returns 0, or -1 when some bucket found no displacement (try a new
 * seed). */
int chd_build(struct chd *c, const uint8_t *const *keys, const size_t *lens,
              uint32_t n, struct chd_triple *trip, uint32_t *order,
              uint32_t *bstart, uint32_t *border, uint32_t *slot_key)
{
    uint32_t r = c->nbuckets, m = c->nslots;
    uint32_t i, j, maxsz = 0;

    for (i = 0; i <= r + 1; i++)
        bstart[i] = 0;
    for (i = 0; i < n; i++) {
        trip[i] = chd_hash3(keys[i], lens[i], c->seed);
        bstart[trip[i].h0 % r + 2]++;
    }
    for (i = 0; i < r; i++) {
        uint32_t sz = bstart[i + 2];
        if (sz > maxsz)
            maxsz = sz;
        bstart[i + 2] += bstart[i + 1];
    }
    for (i = 0; i < n; i++)
        order[bstart[trip[i].h0 % r + 1]++] = i;
    /* bstart[b] .. bstart[b + 1] now delimit bucket b in order[]. */

    /* Buckets by size, largest first (stable within one size). */
    j = 0;
    for (uint32_t sz = maxsz + 1; sz-- > 0;)
        for (i = 0; i < r; i++)
            if (bstart[i + 1] - bstart[i] == sz)
                border[j++] = i;

    for (i = 0; i < m; i++)
        slot_key[i] = UINT32_MAX;

    for (j = 0; j < r; j++) {
        uint32_t b = border[j];
        uint32_t lo = bstart[b], hi = bstart[b + 1];
        unsigned k;
        c->disp[b] = 0;
        if (lo == hi)
            continue;
        for (k = 0; k <= 0xffffu; k++) {
            uint32_t p, q;
            for (p = lo; p < hi; p++) {
                uint32_t s = chd_slot(&trip[order[p]], k, m);
                if (slot_key[s] != UINT32_MAX)
                    break;
                for (q = lo; q < p; q++)
                    if (chd_slot(&trip[order[q]], k, m) == s)
                        break;
                if (q != p)
                    break;
            }
            if (p == hi)
                break;
        }
        if (k > 0xffffu)
            return -1;
        c->disp[b] = (uint16_t)k;
        for (uint32_t p = lo; p < hi; p++)
            slot_key[chd_slot(&trip[order[p]], k, m)] = order[p];
    }
    return 0;
}

uint32_t chd_lookup(const struct chd *c, const uint8_t *key, size_t len)
{
    struct chd_triple t = chd_hash3(key, len, c->seed);
    return chd_slot(&t, c->disp[t.h0 % c->nbuckets], c->nslots);
}

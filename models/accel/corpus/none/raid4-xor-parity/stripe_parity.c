/* RAID-4 style single-parity stripes: a dedicated parity member holds the
 * XOR of all data members of a stripe. Full-stripe parity generation,
 * read-modify-write update for a partial write, degraded-mode rebuild of
 * one lost member, and a scrub pass that locates parity inconsistencies.
 * Blocks are processed as 64-bit words, four words per step. */
#include <stdint.h>
#include <stddef.h>
#include <string.h>

#define R4_MAX_MEMBERS 16

struct r4_array {
    unsigned ndata;            /* data members (parity is member ndata) */
    size_t words;              /* block size in 64-bit words */
    uint64_t *member[R4_MAX_MEMBERS + 1];
    unsigned failed;           /* index of failed member or ~0u */
    unsigned long long rmw_ops, full_ops;
};

void r4_full_stripe_parity(struct r4_array *a)
{
    uint64_t *par = a->member[a->ndata];
    size_t w = 0;
    unsigned d;
    for (; w + 4 <= a->words; w += 4) {
        uint64_t p0 = 0, p1 = 0, p2 = 0, p3 = 0;
        for (d = 0; d < a->ndata; d++) {
            const uint64_t *src = a->member[d] + w;
            p0 ^= src[0];
            p1 ^= src[1];
            p2 ^= src[2];
            p3 ^= src[3];
        }
        par[w] = p0;
        par[w + 1] = p1;
        par[w + 2] = p2;
        par[w + 3] = p3;
    }
    for (; w < a->words; w++) {
        uint64_t p = 0;
        for (d = 0; d < a->ndata; d++)
            p ^= a->member[d][w];
        par[w] = p;
    }
    a->full_ops++;
}

/* Partial write of nw words at word offset off of data member d:
 * P' = P ^ D_old ^ D_new, then D_old is replaced. */
void r4_rmw_write(struct r4_array *a, unsigned d, size_t off,
                  const uint64_t *newdata, size_t nw)
{
    uint64_t *dst = a->member[d] + off;
    uint64_t *par = a->member[a->ndata] + off;
    size_t i;
    for (i = 0; i < nw; i++) {
        uint64_t delta = dst[i] ^ newdata[i];
        par[i] ^= delta;
        dst[i] = newdata[i];
    }
    a->rmw_ops++;
}

/* Rebuild member lost (data or parity) into out from the survivors. */
void r4_rebuild(const struct r4_array *a, unsigned lost, uint64_t *out)
{
    unsigned m, total = a->ndata + 1;
    int first = 1;
    for (m = 0; m < total; m++) {
        const uint64_t *src = a->member[m];
        size_t w;
        if (m == lost)
            continue;
        if (first) {
            memcpy(out, src, a->words * sizeof(uint64_t));
            first = 0;
            continue;
        }
        for (w = 0; w < a->words; w++)
            out[w] ^= src[w];
    }
    if (first)
        memset(out, 0, a->words * sizeof(uint64_t));
}

/* Degraded read of one word from member d when member a->failed is gone. */
uint64_t r4_degraded_read(const struct r4_array *a, unsigned d, size_t w)
{
    uint64_t v = 0;
    unsigned m;
    if (d != a->failed)
        return a->member[d][w];
    for (m = 0; m <= a->ndata; m++)
        if (m != d)
            v ^= a->member[m][w];
    return v;
}

/* Scrub: returns the number of inconsistent words, storing the first
 * offending offset and the bit mask of disagreement there. */
size_t r4_scrub(const struct r4_array *a, size_t *first_bad, uint64_t *syndrome)
{
    size_t bad = 0, w;
    for (w = 0; w < a->words; w++) {
        uint64_t s = 0;
        unsigned m;
        for (m = 0; m <= a->ndata; m++)
            s ^= a->member[m][w];
        if (s != 0) {
            if (bad == 0) {
                *first_bad = w;
                *syndrome = s;
            }
            bad++;
        }
    }
    return bad;
}

/*
 * Block-sorting front end of a payload compressor (bzip2-style): the
 * Burrows-Wheeler transform over cyclic rotations of a block, its inverse,
 * and the move-to-front recoding that follows it.
 *
 * Rotations are sorted by prefix doubling on cyclic ranks: after round k
 * every rotation carries the rank of its first 2^k symbols; pairs
 * (rank[i], rank[i + 2^k mod n]) are sorted with two stable counting
 * passes (LSD radix) to give the ranks for 2^(k+1).  Equal rotations
 * (periodic blocks) keep their index order, so the primary index is the
 * first sorted position holding rotation 0.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct bwt_work {
    uint32_t n;
    uint32_t *sa;    /* rotation start for each sorted position */
    uint32_t *rank;  /* rank of rotation i */
    uint32_t *tmp;   /* scratch order */
    uint32_t *nrank; /* next ranks */
    uint32_t *count; /* counting-sort buckets, n + 1 entries (>= 257) */
};

static int bwt_work_init(struct bwt_work *w, uint32_t n)
{
    uint32_t nb = n + 1 > 257 ? n + 1 : 257;
    w->n = n;
    w->sa = malloc(sizeof(uint32_t) * n);
    w->rank = malloc(sizeof(uint32_t) * n);
    w->tmp = malloc(sizeof(uint32_t) * n);
    w->nrank = malloc(sizeof(uint32_t) * n);
    w->count = malloc(sizeof(uint32_t) * nb);
    if (!w->sa || !w->rank || !w->tmp || !w->nrank || !w->count) {
        free(w->sa); free(w->rank); free(w->tmp); free(w->nrank); free(w->count);
        return -1;
    }
    return 0;
}

static void bwt_work_free(struct bwt_work *w)
{
    free(w->sa);
    free(w->rank);
    free(w->tmp);
    free(w->nrank);
    free(w->count);
}

/* Stable counting sort of the positions in src by key[] (keys < nkeys). */
static void bwt_count_pass(struct bwt_work *w, const uint32_t *src, uint32_t *dst,
                           const uint32_t *key, uint32_t shift, uint32_t nkeys)
{
    uint32_t n = w->n, i, sum = 0;
    memset(w->count, 0, sizeof(uint32_t) * nkeys);
    for (i = 0; i < n; i++) {
        uint32_t r = src[i] + shift;
        if (r >= n)
            r -= n;
        w->count[key[r]]++;
    }
    for (i = 0; i < nkeys; i++) {
        uint32_t c = w->count[i];
        w->count[i] = sum;
        sum += c;
    }
    for (i = 0; i < n; i++) {
        uint32_t r = src[i] + shift;
        if (r >= n)
            r -= n;
        dst[w->count[key[r]]++] = src[i];
    }
}

static void bwt_sort_rotations(struct bwt_work *w, const uint8_t *blk)
{
    uint32_t n = w->n, i, step, classes;

    for (i = 0; i < n; i++) {
        w->rank[i] = blk[i];
        w->tmp[i] = i;
    }
    bwt_count_pass(w, w->tmp, w->sa, w->rank, 0, 256);
    classes = 256;
    for (step = 1; step < n; step <<= 1) {
        uint32_t c;
        /* second key: rank of rotation starting step later */
        bwt_count_pass(w, w->sa, w->tmp, w->rank, step, classes);
        bwt_count_pass(w, w->tmp, w->sa, w->rank, 0, classes);
        c = 0;
        w->nrank[w->sa[0]] = 0;
        for (i = 1; i < n; i++) {
            uint32_t a = w->sa[i - 1], b = w->sa[i];
            uint32_t a2 = a + step >= n ? a + step - n : a + step;
            uint32_t b2 = b + step >= n ? b + step - n : b + step;
            if (w->rank[a] != w->rank[b] || w->rank[a2] != w->rank[b2])
                c++;
            w->nrank[b] = c;
        }
        memcpy(w->rank, w->nrank, sizeof(uint32_t) * n);
        classes = c + 1;
        if (classes == n)
            break;
    }
    /* Equal rotations: order them by start index (stable on index). */
    for (i = 0; i < n; i++)
        w->tmp[i] = i;
    bwt_count_pass(w, w->tmp, w->sa, w->rank, 0, classes > 256 ? classes : 256);
}

/* Forward transform: out[j] = last symbol of the j-th sorted rotation.
 * Returns the primary index (sorted position of rotation 0), or -1. */
long bwt_forward(const uint8_t *blk, uint32_t n, uint8_t *out)
{
    struct bwt_work w;
    long primary = -1;
    uint32_t j;

    if (n == 0)
        return 0;
    if (bwt_work_init(&w, n) < 0)
        return -1;
    bwt_sort_rotations(&w, blk);
    for (j = 0; j < n; j++) {
        uint32_t s = w.sa[j];
        out[j] = blk[s == 0 ? n - 1 : s - 1];
        if (s == 0 && primary < 0)
            primary = (long)j;
    }
    bwt_work_free(&w);
    return primary;
}

/* Inverse transform through the LF mapping. 0 on success. */
int bwt_inverse(const uint8_t *last, uint32_t n, uint32_t primary, uint8_t *out)
{
    uint32_t first[256], occ[256], *lf, i, p;

    if (n == 0)
        return 0;
    if (primary >= n)
        return -1;
    lf = malloc(sizeof(uint32_t) * n);
    if (!lf)
        return -1;
    memset(occ, 0, sizeof occ);
    for (i = 0; i < n; i++)
        occ[last[i]]++;
    p = 0;
    for (i = 0; i < 256; i++) {
        first[i] = p;
        p += occ[i];
    }
    memset(occ, 0, sizeof occ);
    for (i = 0; i < n; i++)
        lf[i] = first[last[i]] + occ[last[i]]++;
    /* walk backwards from the row of rotation 0 */
    p = primary;
    for (i = n; i-- > 0;) {
        out[i] = last[p];
        p = lf[p];
    }
    free(lf);
    return 0;
}

/* Move-to-front recoding with an explicit 256-entry recency list. */
void mtf_encode(const uint8_t *in, uint32_t n, uint8_t *out)
{
    uint8_t order[256];
    uint32_t i;
    int k;

    for (k = 0; k < 256; k++)
        order[k] = (uint8_t)k;
    for (i = 0; i < n; i++) {
        uint8_t c = in[i], prev = order[0];
        int pos = 0;
        while (prev != c) {
            uint8_t t;
            pos++;
            t = order[pos];
            order[pos] = prev;
            prev = t;
        }
        order[0] = c;
        out[i] = (uint8_t)pos;
    }
}

void mtf_decode(const uint8_t *in, uint32_t n, uint8_t *out)
{
    uint8_t order[256];
    uint32_t i;
    int k;

    for (k = 0; k < 256; k++)
        order[k] = (uint8_t)k;
    for (i = 0; i < n; i++) {
        int pos = in[i];
        uint8_t c = order[pos];
        memmove(order + 1, order, (size_t)pos);
        order[0] = c;
        out[i] = c;
    }
}

/* Zero-run statistics of an MTF stream: bzip2 codes runs of index 0 with
 * RUNA/RUNB; this returns how many symbols such coding would emit. */
uint32_t mtf_zero_run_symbols(const uint8_t *mtf, uint32_t n)
{
    uint32_t i = 0, syms = 0;

    while (i < n) {
        if (mtf[i] == 0) {
            uint32_t run = 0;
            while (i < n && mtf[i] == 0) {
                run++;
                i++;
            }
            /* bijective base-2 digits of run */
            while (run > 0) {
                syms++;
                run = (run - 1) >> 1;
            }
        } else {
            syms++;
            i++;
        }
    }
    return syms;
}

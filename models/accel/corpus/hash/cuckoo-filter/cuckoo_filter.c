/* Cuckoo filter (Fan, Andersen, Kaminsky, Mitzenmacher, CoNEXT 2014) for
 * flow membership: 16-bit fingerprints, 4-way buckets, partial-key cuckoo
 * hashing.  i1 = H(x), f = fingerprint(x), i2 = i1 xor H(f); since the
 * alternate index depends only on (i, f), an entry can be relocated without
 * the original key. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#define CF_SLOTS 4
#define CF_MAX_KICKS 500

struct cf {
    uint16_t (*bucket)[CF_SLOTS];
    uint32_t mask;       /* nbuckets - 1, nbuckets a power of two */
    uint32_t rnd;        /* xorshift32 state for victim choice */
    uint32_t count;
};

int cf_init(struct cf *f, uint32_t log2_buckets, uint32_t rnd_seed)
{
    uint32_t n = 1u << log2_buckets;
    f->bucket = (uint16_t(*)[CF_SLOTS])calloc(n, sizeof *f->bucket);
    f->mask = n - 1;
    f->rnd = rnd_seed ? rnd_seed : 0x2545f491u;
    f->count = 0;
    return f->bucket ? 0 : -1;
}

void cf_free(struct cf *f)
{
    free(f->bucket);
    f->bucket = NULL;
}

/* Key digest: 32-bit little-endian words added and multiplied into a 64-bit
 * state, with a final xorshift-multiply avalanche. */
static uint64_t digest(const uint8_t *p, size_t len)
{
    uint64_t h = 0x6a09e667f3bcc909ull ^ len;
    size_t i = 0;
    for (; i + 4 <= len; i += 4) {
        uint32_t w = (uint32_t)p[i] | ((uint32_t)p[i + 1] << 8) |
                     ((uint32_t)p[i + 2] << 16) | ((uint32_t)p[i + 3] << 24);
        h += w;
        h *= 0x9e3779b97f4a7c15ull;
        h ^= h >> 29;
    }
    for (; i < len; i++) {
        h += p[i];
        h *= 0xff51afd7ed558ccdull;
        h ^= h >> 31;
    }
    h ^= h >> 33;
    h *= 0xc4ceb9fe1a85ec53ull;
    h ^= h >> 29;
    return h;
}

static void index_tag(const struct cf *f, const void *key, size_t len,
                      uint32_t *i1, uint16_t *tag)
{
    uint64_t h = digest((const uint8_t *)key, len);
    *i1 = (uint32_t)(h >> 32) & f->mask;
    uint16_t t = (uint16_t)h;
    *tag = t ? t : 1;
}

static uint32_t alt_index(const struct cf *f, uint32_t i, uint16_t tag)
{
    return (i ^ (uint32_t)(tag * 0x5bd1e995u)) & f->mask;
}

static int put(struct cf *f, uint32_t i, uint16_t tag)
{
    for (int s = 0; s < CF_SLOTS; s++) {
        if (f->bucket[i][s] == 0) {
            f->bucket[i][s] = tag;
            return 1;
        }
    }
    return 0;
}

/* 0 on success, -1 when the filter is too full (the last victim is lost,
 * as in the reference design without a victim cache). */
int cf_insert(struct cf *f, const void *key, size_t len)
{
    uint32_t i1, i;
    uint16_t tag;
    index_tag(f, key, len, &i1, &tag);
    uint32_t i2 = alt_index(f, i1, tag);
    if (put(f, i1, tag) || put(f, i2, tag)) {
        f->count++;
        return 0;
    }
    f->rnd ^= f->rnd << 13;
    f->rnd ^= f->rnd >> 17;
    f->rnd ^= f->rnd << 5;
    i = (f->rnd & 1) ? i2 : i1;
    for (int n = 0; n < CF_MAX_KICKS; n++) {
        f->rnd ^= f->rnd << 13;
        f->rnd ^= f->rnd >> 17;
        f->rnd ^= f->rnd << 5;
        int s = (int)(f->rnd % CF_SLOTS);
        uint16_t victim = f->bucket[i][s];
        f->bucket[i][s] = tag;
        tag = victim;
        i = alt_index(f, i, tag);
        if (put(f, i, tag)) {
            f->count++;
            return 0;
        }
    }
    return -1;
}

int cf_contains(const struct cf *f, const void *key, size_t len)
{
    uint32_t i1;
    uint16_t tag;
    index_tag(f, key, len, &i1, &tag);
    uint32_t i2 = alt_index(f, i1, tag);
    for (int s = 0; s < CF_SLOTS; s++)
        if (f->bucket[i1][s] == tag || f->bucket[i2][s] == tag)
            return 1;
    return 0;
}

int cf_delete(struct cf *f, const void *key, size_t len)
{
    uint32_t i1;
    uint16_t tag;
    index_tag(f, key, len, &i1, &tag);
    uint32_t i2 = alt_index(f, i1, tag);
    for (int s = 0; s < CF_SLOTS; s++) {
        if (f->bucket[i1][s] == tag) {
            f->bucket[i1][s] = 0;
            f->count--;
            return 1;
        }
    }
    for (int s = 0; s < CF_SLOTS; s++) {
        if (f->bucket[i2][s] == tag) {
            f->bucket[i2][s] = 0;
            f->count--;
            return 1;
        }
    }
    return 0;
}

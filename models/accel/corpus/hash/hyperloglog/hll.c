/* HyperLogLog distinct-flow counter (Flajolet, Fusy, Gandouet, Meunier 2007).
 * A 64-bit key hash is split into a register index (top p bits) and a rank
 * (position of the first 1 bit in the remaining 64-p bits, 1-based).
 * Small-range correction by linear counting. */
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct hll {
    unsigned p;        /* 4..18 */
    uint32_t m;        /* 1 << p */
    uint8_t *reg;
};

static uint64_t rd64(const uint8_t *b)
{
    uint64_t v;
    memcpy(&v, b, 8);
    return v;
}

/* 64-bit key hash: per-word multiply/rotate absorption, length-seeded,
 * followed by an xorshift-multiply avalanche. */
uint64_t key_hash64(const void *key, size_t len, uint64_t seed)
{
    const uint8_t *b = (const uint8_t *)key;
    uint64_t h = seed ^ ((uint64_t)len * 0xa0761d6478bd642full);
    while (len >= 8) {
        uint64_t k = rd64(b) * 0xe7037ed1a0b428dbull;
        k = (k << 29) | (k >> 35);
        h ^= k * 0x8ebc6af09c88c6e3ull;
        h = ((h << 27) | (h >> 37)) * 5 + 0x52dce729u;
        b += 8;
        len -= 8;
    }
    if (len) {
        uint64_t k = 0;
        for (size_t i = 0; i < len; i++)
            k |= (uint64_t)b[i] << (8 * i);
        k *= 0xe7037ed1a0b428dbull;
        k = (k << 29) | (k >> 35);
        h ^= k * 0x8ebc6af09c88c6e3ull;
    }
    h ^= h >> 32;
    h *= 0x589965cc75374cc3ull;
    h ^= h >> 29;
    h *= 0x1d8e4e27c47d124full;
    h ^= h >> 32;
    return h;
}

int hll_init(struct hll *s, unsigned p)
{
    if (p < 4 || p > 18)
        return -1;
    s->p = p;
    s->m = 1u << p;
    s->reg = (uint8_t *)calloc(s->m, 1);
    return s->reg ? 0 : -1;
}

void hll_free(struct hll *s)
{
    free(s->reg);
    s->reg = NULL;
}

/* Register update from an already computed 64-bit hash. */
void hll_add_hash(struct hll *s, uint64_t h)
{
    uint32_t idx = (uint32_t)(h >> (64 - s->p));
    /* sentinel bit keeps the rank bounded by 64 - p + 1 */
    uint64_t w = (h << s->p) | (1ull << (s->p - 1));
    uint8_t rank = (uint8_t)(__builtin_clzll(w) + 1);
    if (rank > s->reg[idx])
        s->reg[idx] = rank;
}

void hll_add(struct hll *s, const void *key, size_t len)
{
    hll_add_hash(s, key_hash64(key, len, 0x5eed));
}

void hll_merge(struct hll *dst, const struct hll *src)
{
    for (uint32_t j = 0; j < dst->m; j++)
        if (src->reg[j] > dst->reg[j])
            dst->reg[j] = src->reg[j];
}

double hll_estimate(const struct hll *s)
{
    double m = (double)s->m, sum = 0.0, alpha;
    uint32_t zeros = 0;
    for (uint32_t j = 0; j < s->m; j++) {
        sum += ldexp(1.0, -(int)s->reg[j]);
        if (s->reg[j] == 0)
            zeros++;
    }
    if (s->m == 16)
        alpha = 0.673;
    else if (s->m == 32)
        alpha = 0.697;
    else if (s->m == 64)
        alpha = 0.709;
    else
        alpha = 0.7213 / (1.0 + 1.079 / m);
    double e = alpha * m * m / sum;
    if (e <= 2.5 * m && zeros != 0)
        e = m * log(m / (double)zeros);
    return e;
}

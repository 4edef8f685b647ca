/* Flow-table indexing with Pelle Evensen's "rrmxmx" 64-bit mixer
 * (v ^= ror(v,49) ^ ror(v,24); v *= C; v ^= v >> 28; v *= C; v ^= v >> 28).
 * Multi-word keys are folded word by word: each word is xored into the
 * running state, which is then re-mixed. */
#include <stddef.h>
#include <stdint.h>

#define RRM_C 0x9FB21C651E98DF25ull

uint64_t mix(uint64_t v)
{
    v ^= ((v >> 49) | (v << 15)) ^ ((v >> 24) | (v << 40));
    v *= RRM_C;
    v ^= v >> 28;
    v *= RRM_C;
    v ^= v >> 28;
    return v;
}

uint64_t fold_words(const uint64_t *w, size_t n, uint64_t seed)
{
    uint64_t h = mix(seed ^ ((uint64_t)n << 3));
    for (size_t i = 0; i < n; i++)
        h = mix(h ^ w[i]);
    return h;
}

struct v6_flow {
    uint8_t src[16];
    uint8_t dst[16];
    uint16_t sport;
    uint16_t dport;
    uint8_t proto;
};

static uint64_t load64le(const uint8_t *p)
{
    uint64_t v = 0;
    for (int i = 7; i >= 0; i--)
        v = (v << 8) | p[i];
    return v;
}

/* IPv6 5-tuple -> 5 words -> slot of a power-of-two table. */
uint32_t slot_of(const struct v6_flow *f, uint32_t table_bits, uint64_t seed)
{
    uint64_t w[5];
    w[0] = load64le(f->src);
    w[1] = load64le(f->src + 8);
    w[2] = load64le(f->dst);
    w[3] = load64le(f->dst + 8);
    w[4] = ((uint64_t)f->sport << 24) | ((uint64_t)f->dport << 8) | f->proto;
    return (uint32_t)(fold_words(w, 5, seed) >> (64 - table_bits));
}

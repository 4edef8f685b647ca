/*
 * Twisted tabulation hashing (Patrascu & Thorup, "Twisted tabulation
 * hashing", SODA 2013).
 *
 * A key is split into c characters of 8 bits.  The first c-1 characters
 * index random tables whose 64-bit entries carry two things at once: the
 * low byte is a "twister" and the high 32 bits are the hash contribution.
 * After XOR-ing the first c-1 entries, the accumulated twister is XOR-ed into
 * the last character before that character's own table is looked up.
 *
 * Two instances are provided: 64-bit integer keys (8 characters) and IPv4
 * 5-tuples packed into 13 characters (saddr, daddr, sport, dport, proto).
 * Tables are filled at start-up from a seeded generator.
 */
#include <stdint.h>
#include <string.h>

#define TT_INT_CHARS 8
#define TT_FLOW_CHARS 13

struct tt_int_tables {
    uint64_t ent[TT_INT_CHARS][256];
};

struct tt_flow_tables {
    uint64_t ent[TT_FLOW_CHARS][256];
};

struct tt_flow_key {
    uint32_t saddr;
    uint32_t daddr;
    uint16_t sport;
    uint16_t dport;
    uint8_t proto;
};

/* seeded 64-bit generator used only to fill the tables */
uint64_t tt_fill_next(uint64_t *state)
{
    uint64_t z;
    *state += 0x9E3779B97F4A7C15ULL;
    z = *state;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

void tt_int_tables_init(struct tt_int_tables *t, uint64_t seed)
{
    uint64_t st = seed;
    int c, v;
    for (c = 0; c < TT_INT_CHARS; c++)
        for (v = 0; v < 256; v++)
            t->ent[c][v] = tt_fill_next(&st);
}

void tt_flow_tables_init(struct tt_flow_tables *t, uint64_t seed)
{
    uint64_t st = seed ^ 0x5151515151515151ULL;
    uint64_t *flat = &t->ent[0][0];
    size_t i, n = sizeof(t->ent) / sizeof(t->ent[0][0]);
    for (i = 0; i < n; i++)
        flat[i] = tt_fill_next(&st);
}

/* 64-bit key -> 32-bit hash; characters taken least significant first */
uint32_t tt_hash_u64(const struct tt_int_tables *t, uint64_t key)
{
    uint64_t acc = 0;
    unsigned c;
    uint8_t last;
    for (c = 0; c < TT_INT_CHARS - 1; c++) {
        acc ^= t->ent[c][key & 0xFF];
        key >>= 8;
    }
    last = (uint8_t)key ^ (uint8_t)acc; /* twist the head character */
    acc ^= t->ent[TT_INT_CHARS - 1][last];
    return (uint32_t)(acc >> 32);
}

/* 5-tuple -> 32-bit hash; the protocol byte is the twisted character */
uint32_t tt_hash_flow(const struct tt_flow_tables *t, const struct tt_flow_key *k)
{
    uint8_t ch[TT_FLOW_CHARS];
    uint64_t acc = 0;
    int i;

    ch[0] = (uint8_t)(k->saddr >> 24);
    ch[1] = (uint8_t)(k->saddr >> 16);
    ch[2] = (uint8_t)(k->saddr >> 8);
    ch[3] = (uint8_t)k->saddr;
    ch[4] = (uint8_t)(k->daddr >> 24);
    ch[5] = (uint8_t)(k->daddr >> 16);
    ch[6] = (uint8_t)(k->daddr >> 8);
    ch[7] = (uint8_t)k->daddr;
    ch[8] = (uint8_t)(k->sport >> 8);
    ch[9] = (uint8_t)k->sport;
    ch[10] = (uint8_t)(k->dport >> 8);
    ch[11] = (uint8_t)k->dport;
    ch[12] = k->proto;

    for (i = 0; i < TT_FLOW_CHARS - 1; i++)
        acc ^= t->ent[i][ch[i]];
    acc ^= t->ent[TT_FLOW_CHARS - 1][(uint8_t)(ch[TT_FLOW_CHARS - 1] ^ (uint8_t)acc)];
    return (uint32_t)(acc >> 32);
}

/* bucket selection for a power-of-two table: top bits of the hash */
uint32_t tt_flow_bucket(const struct tt_flow_tables *t, const struct tt_flow_key *k,
                        unsigned log2_buckets)
{
    uint32_t h = tt_hash_flow(t, k);
    if (log2_buckets == 0)
        return 0;
    if (log2_buckets >= 32)
        return h;
    return h >> (32 - log2_buckets);
}

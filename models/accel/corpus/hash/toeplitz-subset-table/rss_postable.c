/*
 * Receive-side-scaling (Toeplitz) hash evaluated through per-position
 * lookup tables.
 *
 * For a secret key K (bit string, first byte most significant) the Toeplitz
 * hash of input bit i is the 32-bit key window starting at bit i; the hash of
 * an input is the XOR of the windows of its set bits.  Here each input byte
 * position p gets a 256-entry table of the XOR of every subset of its eight
 * windows, built with the recurrence  T[v] = T[v & (v-1)] ^ W[lowest bit of v].
 * Hashing is then one lookup per input byte.
 *
 * Two key layouts: the 40-byte key from the Microsoft RSS specification and a
 * symmetric layout (the 16-bit pattern 0x6d5a repeated) for which swapping
 * source and destination addresses/ports yields the same hash.
 */
#include <stdint.h>
#include <string.h>

#define RSS_MAX_INPUT 36 /* IPv6 addresses + ports */
#define RSS_KEY_BYTES 40

typedef struct {
    uint32_t pos[RSS_MAX_INPUT][256];
    unsigned span; /* input bytes covered */
} rss_table_t;

const uint8_t rss_ms_key[RSS_KEY_BYTES] = {
    0x6d, 0x5a, 0x56, 0xda, 0x25, 0x5b, 0x0e, 0xc2, 0x41, 0x67,
    0x25, 0x3d, 0x43, 0xa3, 0x8f, 0xb0, 0xd0, 0xca, 0x2b, 0xcb,
    0xae, 0x7b, 0x30, 0xb4, 0x77, 0xcb, 0x2d, 0xa3, 0x80, 0x30,
    0xf2, 0x0c, 0x6a, 0x42, 0xb7, 0x3b, 0xbe, 0xac, 0x01, 0xfa,
};

const uint8_t rss_sym_key[RSS_KEY_BYTES] = {
    0x6d, 0x5a, 0x6d, 0x5a, 0x6d, 0x5a, 0x6d, 0x5a, 0x6d, 0x5a,
    0x6d, 0x5a, 0x6d, 0x5a, 0x6d, 0x5a, 0x6d, 0x5a, 0x6d, 0x5a,
    0x6d, 0x5a, 0x6d, 0x5a, 0x6d, 0x5a, 0x6d, 0x5a, 0x6d, 0x5a,
    0x6d, 0x5a, 0x6d, 0x5a, 0x6d, 0x5a, 0x6d, 0x5a, 0x6d, 0x5a,
};

/* Build the tables for input positions [0, span); needs keylen >= span + 4. */
int rss_table_build(rss_table_t *t, const uint8_t *key, unsigned keylen, unsigned span)
{
    unsigned p, j, v;
    if (span > RSS_MAX_INPUT || keylen < span + 4)
        return -1;
    t->span = span;
    for (p = 0; p < span; p++) {
        uint32_t base = ((uint32_t)key[p] << 24) | ((uint32_t)key[p + 1] << 16) |
                        ((uint32_t)key[p + 2] << 8) | key[p + 3];
        uint32_t spill = key[p + 4];
        uint32_t win[8]; /* win[b]: window of the input bit with value 1<<b */
        for (j = 0; j < 8; j++) {
            uint32_t w = j ? (base << j) | (spill >> (8 - j)) : base;
            win[7 - j] = w;
        }
        t->pos[p][0] = 0;
        for (v = 1; v < 256; v++) {
            unsigned low = 0;
            while (!((v >> low) & 1))
                low++;
            t->pos[p][v] = t->pos[p][v & (v - 1)] ^ win[low];
        }
    }
    return 0;
}

uint32_t rss_hash_bytes(const rss_table_t *t, const uint8_t *in, unsigned n)
{
    uint32_t h = 0;
    unsigned i;
    if (n > t->span)
        n = t->span;
    for (i = 0; i < n; i++)
        h ^= t->pos[i][in[i]];
    return h;
}

/* IPv4 2-tuple / 4-tuple (host-order values), lookups written out */
uint32_t rss_hash_ipv4(const rss_table_t *t, uint32_t saddr, uint32_t daddr)
{
    const uint32_t (*T)[256] = t->pos;
    return T[0][saddr >> 24] ^ T[1][(saddr >> 16) & 0xff] ^
           T[2][(saddr >> 8) & 0xff] ^ T[3][saddr & 0xff] ^
           T[4][daddr >> 24] ^ T[5][(daddr >> 16) & 0xff] ^
           T[6][(daddr >> 8) & 0xff] ^ T[7][daddr & 0xff];
}

uint32_t rss_hash_ipv4_l4(const rss_table_t *t, uint32_t saddr, uint32_t daddr,
                          uint16_t sport, uint16_t dport)
{
    const uint32_t (*T)[256] = t->pos;
    return rss_hash_ipv4(t, saddr, daddr) ^
           T[8][sport >> 8] ^ T[9][sport & 0xff] ^
           T[10][dport >> 8] ^ T[11][dport & 0xff];
}

/* IPv6: 16+16 address bytes then two ports, all in wire order */
uint32_t rss_hash_ipv6_l4(const rss_table_t *t, const uint8_t saddr[16],
                          const uint8_t daddr[16], uint16_t sport, uint16_t dport)
{
    uint32_t h = 0;
    unsigned i;
    for (i = 0; i < 16; i++)
        h ^= t->pos[i][saddr[i]] ^ t->pos[16 + i][daddr[i]];
    h ^= t->pos[32][sport >> 8] ^ t->pos[33][sport & 0xff];
    h ^= t->pos[34][dport >> 8] ^ t->pos[35][dport & 0xff];
    return h;
}

/* RSS indirection: low bits of the hash select a queue from the table */
unsigned rss_queue(const rss_table_t *t, const uint8_t *reta, unsigned reta_log2,
                   const uint8_t *in, unsigned n)
{
    uint32_t h = rss_hash_bytes(t, in, n);
    return reta[h & ((1u << reta_log2) - 1u)];
}

/* MurmurHash1 (Austin Appleby, 2008), 32-bit, used here to pick the bucket of
 * a connection-tracking table from the flow key.  Little-endian word loads
 * are done byte by byte so the result does not depend on host alignment. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#define MM1_M 0xc6a4a793u

uint32_t murmur_hash1(const void *key, size_t len, uint32_t seed)
{
    const uint8_t *p = (const uint8_t *)key;
    uint32_t h = seed ^ ((uint32_t)len * MM1_M);

    while (len >= 4) {
        uint32_t w = (uint32_t)p[0] | ((uint32_t)p[1] << 8) |
                     ((uint32_t)p[2] << 16) | ((uint32_t)p[3] << 24);
        h += w;
        h *= MM1_M;
        h ^= h >> 16;
        p += 4;
        len -= 4;
    }

    switch (len) {
    case 3:
        h += (uint32_t)p[2] << 16;
        /* fall through */
    case 2:
        h += (uint32_t)p[1] << 8;
        /* fall through */
    case 1:
        h += p[0];
        h *= MM1_M;
        h ^= h >> 16;
        break;
    default:
        break;
    }

    h *= MM1_M;
    h ^= h >> 10;
    h *= MM1_M;
    h ^= h >> 17;
    return h;
}

struct conn_key {
    uint32_t saddr;
    uint32_t daddr;
    uint16_t sport;
    uint16_t dport;
    uint8_t proto;
};

/* Serialise the key into 13 packed bytes and reduce to a bucket index. */
uint32_t conn_bucket(const struct conn_key *k, uint32_t nbuckets, uint32_t seed)
{
    uint8_t buf[13];
    memcpy(buf, &k->saddr, 4);
    memcpy(buf + 4, &k->daddr, 4);
    memcpy(buf + 8, &k->sport, 2);
    memcpy(buf + 10, &k->dport, 2);
    buf[12] = k->proto;
    return murmur_hash1(buf, sizeof buf, seed) % nbuckets;
}

/* LevelDB-style key hash (a Murmur-flavoured 32-bit hash: seed ^ n*m, one
 * multiply and a >>16 fold per little-endian word, tail bytes added then a
 * >>24 fold), plus the bloom-filter probe sequence derived from it by
 * double hashing with a 17-bit rotation. */
#include <stddef.h>
#include <stdint.h>

#define LDB_M 0xc6a4a793u
#define LDB_BLOOM_SEED 0xbc9f1d34u

uint32_t ldb_key_hash(const uint8_t *data, size_t n, uint32_t seed)
{
    const uint8_t *limit = data + n;
    uint32_t h = seed ^ ((uint32_t)n * LDB_M);

    while (limit - data >= 4) {
        uint32_t w = (uint32_t)data[0];
        w |= (uint32_t)data[1] << 8;
        w |= (uint32_t)data[2] << 16;
        w |= (uint32_t)data[3] << 24;
        data += 4;
        h += w;
        h *= LDB_M;
        h ^= h >> 16;
    }
    switch (limit - data) {
    case 3:
        h += (uint32_t)data[2] << 16;
        /* fall through */
    case 2:
        h += (uint32_t)data[1] << 8;
        /* fall through */
    case 1:
        h += data[0];
        h *= LDB_M;
        h ^= h >> 24;
        break;
    default:
        break;
    }
    return h;
}

/* Fill pos[0..k) with the bit positions a key sets in an nbits-wide filter. */
void ldb_bloom_probes(const uint8_t *key, size_t n, unsigned k, uint32_t nbits,
                      uint32_t *pos)
{
    uint32_t h = ldb_key_hash(key, n, LDB_BLOOM_SEED);
    uint32_t delta = (h >> 17) | (h << 15);
    unsigned j;
    for (j = 0; j < k; j++) {
        pos[j] = h % nbits;
        h += delta;
    }
}

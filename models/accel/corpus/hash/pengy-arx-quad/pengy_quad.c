/*
 * Four-lane add-rotate-xor byte-string hash in the style of Alberto Fajardo's
 * pengyhash (v0.2): 32-byte blocks are read as four little-endian 64-bit
 * words and stirred into a four-word state with paired add/rotate/add and
 * add/rotate/xor steps.  The final partial block is copied over the last
 * block buffer (bytes past the tail keep the previous block's contents, as in
 * the original) and six further rounds, the last lane carrying the seed, are
 * run before the lanes are summed.  Assumes a little-endian host.
 */
#include <stdint.h>
#include <string.h>

#define PQ_ROTL(v, r) (((v) << (r)) | ((v) >> (64 - (r))))

uint64_t pengy_quad(const void *data, size_t size, uint32_t seed)
{
    const unsigned char *p = (const unsigned char *)data;
    uint64_t blk[4] = {0, 0, 0, 0};
    uint64_t s[4] = {0, 0, 0, (uint64_t)size};
    int round;

    while (size >= 32) {
        memcpy(blk, p, 32);
        s[1] = (s[0] += s[1] + blk[3]) + PQ_ROTL(s[1], 14);
        s[3] = (s[2] += s[3] + blk[2]) + PQ_ROTL(s[3], 23);
        s[3] = (s[0] += s[3] + blk[1]) ^ PQ_ROTL(s[3], 16);
        s[1] = (s[2] += s[1] + blk[0]) ^ PQ_ROTL(s[1], 40);
        p += 32;
        size -= 32;
    }

    memcpy(blk, p, size);
    for (round = 0; round < 6; round++) {
        s[1] = (s[0] += s[1] + blk[3]) + PQ_ROTL(s[1], 14) + seed;
        s[3] = (s[2] += s[3] + blk[2]) + PQ_ROTL(s[3], 23);
        s[3] = (s[0] += s[3] + blk[1]) ^ PQ_ROTL(s[3], 16);
        s[1] = (s[2] += s[1] + blk[0]) ^ PQ_ROTL(s[1], 40);
    }
    return s[0] + s[1] + s[2] + s[3];
}

/* map a key to one of nslots slots (multiply-high range reduction) */
uint32_t pengy_quad_slot(const void *data, size_t size, uint32_t seed, uint32_t nslots)
{
    uint64_t h = pengy_quad(data, size, seed);
    return (uint32_t)(((h >> 32) * (uint64_t)nslots) >> 32);
}

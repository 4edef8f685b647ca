/*
 * BLAKE3 (hash and keyed hash, extendable output) written from the
 * BLAKE3 specification: 1 KiB chunks of sixteen 64-byte blocks, a
 * seven-round compression function with a fixed message permutation
 * between rounds, chaining values merged pairwise into a binary tree
 * through an explicit stack whose depth follows the bits of the chunk
 * count, and a root node re-compressed with a running output counter.
 */
#include <stdint.h>
#include <stddef.h>
#include <string.h>

#define B3_CHUNK 1024u
#define B3_BLOCK 64u

enum b3_flag {
    B3_CHUNK_START = 1u << 0,
    B3_CHUNK_END = 1u << 1,
    B3_PARENT = 1u << 2,
    B3_ROOT = 1u << 3,
    B3_KEYED = 1u << 4
};

static const uint32_t b3_iv[8] = {
    0x6A09E667u, 0xBB67AE85u, 0x3C6EF372u, 0xA54FF53Au,
    0x510E527Fu, 0x9B05688Cu, 0x1F83D9ABu, 0x5BE0CD19u
};

/* message word schedule: word i of round r+1 is word sched[i] of round r */
static const uint8_t b3_sched[16] = {
    2, 6, 3, 10, 7, 0, 4, 13, 1, 11, 12, 5, 9, 14, 15, 8
};

#define ROR32(x, n) (((x) >> (n)) | ((x) << (32 - (n))))

#define QMIX(v, a, b, c, d, mx, my)            \
    do {                                       \
        v[a] = v[a] + v[b] + (mx);             \
        v[d] = ROR32(v[d] ^ v[a], 16);         \
        v[c] = v[c] + v[d];                    \
        v[b] = ROR32(v[b] ^ v[c], 12);         \
        v[a] = v[a] + v[b] + (my);             \
        v[d] = ROR32(v[d] ^ v[a], 8);          \
        v[c] = v[c] + v[d];                    \
        v[b] = ROR32(v[b] ^ v[c], 7);          \
    } while (0)

/* a node waiting to be compressed: either the last block of a chunk or a
 * parent block made of two child chaining values */
struct b3_node {
    uint32_t cv[8];
    uint32_t words[16];
    uint64_t counter;
    uint32_t len;
    uint32_t flags;
};

struct b3_chunk {
    uint32_t cv[8];
    uint64_t index;
    uint8_t buf[B3_BLOCK];
    uint32_t buf_len;
    uint32_t blocks_done;
};

struct b3_hasher {
    uint32_t key[8];
    uint32_t mode;
    struct b3_chunk cur;
    uint32_t stack[54][8];
    unsigned depth;
};

uint32_t b3_word_le(const uint8_t *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
           (uint32_t)p[3] << 24;
}

/* full 16-word compression; out[0..7] is the new chaining value and
 * out[8..15] the extra output words used by the root */
void b3_compress(const uint32_t cv[8], const uint32_t words[16],
                 uint64_t counter, uint32_t len, uint32_t flags,
                 uint32_t out[16])
{
    uint32_t v[16], m[16], t[16];
    unsigned r, i;

    memcpy(v, cv, 32);
    memcpy(v + 8, b3_iv, 16);
    v[12] = (uint32_t)counter;
    v[13] = (uint32_t)(counter >> 32);
    v[14] = len;
    v[15] = flags;
    memcpy(m, words, 64);

    for (r = 0; r < 7; r++) {
        QMIX(v, 0, 4, 8, 12, m[0], m[1]);
        QMIX(v, 1, 5, 9, 13, m[2], m[3]);
        QMIX(v, 2, 6, 10, 14, m[4], m[5]);
        QMIX(v, 3, 7, 11, 15, m[6], m[7]);
        QMIX(v, 0, 5, 10, 15, m[8], m[9]);
        QMIX(v, 1, 6, 11, 12, m[10], m[11]);
        QMIX(v, 2, 7, 8, 13, m[12], m[13]);
        QMIX(v, 3, 4, 9, 14, m[14], m[15]);
        if (r == 6)
            break;
        for (i = 0; i < 16; i++)
            t[i] = m[b3_sched[i]];
        memcpy(m, t, 64);
    }
    for (i = 0; i < 8; i++) {
        out[i] = v[i] ^ v[i + 8];
        out[i + 8] = v[i + 8] ^ cv[i];
    }
}

static void b3_chunk_reset(struct b3_chunk *c, const uint32_t key[8],
                           uint64_t index)
{
    memcpy(c->cv, key, 32);
    c->index = index;
    memset(c->buf, 0, sizeof c->buf);
    c->buf_len = 0;
    c->blocks_done = 0;
}

static uint32_t b3_chunk_len(const struct b3_chunk *c)
{
    return c->blocks_done * B3_BLOCK + c->buf_len;
}

/* absorbs bytes into the current chunk; a full block is compressed only
 * when more bytes follow, so the chunk's last block is kept for later */
size_t b3_chunk_absorb(struct b3_chunk *c, uint32_t mode, const uint8_t *in,
                       size_t n)
{
    size_t used = 0;
    while (n > 0) {
        uint32_t take;
        if (c->buf_len == B3_BLOCK) {
            uint32_t w[16], o[16];
            const uint8_t *q = c->buf;
            for (int i = 0; i < 16; i++, q += 4)
                w[i] = b3_word_le(q);
            b3_compress(c->cv, w, c->index, B3_BLOCK,
                        mode | (c->blocks_done == 0 ? B3_CHUNK_START : 0), o);
            memcpy(c->cv, o, 32);
            c->blocks_done++;
            c->buf_len = 0;
            memset(c->buf, 0, sizeof c->buf);
        }
        take = B3_BLOCK - c->buf_len;
        if (take > n)
            take = (uint32_t)n;
        memcpy(c->buf + c->buf_len, in, take);
        c->buf_len += take;
        in += take;
        n -= take;
        used += take;
    }
    return used;
}

void b3_chunk_node(const struct b3_chunk *c, uint32_t mode, struct b3_node *nd)
{
    const uint8_t *q = c->buf;
    memcpy(nd->cv, c->cv, 32);
    for (int i = 0; i < 16; i++, q += 4)
        nd->words[i] = b3_word_le(q);
    nd->counter = c->index;
    nd->len = c->buf_len;
    nd->flags = mode | B3_CHUNK_END |
                (c->blocks_done == 0 ? B3_CHUNK_START : 0);
}

void b3_parent_node(const uint32_t left[8], const uint32_t right[8],
                    const uint32_t key[8], uint32_t mode, struct b3_node *nd)
{
    memcpy(nd->cv, key, 32);
    memcpy(nd->words, left, 32);
    memcpy(nd->words + 8, right, 32);
    nd->counter = 0;
    nd->len = B3_BLOCK;
    nd->flags = mode | B3_PARENT;
}

static void b3_node_cv(const struct b3_node *nd, uint32_t cv[8])
{
    uint32_t o[16];
    b3_compress(nd->cv, nd->words, nd->counter, nd->len, nd->flags, o);
    memcpy(cv, o, 32);
}

/* pushes a finished chunk's chaining value, first folding in every
 * completed subtree: one merge per trailing zero bit of the chunk count */
void b3_push_cv(struct b3_hasher *h, uint32_t cv[8], uint64_t chunks)
{
    struct b3_node nd;
    while ((chunks & 1) == 0) {
        h->depth--;
        b3_parent_node(h->stack[h->depth], cv, h->key, h->mode, &nd);
        b3_node_cv(&nd, cv);
        chunks >>= 1;
    }
    memcpy(h->stack[h->depth], cv, 32);
    h->depth++;
}

void b3_start(struct b3_hasher *h, const uint8_t *key32)
{
    if (key32) {
        for (int i = 0; i < 8; i++)
            h->key[i] = b3_word_le(key32 + 4 * i);
        h->mode = B3_KEYED;
    } else {
        memcpy(h->key, b3_iv, 32);
        h->mode = 0;
    }
    h->depth = 0;
    b3_chunk_reset(&h->cur, h->key, 0);
}

void b3_feed(struct b3_hasher *h, const void *data, size_t n)
{
    const uint8_t *p = (const uint8_t *)data;
    while (n > 0) {
        if (b3_chunk_len(&h->cur) == B3_CHUNK) {
            struct b3_node nd;
            uint32_t cv[8];
            uint64_t next = h->cur.index + 1;
            b3_chunk_node(&h->cur, h->mode, &nd);
            b3_node_cv(&nd, cv);
            b3_push_cv(h, cv, next);
            b3_chunk_reset(&h->cur, h->key, next);
        }
        size_t room = B3_CHUNK - b3_chunk_len(&h->cur);
        size_t k = b3_chunk_absorb(&h->cur, h->mode, p, n < room ? n : room);
        p += k;
        n -= k;
    }
}

/* walks the stack from the top down to the root node, then squeezes the
 * root with output block counters 0, 1, 2, ... */
void b3_squeeze(const struct b3_hasher *h, uint8_t *out, size_t outlen)
{
    struct b3_node root;
    uint32_t cv[8], o[16];
    unsigned d = h->depth;
    uint64_t blk = 0;

    b3_chunk_node(&h->cur, h->mode, &root);
    while (d > 0) {
        d--;
        b3_node_cv(&root, cv);
        b3_parent_node(h->stack[d], cv, h->key, h->mode, &root);
    }
    while (outlen > 0) {
        size_t k = outlen < 64 ? outlen : 64;
        b3_compress(root.cv, root.words, blk++, root.len,
                    root.flags | B3_ROOT, o);
        for (size_t i = 0; i < k; i++)
            out[i] = (uint8_t)(o[i >> 2] >> (8 * (i & 3)));
        out += k;
        outlen -= k;
    }
}

void b3_digest(const void *data, size_t n, const uint8_t *key32,
               uint8_t *out, size_t outlen)
{
    struct b3_hasher h;
    b3_start(&h, key32);
    b3_feed(&h, data, n);
    b3_squeeze(&h, out, outlen);
}

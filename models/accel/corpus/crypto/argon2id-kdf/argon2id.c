/* Argon2id (RFC 9106, version 0x13), single-threaded.
 * BLAKE2b with variable digest length provides H and the long hash H';
 * the compression G is two passes of the BlaMka-modified BLAKE2b round
 * (rows, then columns) over a 1 KiB block viewed as 8x8 16-byte registers.
 * The first half of the first pass uses Argon2i (data-independent) indices,
 * everything else Argon2d (data-dependent) indices. */
#include <stdint.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#define AG_QWORDS 128
typedef struct { uint64_t q[AG_QWORDS]; } ag_block;

typedef struct {
    uint64_t h[8];
    uint64_t cnt;
    uint8_t buf[128];
    unsigned nbuf;
    unsigned outlen;
} ag_b2b;

static const uint64_t ag_b2b_iv[8] = {
    0x6a09e667f3bcc908ULL, 0xbb67ae8584caa73bULL, 0x3c6ef372fe94f82bULL, 0xa54ff53a5f1d36f1ULL,
    0x510e527fade682d1ULL, 0x9b05688c2b3e6c1fULL, 0x1f83d9abfb41bd6bULL, 0x5be0cd19137e2179ULL};

static const uint8_t ag_sigma[12][16] = {
    {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15},
    {14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3},
    {11, 8, 12, 0, 5, 2, 15, 13, 10, 14, 3, 6, 7, 1, 9, 4},
    {7, 9, 3, 1, 13, 12, 11, 14, 2, 6, 5, 10, 4, 0, 15, 8},
    {9, 0, 5, 7, 2, 4, 10, 15, 14, 1, 11, 12, 6, 8, 3, 13},
    {2, 12, 6, 10, 0, 11, 8, 3, 4, 13, 7, 5, 15, 14, 1, 9},
    {12, 5, 1, 15, 14, 13, 4, 10, 0, 7, 6, 3, 9, 2, 8, 11},
    {13, 11, 7, 14, 12, 1, 3, 9, 5, 0, 15, 4, 8, 6, 2, 10},
    {6, 15, 14, 9, 11, 3, 0, 8, 12, 2, 13, 7, 1, 4, 10, 5},
    {10, 2, 8, 4, 7, 6, 1, 5, 15, 11, 9, 14, 3, 12, 13, 0},
    {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15},
    {14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3}};

static inline uint64_t ag_rotr(uint64_t x, unsigned n) { return (x >> n) | (x << (64 - n)); }

static uint64_t ag_ld64(const uint8_t *p)
{
    uint64_t v = 0;
    int i;
    for (i = 7; i >= 0; i--)
        v = (v << 8) | p[i];
    return v;
}

/* ---------------- BLAKE2b (RFC 7693), unkeyed ---------------- */
static void ag_b2b_compress(ag_b2b *s, const uint8_t *blk, int last)
{
    uint64_t v[16], m[16];
    int r, i;
    for (i = 0; i < 16; i++)
        m[i] = ag_ld64(blk + 8 * i);
    for (i = 0; i < 8; i++) {
        v[i] = s->h[i];
        v[i + 8] = ag_b2b_iv[i];
    }
    v[12] ^= s->cnt;
    if (last)
        v[14] = ~v[14];
    for (r = 0; r < 12; r++) {
        const uint8_t *z = ag_sigma[r];
        static const uint8_t lanes[8][4] = {{0, 4, 8, 12}, {1, 5, 9, 13}, {2, 6, 10, 14},
                                            {3, 7, 11, 15}, {0, 5, 10, 15}, {1, 6, 11, 12},
                                            {2, 7, 8, 13}, {3, 4, 9, 14}};
        for (i = 0; i < 8; i++) {
            uint64_t *a = &v[lanes[i][0]], *b = &v[lanes[i][1]];
            uint64_t *c = &v[lanes[i][2]], *d = &v[lanes[i][3]];
            *a += *b + m[z[2 * i]];
            *d = ag_rotr(*d ^ *a, 32);
            *c += *d;
            *b = ag_rotr(*b ^ *c, 24);
            *a += *b + m[z[2 * i + 1]];
            *d = ag_rotr(*d ^ *a, 16);
            *c += *d;
            *b = ag_rotr(*b ^ *c, 63);
        }
    }
    for (i = 0; i < 8; i++)
        s->h[i] ^= v[i] ^ v[i + 8];
}

static void ag_b2b_init(ag_b2b *s, unsigned outlen)
{
    memcpy(s->h, ag_b2b_iv, sizeof s->h);
    s->h[0] ^= 0x01010000ULL ^ outlen;
    s->cnt = 0;
    s->nbuf = 0;
    s->outlen = outlen;
}

static void ag_b2b_update(ag_b2b *s, const void *data, size_t n)
{
    const uint8_t *p = (const uint8_t *)data;
    while (n > 0) {
        if (s->nbuf == 128) {
            s->cnt += 128;
            ag_b2b_compress(s, s->buf, 0);
            s->nbuf = 0;
        }
        s->buf[s->nbuf++] = *p++;
        n--;
    }
}

static void ag_b2b_final(ag_b2b *s, uint8_t *out)
{
    unsigned i;
    s->cnt += s->nbuf;
    memset(s->buf + s->nbuf, 0, 128 - s->nbuf);
    ag_b2b_compress(s, s->buf, 1);
    for (i = 0; i < s->outlen; i++)
        out[i] = (uint8_t)(s->h[i / 8] >> (8 * (i % 8)));
}

static void ag_b2b_u32(ag_b2b *s, uint32_t v)
{
    uint8_t b[4] = {(uint8_t)v, (uint8_t)(v >> 8), (uint8_t)(v >> 16), (uint8_t)(v >> 24)};
    ag_b2b_update(s, b, 4);
}

/* H'^T(A) with A = a1 || a2: variable-length hash built from 64-byte BLAKE2b outputs. */
static void ag_long_hash(uint8_t *out, uint32_t outlen, const uint8_t *a1, size_t n1,
                         const uint8_t *a2, size_t n2)
{
    ag_b2b s;
    uint8_t v[64];
    if (outlen <= 64) {
        ag_b2b_init(&s, outlen);
        ag_b2b_u32(&s, outlen);
        ag_b2b_update(&s, a1, n1);
        ag_b2b_update(&s, a2, n2);
        ag_b2b_final(&s, out);
        return;
    }
    ag_b2b_init(&s, 64);
    ag_b2b_u32(&s, outlen);
    ag_b2b_update(&s, a1, n1);
    ag_b2b_update(&s, a2, n2);
    ag_b2b_final(&s, v);
    memcpy(out, v, 32);
    out += 32;
    outlen -= 32;
    while (outlen > 64) {
        ag_b2b_init(&s, 64);
        ag_b2b_update(&s, v, 64);
        ag_b2b_final(&s, v);
        memcpy(out, v, 32);
        out += 32;
        outlen -= 32;
    }
    ag_b2b_init(&s, outlen);
    ag_b2b_update(&s, v, 64);
    ag_b2b_final(&s, out);
}

/* ---------------- compression G ---------------- */
#define AG_MIX(a, b, c, d)                                                                         \
    do {                                                                                           \
        a = a + b + 2 * (uint64_t)(uint32_t)a * (uint32_t)b;                                       \
        d = ag_rotr(d ^ a, 32);                                                                    \
        c = c + d + 2 * (uint64_t)(uint32_t)c * (uint32_t)d;                                       \
        b = ag_rotr(b ^ c, 24);                                                                    \
        a = a + b + 2 * (uint64_t)(uint32_t)a * (uint32_t)b;                                       \
        d = ag_rotr(d ^ a, 16);                                                                    \
        c = c + d + 2 * (uint64_t)(uint32_t)c * (uint32_t)d;                                       \
        b = ag_rotr(b ^ c, 63);                                                                    \
    } while (0)

/* Permutation P on 16 words given by their indices into the block. */
static void ag_permute(uint64_t *w, const unsigned idx[16])
{
    uint64_t v[16];
    int i;
    for (i = 0; i < 16; i++)
        v[i] = w[idx[i]];
    AG_MIX(v[0], v[4], v[8], v[12]);
    AG_MIX(v[1], v[5], v[9], v[13]);
    AG_MIX(v[2], v[6], v[10], v[14]);
    AG_MIX(v[3], v[7], v[11], v[15]);
    AG_MIX(v[0], v[5], v[10], v[15]);
    AG_MIX(v[1], v[6], v[11], v[12]);
    AG_MIX(v[2], v[7], v[8], v[13]);
    AG_MIX(v[3], v[4], v[9], v[14]);
    for (i = 0; i < 16; i++)
        w[idx[i]] = v[i];
}

/* out = G(x, y), or out ^= G(x, y) when accumulate is set. */
static void ag_compress(ag_block *out, const ag_block *x, const ag_block *y, int accumulate)
{
    ag_block r, z;
    unsigned idx[16];
    int i, k;
    for (i = 0; i < AG_QWORDS; i++)
        r.q[i] = x->q[i] ^ y->q[i];
    z = r;
    for (i = 0; i < 8; i++) { /* rows: registers 8i..8i+7 */
        for (k = 0; k < 16; k++)
            idx[k] = (unsigned)(16 * i + k);
        ag_permute(z.q, idx);
    }
    for (i = 0; i < 8; i++) { /* columns: registers i, i+8, ..., i+56 */
        for (k = 0; k < 8; k++) {
            idx[2 * k] = (unsigned)(2 * i + 16 * k);
            idx[2 * k + 1] = (unsigned)(2 * i + 16 * k + 1);
        }
        ag_permute(z.q, idx);
    }
    for (i = 0; i < AG_QWORDS; i++)
        out->q[i] = (accumulate ? out->q[i] : 0) ^ z.q[i] ^ r.q[i];
}

/* ---------------- memory filling ---------------- */
typedef struct {
    ag_block *mem;
    uint32_t lanes, lane_len, seg_len, passes, mprime;
} ag_state;

static void ag_next_addresses(ag_block *addr, ag_block *input)
{
    ag_block zero;
    memset(&zero, 0, sizeof zero);
    input->q[6]++;
    ag_compress(addr, &zero, input, 0);
    ag_compress(addr, &zero, addr, 0);
}

/* Map a pseudo-random 32-bit value onto a block index in the reference lane. */
static uint32_t ag_ref_index(const ag_state *st, uint32_t pass, uint32_t slice, uint32_t index,
                             uint32_t j1, int same_lane)
{
    uint64_t area, rel;
    uint32_t start = 0;
    if (pass == 0) {
        if (slice == 0)
            area = index - 1;
        else if (same_lane)
            area = (uint64_t)slice * st->seg_len + index - 1;
        else
            area = (uint64_t)slice * st->seg_len - (index == 0 ? 1 : 0);
    } else {
        if (same_lane)
            area = st->lane_len - st->seg_len + index - 1;
        else
            area = st->lane_len - st->seg_len - (index == 0 ? 1 : 0);
        start = slice == 3 ? 0 : (slice + 1) * st->seg_len;
    }
    rel = ((uint64_t)j1 * j1) >> 32;
    rel = area - 1 - ((area * rel) >> 32);
    return (uint32_t)((start + rel) % st->lane_len);
}

static void ag_fill_segment(ag_state *st, uint32_t pass, uint32_t lane, uint32_t slice)
{
    ag_block addr, input;
    int indep = pass == 0 && slice < 2;
    uint32_t i = 0;
    if (indep) {
        memset(&input, 0, sizeof input);
        input.q[0] = pass;
        input.q[1] = lane;
        input.q[2] = slice;
        input.q[3] = st->mprime;
        input.q[4] = st->passes;
        input.q[5] = 2; /* Argon2id */
    }
    if (pass == 0 && slice == 0) {
        i = 2;
        if (indep)
            ag_next_addresses(&addr, &input);
    }
    for (; i < st->seg_len; i++) {
        uint32_t col = slice * st->seg_len + i;
        uint32_t prev = col == 0 ? st->lane_len - 1 : col - 1;
        ag_block *cur = &st->mem[(size_t)lane * st->lane_len + col];
        const ag_block *pb = &st->mem[(size_t)lane * st->lane_len + prev];
        uint64_t rnd;
        uint32_t ref_lane, ref_col;
        if (indep) {
            if (i % AG_QWORDS == 0)
                ag_next_addresses(&addr, &input);
            rnd = addr.q[i % AG_QWORDS];
        } else {
            rnd = pb->q[0];
        }
        ref_lane = (uint32_t)((rnd >> 32) % st->lanes);
        if (pass == 0 && slice == 0)
            ref_lane = lane;
        ref_col = ag_ref_index(st, pass, slice, i, (uint32_t)rnd, ref_lane == lane);
        ag_compress(cur, pb, &st->mem[(size_t)ref_lane * st->lane_len + ref_col], pass != 0);
    }
}

static void ag_initial_hash(uint8_t h0[64], uint32_t lanes, uint32_t taglen, uint32_t mcost,
                            uint32_t passes, const uint8_t *pwd, size_t npwd, const uint8_t *salt,
                            size_t nsalt, const uint8_t *secret, size_t nsecret, const uint8_t *ad,
                            size_t nad)
{
    ag_b2b s;
    ag_b2b_init(&s, 64);
    ag_b2b_u32(&s, lanes);
    ag_b2b_u32(&s, taglen);
    ag_b2b_u32(&s, mcost);
    ag_b2b_u32(&s, passes);
    ag_b2b_u32(&s, 0x13);
    ag_b2b_u32(&s, 2);
    ag_b2b_u32(&s, (uint32_t)npwd);
    ag_b2b_update(&s, pwd, npwd);
    ag_b2b_u32(&s, (uint32_t)nsalt);
    ag_b2b_update(&s, salt, nsalt);
    ag_b2b_u32(&s, (uint32_t)nsecret);
    ag_b2b_update(&s, secret, nsecret);
    ag_b2b_u32(&s, (uint32_t)nad);
    ag_b2b_update(&s, ad, nad);
    ag_b2b_final(&s, h0);
}

static void ag_block_to_bytes(uint8_t *b, const ag_block *blk)
{
    int i;
    for (i = 0; i < 8 * AG_QWORDS; i++)
        b[i] = (uint8_t)(blk->q[i / 8] >> (8 * (i % 8)));
}

/* Returns 0 on success; mcost is in KiB, lanes >= 1, mcost >= 8 * lanes, passes >= 1. */
int argon2id_hash(uint8_t *tag, uint32_t taglen, const uint8_t *pwd, size_t npwd,
                  const uint8_t *salt, size_t nsalt, const uint8_t *secret, size_t nsecret,
                  const uint8_t *ad, size_t nad, uint32_t passes, uint32_t mcost, uint32_t lanes)
{
    ag_state st;
    uint8_t h0[72], bytes[1024];
    uint32_t l, p, s, i;
    ag_block acc;
    if (lanes == 0 || passes == 0 || taglen < 4 || mcost < 8 * lanes)
        return -1;
    st.lanes = lanes;
    st.passes = passes;
    st.mprime = 4 * lanes * (mcost / (4 * lanes));
    st.lane_len = st.mprime / lanes;
    st.seg_len = st.lane_len / 4;
    st.mem = (ag_block *)calloc(st.mprime, sizeof(ag_block));
    if (!st.mem)
        return -1;
    ag_initial_hash(h0, lanes, taglen, mcost, passes, pwd, npwd, salt, nsalt, secret, nsecret, ad,
                    nad);
    for (l = 0; l < lanes; l++) {
        for (i = 0; i < 2; i++) {
            uint8_t ext[8] = {(uint8_t)i, 0, 0, 0, (uint8_t)l, (uint8_t)(l >> 8),
                              (uint8_t)(l >> 16), (uint8_t)(l >> 24)};
            ag_block *b = &st.mem[(size_t)l * st.lane_len + i];
            int k;
            ag_long_hash(bytes, 1024, h0, 64, ext, 8);
            for (k = 0; k < AG_QWORDS; k++)
                b->q[k] = ag_ld64(bytes + 8 * k);
        }
    }
    for (p = 0; p < passes; p++)
        for (s = 0; s < 4; s++)
            for (l = 0; l < lanes; l++)
                ag_fill_segment(&st, p, l, s);
    acc = st.mem[st.lane_len - 1];
    for (l = 1; l < lanes; l++) {
        const ag_block *last = &st.mem[(size_t)l * st.lane_len + st.lane_len - 1];
        for (i = 0; i < AG_QWORDS; i++)
            acc.q[i] ^= last->q[i];
    }
    ag_block_to_bytes(bytes, &acc);
    ag_long_hash(tag, taglen, bytes, 1024, NULL, 0);
    memset(st.mem, 0, (size_t)st.mprime * sizeof(ag_block));
    free(st.mem);
    return 0;
}

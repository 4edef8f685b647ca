/* KangarooTwelve (RFC 9861): TurboSHAKE128 sponge on Keccak-p[1600,12],
 * with the 8192-byte chunk tree (leaf chaining values of 32 bytes).
 * The permutation works on a 5x5 lane matrix; round constants and rotation
 * offsets are derived once from the LFSR and the (x,y) -> (y,2x+3y) walk. */
#include <stdint.h>
#include <stddef.h>
#include <string.h>

#define K12_RATE 168
#define K12_CHUNK 8192

static uint64_t kp_iota[24];
static unsigned kp_rho[5][5];
static int kp_ready;

/* rc(t): output bit of the degree-8 LFSR x^8 + x^6 + x^5 + x^4 + 1. */
static int kp_lfsr_bit(int t)
{
    unsigned r = 1;
    for (int i = 0; i < t % 255; i++) {
        r <<= 1;
        if (r & 0x100) r ^= 0x171;
    }
    return r & 1;
}

static void kp_derive_constants(void)
{
    for (int ir = 0; ir < 24; ir++) {
        uint64_t c = 0;
        for (int j = 0; j <= 6; j++)
            if (kp_lfsr_bit(j + 7 * ir))
                c |= (uint64_t)1 << ((1u << j) - 1);
        kp_iota[ir] = c;
    }
    int x = 1, y = 0;
    kp_rho[0][0] = 0;
    for (int t = 0; t < 24; t++) {
        kp_rho[x][y] = (unsigned)(((t + 1) * (t + 2) / 2) % 64);
        int nx = y, ny = (2 * x + 3 * y) % 5;
        x = nx; y = ny;
    }
    kp_ready = 1;
}

static uint64_t kp_rotl(uint64_t v, unsigned n) { return n ? (v << n) | (v >> (64 - n)) : v; }

/* Keccak-p[1600, nrounds]: the last nrounds of the 24 Keccak-f rounds. */
static void keccak_p(uint64_t lane[5][5], int nrounds)
{
    uint64_t C[5], D[5], B[5][5];
    if (!kp_ready) kp_derive_constants();
    for (int ir = 24 - nrounds; ir < 24; ir++) {
        for (int x = 0; x < 5; x++)
            C[x] = lane[x][0] ^ lane[x][1] ^ lane[x][2] ^ lane[x][3] ^ lane[x][4];
        for (int x = 0; x < 5; x++)
            D[x] = C[(x + 4) % 5] ^ kp_rotl(C[(x + 1) % 5], 1);
        for (int x = 0; x < 5; x++)
            for (int y = 0; y < 5; y++)
                B[y][(2 * x + 3 * y) % 5] = kp_rotl(lane[x][y] ^ D[x], kp_rho[x][y]);
        for (int x = 0; x < 5; x++)
            for (int y = 0; y < 5; y++)
                lane[x][y] = B[x][y] ^ (~B[(x + 1) % 5][y] & B[(x + 2) % 5][y]);
        lane[0][0] ^= kp_iota[ir];
    }
}

/* Incremental TurboSHAKE128 with a byte position into the rate. */
typedef struct {
    uint64_t lane[5][5];
    unsigned pos;
    int nrounds;
} tshake_t;

static void ts_xor_byte(tshake_t *s, unsigned i, uint8_t b)
{
    unsigned w = i / 8;
    s->lane[w % 5][w / 5] ^= (uint64_t)b << (8 * (i % 8));
}

static uint8_t ts_get_byte(const tshake_t *s, unsigned i)
{
    unsigned w = i / 8;
    return (uint8_t)(s->lane[w % 5][w / 5] >> (8 * (i % 8)));
}

static void ts_init(tshake_t *s, int nrounds)
{
    memset(s->lane, 0, sizeof s->lane);
    s->pos = 0;
    s->nrounds = nrounds;
}

static void ts_absorb(tshake_t *s, const uint8_t *in, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        ts_xor_byte(s, s->pos++, in[i]);
        if (s->pos == K12_RATE) {
            keccak_p(s->lane, s->nrounds);
            s->pos = 0;
        }
    }
}

/* Domain byte D (0x01..0x7F), final bit, then squeeze outlen bytes. */
static void ts_finish(tshake_t *s, uint8_t dsep, uint8_t *out, size_t outlen)
{
    ts_xor_byte(s, s->pos, dsep);
    ts_xor_byte(s, K12_RATE - 1, 0x80);
    keccak_p(s->lane, s->nrounds);
    unsigned p = 0;
    for (size_t i = 0; i < outlen; i++) {
        if (p == K12_RATE) { keccak_p(s->lane, s->nrounds); p = 0; }
        out[i] = ts_get_byte(s, p++);
    }
}

void turboshake128(const uint8_t *msg, size_t n, uint8_t dsep, uint8_t *out, size_t outlen)
{
    tshake_t s;
    ts_init(&s, 12);
    ts_absorb(&s, msg, n);
    ts_finish(&s, dsep, out, outlen);
}

/* Same sponge with the full 24 rounds and pad 0x1F is SHAKE128. */
void shake128_via_sponge(const uint8_t *msg, size_t n, uint8_t *out, size_t outlen)
{
    tshake_t s;
    ts_init(&s, 24);
    ts_absorb(&s, msg, n);
    ts_finish(&s, 0x1F, out, outlen);
}

static unsigned k12_length_encode(uint64_t x, uint8_t enc[9])
{
    unsigned nb = 0;
    uint8_t tmp[8];
    while (x) { tmp[nb++] = (uint8_t)x; x >>= 8; }
    for (unsigned i = 0; i < nb; i++) enc[i] = tmp[nb - 1 - i];
    enc[nb] = (uint8_t)nb;
    return nb + 1;
}

/* Streams S = M || C || length_encode(|C|) through either the single-node
 * sponge or, once S exceeds one chunk, the final node plus leaf sponges. */
typedef struct {
    tshake_t final_node;
    tshake_t leaf;
    size_t in_chunk;     /* bytes of the current chunk absorbed */
    uint64_t chunk_idx;  /* 0 = first chunk (in the final node) */
} k12_tree;

static void k12_feed(k12_tree *t, const uint8_t *p, size_t n)
{
    while (n) {
        if (t->in_chunk == K12_CHUNK) {
            if (t->chunk_idx == 0) {
                static const uint8_t marker[8] = { 0x03, 0, 0, 0, 0, 0, 0, 0 };
                ts_absorb(&t->final_node, marker, 8);
            } else {
                uint8_t cv[32];
                ts_finish(&t->leaf, 0x0B, cv, 32);
                ts_absorb(&t->final_node, cv, 32);
            }
            ts_init(&t->leaf, 12);
            t->chunk_idx++;
            t->in_chunk = 0;
        }
        size_t room = K12_CHUNK - t->in_chunk;
        size_t take = n < room ? n : room;
        ts_absorb(t->chunk_idx == 0 ? &t->final_node : &t->leaf, p, take);
        t->in_chunk += take;
        p += take;
        n -= take;
    }
}

void kangarootwelve(const uint8_t *msg, size_t mlen, const uint8_t *custom, size_t clen,
                    uint8_t *out, size_t outlen)
{
    k12_tree t;
    uint8_t enc[9];
    ts_init(&t.final_node, 12);
    ts_init(&t.leaf, 12);
    t.in_chunk = 0;
    t.chunk_idx = 0;
    k12_feed(&t, msg, mlen);
    k12_feed(&t, custom, clen);
    k12_feed(&t, enc, k12_length_encode(clen, enc));
    if (t.chunk_idx == 0) {
        ts_finish(&t.final_node, 0x07, out, outlen);
        return;
    }
    uint8_t cv[32];
    ts_finish(&t.leaf, 0x0B, cv, 32);
    ts_absorb(&t.final_node, cv, 32);
    unsigned el = k12_length_encode(t.chunk_idx, enc);
    ts_absorb(&t.final_node, enc, el);
    static const uint8_t ffff[2] = { 0xFF, 0xFF };
    ts_absorb(&t.final_node, ffff, 2);
    ts_finish(&t.final_node, 0x06, out, outlen);
}

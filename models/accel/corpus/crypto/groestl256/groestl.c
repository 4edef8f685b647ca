/*
 * Groestl-224/256 (final-round version) written from the submission's
 * description: a 512-bit state seen as an 8x8 byte matrix filled column by
 * column, two fixed ten-round permutations P and Q (AddRoundConstant,
 * SubBytes with the AES S-box, ShiftBytes with different row offsets for
 * P and Q, MixBytes by the circulant matrix (2,2,3,4,5,3,5,7)),
 * compression f(h,m) = P(h^m) ^ Q(m) ^ h and output trunc(P(x) ^ x).
 * The S-box is computed here from the GF(2^8) inverse and the affine map.
 */
#include <stdint.h>
#include <stddef.h>
#include <string.h>

#define GR_ROWS 8
#define GR_COLS 8
#define GR_ROUNDS 10

typedef uint8_t gr_matrix[GR_ROWS][GR_COLS];

struct groestl_ctx {
    gr_matrix h;
    uint8_t block[64];
    unsigned fill;
    uint64_t nblocks;
    unsigned outbytes;
};

static uint8_t gr_sbox[256];
static int gr_ready;

static uint8_t gf_dbl(uint8_t a)
{
    return (uint8_t)((a << 1) ^ ((a & 0x80) ? 0x1b : 0));
}

static uint8_t gf_mul(uint8_t a, uint8_t b)
{
    uint8_t r = 0;
    while (b) {
        if (b & 1)
            r ^= a;
        a = gf_dbl(a);
        b >>= 1;
    }
    return r;
}

/* S(x) = A * x^-1 + 0x63 in GF(2^8) modulo x^8+x^4+x^3+x+1 */
void gr_make_sbox(void)
{
    for (int x = 0; x < 256; x++) {
        uint8_t inv = 0;
        if (x) {
            /* x^254 = x^-1 by square-and-multiply */
            uint8_t base = (uint8_t)x, acc = 1;
            unsigned e = 254;
            while (e) {
                if (e & 1)
                    acc = gf_mul(acc, base);
                base = gf_mul(base, base);
                e >>= 1;
            }
            inv = acc;
        }
        uint8_t s = 0x63;
        for (int bit = 0; bit < 8; bit++) {
            unsigned v = ((inv >> bit) ^ (inv >> ((bit + 4) & 7)) ^
                          (inv >> ((bit + 5) & 7)) ^ (inv >> ((bit + 6) & 7)) ^
                          (inv >> ((bit + 7) & 7))) & 1u;
            s ^= (uint8_t)(v << bit);
        }
        gr_sbox[x] = s;
    }
    gr_ready = 1;
}

static const uint8_t mix_row[8] = {2, 2, 3, 4, 5, 3, 5, 7};
static const uint8_t shift_p[8] = {0, 1, 2, 3, 4, 5, 6, 7};
static const uint8_t shift_q[8] = {1, 3, 5, 7, 0, 2, 4, 6};

/* q selects the Q permutation */
void gr_permute(gr_matrix a, int q)
{
    const uint8_t *sh = q ? shift_q : shift_p;
    uint8_t tmp[GR_COLS];
    int r, i, j, k;

    for (r = 0; r < GR_ROUNDS; r++) {
        /* AddRoundConstant */
        if (!q) {
            for (j = 0; j < GR_COLS; j++)
                a[0][j] ^= (uint8_t)((j << 4) ^ r);
        } else {
            for (i = 0; i < GR_ROWS; i++)
                for (j = 0; j < GR_COLS; j++)
                    a[i][j] ^= 0xff;
            for (j = 0; j < GR_COLS; j++)
                a[GR_ROWS - 1][j] ^= (uint8_t)((j << 4) ^ r);
        }
        /* SubBytes and ShiftBytes, row by row */
        for (i = 0; i < GR_ROWS; i++) {
            for (j = 0; j < GR_COLS; j++)
                tmp[j] = gr_sbox[a[i][(j + sh[i]) % GR_COLS]];
            memcpy(a[i], tmp, GR_COLS);
        }
        /* MixBytes, column by column */
        for (j = 0; j < GR_COLS; j++) {
            uint8_t col[GR_ROWS];
            for (i = 0; i < GR_ROWS; i++)
                col[i] = a[i][j];
            for (i = 0; i < GR_ROWS; i++) {
                uint8_t acc = 0;
                for (k = 0; k < GR_ROWS; k++)
                    acc ^= gf_mul(mix_row[(k - i + GR_ROWS) % GR_ROWS], col[k]);
                a[i][j] = acc;
            }
        }
    }
}

void gr_compress(gr_matrix h, const uint8_t m[64])
{
    gr_matrix p, q;
    int i, j;
    for (j = 0; j < GR_COLS; j++)
        for (i = 0; i < GR_ROWS; i++) {
            q[i][j] = m[8 * j + i];
            p[i][j] = (uint8_t)(h[i][j] ^ q[i][j]);
        }
    gr_permute(p, 0);
    gr_permute(q, 1);
    for (i = 0; i < GR_ROWS; i++)
        for (j = 0; j < GR_COLS; j++)
            h[i][j] ^= (uint8_t)(p[i][j] ^ q[i][j]);
}

void groestl_init(struct groestl_ctx *c, unsigned outbits)
{
    if (!gr_ready)
        gr_make_sbox();
    memset(c, 0, sizeof *c);
    c->outbytes = outbits / 8;
    /* IV: the output length in bits, big-endian in the last state bytes */
    c->h[GR_ROWS - 2][GR_COLS - 1] = (uint8_t)(outbits >> 8);
    c->h[GR_ROWS - 1][GR_COLS - 1] = (uint8_t)outbits;
}

void groestl_update(struct groestl_ctx *c, const uint8_t *in, size_t n)
{
    const uint8_t *end = in + n;
    while (in < end) {
        c->block[c->fill++] = *in++;
        if (c->fill == 64) {
            gr_compress(c->h, c->block);
            c->nblocks++;
            c->fill = 0;
        }
    }
}

/* pads with a one bit, zeros and the 64-bit block count, then applies the
 * output transformation and keeps the last outbytes bytes */
void groestl_final(struct groestl_ctx *c, uint8_t *out)
{
    gr_matrix x;
    uint64_t total;
    int i, j, b;

    c->block[c->fill++] = 0x80;
    if (c->fill > 56) {
        memset(c->block + c->fill, 0, 64 - c->fill);
        gr_compress(c->h, c->block);
        c->nblocks++;
        c->fill = 0;
    }
    memset(c->block + c->fill, 0, 56 - c->fill);
    total = c->nblocks + 1;
    for (b = 0; b < 8; b++)
        c->block[63 - b] = (uint8_t)(total >> (8 * b));
    gr_compress(c->h, c->block);

    memcpy(x, c->h, sizeof x);
    gr_permute(x, 0);
    for (i = 0; i < GR_ROWS; i++)
        for (j = 0; j < GR_COLS; j++)
            x[i][j] ^= c->h[i][j];
    for (b = 0; b < (int)c->outbytes; b++) {
        int pos = 64 - (int)c->outbytes + b;
        out[b] = x[pos % GR_ROWS][pos / GR_ROWS];
    }
}

/*
 * Midori64 (64-bit block, 128-bit key, 16 rounds), cell-oriented
 * implementation. State is 16 nibbles in column-major order.
 */
#include <stdint.h>
#include <stddef.h>

static const uint8_t sb0[16] = {
    0xC, 0xA, 0xD, 0x3, 0xE, 0xB, 0xF, 0x7,
    0x8, 0x9, 0x1, 0x5, 0x0, 0x2, 0x4, 0x6
};

static const uint8_t shuf[16] = {
    0, 10, 5, 15, 14, 4, 11, 1, 9, 3, 12, 6, 7, 13, 2, 8
};

/* round constants alpha_i, one bit per cell, packed MSB = cell 0 */
static const uint16_t alpha[15] = {
    0x15B3, 0x78C0, 0xA435, 0x6213, 0x104F, 0xD170, 0x0266, 0x0BCC,
    0x9481, 0x40B8, 0x7197, 0x228E, 0x5130, 0xF8CA, 0xDF90
};

struct mid_ctx {
    uint8_t wk[16];
    uint8_t rk[15][16];
};

static void unpack(uint64_t v, uint8_t c[16])
{
    for (int i = 0; i < 16; i++)
        c[i] = (uint8_t)((v >> (60 - 4 * i)) & 0xF);
}

static uint64_t pack(const uint8_t c[16])
{
    uint64_t v = 0;
    for (int i = 0; i < 16; i++)
        v = (v << 4) | c[i];
    return v;
}

void mid_setkey(struct mid_ctx *ctx, uint64_t k0, uint64_t k1)
{
    uint8_t a[16], b[16];
    unpack(k0, a);
    unpack(k1, b);
    for (int j = 0; j < 16; j++)
        ctx->wk[j] = a[j] ^ b[j];
    for (int i = 0; i < 15; i++) {
        const uint8_t *src = (i & 1) ? b : a;
        for (int j = 0; j < 16; j++)
            ctx->rk[i][j] = src[j] ^ (uint8_t)((alpha[i] >> (15 - j)) & 1);
    }
}

static void columns(uint8_t s[16])
{
    for (int c = 0; c < 16; c += 4) {
        uint8_t t = s[c] ^ s[c + 1] ^ s[c + 2] ^ s[c + 3];
        s[c] ^= t; s[c + 1] ^= t; s[c + 2] ^= t; s[c + 3] ^= t;
    }
}

uint64_t mid_forward(const struct mid_ctx *ctx, uint64_t in)
{
    uint8_t s[16], t[16];
    unpack(in, s);
    for (int j = 0; j < 16; j++)
        s[j] ^= ctx->wk[j];
    for (int r = 0; r < 15; r++) {
        for (int j = 0; j < 16; j++)
            t[j] = sb0[s[shuf[j]]];
        columns(t);
        for (int j = 0; j < 16; j++)
            s[j] = t[j] ^ ctx->rk[r][j];
    }
    for (int j = 0; j < 16; j++)
        s[j] = sb0[s[j]] ^ ctx->wk[j];
    return pack(s);
}

uint64_t mid_inverse(const struct mid_ctx *ctx, uint64_t in)
{
    uint8_t s[16], t[16];
    unpack(in, s);
    for (int j = 0; j < 16; j++)
        s[j] = sb0[s[j] ^ ctx->wk[j]];
    for (int r = 14; r >= 0; r--) {
        for (int j = 0; j < 16; j++)
            t[j] = s[j] ^ ctx->rk[r][j];
        columns(t);
        for (int j = 0; j < 16; j++)
            s[shuf[j]] = sb0[t[j]];
    }
    for (int j = 0; j < 16; j++)
        s[j] ^= ctx->wk[j];
    return pack(s);
}

/* Output-feedback keystream applied to a buffer. */
void ofb_apply(const struct mid_ctx *ctx, uint64_t *iv, uint8_t *buf, size_t len)
{
    uint64_t fb = *iv;
    for (size_t off = 0; off < len; off += 8) {
        fb = mid_forward(ctx, fb);
        size_t n = len - off < 8 ? len - off : 8;
        for (size_t j = 0; j < n; j++)
            buf[off + j] ^= (uint8_t)(fb >> (56 - 8 * j));
    }
    *iv = fb;
}

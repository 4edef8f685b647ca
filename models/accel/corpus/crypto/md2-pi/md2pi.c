/* 128-bit message digest after RFC 1319 (MD2).  The byte permutation
 * below was produced by gen_md2_pi.py (kept with the tests) from the digits of pi. */
#include <stddef.h>
#include <string.h>

static const unsigned char pi_perm[256] = {
     41,  46,  67, 201, 162, 216, 124,   1,  61,  54,  84, 161, 236, 240,   6,  19,
     98, 167,   5, 243, 192, 199, 115, 140, 152, 147,  43, 217, 188,  76, 130, 202,
     30, 155,  87,  60, 253, 212, 224,  22, 103,  66, 111,  24, 138,  23, 229,  18,
    190,  78, 196, 214, 218, 158, 222,  73, 160, 251, 245, 142, 187,  47, 238, 122,
    169, 104, 121, 145,  21, 178,   7,  63, 148, 194,  16, 137,  11,  34,  95,  33,
    128, 127,  93, 154,  90, 144,  50,  39,  53,  62, 204, 231, 191, 247, 151,   3,
    255,  25,  48, 179,  72, 165, 181, 209, 215,  94, 146,  42, 172,  86, 170, 198,
     79, 184,  56, 210, 150, 164, 125, 182, 118, 252, 107, 226, 156, 116,   4, 241,
     69, 157, 112,  89, 100, 113, 135,  32, 134,  91, 207, 101, 230,  45, 168,   2,
     27,  96,  37, 173, 174, 176, 185, 246,  28,  70,  97, 105,  52,  64, 126,  15,
     85,  71, 163,  35, 221,  81, 175,  58, 195,  92, 249, 206, 186, 197, 234,  38,
     44,  83,  13, 110, 133,  40, 132,   9, 211, 223, 205, 244,  65, 129,  77,  82,
    106, 220,  55, 200, 108, 193, 171, 250,  36, 225, 123,   8,  12, 189, 177,  74,
    120, 136, 149, 139, 227,  99, 232, 109, 233, 203, 213, 254,  59,   0,  29,  57,
    242, 239, 183,  14, 102,  88, 208, 228, 166, 119, 114, 248, 235, 117,  75,  10,
     49,  68,  80, 180, 143, 237,  31,  26, 219, 153, 141,  51, 159,  17, 131,  20,
};

typedef struct {
    unsigned char x[48];     /* x[0..15] is the chaining state */
    unsigned char chk[16];
    unsigned char buf[16];
    unsigned fill;
} dg16_ctx;

static void dg16_absorb(dg16_ctx *c, const unsigned char *blk)
{
    unsigned j, k, t;
    unsigned char last = c->chk[15];

    for (j = 0; j < 16; j++) {
        c->x[16 + j] = blk[j];
        c->x[32 + j] = (unsigned char)(blk[j] ^ c->x[j]);
        c->chk[j] ^= pi_perm[blk[j] ^ last];
        last = c->chk[j];
    }
    t = 0;
    for (j = 0; j < 18; j++) {
        for (k = 0; k < 48; k++) {
            c->x[k] ^= pi_perm[t];
            t = c->x[k];
        }
        t = (t + j) & 0xFF;
    }
}

void dg16_begin(dg16_ctx *c)
{
    memset(c, 0, sizeof *c);
}

void dg16_feed(dg16_ctx *c, const void *data, size_t len)
{
    const unsigned char *p = (const unsigned char *)data;
    while (len > 0) {
        unsigned take = 16 - c->fill;
        if (take > len)
            take = (unsigned)len;
        memcpy(c->buf + c->fill, p, take);
        c->fill += take;
        p += take;
        len -= take;
        if (c->fill == 16) {
            dg16_absorb(c, c->buf);
            c->fill = 0;
        }
    }
}

void dg16_end(dg16_ctx *c, unsigned char out[16])
{
    unsigned pad = 16 - c->fill, i;
    unsigned char tail[16];
    for (i = c->fill; i < 16; i++)
        c->buf[i] = (unsigned char)pad;
    dg16_absorb(c, c->buf);
    memcpy(tail, c->chk, 16);
    dg16_absorb(c, tail);
    memcpy(out, c->x, 16);
}

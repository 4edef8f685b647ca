/*
 * Cyclic redundancy codes as literal polynomial long division over GF(2).
 *
 * A polynomial is a bit array: coefficient of x^k lives in word k/32, bit
 * k%32. The message is turned into the polynomial M(x) whose highest term is
 * the first transmitted bit, multiplied by x^w (augmented), the initial
 * register value is added as init(x)*x^(8L), and the result is divided by
 * the generator G(x) = x^w + p(x).  The remainder is the check sequence.
 *
 * Because nothing is held in a machine register, the width is only limited
 * by GF2_MAXW: CRC-40/GSM and CRC-82/DARC run through the same code.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define GF2_MAXW 128
#define GF2_MW (GF2_MAXW / 32 + 1)

typedef struct {
    int width;                /* degree of the generator            */
    uint32_t gen[GF2_MW];     /* full generator, x^width term set   */
    uint32_t init[GF2_MW];    /* initial register, unreflected      */
    uint32_t xorout[GF2_MW];  /* final mask, applied after reflect  */
    int refin;                /* bytes are sent least significant first */
    int refout;               /* remainder is read back reflected   */
} gf2_code;

#define COEF(a, k) (((a)[(k) >> 5] >> ((k) & 31)) & 1u)
#define FLIP(a, k) ((a)[(k) >> 5] ^= (1u << ((k) & 31)))

/* Build a code from a width and big-endian byte strings for p(x), init and
 * xorout (each ceil(width/8) bytes, right-aligned). */
void gf2_code_define(gf2_code *c, int width, const uint8_t *poly,
                     const uint8_t *init, const uint8_t *xorout,
                     int refin, int refout)
{
    int nb = (width + 7) / 8;
    int i, k;
    memset(c, 0, sizeof *c);
    c->width = width;
    c->refin = refin;
    c->refout = refout;
    for (i = 0; i < nb; i++) {
        int base = 8 * (nb - 1 - i);
        for (k = 0; k < 8; k++) {
            int pos = base + k;
            if (pos >= width)
                continue;
            if ((poly[i] >> k) & 1)
                FLIP(c->gen, pos);
            if ((init[i] >> k) & 1)
                FLIP(c->init, pos);
            if ((xorout[i] >> k) & 1)
                FLIP(c->xorout, pos);
        }
    }
    FLIP(c->gen, width);
}

/* dst(x) += src(x) * x^shift, src having terms up to x^srcdeg. */
static void gf2_add_shifted(uint32_t *dst, const uint32_t *src, int srcdeg,
                            int shift)
{
    int sw = shift >> 5, sb = shift & 31;
    int n = (srcdeg >> 5) + 1;
    int i;
    for (i = 0; i < n; i++) {
        uint32_t v = src[i];
        dst[i + sw] ^= v << sb;
        if (sb != 0 && v >> (32 - sb))
            dst[i + sw + 1] ^= v >> (32 - sb);
    }
}

/* Reduce a(x) (terms up to x^top) modulo the generator; afterwards only the
 * terms below x^width are non-zero. Classic schoolbook division, one
 * quotient term per step. */
static void gf2_reduce(uint32_t *a, int top, const gf2_code *c)
{
    int k;
    for (k = top; k >= c->width; k--) {
        if (COEF(a, k))
            gf2_add_shifted(a, c->gen, c->width, k - c->width);
    }
}

/* Write the message as a polynomial times x^width: the first bit on the line
 * becomes the highest coefficient. */
static void gf2_message_poly(uint32_t *a, const uint8_t *msg, size_t len,
                             const gf2_code *c)
{
    size_t i;
    int b;
    long pos = (long)(8 * len) + c->width - 1;
    for (i = 0; i < len; i++) {
        for (b = 0; b < 8; b++, pos--) {
            int bit = c->refin ? (msg[i] >> b) & 1 : (msg[i] >> (7 - b)) & 1;
            if (bit)
                FLIP(a, pos);
        }
    }
    /* preset register == adding init(x) * x^(8L) to the augmented message */
    gf2_add_shifted(a, c->init, c->width - 1, (int)(8 * len));
}

/* Compute the check word; out receives ceil(width/8) bytes, big-endian.
 * Returns 0, or -1 when the scratch polynomial cannot be allocated. */
int gf2_code_check(const gf2_code *c, const uint8_t *msg, size_t len,
                   uint8_t *out)
{
    int top = (int)(8 * len) + c->width - 1;
    size_t nwords = (size_t)(top >> 5) + 2 + GF2_MW;
    uint32_t *a = (uint32_t *)calloc(nwords, sizeof(uint32_t));
    uint32_t rem[GF2_MW];
    int nb = (c->width + 7) / 8;
    int k;
    if (a == NULL)
        return -1;
    gf2_message_poly(a, msg, len, c);
    gf2_reduce(a, top, c);

    memset(rem, 0, sizeof rem);
    for (k = 0; k < c->width; k++) {
        if (COEF(a, k)) {
            int dst = c->refout ? c->width - 1 - k : k;
            FLIP(rem, dst);
        }
    }
    for (k = 0; k < GF2_MW; k++)
        rem[k] ^= c->xorout[k];
    free(a);

    memset(out, 0, (size_t)nb);
    for (k = 0; k < c->width; k++) {
        if (COEF(rem, k))
            out[nb - 1 - k / 8] |= (uint8_t)(1u << (k % 8));
    }
    return 0;
}

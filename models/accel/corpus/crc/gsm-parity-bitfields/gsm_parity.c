/*
 * Short GSM parity codes over bit fields that are not byte multiples.
 *
 *   CRC-3/GSM : g(D) = D^3 + D + 1,            remainder inverted (xorout 7)
 *   CRC-6/GSM : g(D) = D^6 + D^5 + D^3 + D^2 + D + 1, remainder inverted
 *
 * Speech and control channel coders protect a run of class-1a bits whose
 * length is set by the codec (50, 65, ...). The input here is either a list
 * of (value, width) fields, a buffer of unpacked bits (one bit per byte, the
 * way channel-coding descriptions index u(k)), or a packed bit string of any
 * length. Bits are taken most significant first. The register is stored as
 * the remainder polynomial itself, right aligned, and one division step is
 * taken per input bit.
 */
#include <stddef.h>
#include <stdint.h>

struct gsm_parity_code {
    unsigned degree;     /* number of parity bits            */
    unsigned low_terms;  /* g(D) without its D^degree term    */
    unsigned invert;     /* xor applied to the final remainder */
};

const struct gsm_parity_code GSM_PARITY3 = {3, 0x3, 0x7};
const struct gsm_parity_code GSM_PARITY6 = {6, 0x2F, 0x3F};

struct gsm_field {
    uint32_t value;
    unsigned width;      /* 1..32 */
};

/* One division step: shift in bit b. */
#define GSM_STEP(code, rem, b)                                         \
    do {                                                               \
        unsigned fb_ = (((rem) >> ((code)->degree - 1)) ^ (b)) & 1u;   \
        (rem) = ((rem) << 1) & ((1u << (code)->degree) - 1u);          \
        if (fb_)                                                       \
            (rem) ^= (code)->low_terms;                                \
    } while (0)

unsigned gsm_parity_fields(const struct gsm_parity_code *code,
                           const struct gsm_field *f, size_t nfields)
{
    unsigned rem = 0;
    size_t i;
    for (i = 0; i < nfields; i++) {
        unsigned w = f[i].width;
        while (w > 0) {
            w--;
            GSM_STEP(code, rem, (unsigned)(f[i].value >> w) & 1u);
        }
    }
    return rem ^ code->invert;
}

unsigned gsm_parity_unpacked(const struct gsm_parity_code *code,
                             const uint8_t *u, size_t nbits)
{
    unsigned rem = 0;
    const uint8_t *end = u + nbits;
    while (u < end) {
        GSM_STEP(code, rem, (unsigned)(*u & 1u));
        u++;
    }
    return rem ^ code->invert;
}

unsigned gsm_parity_packed(const struct gsm_parity_code *code,
                           const uint8_t *bits, size_t nbits)
{
    unsigned rem = 0;
    size_t k;
    for (k = 0; k < nbits; k++) {
        unsigned b = (unsigned)(bits[k >> 3] >> (7 - (k & 7))) & 1u;
        GSM_STEP(code, rem, b);
    }
    return rem ^ code->invert;
}

/* Channel-coder form: compute the parity of u[0..nbits) and write its bits
 * behind the data, highest-order parity bit first, so that u[0..nbits+deg)
 * is the protected block. */
void gsm_parity_attach(const struct gsm_parity_code *code, uint8_t *u,
                       size_t nbits)
{
    unsigned p = gsm_parity_unpacked(code, u, nbits);
    unsigned j;
    for (j = 0; j < code->degree; j++)
        u[nbits + j] = (uint8_t)((p >> (code->degree - 1 - j)) & 1u);
}

/* Receiver form: a block of data plus attached parity is intact when
 * dividing all of it leaves the code's fixed syndrome (the remainder that
 * the inverted parity leaves behind). */
int gsm_parity_block_ok(const struct gsm_parity_code *code, const uint8_t *u,
                        size_t nbits_with_parity)
{
    unsigned rem = 0, expect = 0;
    size_t k;
    unsigned j;
    if (nbits_with_parity < code->degree)
        return 0;
    for (k = 0; k < nbits_with_parity; k++)
        GSM_STEP(code, rem, (unsigned)(u[k] & 1u));
    /* syndrome of the all-ones pattern of length degree fed into a zero
     * register: that is what the inversion contributes */
    for (j = 0; j < code->degree; j++)
        GSM_STEP(code, expect, 1u);
    return rem == expect;
}

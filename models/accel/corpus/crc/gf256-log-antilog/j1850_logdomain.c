/*
 * CRC-8 with generator g(x) = x^8 + x^4 + x^3 + x^2 + 1 (0x1D, the SAE J1850
 * polynomial), computed in the logarithm domain of GF(2^8).
 *
 * g(x) is primitive, so the residues mod g form the field GF(256) and x is a
 * generator of its multiplicative group.  A non-reflected byte step is
 *     r' = (r XOR b) * x^8  mod g,
 * i.e. a multiplication by the field element x^8.  With discrete logarithms
 * that is an addition of 8 to the exponent.  Shifting a register over n zero
 * bytes is likewise an addition of 8n (mod 255), which gives an O(1)
 * concatenation rule for two CRCs.
 *
 * Parameter sets of the RevEng catalogue that share the generator:
 *   CRC-8/SAE-J1850  init 0xFF xorout 0xFF
 *   CRC-8/HITAG      init 0xFF xorout 0x00
 *   CRC-8/I-CODE     init 0xFD xorout 0x00
 *   CRC-8/MIFARE-MAD init 0xC7 xorout 0x00
 */
#include <stddef.h>
#include <stdint.h>

#define J1850_GEN_LOW 0x1Du /* g(x) without the x^8 term */
#define FIELD_ORDER 255u

typedef struct {
    uint8_t antilog[2 * 255 + 8]; /* x^k mod g for k in [0, 518) */
    uint8_t logx[256];            /* logx[v] = k with x^k = v (v != 0) */
    int ready;
} logdomain_t;

static logdomain_t g_field;

typedef struct {
    uint8_t init;
    uint8_t xorout;
} j1850_variant;

const j1850_variant J1850_SAE = {0xFF, 0xFF};
const j1850_variant J1850_HITAG = {0xFF, 0x00};
const j1850_variant J1850_ICODE = {0xFD, 0x00};
const j1850_variant J1850_MIFARE_MAD = {0xC7, 0x00};

/* Powers of x reduced mod g; logs are their inverse permutation. */
void logdomain_build(void)
{
    unsigned v = 1u, k;
    for (k = 0; k < sizeof g_field.antilog; k++) {
        g_field.antilog[k] = (uint8_t)v;
        if (k < FIELD_ORDER)
            g_field.logx[v] = (uint8_t)k;
        v <<= 1;
        if (v & 0x100u)
            v = (v ^ J1850_GEN_LOW) & 0xFFu;
    }
    g_field.logx[0] = 0; /* never consulted: zero has no logarithm */
    g_field.ready = 1;
}

/* Register after feeding len bytes, from an arbitrary start value (no final
 * xor).  Each byte costs two lookups and an add. */
uint8_t logdomain_feed(uint8_t reg, const uint8_t *msg, size_t len)
{
    const uint8_t *end = msg + len;
    if (!g_field.ready)
        logdomain_build();
    while (msg != end) {
        unsigned t = (unsigned)(reg ^ *msg++);
        reg = t ? g_field.antilog[g_field.logx[t] + 8u] : 0u;
    }
    return reg;
}

/* reg * x^(8*nbytes) mod g: the register after nbytes zero bytes. */
uint8_t logdomain_advance(uint8_t reg, uint64_t nbytes)
{
    unsigned e;
    if (reg == 0)
        return 0;
    if (!g_field.ready)
        logdomain_build();
    e = (unsigned)((8u * (nbytes % FIELD_ORDER)) % FIELD_ORDER);
    return g_field.antilog[g_field.logx[reg] + e];
}

uint8_t j1850_checksum(const j1850_variant *v, const void *msg, size_t len)
{
    return (uint8_t)(logdomain_feed(v->init, (const uint8_t *)msg, len) ^ v->xorout);
}

/* CRC of A||B from crc(A), crc(B) and |B|, both computed with variant v.
 * reg(A||B) = (reg(A) ^ init) * x^(8|B|) ^ reg(B). */
uint8_t j1850_concat(const j1850_variant *v, uint8_t crc_a, uint8_t crc_b,
                     uint64_t len_b)
{
    uint8_t ra = (uint8_t)(crc_a ^ v->xorout);
    uint8_t rb = (uint8_t)(crc_b ^ v->xorout);
    uint8_t r = (uint8_t)(logdomain_advance((uint8_t)(ra ^ v->init), len_b) ^ rb);
    return (uint8_t)(r ^ v->xorout);
}

/* Receiver side: message followed by its transmitted CRC byte is accepted
 * when the recomputed CRC over the body matches the trailer. */
int j1850_frame_ok(const j1850_variant *v, const uint8_t *frame, size_t len)
{
    if (len < 1)
        return 0;
    return j1850_checksum(v, frame, len - 1) == frame[len - 1];
}

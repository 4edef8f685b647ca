/* CRC-32/ISO-HDLC run forwards and backwards, and a four-byte patch that
 * forces the CRC of a buffer to any chosen value.
 *
 * The reflected byte step is r' = (r >> 8) ^ T[(r ^ b) & 0xff].  For this
 * generator the top bytes of the 256 table entries are all different, so
 * the step can be undone: the top byte of r' names the table index i that
 * was used, r' ^ T[i] gives r >> 8, and i ^ b restores the low byte of r.
 * Walking a suffix backwards from the register a target value implies,
 * and the prefix forwards from the preset, leaves two registers A and B;
 * four bytes P at the patch position take A to B exactly when
 * A ^ P = Z^-1(B), Z being four zero-byte steps (the step is affine in the
 * byte fed).  Check value of "123456789": 0xCBF43926. */
#include <stddef.h>
#include <stdint.h>

#define HDLC_POLY_REV 0xEDB88320u

struct crc32_duplex {
    uint32_t fwd[256];
    uint8_t back[256]; /* back[T[i] >> 24] == i */
};

void crc32_duplex_init(struct crc32_duplex *d)
{
    uint32_t i, v;
    int k;
    for (i = 0; i < 256; i++) {
        v = i;
        for (k = 8; k > 0; k--)
            v = (v >> 1) ^ (HDLC_POLY_REV & (0u - (v & 1u)));
        d->fwd[i] = v;
        d->back[v >> 24] = (uint8_t)i;
    }
}

/* Raw register forwards over len bytes. */
uint32_t crc32_duplex_run(const struct crc32_duplex *d, uint32_t reg,
                          const uint8_t *buf, size_t len)
{
    size_t j;
    for (j = 0; j < len; j++)
        reg = d->fwd[(reg ^ buf[j]) & 0xFFu] ^ (reg >> 8);
    return reg;
}

/* Raw register backwards: the register before buf, given the one after. */
uint32_t crc32_duplex_unrun(const struct crc32_duplex *d, uint32_t reg,
                            const uint8_t *buf, size_t len)
{
    const uint8_t *q = buf + len;
    uint8_t idx;
    while (q != buf) {
        --q;
        idx = d->back[reg >> 24];
        reg = ((reg ^ d->fwd[idx]) << 8) | (uint32_t)(uint8_t)(idx ^ *q);
    }
    return reg;
}

uint32_t crc32_duplex_sum(const struct crc32_duplex *d, const uint8_t *buf, size_t len)
{
    return crc32_duplex_run(d, 0xFFFFFFFFu, buf, len) ^ 0xFFFFFFFFu;
}

/* Overwrite buf[at..at+3] so that the CRC-32 of buf[0..len) becomes want.
 * Returns -1 if the patch does not fit. */
int crc32_duplex_force(const struct crc32_duplex *d, uint8_t *buf, size_t len,
                       size_t at, uint32_t want)
{
    uint32_t a, b, p;
    int n;
    if (len < 4 || at > len - 4)
        return -1;
    a = crc32_duplex_run(d, 0xFFFFFFFFu, buf, at);
    b = crc32_duplex_unrun(d, want ^ 0xFFFFFFFFu, buf + at + 4, len - at - 4);
    for (n = 0; n < 4; n++) {
        uint8_t idx = d->back[b >> 24];
        b = ((b ^ d->fwd[idx]) << 8) | idx;
    }
    p = a ^ b;
    buf[at] = (uint8_t)p;
    buf[at + 1] = (uint8_t)(p >> 8);
    buf[at + 2] = (uint8_t)(p >> 16);
    buf[at + 3] = (uint8_t)(p >> 24);
    return 0;
}

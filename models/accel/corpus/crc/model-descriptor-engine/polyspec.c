/* A register engine driven entirely by a descriptor, in the style of the
 * Williams "Rocksoft" parameter model: width (1..64), generator, preset,
 * input/output reflection and final xor.  Bit-serial, so any width works,
 * including odd ones such as 15 or 21 bits. */
#include <stddef.h>
#include <stdint.h>

struct polyspec {
    unsigned width;
    uint64_t poly;
    uint64_t init;
    unsigned char refin;
    unsigned char refout;
    uint64_t xorout;
};

static uint64_t width_mask(unsigned w)
{
    return w >= 64 ? ~(uint64_t)0 : (((uint64_t)1 << w) - 1);
}

static uint64_t mirror_bits(uint64_t v, unsigned n)
{
    uint64_t r = 0;
    unsigned i;

    for (i = 0; i < n; i++) {
        r = (r << 1) | (v & 1);
        v >>= 1;
    }
    return r;
}

uint64_t spec_start(const struct polyspec *s)
{
    uint64_t r = s->init & width_mask(s->width);
    return s->refin ? mirror_bits(r, s->width) : r;
}

uint64_t spec_feed(const struct polyspec *s, uint64_t reg, const void *buf,
                   size_t len)
{
    const unsigned char *p = (const unsigned char *)buf;
    const uint64_t mask = width_mask(s->width);
    const uint64_t top = (uint64_t)1 << (s->width - 1);
    size_t i;

    if (s->refin) {
        const uint64_t rpoly = mirror_bits(s->poly, s->width);
        for (i = 0; i < len; i++) {
            unsigned b = p[i];
            int k;
            for (k = 0; k < 8; k++, b >>= 1) {
                uint64_t fb = (reg ^ b) & 1;
                reg >>= 1;
                if (fb)
                    reg ^= rpoly;
            }
        }
    } else {
        for (i = 0; i < len; i++) {
            int k;
            for (k = 7; k >= 0; k--) {
                uint64_t fb = ((reg & top) != 0) ^ ((p[i] >> k) & 1u);
                reg = (reg << 1) & mask;
                if (fb)
                    reg ^= s->poly;
            }
        }
    }
    return reg & mask;
}

uint64_t spec_finish(const struct polyspec *s, uint64_t reg)
{
    if (s->refin != s->refout)
        reg = mirror_bits(reg, s->width);
    return (reg ^ s->xorout) & width_mask(s->width);
}

uint64_t spec_oneshot(const struct polyspec *s, const void *buf, size_t len)
{
    return spec_finish(s, spec_feed(s, spec_start(s), buf, len));
}

/* A pluggable "error-detect engine" as used for ATM OAM cells: the cell
 * code only sees a struct of function pointers.  Two engines implement
 * the same 10-bit code (generator x^10+x^9+x^5+x^4+x+1, i.e. 0x233, MSB
 * first, zero preset, no final xor): one walks bits, one uses a table. */
#include <stddef.h>
#include <stdint.h>

struct edc_engine {
    uint16_t state;
    uint16_t gen;
    const uint16_t *rows;
    void (*reset)(struct edc_engine *);
    void (*feed)(struct edc_engine *, const uint8_t *, size_t);
    uint16_t (*value)(const struct edc_engine *);
};

static uint16_t oam_rows[256];

static void oam_reset(struct edc_engine *e) { e->state = 0; }

static uint16_t oam_value(const struct edc_engine *e)
{
    return (uint16_t)(e->state & 0x3FFu);
}

static void oam_feed_bits(struct edc_engine *e, const uint8_t *p, size_t n)
{
    uint16_t s = e->state;
    while (n--) {
        uint8_t octet = *p++;
        for (int b = 7; b >= 0; b--) {
            unsigned in = (octet >> b) & 1u;
            unsigned out = (s >> 9) & 1u;
            s = (uint16_t)((s << 1) & 0x3FFu);
            if (in ^ out)
                s ^= e->gen;
        }
    }
    e->state = s;
}

/* Table rows: remainder of (i << 10) mod gen, i.e. the effect of pushing
 * the top 8 register bits through eight shifts. */
static void oam_rows_make(uint16_t gen)
{
    for (unsigned i = 0; i < 256; i++) {
        unsigned r = i << 2;
        for (int k = 0; k < 8; k++) {
            r <<= 1;
            if (r & 0x400u)
                r ^= 0x400u | gen;
        }
        oam_rows[i] = (uint16_t)(r & 0x3FFu);
    }
}

static void oam_feed_rows(struct edc_engine *e, const uint8_t *p, size_t n)
{
    uint16_t s = e->state;
    for (size_t i = 0; i < n; i++) {
        unsigned idx = ((unsigned)(s >> 2) ^ p[i]) & 0xFFu;
        s = (uint16_t)(((unsigned)(s << 8) ^ e->rows[idx]) & 0x3FFu);
    }
    e->state = s;
}

void edc_engine_bind(struct edc_engine *e, int use_rows)
{
    e->gen = 0x233;
    e->rows = oam_rows;
    e->reset = oam_reset;
    e->value = oam_value;
    if (use_rows) {
        if (oam_rows[1] == 0)
            oam_rows_make(0x233);
        e->feed = oam_feed_rows;
    } else {
        e->feed = oam_feed_bits;
    }
    e->reset(e);
}

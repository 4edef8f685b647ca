/* T10 protection-information guard tag for 512-byte sectors.
 * Guard: polynomial 0x8BB7, MSB first, zero preset, no final xor.
 * The lookup is kept as two parallel byte arrays (high half / low half of
 * each 16-bit remainder) so the running register is also held as two bytes. */
#include <stddef.h>
#include <stdint.h>

#define DIF_SECTOR 512u
#define DIF_TUPLE 8u

struct guard_lanes {
    uint8_t hi[256];
    uint8_t lo[256];
    int ready;
};

static struct guard_lanes lanes;

void guard_lanes_init(void)
{
    unsigned n;

    for (n = 0; n < 256; n++) {
        uint16_t r = (uint16_t)(n << 8);
        int k;

        for (k = 0; k < 8; k++) {
            if (r & 0x8000u)
                r = (uint16_t)((r << 1) ^ 0x8BB7u);
            else
                r = (uint16_t)(r << 1);
        }
        lanes.hi[n] = (uint8_t)(r >> 8);
        lanes.lo[n] = (uint8_t)(r & 0xFFu);
    }
    lanes.ready = 1;
}

uint16_t guard_accumulate(uint16_t seed, const uint8_t *p, size_t n)
{
    uint8_t gh = (uint8_t)(seed >> 8);
    uint8_t gl = (uint8_t)seed;

    if (!lanes.ready)
        guard_lanes_init();
    while (n--) {
        uint8_t ix = (uint8_t)(gh ^ *p++);
        gh = (uint8_t)(gl ^ lanes.hi[ix]);
        gl = lanes.lo[ix];
    }
    return (uint16_t)((gh << 8) | gl);
}

/* Fill the 8-byte PI tuple of every sector: guard (BE), app tag, ref tag. */
void dif_protect(const uint8_t *data, size_t nsect, uint8_t *pi,
                 uint16_t app, uint32_t lba)
{
    size_t s;

    for (s = 0; s < nsect; s++) {
        uint16_t g = guard_accumulate(0, data + s * DIF_SECTOR, DIF_SECTOR);
        uint8_t *t = pi + s * DIF_TUPLE;
        uint32_t ref = lba + (uint32_t)s;

        t[0] = (uint8_t)(g >> 8);
        t[1] = (uint8_t)g;
        t[2] = (uint8_t)(app >> 8);
        t[3] = (uint8_t)app;
        t[4] = (uint8_t)(ref >> 24);
        t[5] = (uint8_t)(ref >> 16);
        t[6] = (uint8_t)(ref >> 8);
        t[7] = (uint8_t)ref;
    }
}

/* Returns the index of the first sector whose guard does not match, or
 * nsect when all match.  Walks the lanes directly, one sector at a time. */
size_t dif_first_bad(const uint8_t *data, size_t nsect, const uint8_t *pi)
{
    size_t s;

    if (!lanes.ready)
        guard_lanes_init();
    for (s = 0; s < nsect; s++) {
        const uint8_t *p = data + s * DIF_SECTOR;
        const uint8_t *t = pi + s * DIF_TUPLE;
        uint8_t gh = 0, gl = 0;
        unsigned i;

        for (i = 0; i < DIF_SECTOR; i++) {
            uint8_t ix = (uint8_t)(gh ^ p[i]);
            gh = (uint8_t)(gl ^ lanes.hi[ix]);
            gl = lanes.lo[ix];
        }
        if (gh != t[0] || gl != t[1])
            return s;
    }
    return nsect;
}

/* Castagnoli checksum (reflected 0x82F63B78, preset and final inversion)
 * over a chain of buffer segments, the way a BSD-style stack walks an
 * mbuf chain: each link has its own data pointer and fill length, and the
 * caller can ask for a window [skip, skip + count) of the logical payload. */
#include <stddef.h>
#include <stdint.h>

struct seg {
    struct seg *next;
    const uint8_t *buf;
    size_t fill;
};

static uint32_t castag[256];
static uint32_t castag_built;

static void castag_build(void)
{
    for (uint32_t v = 0; v < 256; v++) {
        uint32_t r = v;
        for (unsigned s = 0; s < 8; s++)
            r = (r >> 1) ^ (0x82F63B78u & (0u - (r & 1u)));
        castag[v] = r;
    }
    castag_built = 1;
}

/* Folds one contiguous run into the running register (no pre/post xor). */
static uint32_t seg_fold(uint32_t reg, const uint8_t *p, size_t n)
{
    const uint8_t *e = p + n;
    for (; p < e; p++)
        reg = castag[(reg ^ *p) & 0xFFu] ^ (reg >> 8);
    return reg;
}

uint32_t chain_sum(const struct seg *m, size_t skip, size_t count)
{
    uint32_t reg = 0xFFFFFFFFu;
    if (!castag_built)
        castag_build();
    while (m != NULL && skip >= m->fill) {
        skip -= m->fill;
        m = m->next;
    }
    while (m != NULL && count > 0) {
        size_t avail = m->fill - skip;
        size_t take = avail < count ? avail : count;
        reg = seg_fold(reg, m->buf + skip, take);
        count -= take;
        skip = 0;
        m = m->next;
    }
    return ~reg;
}

/* Sums the whole chain and compares against a little-endian trailer
 * stored in the last four payload bytes (which may straddle links). */
int chain_trailer_ok(const struct seg *head)
{
    size_t total = 0, pos = 0;
    uint32_t reg = 0xFFFFFFFFu, want = 0;
    const struct seg *m;
    if (!castag_built)
        castag_build();
    for (m = head; m != NULL; m = m->next)
        total += m->fill;
    if (total < 4)
        return 0;
    for (m = head; m != NULL; m = m->next) {
        for (size_t i = 0; i < m->fill; i++, pos++) {
            uint8_t b = m->buf[i];
            if (pos < total - 4)
                reg = castag[(reg ^ b) & 0xFFu] ^ (reg >> 8);
            else
                want |= (uint32_t)b << (8 * (pos - (total - 4)));
        }
    }
    return ~reg == want;
}

/* Cyclic code over a [begin, end) byte span, aeronautical 32-bit generator
 * 0x814141AB (MSB first, zero preset, no output inversion).  The caller
 * passes a pointer pair instead of pointer + count, like STL-style ranges. */
#include <stddef.h>
#include <stdint.h>

#define Q_GEN 0x814141ABu

static uint32_t q_rows[256];
static int q_rows_ready;

static void q_rows_fill(uint32_t gen)
{
    uint32_t n = 0;
    while (n < 256) {
        uint32_t acc = n << 24;
        int k = 8;
        while (k-- > 0) {
            if (acc & 0x80000000u)
                acc = (acc << 1) ^ gen;
            else
                acc <<= 1;
        }
        q_rows[n] = acc;
        n++;
    }
    q_rows_ready = 1;
}

uint32_t span_update(uint32_t acc, const unsigned char *cur,
                     const unsigned char *stop)
{
    if (!q_rows_ready)
        q_rows_fill(Q_GEN);
    while (cur != stop) {
        unsigned char top = (unsigned char)(acc >> 24);
        acc = (acc << 8) ^ q_rows[top ^ *cur];
        ++cur;
    }
    return acc;
}

/* Whole-message form: walks the range from both halves so a caller that
 * splits a record at a boundary gets the same answer. */
uint32_t span_digest(const void *first, const void *last)
{
    const unsigned char *a = (const unsigned char *)first;
    const unsigned char *z = (const unsigned char *)last;
    const unsigned char *mid = a + (z - a) / 2;
    uint32_t acc = 0;
    acc = span_update(acc, a, mid);
    acc = span_update(acc, mid, z);
    return acc;
}

/* Verifies a record whose last four bytes hold the code, big-endian. */
int span_record_good(const unsigned char *rec, const unsigned char *rec_end)
{
    const unsigned char *tail;
    uint32_t want, got = 0;
    if (rec_end - rec < 4)
        return 0;
    tail = rec_end - 4;
    want = ((uint32_t)tail[0] << 24) | ((uint32_t)tail[1] << 16) |
           ((uint32_t)tail[2] << 8) | (uint32_t)tail[3];
    if (!q_rows_ready)
        q_rows_fill(Q_GEN);
    while (rec != tail) {
        got = (got << 8) ^ q_rows[(got >> 24) ^ *rec];
        ++rec;
    }
    return got == want;
}

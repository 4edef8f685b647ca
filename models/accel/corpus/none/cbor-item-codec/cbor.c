/* CBOR (RFC 8949) item heads: a minimal encoder for the data model used by
 * CoAP/ACE-style control messages and a well-formedness walker for received
 * payloads.  Head = major type (3 bits) + additional info (5 bits), followed
 * by 0/1/2/4/8 big-endian argument bytes; ai 31 opens an indefinite-length
 * string, array or map closed by the 0xFF "break" byte.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

enum {
    CB_UINT = 0,
    CB_NINT = 1,
    CB_BSTR = 2,
    CB_TSTR = 3,
    CB_ARRAY = 4,
    CB_MAP = 5,
    CB_TAG = 6,
    CB_SIMPLE = 7
};

#define CB_AI_1 24
#define CB_AI_8 27
#define CB_AI_INDEF 31
#define CB_BREAK 0xFF
#define CB_MAX_DEPTH 32

typedef struct {
    uint8_t *buf;
    size_t cap;
    size_t len;
    int overflow;
} cbor_writer;

typedef struct {
    const uint8_t *buf;
    size_t len;
    size_t pos;
} cbor_reader;

void cbw_init(cbor_writer *w, uint8_t *buf, size_t cap)
{
    w->buf = buf;
    w->cap = cap;
    w->len = 0;
    w->overflow = 0;
}

static void cbw_raw(cbor_writer *w, const void *src, size_t n)
{
    if (w->overflow || w->cap - w->len < n) {
        w->overflow = 1;
        return;
    }
    memcpy(w->buf + w->len, src, n);
    w->len += n;
}

/* Shortest-form head for (major, argument). */
void cbw_head(cbor_writer *w, unsigned major, uint64_t arg)
{
    uint8_t h[9];
    size_t n;
    unsigned mt = major << 5;

    if (arg < 24) {
        h[0] = (uint8_t)(mt | (unsigned)arg);
        n = 1;
    } else if (arg <= 0xFF) {
        h[0] = (uint8_t)(mt | 24);
        h[1] = (uint8_t)arg;
        n = 2;
    } else if (arg <= 0xFFFF) {
        h[0] = (uint8_t)(mt | 25);
        h[1] = (uint8_t)(arg >> 8);
        h[2] = (uint8_t)arg;
        n = 3;
    } else if (arg <= 0xFFFFFFFFull) {
        h[0] = (uint8_t)(mt | 26);
        for (int i = 0; i < 4; i++)
            h[1 + i] = (uint8_t)(arg >> (24 - 8 * i));
        n = 5;
    } else {
        h[0] = (uint8_t)(mt | 27);
        for (int i = 0; i < 8; i++)
            h[1 + i] = (uint8_t)(arg >> (56 - 8 * i));
        n = 9;
    }
    cbw_raw(w, h, n);
}

void cbw_uint(cbor_writer *w, uint64_t v) { cbw_head(w, CB_UINT, v); }

void cbw_int(cbor_writer *w, int64_t v)
{
    if (v >= 0)
        cbw_head(w, CB_UINT, (uint64_t)v);
    else
        cbw_head(w, CB_NINT, ~(uint64_t)v); /* -1 - v without overflow */
}

void cbw_bytes(cbor_writer *w, const uint8_t *p, size_t n)
{
    cbw_head(w, CB_BSTR, n);
    cbw_raw(w, p, n);
}

void cbw_text(cbor_writer *w, const char *s, size_t n)
{
    cbw_head(w, CB_TSTR, n);
    cbw_raw(w, s, n);
}

void cbw_array(cbor_writer *w, size_t n) { cbw_head(w, CB_ARRAY, n); }
void cbw_map(cbor_writer *w, size_t npairs) { cbw_head(w, CB_MAP, npairs); }
void cbw_tag(cbor_writer *w, uint64_t tag) { cbw_head(w, CB_TAG, tag); }

void cbw_bool(cbor_writer *w, int b)
{
    uint8_t c = b ? 0xF5 : 0xF4;
    cbw_raw(w, &c, 1);
}

void cbw_null(cbor_writer *w)
{
    uint8_t c = 0xF6;
    cbw_raw(w, &c, 1);
}

void cbw_indef(cbor_writer *w, unsigned major)
{
    uint8_t c = (uint8_t)((major << 5) | CB_AI_INDEF);
    cbw_raw(w, &c, 1);
}

void cbw_break(cbor_writer *w)
{
    uint8_t c = CB_BREAK;
    cbw_raw(w, &c, 1);
}

/* ---- reading ---- */

void cbr_init(cbor_reader *r, const uint8_t *buf, size_t len)
{
    r->buf = buf;
    r->len = len;
    r->pos = 0;
}

/* Read one head.  Returns 0 and fills major/ai/arg, or -1 when truncated or
 * when ai is one of the reserved values 28..30.  For ai 31 arg is 0. */
int cbr_head(cbor_reader *r, unsigned *major, unsigned *ai, uint64_t *arg)
{
    if (r->pos >= r->len)
        return -1;
    uint8_t ib = r->buf[r->pos++];
    *major = ib >> 5;
    *ai = ib & 0x1F;
    if (*ai < CB_AI_1) {
        *arg = *ai;
        return 0;
    }
    if (*ai == CB_AI_INDEF) {
        *arg = 0;
        return 0;
    }
    if (*ai > CB_AI_8)
        return -1;
    size_t nb = (size_t)1 << (*ai - CB_AI_1);
    if (r->len - r->pos < nb)
        return -1;
    uint64_t v = 0;
    for (size_t i = 0; i < nb; i++)
        v = (v << 8) | r->buf[r->pos + i];
    r->pos += nb;
    *arg = v;
    return 0;
}

static int cbr_item(cbor_reader *r, int depth, unsigned *items);

/* Chunks of an indefinite string: definite strings of the same major type
 * up to a break. */
static int cbr_chunks(cbor_reader *r, unsigned want_major)
{
    for (;;) {
        if (r->pos >= r->len)
            return -1;
        if (r->buf[r->pos] == CB_BREAK) {
            r->pos++;
            return 0;
        }
        unsigned mj, ai;
        uint64_t n;
        if (cbr_head(r, &mj, &ai, &n) < 0)
            return -1;
        if (mj != want_major || ai == CB_AI_INDEF)
            return -1;
        if (n > r->len - r->pos)
            return -1;
        r->pos += (size_t)n;
    }
}

static int cbr_item(cbor_reader *r, int depth, unsigned *items)
{
    unsigned mj, ai;
    uint64_t arg;

    if (depth > CB_MAX_DEPTH)
        return -1;
    if (cbr_head(r, &mj, &ai, &arg) < 0)
        return -1;
    (*items)++;

    switch (mj) {
    case CB_UINT:
    case CB_NINT:
        return ai == CB_AI_INDEF ? -1 : 0;
    case CB_BSTR:
    case CB_TSTR:
        if (ai == CB_AI_INDEF)
            return cbr_chunks(r, mj);
        if (arg > r->len - r->pos)
            return -1;
        r->pos += (size_t)arg;
        return 0;
    case CB_ARRAY:
    case CB_MAP: {
        if (ai == CB_AI_INDEF) {
            unsigned seen = 0;
            for (;;) {
                if (r->pos >= r->len)
                    return -1;
                if (r->buf[r->pos] == CB_BREAK) {
                    r->pos++;
                    break;
                }
                if (cbr_item(r, depth + 1, items) < 0)
                    return -1;
                seen++;
            }
            /* a map needs an even number of data items */
            return (mj == CB_MAP && (seen & 1)) ? -1 : 0;
        }
        uint64_t n = (mj == CB_MAP) ? arg * 2 : arg;
        if (mj == CB_MAP && arg > (UINT64_MAX >> 1))
            return -1;
        /* every element needs at least one byte */
        if (n > r->len - r->pos)
            return -1;
        for (uint64_t i = 0; i < n; i++)
            if (cbr_item(r, depth + 1, items) < 0)
                return -1;
        return 0;
    }
    case CB_TAG:
        if (ai == CB_AI_INDEF)
            return -1;
        return cbr_item(r, depth + 1, items);
    default: /* CB_SIMPLE: simple values and floats */
        if (ai == CB_AI_INDEF)
            return -1; /* a break outside an indefinite container */
        if (ai == CB_AI_1 && arg < 32)
            return -1; /* two-byte simple must be >= 32 */
        return 0;
    }
}

/* Check that buf holds exactly one well-formed data item; returns the
 * number of data items (including nested and tag items) or -1. */
long cbor_well_formed(const uint8_t *buf, size_t len)
{
    cbor_reader r;
    unsigned items = 0;
    cbr_init(&r, buf, len);
    if (cbr_item(&r, 0, &items) < 0 || r.pos != len)
        return -1;
    return (long)items;
}

/* Read an integer item that fits in int64_t. */
int cbr_int(cbor_reader *r, int64_t *out)
{
    unsigned mj, ai;
    uint64_t arg;
    if (cbr_head(r, &mj, &ai, &arg) < 0 || ai == CB_AI_INDEF)
        return -1;
    if (arg > (uint64_t)INT64_MAX)
        return -1;
    if (mj == CB_UINT)
        *out = (int64_t)arg;
    else if (mj == CB_NINT)
        *out = -1 - (int64_t)arg;
    else
        return -1;
    return 0;
}

/* Read a definite text or byte string, returning a pointer into the buffer. */
int cbr_string(cbor_reader *r, unsigned major, const uint8_t **p, size_t *n)
{
    unsigned mj, ai;
    uint64_t arg;
    if (cbr_head(r, &mj, &ai, &arg) < 0 || mj != major || ai == CB_AI_INDEF)
        return -1;
    if (arg > r->len - r->pos)
        return -1;
    *p = r->buf + r->pos;
    *n = (size_t)arg;
    r->pos += (size_t)arg;
    return 0;
}

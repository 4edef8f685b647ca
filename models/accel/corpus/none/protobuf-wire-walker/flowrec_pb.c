/* Protocol Buffers wire-format reader for a flow-export record:
 *
 *   message Counters   { uint64 packets = 1; uint64 bytes = 2; int64 drift = 3; }
 *   message FlowRecord { uint32 src = 1; uint32 dst = 2; sint32 rtt_delta = 3;
 *                        fixed32 ifindex = 4; bytes app = 5;
 *                        repeated uint32 ports = 6;   // packed or not
 *                        fixed64 first_seen = 7; Counters ctr = 8; }
 *
 * Base-128 varints, zig-zag signed values, little-endian fixed fields,
 * length-delimited fields and nested messages; unknown fields are skipped by
 * wire type, scalars obey last-one-wins and the nested message is merged. */
#include <stdint.h>
#include <stddef.h>
#include <string.h>

enum { PB_VARINT = 0, PB_I64 = 1, PB_LEN = 2, PB_SGROUP = 3, PB_EGROUP = 4, PB_I32 = 5 };
enum { PB_OK = 0, PB_ETRUNC = -1, PB_EVARINT = -2, PB_EWIRE = -3, PB_EFIELD = -4 };

#define PB_MAX_PORTS 32
#define PB_MAX_APP 48

typedef struct {
    const uint8_t *p, *end;
} pb_cursor;

typedef struct {
    uint64_t packets, bytes;
    int64_t drift;
} pb_counters;

typedef struct {
    uint32_t src, dst, ifindex;
    int32_t rtt_delta;
    uint64_t first_seen;
    uint8_t app[PB_MAX_APP];
    size_t app_len;
    uint32_t ports[PB_MAX_PORTS];
    unsigned nports;
    int has_ctr;
    pb_counters ctr;
    unsigned skipped;
} pb_flowrec;

int pb_read_varint(pb_cursor *c, uint64_t *out)
{
    uint64_t v = 0;
    unsigned shift = 0;
    while (c->p < c->end) {
        uint8_t b = *c->p++;
        if (shift == 63 && (b & 0x7Eu))
            return PB_EVARINT;          /* would overflow 64 bits */
        v |= (uint64_t)(b & 0x7Fu) << shift;
        if (!(b & 0x80u)) {
            *out = v;
            return PB_OK;
        }
        shift += 7;
        if (shift > 63)
            return PB_EVARINT;
    }
    return PB_ETRUNC;
}

static int pb_read_fixed(pb_cursor *c, unsigned nbytes, uint64_t *out)
{
    uint64_t v = 0;
    unsigned i;
    if ((size_t)(c->end - c->p) < nbytes)
        return PB_ETRUNC;
    for (i = nbytes; i-- > 0;)
        v = (v << 8) | c->p[i];
    c->p += nbytes;
    *out = v;
    return PB_OK;
}

static int pb_read_span(pb_cursor *c, pb_cursor *sub)
{
    uint64_t n;
    int rc = pb_read_varint(c, &n);
    if (rc)
        return rc;
    if (n > (uint64_t)(c->end - c->p))
        return PB_ETRUNC;
    sub->p = c->p;
    sub->end = c->p + n;
    c->p += n;
    return PB_OK;
}

/* Reads a key; field number 0 and the group wire types are rejected. */
int pb_read_key(pb_cursor *c, uint32_t *field, unsigned *wire)
{
    uint64_t k;
    int rc = pb_read_varint(c, &k);
    if (rc)
        return rc;
    *wire = (unsigned)(k & 7u);
    if ((k >> 3) == 0 || (k >> 3) > 0x1FFFFFFFu)
        return PB_EFIELD;
    *field = (uint32_t)(k >> 3);
    if (*wire == PB_SGROUP || *wire == PB_EGROUP || *wire > PB_I32)
        return PB_EWIRE;
    return PB_OK;
}

int pb_skip(pb_cursor *c, unsigned wire)
{
    uint64_t dummy;
    pb_cursor sub;
    switch (wire) {
    case PB_VARINT: return pb_read_varint(c, &dummy);
    case PB_I64:    return pb_read_fixed(c, 8, &dummy);
    case PB_I32:    return pb_read_fixed(c, 4, &dummy);
    case PB_LEN:    return pb_read_span(c, &sub);
    default:        return PB_EWIRE;
    }
}

static int32_t pb_unzigzag32(uint32_t n)
{
    return (int32_t)((n >> 1) ^ (~(n & 1u) + 1u));
}

static int pb_decode_counters(pb_cursor *c, pb_counters *m)
{
    while (c->p < c->end) {
        uint32_t f;
        unsigned w;
        uint64_t v;
        int rc = pb_read_key(c, &f, &w);
        if (rc)
            return rc;
        if (f >= 1 && f <= 3 && w == PB_VARINT) {
            rc = pb_read_varint(c, &v);
            if (rc)
                return rc;
            if (f == 1)
                m->packets = v;
            else if (f == 2)
                m->bytes = v;
            else
                m->drift = (int64_t)v;
        } else {
            rc = pb_skip(c, w);
            if (rc)
                return rc;
        }
    }
    return PB_OK;
}

static int pb_add_port(pb_flowrec *r, uint64_t v)
{
    if (r->nports >= PB_MAX_PORTS)
        return PB_EFIELD;
    r->ports[r->nports++] = (uint32_t)v;
    return PB_OK;
}

int pb_decode_flowrec(const uint8_t *buf, size_t len, pb_flowrec *r)
{
    pb_cursor c = { buf, buf + len };
    memset(r, 0, sizeof *r);
    while (c.p < c.end) {
        uint32_t f;
        unsigned w;
        uint64_t v;
        pb_cursor sub;
        int rc = pb_read_key(&c, &f, &w);
        if (rc)
            return rc;
        switch (f * 8u + w) {
        case 1 * 8 + PB_VARINT:
            if ((rc = pb_read_varint(&c, &v)))
                return rc;
            r->src = (uint32_t)v;
            break;
        case 2 * 8 + PB_VARINT:
            if ((rc = pb_read_varint(&c, &v)))
                return rc;
            r->dst = (uint32_t)v;
            break;
        case 3 * 8 + PB_VARINT:
            if ((rc = pb_read_varint(&c, &v)))
                return rc;
            r->rtt_delta = pb_unzigzag32((uint32_t)v);
            break;
        case 4 * 8 + PB_I32:
            if ((rc = pb_read_fixed(&c, 4, &v)))
                return rc;
            r->ifindex = (uint32_t)v;
            break;
        case 5 * 8 + PB_LEN:
            if ((rc = pb_read_span(&c, &sub)))
                return rc;
            r->app_len = (size_t)(sub.end - sub.p);
            if (r->app_len > PB_MAX_APP)
                r->app_len = PB_MAX_APP;
            memcpy(r->app, sub.p, r->app_len);
            break;
        case 6 * 8 + PB_VARINT:
            if ((rc = pb_read_varint(&c, &v)) || (rc = pb_add_port(r, v)))
                return rc;
            break;
        case 6 * 8 + PB_LEN:                    /* packed repeated */
            if ((rc = pb_read_span(&c, &sub)))
                return rc;
            while (sub.p < sub.end)
                if ((rc = pb_read_varint(&sub, &v)) || (rc = pb_add_port(r, v)))
                    return rc;
            break;
        case 7 * 8 + PB_I64:
            if ((rc = pb_read_fixed(&c, 8, &r->first_seen)))
                return rc;
            break;
        case 8 * 8 + PB_LEN:
            if ((rc = pb_read_span(&c, &sub)) || (rc = pb_decode_counters(&sub, &r->ctr)))
                return rc;
            r->has_ctr = 1;
            break;
        default:
            if ((rc = pb_skip(&c, w)))
                return rc;
            r->skipped++;
            break;
        }
    }
    return PB_OK;
}

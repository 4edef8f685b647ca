/*
 * ber_tlv.c - minimal ASN.1 BER/DER reader used by an SNMP agent front end.
 *
 * Decodes identifier octets (including high tag numbers), definite
 * lengths in short and long form, INTEGER and OBJECT IDENTIFIER contents,
 * and counts the elements inside a constructed value. Indefinite lengths
 * are refused (SNMP never uses them). Also encodes definite lengths for
 * building responses.
 */
#include <stddef.h>
#include <stdint.h>

#define BER_OK 0
#define BER_ETRUNC -1
#define BER_EINDEF -2
#define BER_ETOOBIG -3
#define BER_EBADTAG -4
#define BER_EBADVAL -5

#define BER_CLASS_UNIVERSAL 0
#define BER_CLASS_APPLICATION 1
#define BER_CLASS_CONTEXT 2
#define BER_CLASS_PRIVATE 3

struct ber_tlv {
    uint8_t cls;          /* BER_CLASS_* */
    uint8_t constructed;  /* 1 if the P/C bit is set */
    uint32_t tag;         /* tag number */
    size_t hdr_len;       /* identifier + length octets */
    size_t len;           /* content length */
    const uint8_t *value; /* points into the input */
};

int ber_read_tag(const uint8_t *buf, size_t n, size_t *pos,
                 uint8_t *cls, uint8_t *cons, uint32_t *tag)
{
    size_t i = *pos;
    uint8_t b;
    uint32_t t;
    int count = 0;

    if (i >= n)
        return BER_ETRUNC;
    b = buf[i++];
    *cls = (uint8_t)(b >> 6);
    *cons = (uint8_t)((b >> 5) & 1);
    if ((b & 0x1f) != 0x1f) {
        *tag = b & 0x1f;
        *pos = i;
        return BER_OK;
    }
    /* high tag number form: base-128, big-endian, bit 8 = more */
    t = 0;
    for (;;) {
        if (i >= n)
            return BER_ETRUNC;
        b = buf[i++];
        if (count == 0 && b == 0x80)
            return BER_EBADTAG;     /* leading zero group is not allowed */
        if (++count > 4 || t > (UINT32_MAX >> 7))
            return BER_ETOOBIG;
        t = (t << 7) | (b & 0x7f);
        if (!(b & 0x80))
            break;
    }
    if (t < 31)
        return BER_EBADTAG;         /* should have used the short form */
    *tag = t;
    *pos = i;
    return BER_OK;
}

int ber_read_length(const uint8_t *buf, size_t n, size_t *pos, size_t *len)
{
    size_t i = *pos;
    uint8_t b, k;
    size_t v = 0;

    if (i >= n)
        return BER_ETRUNC;
    b = buf[i++];
    if (b < 0x80) {
        *len = b;
        *pos = i;
        return BER_OK;
    }
    if (b == 0x80)
        return BER_EINDEF;
    if (b == 0xff)
        return BER_EBADVAL;         /* reserved by X.690 8.1.3.5 */
    k = b & 0x7f;
    if (k > sizeof(uint32_t))
        return BER_ETOOBIG;
    if (n - i < k)
        return BER_ETRUNC;
    while (k--)
        v = (v << 8) | buf[i++];
    *len = v;
    *pos = i;
    return BER_OK;
}

int ber_read_tlv(const uint8_t *buf, size_t n, size_t pos, struct ber_tlv *out)
{
    size_t p = pos;
    int rc;

    rc = ber_read_tag(buf, n, &p, &out->cls, &out->constructed, &out->tag);
    if (rc != BER_OK)
        return rc;
    rc = ber_read_length(buf, n, &p, &out->len);
    if (rc != BER_OK)
        return rc;
    if (out->len > n - p)
        return BER_ETRUNC;
    out->hdr_len = p - pos;
    out->value = buf + p;
    return BER_OK;
}

/* INTEGER contents: two's complement, big-endian, minimal. */
int ber_decode_int(const uint8_t *v, size_t len, int64_t *out)
{
    uint64_t acc;
    size_t i;

    if (len == 0 || len > 8)
        return len == 0 ? BER_EBADVAL : BER_ETOOBIG;
    if (len > 1 && ((v[0] == 0x00 && !(v[1] & 0x80)) ||
                    (v[0] == 0xff && (v[1] & 0x80))))
        return BER_EBADVAL;         /* not minimally encoded */
    acc = (v[0] & 0x80) ? ~(uint64_t)0 : 0;
    for (i = 0; i < len; i++)
        acc = (acc << 8) | v[i];
    if (acc & ((uint64_t)1 << 63))
        *out = -(int64_t)(~acc) - 1;
    else
        *out = (int64_t)acc;
    return BER_OK;
}

/* Counter32/Gauge32/TimeTicks: unsigned, may carry one leading zero. */
int ber_decode_uint32(const uint8_t *v, size_t len, uint32_t *out)
{
    uint32_t acc = 0;
    size_t i = 0;

    if (len == 0)
        return BER_EBADVAL;
    if (v[0] & 0x80)
        return BER_EBADVAL;
    if (len == 5) {
        if (v[0] != 0)
            return BER_ETOOBIG;
        i = 1;
    } else if (len > 5) {
        return BER_ETOOBIG;
    }
    for (; i < len; i++)
        acc = (acc << 8) | v[i];
    *out = acc;
    return BER_OK;
}

/* OBJECT IDENTIFIER contents into arcs[]; returns number of arcs or < 0. */
int ber_decode_oid(const uint8_t *v, size_t len, uint32_t *arcs, int max_arcs)
{
    int n = 0;
    size_t i = 0;

    if (len == 0 || max_arcs < 2)
        return BER_EBADVAL;
    while (i < len) {
        uint32_t sub = 0;
        int groups = 0;
        if (v[i] == 0x80)
            return BER_EBADVAL;
        for (;;) {
            if (i >= len)
                return BER_ETRUNC;
            if (++groups > 5 || sub > (UINT32_MAX >> 7))
                return BER_ETOOBIG;
            sub = (sub << 7) | (v[i] & 0x7f);
            if (!(v[i++] & 0x80))
                break;
        }
        if (n == 0) {
            /* first subidentifier packs two arcs: 40 * X + Y */
            if (sub < 40) {
                arcs[0] = 0;
                arcs[1] = sub;
            } else if (sub < 80) {
                arcs[0] = 1;
                arcs[1] = sub - 40;
            } else {
                arcs[0] = 2;
                arcs[1] = sub - 80;
            }
            n = 2;
        } else {
            if (n >= max_arcs)
                return BER_ETOOBIG;
            arcs[n++] = sub;
        }
    }
    return n;
}

/* Number of complete TLVs inside a constructed value, or < 0 on error. */
int ber_count_children(const struct ber_tlv *parent)
{
    size_t pos = 0;
    int count = 0;
    struct ber_tlv child;

    if (!parent->constructed)
        return BER_EBADTAG;
    while (pos < parent->len) {
        int rc = ber_read_tlv(parent->value, parent->len, pos, &child);
        if (rc != BER_OK)
            return rc;
        pos += child.hdr_len + child.len;
        count++;
    }
    return count;
}

/* Definite length octets; returns count written (out needs 5 bytes). */
size_t ber_encode_length(size_t len, uint8_t *out)
{
    uint8_t tmp[4];
    size_t k = 0, i;

    if (len < 0x80) {
        out[0] = (uint8_t)len;
        return 1;
    }
    while (len && k < sizeof(tmp)) {
        tmp[k++] = (uint8_t)(len & 0xff);
        len >>= 8;
    }
    out[0] = (uint8_t)(0x80 | k);
    for (i = 0; i < k; i++)
        out[1 + i] = tmp[k - 1 - i];
    return k + 1;
}

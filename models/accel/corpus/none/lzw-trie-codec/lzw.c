/* LZW compression for a payload-compression NF (variable code width 9..12,
 * codes packed MSB-first, CLEAR = 256, END = 257, first free code 258).
 *
 * The encoder's string table is a first-child / next-sibling trie over
 * (prefix code, byte): looking up "w + c" walks the child list of w.  When
 * the table is full (4096 codes) the encoder emits CLEAR and restarts.  The
 * decoder keeps (prefix, last byte, first byte, length) per code and spells
 * strings backwards into the output.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#define LZW_MIN_BITS 9
#define LZW_MAX_BITS 12
#define LZW_CODES (1 << LZW_MAX_BITS)
#define LZW_CLEAR 256
#define LZW_END 257
#define LZW_FIRST 258
#define LZW_NIL 0xFFFF

struct lzw_bitsink {
    uint8_t *out;
    size_t cap;
    size_t pos;
    uint32_t acc;
    int nacc;
    int full;
};

struct lzw_encoder {
    uint16_t first_child[LZW_CODES];
    uint16_t next_sibling[LZW_CODES];
    uint8_t byte[LZW_CODES];
    int next_code;
    int width;
};

struct lzw_decoder {
    uint16_t prefix[LZW_CODES];
    uint8_t last[LZW_CODES];
    uint8_t first[LZW_CODES];
    uint16_t length[LZW_CODES];
    int next_code;
};

static void sink_put(struct lzw_bitsink *s, unsigned code, int width)
{
    s->acc = (s->acc << width) | code;
    s->nacc += width;
    while (s->nacc >= 8) {
        s->nacc -= 8;
        if (s->pos < s->cap)
            s->out[s->pos++] = (uint8_t)(s->acc >> s->nacc);
        else
            s->full = 1;
    }
    s->acc &= (1u << s->nacc) - 1;
}

static void sink_flush(struct lzw_bitsink *s)
{
    if (s->nacc > 0) {
        if (s->pos < s->cap)
            s->out[s->pos++] = (uint8_t)(s->acc << (8 - s->nacc));
        else
            s->full = 1;
        s->nacc = 0;
        s->acc = 0;
    }
}

static void enc_reset(struct lzw_encoder *e)
{
    for (int i = 0; i < LZW_FIRST; i++)
        e->first_child[i] = LZW_NIL;
    e->next_code = LZW_FIRST;
    e->width = LZW_MIN_BITS;
}

/* Child of `prefix` labelled c, or LZW_NIL. */
static unsigned enc_find(const struct lzw_encoder *e, unsigned prefix,
                         uint8_t c)
{
    unsigned k = e->first_child[prefix];
    while (k != LZW_NIL && e->byte[k] != c)
        k = e->next_sibling[k];
    return k;
}

static void enc_add(struct lzw_encoder *e, unsigned prefix, uint8_t c)
{
    unsigned k = (unsigned)e->next_code++;
    e->byte[k] = c;
    e->first_child[k] = LZW_NIL;
    e->next_sibling[k] = e->first_child[prefix];
    e->first_child[prefix] = (uint16_t)k;
}

/* Compress src into dst; returns the compressed size or 0 when dst is too
 * small.  `e` is caller-provided scratch (about 20 KiB). */
size_t lzw_compress(struct lzw_encoder *e, const uint8_t *src, size_t n,
                    uint8_t *dst, size_t cap)
{
    struct lzw_bitsink s = {dst, cap, 0, 0, 0, 0};

    enc_reset(e);
    sink_put(&s, LZW_CLEAR, e->width);
    if (n == 0) {
        sink_put(&s, LZW_END, e->width);
        sink_flush(&s);
        return s.full ? 0 : s.pos;
    }

    unsigned w = src[0];
    for (size_t i = 1; i < n; i++) {
        uint8_t c = src[i];
        unsigned k = enc_find(e, w, c);
        if (k != LZW_NIL) {
            w = k;
            continue;
        }
        sink_put(&s, w, e->width);
        enc_add(e, w, c);
        if (e->next_code == LZW_CODES) {
            sink_put(&s, LZW_CLEAR, e->width);
            enc_reset(e);
        } else if (e->next_code == (1 << e->width)) {
            e->width++;
        }
        w = c;
    }
    sink_put(&s, w, e->width);
    /* account for the entry the decoder will add on this last code */
    if (e->next_code + 1 >= (1 << e->width) && e->width < LZW_MAX_BITS &&
        e->next_code != LZW_FIRST)
        e->width++;
    sink_put(&s, LZW_END, e->width);
    sink_flush(&s);
    return s.full ? 0 : s.pos;
}

static void dec_reset(struct lzw_decoder *d)
{
    for (int i = 0; i < 256; i++) {
        d->prefix[i] = LZW_NIL;
        d->last[i] = (uint8_t)i;
        d->first[i] = (uint8_t)i;
        d->length[i] = 1;
    }
    d->next_code = LZW_FIRST;
}

/* Code width the encoder used for the next code: it has one more table
 * entry than the decoder once a previous code exists. */
static int dec_width(const struct lzw_decoder *d, int have_prev)
{
    int entries = d->next_code + (have_prev ? 1 : 0);
    int w = LZW_MIN_BITS;
    while (w < LZW_MAX_BITS && entries >= (1 << w))
        w++;
    return w;
}

/* Write the string of `code` to out[0..length-1], last byte first. */
static void dec_spell(const struct lzw_decoder *d, unsigned code, uint8_t *out)
{
    size_t i = d->length[code];
    while (i > 0) {
        out[--i] = d->last[code];
        code = d->prefix[code];
    }
}

/* Decompress; returns the output length or -1 on a corrupt stream or when
 * dst is too small. */
long lzw_decompress(struct lzw_decoder *d, const uint8_t *src, size_t n,
                    uint8_t *dst, size_t cap)
{
    size_t bitpos = 0, total_bits = n * 8;
    size_t o = 0;
    int prev = -1;

    dec_reset(d);
    for (;;) {
        int width = dec_width(d, prev >= 0);
        if (bitpos + (size_t)width > total_bits)
            return -1;
        unsigned code = 0;
        for (int b = 0; b < width; b++, bitpos++)
            code = (code << 1) | ((src[bitpos >> 3] >> (7 - (bitpos & 7))) & 1u);

        if (code == LZW_CLEAR) {
            dec_reset(d);
            prev = -1;
            continue;
        }
        if (code == LZW_END)
            return (long)o;

        if (prev < 0) {
            if (code > 255 || o >= cap)
                return -1;
            dst[o++] = (uint8_t)code;
            prev = (int)code;
            continue;
        }

        unsigned len;
        uint8_t head;
        if ((int)code < d->next_code) {
            len = d->length[code];
            head = d->first[code];
        } else if ((int)code == d->next_code) {
            len = d->length[prev] + 1u; /* the KwKwK case */
            head = d->first[prev];
        } else {
            return -1;
        }
        if (d->next_code >= LZW_CODES)
            return -1;
        int k = d->next_code++;
        d->prefix[k] = (uint16_t)prev;
        d->last[k] = head;
        d->first[k] = d->first[prev];
        d->length[k] = (uint16_t)(d->length[prev] + 1);

        if (cap - o < len)
            return -1;
        dec_spell(d, code, dst + o);
        o += len;
        prev = (int)code;
    }
}

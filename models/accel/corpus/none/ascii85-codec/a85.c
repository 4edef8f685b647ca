/* Ascii85 (btoa / PostScript base-85) encoder and decoder.
 *
 * Four input bytes form a big-endian 32-bit group which is written as five
 * digits 0..84, each offset by '!' (33).  An all-zero full group is written
 * as the single letter 'z'.  A final group of k < 4 bytes is padded with
 * zero bytes, encoded, and only its first k + 1 digits are emitted; the
 * decoder pads such a short tail with 'u' (digit 84) and keeps k bytes.
 * No "<~ ~>" framing; whitespace is ignored when decoding.
 */
#include <stddef.h>
#include <stdint.h>

#define A85_BASE 85u
#define A85_FIRST '!'
#define A85_LAST 'u'

static const uint32_t a85_pow[5] = {52200625u, 614125u, 7225u, 85u, 1u};

size_t a85_encoded_bound(size_t nbytes)
{
    return ((nbytes + 3) / 4) * 5;
}

/* Encode n bytes from src into dst (which must hold a85_encoded_bound(n)
 * characters); returns the number of characters written (no NUL). */
size_t a85_encode(const uint8_t *src, size_t n, char *dst)
{
    size_t o = 0;
    size_t i = 0;

    while (i + 4 <= n) {
        uint32_t g = ((uint32_t)src[i] << 24) | ((uint32_t)src[i + 1] << 16) |
                     ((uint32_t)src[i + 2] << 8) | (uint32_t)src[i + 3];
        i += 4;
        if (g == 0) {
            dst[o++] = 'z';
            continue;
        }
        /* Fill the five digits from the least significant end. */
        for (int d = 4; d >= 0; d--) {
            dst[o + (size_t)d] = (char)(A85_FIRST + (int)(g % A85_BASE));
            g /= A85_BASE;
        }
        o += 5;
    }

    size_t rest = n - i;
    if (rest != 0) {
        uint32_t g = 0;
        for (size_t k = 0; k < 4; k++) {
            g <<= 8;
            if (k < rest)
                g |= src[i + k];
        }
        char digits[5];
        for (int d = 0; d < 5; d++) {
            uint32_t q = g / a85_pow[d];
            digits[d] = (char)(A85_FIRST + (int)q);
            g -= q * a85_pow[d];
        }
        for (size_t k = 0; k <= rest; k++)
            dst[o++] = digits[k];
    }
    return o;
}

static int a85_is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
           c == '\v';
}

/* Flush a group of `have` digits (2..5) into dst; returns bytes written or
 * -1 when the group value overflows 32 bits. */
static int a85_flush_group(const uint8_t *dig, int have, uint8_t *dst)
{
    uint64_t v = 0;
    for (int d = 0; d < 5; d++)
        v = v * A85_BASE + (d < have ? dig[d] : (A85_LAST - A85_FIRST));
    if (v > 0xFFFFFFFFull)
        return -1;
    int out = have - 1;
    for (int k = 0; k < out; k++)
        dst[k] = (uint8_t)(v >> (24 - 8 * k));
    return out;
}

/* Decode n characters of text into dst (size it 4*n bytes: a 'z' yields four
 * bytes from one character).  Returns the
 * decoded length, or -1 on a bad character, a misplaced 'z', a lone final
 * digit or an overflowing group. */
long a85_decode(const char *text, size_t n, uint8_t *dst)
{
    uint8_t dig[5];
    int have = 0;
    long o = 0;

    for (size_t i = 0; i < n; i++) {
        char c = text[i];
        if (a85_is_space(c))
            continue;
        if (c == 'z') {
            if (have != 0)
                return -1;
            dst[o] = dst[o + 1] = dst[o + 2] = dst[o + 3] = 0;
            o += 4;
            continue;
        }
        if (c < A85_FIRST || c > A85_LAST)
            return -1;
        dig[have++] = (uint8_t)(c - A85_FIRST);
        if (have == 5) {
            if (a85_flush_group(dig, 5, dst + o) < 0)
                return -1;
            o += 4;
            have = 0;
        }
    }
    if (have == 1)
        return -1;
    if (have > 1) {
        int r = a85_flush_group(dig, have, dst + o);
        if (r < 0)
            return -1;
        o += r;
    }
    return o;
}

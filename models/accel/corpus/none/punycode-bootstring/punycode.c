/*
 * Punycode (RFC 3492 Bootstring with the IDNA parameters) for a DNS
 * resolver / proxy that has to turn U-labels into the ASCII "xn--" form
 * and back.  Code points are handled as uint32_t arrays; the ASCII side
 * is a plain byte buffer (without the "xn--" prefix).
 *
 * Return values: number of output units written, or a negative error.
 */
#include <stddef.h>
#include <stdint.h>

enum {
    PC_BASE = 36,
    PC_TMIN = 1,
    PC_TMAX = 26,
    PC_SKEW = 38,
    PC_DAMP = 700,
    PC_INITIAL_BIAS = 72,
    PC_INITIAL_N = 0x80,
    PC_DELIM = '-'
};

#define PC_ERR_BAD_INPUT (-1)
#define PC_ERR_BIG_OUTPUT (-2)
#define PC_ERR_OVERFLOW (-3)

/* Bias adaptation, section 6.1. */
static uint32_t pc_adapt(uint32_t delta, uint32_t numpoints, int firsttime)
{
    uint32_t k = 0;

    delta = firsttime ? delta / PC_DAMP : delta >> 1;
    delta += delta / numpoints;
    while (delta > ((PC_BASE - PC_TMIN) * PC_TMAX) / 2) {
        delta /= PC_BASE - PC_TMIN;
        k += PC_BASE;
    }
    return k + (PC_BASE - PC_TMIN + 1) * delta / (delta + PC_SKEW);
}

/* digit value 0..35 -> 'a'..'z','0'..'9' (lower case on output) */
static char pc_digit_char(uint32_t d)
{
    return (char)(d < 26 ? 'a' + d : '0' + (d - 26));
}

static int pc_char_digit(unsigned char c)
{
    if (c >= '0' && c <= '9')
        return 26 + (c - '0');
    if (c >= 'A' && c <= 'Z')
        return c - 'A';
    if (c >= 'a' && c <= 'z')
        return c - 'a';
    return -1;
}

static uint32_t pc_threshold(uint32_t k, uint32_t bias)
{
    if (k <= bias)
        return PC_TMIN;
    if (k >= bias + PC_TMAX)
        return PC_TMAX;
    return k - bias;
}

int punycode_encode(const uint32_t *in, size_t inlen, char *out, size_t outcap)
{
    uint32_t n = PC_INITIAL_N, delta = 0, bias = PC_INITIAL_BIAS;
    size_t h, b, o = 0, j;

    for (j = 0; j < inlen; j++) {
        if (in[j] > 0x10FFFF || (in[j] >= 0xD800 && in[j] <= 0xDFFF))
            return PC_ERR_BAD_INPUT;
        if (in[j] < 0x80) {
            if (o >= outcap)
                return PC_ERR_BIG_OUTPUT;
            out[o++] = (char)in[j];
        }
    }
    h = b = o;
    if (b > 0) {
        if (o >= outcap)
            return PC_ERR_BIG_OUTPUT;
        out[o++] = PC_DELIM;
    }

    while (h < inlen) {
        uint32_t m = 0xFFFFFFFFu;
        for (j = 0; j < inlen; j++)
            if (in[j] >= n && in[j] < m)
                m = in[j];
        if ((uint64_t)(m - n) * (h + 1) > 0xFFFFFFFFu - delta)
            return PC_ERR_OVERFLOW;
        delta += (m - n) * (uint32_t)(h + 1);
        n = m;
        for (j = 0; j < inlen; j++) {
            if (in[j] < n) {
                if (++delta == 0)
                    return PC_ERR_OVERFLOW;
            } else if (in[j] == n) {
                uint32_t q = delta, k;
                for (k = PC_BASE;; k += PC_BASE) {
                    uint32_t t = pc_threshold(k, bias);
                    if (q < t)
                        break;
                    if (o >= outcap)
                        return PC_ERR_BIG_OUTPUT;
                    out[o++] = pc_digit_char(t + (q - t) % (PC_BASE - t));
                    q = (q - t) / (PC_BASE - t);
                }
                if (o >= outcap)
                    return PC_ERR_BIG_OUTPUT;
                out[o++] = pc_digit_char(q);
                bias = pc_adapt(delta, (uint32_t)(h + 1), h == b);
                delta = 0;
                h++;
            }
        }
        delta++;
        n++;
    }
    return (int)o;
}

int punycode_decode(const char *in, size_t inlen, uint32_t *out, size_t outcap)
{
    uint32_t n = PC_INITIAL_N, i = 0, bias = PC_INITIAL_BIAS;
    size_t b = 0, j, o, pos;
    int have_delim = 0;

    for (j = 0; j < inlen; j++)
        if (in[j] == PC_DELIM) {
            b = j;
            have_delim = 1;
        }
    if (b > outcap)
        return PC_ERR_BIG_OUTPUT;
    for (j = 0; j < b; j++) {
        if ((unsigned char)in[j] >= 0x80)
            return PC_ERR_BAD_INPUT;
        out[j] = (unsigned char)in[j];
    }
    o = b;
    pos = have_delim ? b + 1 : 0;

    while (pos < inlen) {
        uint32_t oldi = i, w = 1, k;
        for (k = PC_BASE;; k += PC_BASE) {
            int digit;
            uint32_t t;
            if (pos >= inlen)
                return PC_ERR_BAD_INPUT;
            digit = pc_char_digit((unsigned char)in[pos++]);
            if (digit < 0)
                return PC_ERR_BAD_INPUT;
            if ((uint32_t)digit > (0xFFFFFFFFu - i) / w)
                return PC_ERR_OVERFLOW;
            i += (uint32_t)digit * w;
            t = pc_threshold(k, bias);
            if ((uint32_t)digit < t)
                break;
            if (w > 0xFFFFFFFFu / (PC_BASE - t))
                return PC_ERR_OVERFLOW;
            w *= PC_BASE - t;
        }
        bias = pc_adapt(i - oldi, (uint32_t)(o + 1), oldi == 0);
        if (i / (o + 1) > 0xFFFFFFFFu - n)
            return PC_ERR_OVERFLOW;
        n += i / (uint32_t)(o + 1);
        i %= (uint32_t)(o + 1);
        if (n > 0x10FFFF || (n >= 0xD800 && n <= 0xDFFF) || n < 0x80)
            return PC_ERR_BAD_INPUT;
        if (o >= outcap)
            return PC_ERR_BIG_OUTPUT;
        for (j = o; j > i; j--)
            out[j] = out[j - 1];
        out[i++] = n;
        o++;
    }
    return (int)o;
}

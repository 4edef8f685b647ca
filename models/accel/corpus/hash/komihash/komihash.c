/*
 * komihash - 64-bit hash after Aleksey Vaneev's published construction
 * (version 5 message parsing).  The state is a pair of 64-bit words that is
 * advanced by a full 64x64->128 multiply: the low half replaces one word,
 * the high half is accumulated into the other.  Message words are XORed
 * into the state before each multiply ("one-time pad" mixing).  Tails are
 * loaded as little-endian integers with a terminating 1 bit above the last
 * byte, so no explicit length mixing is needed.
 *
 * Written in portable C99: the 128-bit product is assembled from 32-bit
 * partial products, loads are byte-wise (endian independent).
 */
#include <stddef.h>
#include <stdint.h>

static uint64_t komi_rd64(const uint8_t *p)
{
    return (uint64_t)p[0] | (uint64_t)p[1] << 8 | (uint64_t)p[2] << 16 |
           (uint64_t)p[3] << 24 | (uint64_t)p[4] << 32 | (uint64_t)p[5] << 40 |
           (uint64_t)p[6] << 48 | (uint64_t)p[7] << 56;
}

/* Little-endian value of n (0..7) bytes with a pad bit at bit 8*n. */
static uint64_t komi_rdpad(const uint8_t *p, size_t n)
{
    uint64_t v = (uint64_t)1 << (n * 8);
    size_t i;
    for (i = 0; i < n; i++)
        v |= (uint64_t)p[i] << (i * 8);
    return v;
}

/* Full 128-bit product of a and b, split into *lo and *hi. */
static void komi_mul128(uint64_t a, uint64_t b, uint64_t *lo, uint64_t *hi)
{
    uint64_t al = a & 0xffffffffu, ah = a >> 32;
    uint64_t bl = b & 0xffffffffu, bh = b >> 32;
    uint64_t ll = al * bl;
    uint64_t lh = al * bh;
    uint64_t hl = ah * bl;
    uint64_t hh = ah * bh;
    uint64_t mid = (ll >> 32) + (lh & 0xffffffffu) + (hl & 0xffffffffu);
    *lo = (ll & 0xffffffffu) | mid << 32;
    *hi = hh + (lh >> 32) + (hl >> 32) + (mid >> 32);
}

/* One round on the (s1, s5) pair. */
static void komi_round(uint64_t *s1, uint64_t *s5, uint64_t x1, uint64_t x5)
{
    uint64_t hi;
    komi_mul128(*s1 ^ x1, *s5 ^ x5, s1, &hi);
    *s5 += hi;
    *s1 ^= *s5;
}

static uint64_t komi_finish(uint64_t s1, uint64_t s5, uint64_t r1, uint64_t r2)
{
    uint64_t hi;
    komi_mul128(r1, r2, &s1, &hi);
    s5 += hi;
    s1 ^= s5;
    komi_round(&s1, &s5, 0, 0);
    return s1;
}

uint64_t komihash(const void *msg, size_t len, uint64_t seed)
{
    const uint8_t *m = (const uint8_t *)msg;
    uint64_t s1 = 0x243F6A8885A308D3ULL ^ (seed & 0x5555555555555555ULL);
    uint64_t s5 = 0x452821E638D01377ULL ^ (seed & 0xAAAAAAAAAAAAAAAAULL);

    komi_round(&s1, &s5, 0, 0);

    if (len < 16) {
        uint64_t r1 = s1, r2 = s5;
        if (len > 7) {
            r2 ^= komi_rdpad(m + 8, len - 8);
            r1 ^= komi_rd64(m);
        } else if (len != 0) {
            r1 ^= komi_rdpad(m, len);
        }
        return komi_finish(s1, s5, r1, r2);
    }

    if (len < 32) {
        uint64_t r1, r2;
        komi_round(&s1, &s5, komi_rd64(m), komi_rd64(m + 8));
        if (len > 23) {
            r1 = s1 ^ komi_rd64(m + 16);
            r2 = s5 ^ komi_rdpad(m + 24, len - 24);
        } else {
            r1 = s1 ^ komi_rdpad(m + 16, len - 16);
            r2 = s5;
        }
        return komi_finish(s1, s5, r1, r2);
    }

    if (len > 63) {
        uint64_t s2 = 0x13198A2E03707344ULL ^ s1;
        uint64_t s3 = 0xA4093822299F31D0ULL ^ s1;
        uint64_t s4 = 0x082EFA98EC4E6C89ULL ^ s1;
        uint64_t s6 = 0xBE5466CF34E90C6CULL ^ s5;
        uint64_t s7 = 0xC0AC29B7C97C50DDULL ^ s5;
        uint64_t s8 = 0x3F84D5B5B5470917ULL ^ s5;
        uint64_t h1, h2, h3, h4;
        do {
            komi_mul128(s1 ^ komi_rd64(m), s5 ^ komi_rd64(m + 32), &s1, &h1);
            komi_mul128(s2 ^ komi_rd64(m + 8), s6 ^ komi_rd64(m + 40), &s2, &h2);
            komi_mul128(s3 ^ komi_rd64(m + 16), s7 ^ komi_rd64(m + 48), &s3, &h3);
            komi_mul128(s4 ^ komi_rd64(m + 24), s8 ^ komi_rd64(m + 56), &s4, &h4);
            m += 64;
            len -= 64;
            s5 += h1;
            s6 += h2;
            s7 += h3;
            s8 += h4;
            s2 ^= s5;
            s3 ^= s6;
            s4 ^= s7;
            s1 ^= s8;
        } while (len > 63);
        s5 ^= s6 ^ s7 ^ s8;
        s1 ^= s2 ^ s3 ^ s4;
    }

    if (len > 31) {
        komi_round(&s1, &s5, komi_rd64(m), komi_rd64(m + 8));
        komi_round(&s1, &s5, komi_rd64(m + 16), komi_rd64(m + 24));
        m += 32;
        len -= 32;
    }
    if (len > 15) {
        komi_round(&s1, &s5, komi_rd64(m), komi_rd64(m + 8));
        m += 16;
        len -= 16;
    }
    if (len > 7)
        return komi_finish(s1, s5, s1 ^ komi_rd64(m),
                           s5 ^ komi_rdpad(m + 8, len - 8));
    return komi_finish(s1, s5, s1 ^ komi_rdpad(m, len), s5);
}

/*
 * POLYVAL (RFC 8452, the universal hash of AES-GCM-SIV) written from its
 * definition: 16-byte blocks read little-endian as elements of GF(2^128)
 * modulo x^128 + x^127 + x^126 + x^121 + 1, and
 * dot(a, b) = a * b * x^-128, S_j = dot(S_{j-1} ^ X_j, H).
 * The product is formed bit-serially with the x^-128 factor folded in:
 * after every bit of a the accumulator is divided by x once.
 */
#include <stdint.h>
#include <stddef.h>
#include <string.h>

typedef struct {
    uint64_t lo, hi;
} fe128;

typedef struct {
    fe128 h;
    fe128 s;
    uint8_t part[16];
    unsigned part_len;
} polyval_state;

/* (p - 1) / x = x^127 + x^126 + x^125 + x^120, i.e. x^-1 mod p */
#define PV_XINV 0xE100000000000000ull

fe128 fe_load(const uint8_t b[16])
{
    fe128 r = {0, 0};
    for (int i = 7; i >= 0; i--) {
        r.lo = (r.lo << 8) | b[i];
        r.hi = (r.hi << 8) | b[i + 8];
    }
    return r;
}

void fe_store(fe128 v, uint8_t b[16])
{
    for (int i = 0; i < 8; i++) {
        b[i] = (uint8_t)(v.lo >> (8 * i));
        b[i + 8] = (uint8_t)(v.hi >> (8 * i));
    }
}

/* a * b * x^-128 mod p */
fe128 pv_dot(fe128 a, fe128 b)
{
    fe128 acc = {0, 0};
    uint64_t word = a.lo;
    for (int i = 0; i < 128; i++) {
        if (i == 64)
            word = a.hi;
        uint64_t take = (uint64_t)0 - (word & 1);
        word >>= 1;
        acc.lo ^= b.lo & take;
        acc.hi ^= b.hi & take;
        /* divide by x: if bit 0 is set add p first, which clears it */
        uint64_t odd = (uint64_t)0 - (acc.lo & 1);
        acc.lo = (acc.lo >> 1) | (acc.hi << 63);
        acc.hi = (acc.hi >> 1) ^ (PV_XINV & odd);
    }
    return acc;
}

void polyval_start(polyval_state *st, const uint8_t key[16])
{
    st->h = fe_load(key);
    st->s.lo = st->s.hi = 0;
    st->part_len = 0;
}

static void pv_block(polyval_state *st, const uint8_t blk[16])
{
    fe128 x = fe_load(blk);
    st->s.lo ^= x.lo;
    st->s.hi ^= x.hi;
    st->s = pv_dot(st->s, st->h);
}

void polyval_absorb(polyval_state *st, const uint8_t *p, size_t n)
{
    if (st->part_len) {
        while (n && st->part_len < 16) {
            st->part[st->part_len++] = *p++;
            n--;
        }
        if (st->part_len < 16)
            return;
        pv_block(st, st->part);
        st->part_len = 0;
    }
    for (; n >= 16; n -= 16, p += 16)
        pv_block(st, p);
    memcpy(st->part, p, n);
    st->part_len = (unsigned)n;
}

/* zero-pads a pending partial block (as GCM-SIV pads each field) */
void polyval_pad(polyval_state *st)
{
    if (st->part_len) {
        memset(st->part + st->part_len, 0, 16 - st->part_len);
        pv_block(st, st->part);
        st->part_len = 0;
    }
}

void polyval_result(polyval_state *st, uint8_t out[16])
{
    polyval_pad(st);
    fe_store(st->s, out);
}

/* the GCM-SIV input: padded AAD, padded plaintext, then a block with the
 * two bit lengths as little-endian 64-bit integers */
void polyval_siv(const uint8_t key[16], const uint8_t *aad, size_t alen,
                 const uint8_t *msg, size_t mlen, uint8_t out[16])
{
    polyval_state st;
    uint8_t lens[16];
    uint64_t abits = (uint64_t)alen * 8, mbits = (uint64_t)mlen * 8;
    polyval_start(&st, key);
    polyval_absorb(&st, aad, alen);
    polyval_pad(&st);
    polyval_absorb(&st, msg, mlen);
    polyval_pad(&st);
    for (int i = 0; i < 8; i++) {
        lens[i] = (uint8_t)(abits >> (8 * i));
        lens[i + 8] = (uint8_t)(mbits >> (8 * i));
    }
    polyval_absorb(&st, lens, 16);
    polyval_result(&st, out);
}

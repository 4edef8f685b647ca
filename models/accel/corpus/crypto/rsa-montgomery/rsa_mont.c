/*
 * rsa_mont.c -- RSA public and private (CRT) operations on top of a small
 * multi-precision library that uses Montgomery multiplication (CIOS form,
 * Koc/Acar/Kaliski 1996) for all modular exponentiation.
 *
 * Numbers are little-endian arrays of 32-bit limbs; the caller hands in
 * big-endian octet strings as in PKCS #1 (I2OSP / OS2IP).  Exponentiation
 * uses a fixed 4-bit window over the exponent.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#define BN_MAX_LIMBS 130 /* 4096-bit moduli plus slack */

typedef uint32_t limb_t;
typedef uint64_t dlimb_t;

typedef struct {
    limb_t n[BN_MAX_LIMBS];  /* modulus */
    limb_t rr[BN_MAX_LIMBS]; /* R^2 mod n, R = 2^(32*nl) */
    limb_t n0inv;            /* -n^-1 mod 2^32 */
    int nl;                  /* limbs in use */
} mont_ctx;

/* ---- octet string <-> limb conversion ---- */

static void os2ip(limb_t *r, int rl, const uint8_t *in, size_t len)
{
    size_t i;
    memset(r, 0, (size_t)rl * sizeof(limb_t));
    for (i = 0; i < len; i++) {
        size_t bit = (len - 1 - i) * 8;
        if (bit / 32 < (size_t)rl)
            r[bit / 32] |= (limb_t)in[i] << (bit % 32);
    }
}

static void i2osp(uint8_t *out, size_t len, const limb_t *a, int al)
{
    size_t i;
    for (i = 0; i < len; i++) {
        size_t bit = (len - 1 - i) * 8;
        out[i] = (bit / 32 < (size_t)al) ? (uint8_t)(a[bit / 32] >> (bit % 32)) : 0;
    }
}

/* ---- plain limb arithmetic ---- */

static int bn_cmp(const limb_t *a, const limb_t *b, int n)
{
    int i;
    for (i = n - 1; i >= 0; i--) {
        if (a[i] != b[i])
            return a[i] > b[i] ? 1 : -1;
    }
    return 0;
}

static limb_t bn_sub(limb_t *r, const limb_t *a, const limb_t *b, int n)
{
    dlimb_t borrow = 0;
    int i;
    for (i = 0; i < n; i++) {
        dlimb_t t = (dlimb_t)a[i] - b[i] - borrow;
        r[i] = (limb_t)t;
        borrow = (t >> 32) & 1;
    }
    return (limb_t)borrow;
}

static limb_t bn_add(limb_t *r, const limb_t *a, const limb_t *b, int n)
{
    dlimb_t carry = 0;
    int i;
    for (i = 0; i < n; i++) {
        carry += (dlimb_t)a[i] + b[i];
        r[i] = (limb_t)carry;
        carry >>= 32;
    }
    return (limb_t)carry;
}

static int bn_used(const limb_t *a, int n)
{
    while (n > 0 && a[n - 1] == 0)
        n--;
    return n;
}

/* r = a * b (r has al + bl limbs, must not alias) */
static void bn_mul(limb_t *r, const limb_t *a, int al, const limb_t *b, int bl)
{
    int i, j;
    memset(r, 0, (size_t)(al + bl) * sizeof(limb_t));
    for (i = 0; i < al; i++) {
        dlimb_t c = 0;
        for (j = 0; j < bl; j++) {
            c += (dlimb_t)a[i] * b[j] + r[i + j];
            r[i + j] = (limb_t)c;
            c >>= 32;
        }
        r[i + bl] = (limb_t)c;
    }
}

/* ---- Montgomery arithmetic ---- */

static limb_t mont_inv32(limb_t n0)
{
    /* Newton iteration for n0^-1 mod 2^32 (n0 odd), then negate. */
    limb_t x = n0; /* correct to 3 bits */
    int k;
    for (k = 0; k < 4; k++)
        x *= 2 - n0 * x;
    return (limb_t)(0u - x);
}

/* t = a * b * R^-1 mod n, CIOS. t may alias a or b. */
static void mont_mul(const mont_ctx *m, limb_t *t, const limb_t *a, const limb_t *b)
{
    limb_t acc[BN_MAX_LIMBS + 2];
    int s = m->nl, i, j;
    memset(acc, 0, sizeof(limb_t) * (size_t)(s + 2));
    for (i = 0; i < s; i++) {
        dlimb_t c = 0;
        limb_t u;
        for (j = 0; j < s; j++) {
            c += (dlimb_t)a[j] * b[i] + acc[j];
            acc[j] = (limb_t)c;
            c >>= 32;
        }
        c += acc[s];
        acc[s] = (limb_t)c;
        acc[s + 1] = (limb_t)(c >> 32);

        u = acc[0] * m->n0inv;
        c = ((dlimb_t)u * m->n[0] + acc[0]) >> 32;
        for (j = 1; j < s; j++) {
            c += (dlimb_t)u * m->n[j] + acc[j];
            acc[j - 1] = (limb_t)c;
            c >>= 32;
        }
        c += acc[s];
        acc[s - 1] = (limb_t)c;
        acc[s] = acc[s + 1] + (limb_t)(c >> 32);
    }
    if (acc[s] || bn_cmp(acc, m->n, s) >= 0)
        bn_sub(acc, acc, m->n, s);
    memcpy(t, acc, sizeof(limb_t) * (size_t)s);
}

static int mont_setup(mont_ctx *m, const limb_t *n, int nl)
{
    limb_t one[BN_MAX_LIMBS];
    int i, bits;
    nl = bn_used(n, nl);
    if (nl == 0 || nl > BN_MAX_LIMBS - 2 || (n[0] & 1) == 0)
        return -1;
    m->nl = nl;
    memcpy(m->n, n, sizeof(limb_t) * (size_t)nl);
    m->n0inv = mont_inv32(n[0]);

    /* R^2 mod n by doubling 1 a total of 2*32*nl times, reducing each step */
    memset(one, 0, sizeof one);
    one[0] = 1;
    memcpy(m->rr, one, sizeof(limb_t) * (size_t)nl);
    bits = 64 * nl;
    for (i = 0; i < bits; i++) {
        limb_t carry = bn_add(m->rr, m->rr, m->rr, nl);
        if (carry || bn_cmp(m->rr, m->n, nl) >= 0)
            bn_sub(m->rr, m->rr, m->n, nl);
    }
    return 0;
}

/* r = (a * R) mod n ; a has nl limbs and is < n */
static void mont_to(const mont_ctx *m, limb_t *r, const limb_t *a)
{
    mont_mul(m, r, a, m->rr);
}

static void mont_from(const mont_ctx *m, limb_t *r, const limb_t *a)
{
    limb_t one[BN_MAX_LIMBS];
    memset(one, 0, sizeof(limb_t) * (size_t)m->nl);
    one[0] = 1;
    mont_mul(m, r, a, one);
}

static int exp_bit_window(const limb_t *e, int bitpos)
{
    /* 4 bits ending at bitpos (inclusive, counting downward) */
    int w = 0, k;
    for (k = 0; k < 4; k++) {
        int b = bitpos - k;
        w <<= 1;
        if (b >= 0)
            w |= (int)((e[b / 32] >> (b % 32)) & 1);
    }
    return w;
}

/* r = base^e mod n, base < n, all of nl limbs; e has el limbs */
static void mont_modexp(const mont_ctx *m, limb_t *r, const limb_t *base,
                        const limb_t *e, int el)
{
    static limb_t tbl[16][BN_MAX_LIMBS];
    limb_t acc[BN_MAX_LIMBS];
    int nl = m->nl, i, top, pos;

    /* tbl[i] = base^i in Montgomery form */
    memset(acc, 0, sizeof acc);
    acc[0] = 1;
    mont_to(m, tbl[0], acc);
    mont_to(m, tbl[1], base);
    for (i = 2; i < 16; i++)
        mont_mul(m, tbl[i], tbl[i - 1], tbl[1]);

    el = bn_used(e, el);
    memcpy(acc, tbl[0], sizeof(limb_t) * (size_t)nl);
    if (el == 0) {
        mont_from(m, r, acc);
        return;
    }
    top = el * 32 - 1;
    while (top > 0 && !((e[top / 32] >> (top % 32)) & 1))
        top--;
    /* align so windows end exactly at bit 0 */
    top = ((top / 4) + 1) * 4 - 1;
    for (pos = top; pos >= 0; pos -= 4) {
        int w;
        if (pos != top) {
            mont_mul(m, acc, acc, acc);
            mont_mul(m, acc, acc, acc);
            mont_mul(m, acc, acc, acc);
            mont_mul(m, acc, acc, acc);
        }
        w = exp_bit_window(e, pos);
        mont_mul(m, acc, acc, tbl[w]);
    }
    mont_from(m, r, acc);
}

/* r = a mod n for a of al limbs, by Montgomery reduction twice:
 * split a into nl-limb chunks and Horner-evaluate with R = 2^(32 nl). */
static void mont_reduce_wide(const mont_ctx *m, limb_t *r, const limb_t *a, int al)
{
    int nl = m->nl;
    int chunks = (al + nl - 1) / nl, c;
    limb_t acc[BN_MAX_LIMBS], part[BN_MAX_LIMBS], tmp[BN_MAX_LIMBS];

    memset(acc, 0, sizeof acc);
    for (c = chunks - 1; c >= 0; c--) {
        int take = al - c * nl;
        if (take > nl)
            take = nl;
        memset(part, 0, sizeof(limb_t) * (size_t)nl);
        memcpy(part, a + c * nl, sizeof(limb_t) * (size_t)take);
        /* part may be >= n: at most a few subtractions are not enough in
         * general, so reduce it through mont_mul by R^2 then from-form. */
        mont_mul(m, tmp, part, m->rr); /* part * R mod n */
        mont_from(m, part, tmp);       /* part mod n */
        if (c != chunks - 1) {
            /* acc = acc * R mod n */
            mont_mul(m, tmp, acc, m->rr);
            memcpy(acc, tmp, sizeof(limb_t) * (size_t)nl);
        }
        if (bn_add(acc, acc, part, nl) || bn_cmp(acc, m->n, nl) >= 0)
            bn_sub(acc, acc, m->n, nl);
    }
    memcpy(r, acc, sizeof(limb_t) * (size_t)nl);
}

/* ---- RSA primitives (RFC 8017 RSAEP/RSADP) ---- */

int rsa_public_op(uint8_t *out, const uint8_t *in, const uint8_t *mod,
                  size_t modlen, const uint8_t *pubexp, size_t explen)
{
    mont_ctx m;
    limb_t n[BN_MAX_LIMBS], x[BN_MAX_LIMBS], e[BN_MAX_LIMBS], y[BN_MAX_LIMBS];
    int nl = (int)((modlen + 3) / 4);
    int el = (int)((explen + 3) / 4);
    if (nl > BN_MAX_LIMBS - 2 || el > BN_MAX_LIMBS)
        return -1;
    os2ip(n, nl, mod, modlen);
    os2ip(x, nl, in, modlen);
    os2ip(e, el, pubexp, explen);
    if (mont_setup(&m, n, nl) != 0)
        return -1;
    if (bn_cmp(x, m.n, m.nl) >= 0)
        return -1; /* message representative out of range */
    mont_modexp(&m, y, x, e, el);
    i2osp(out, modlen, y, m.nl);
    return 0;
}

typedef struct {
    const uint8_t *p, *q, *dp, *dq, *qinv;
    size_t plen; /* all five fields are plen octets, big-endian */
} rsa_crt_key;

int rsa_private_crt(uint8_t *out, const uint8_t *in, size_t modlen,
                    const rsa_crt_key *k)
{
    mont_ctx mp, mq;
    limb_t p[BN_MAX_LIMBS], q[BN_MAX_LIMBS], dp[BN_MAX_LIMBS], dq[BN_MAX_LIMBS];
    limb_t qinv[BN_MAX_LIMBS], c[2 * BN_MAX_LIMBS], cr[BN_MAX_LIMBS];
    limb_t m1[BN_MAX_LIMBS], m2[BN_MAX_LIMBS], h[BN_MAX_LIMBS], t[BN_MAX_LIMBS];
    limb_t res[2 * BN_MAX_LIMBS];
    int hl = (int)((k->plen + 3) / 4);
    int cl = (int)((modlen + 3) / 4);
    int ql;

    if (hl > BN_MAX_LIMBS - 2 || cl > 2 * BN_MAX_LIMBS - 2)
        return -1;
    os2ip(p, hl, k->p, k->plen);
    os2ip(q, hl, k->q, k->plen);
    os2ip(dp, hl, k->dp, k->plen);
    os2ip(dq, hl, k->dq, k->plen);
    os2ip(qinv, hl, k->qinv, k->plen);
    os2ip(c, cl, in, modlen);
    if (mont_setup(&mp, p, hl) || mont_setup(&mq, q, hl))
        return -1;

    /* m1 = c^dp mod p */
    mont_reduce_wide(&mp, cr, c, cl);
    mont_modexp(&mp, m1, cr, dp, hl);
    /* m2 = c^dq mod q */
    mont_reduce_wide(&mq, cr, c, cl);
    mont_modexp(&mq, m2, cr, dq, hl);

    /* h = qinv * (m1 - m2) mod p */
    ql = mq.nl;
    memset(t, 0, sizeof t);
    memcpy(t, m2, sizeof(limb_t) * (size_t)ql);
    mont_reduce_wide(&mp, t, t, ql); /* m2 mod p */
    if (bn_sub(h, m1, t, mp.nl))
        bn_add(h, h, mp.n, mp.nl);
    mont_reduce_wide(&mp, t, qinv, hl);
    mont_mul(&mp, h, h, t);         /* h*qinv*R^-1 */
    mont_mul(&mp, h, h, mp.rr);     /* undo R^-1 */

    /* m = m2 + h * q */
    bn_mul(res, h, mp.nl, mq.n, ql);
    {
        int rl = mp.nl + ql, i;
        dlimb_t carry = 0;
        for (i = 0; i < rl; i++) {
            carry += (dlimb_t)res[i] + (i < ql ? m2[i] : 0);
            res[i] = (limb_t)carry;
            carry >>= 32;
        }
        i2osp(out, modlen, res, rl);
    }
    return 0;
}

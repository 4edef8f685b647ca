/*
 * Elliptic-curve Diffie-Hellman on the NIST Koblitz curve K-163
 * (FIPS 186-4 D.1.3.1, SEC 2 sect163k1):
 *
 *     E: y^2 + xy = x^3 + x^2 + 1   over GF(2^163),
 *     f(z) = z^163 + z^7 + z^6 + z^3 + 1 (polynomial basis)
 *
 * Field elements are three 64-bit words, least significant first.
 * Multiplication is the left-to-right comb with a 4-bit window (Hankerson,
 * Lopez, Menezes, algorithm 2.36) into a 6-word product followed by a
 * word-wise fold of the high part with f; squaring spreads the bits with a
 * nibble table; inversion is Fermat's a^(2^163-2).
 *
 * The scalar multiplication is the x-only Montgomery ladder in Lopez-Dahab
 * projective coordinates (Lopez & Dahab, CHES'99): it needs only the affine
 * x of the base point and never the y coordinate or the curve's a.
 */
#include <stdint.h>
#include <string.h>

typedef uint64_t gf163[3];

#define TOP_MASK ((UINT64_C(1) << 35) - 1) /* bits 128..162 live in word 2 */

/* the 4-bit polynomial u spread to 8 bits (u(z)^2) */
static const uint8_t spread4[16] = {
    0x00, 0x01, 0x04, 0x05, 0x10, 0x11, 0x14, 0x15,
    0x40, 0x41, 0x44, 0x45, 0x50, 0x51, 0x54, 0x55};

/* reduce a product of degree <= 324 held in 6 words */
static void gf163_reduce(uint64_t p[6], gf163 r)
{
    int i;

    /* z^(64i) = z^(64(i-3)+29) * z^163 == z^(64(i-3)+29) * (z^7+z^6+z^3+1) */
    for (i = 5; i >= 3; i--) {
        uint64_t t = p[i];
        p[i] = 0;
        p[i - 3] ^= (t << 29) ^ (t << 32) ^ (t << 35) ^ (t << 36);
        p[i - 2] ^= (t >> 35) ^ (t >> 32) ^ (t >> 29) ^ (t >> 28);
    }
    /* bits 163..191 of word 2 */
    {
        uint64_t t = p[2] >> 35;
        p[2] &= TOP_MASK;
        p[0] ^= t ^ (t << 3) ^ (t << 6) ^ (t << 7);
    }
    r[0] = p[0];
    r[1] = p[1];
    r[2] = p[2];
}

void gf163_mul(gf163 r, const gf163 a, const gf163 b)
{
    uint64_t tab[16][4];
    uint64_t p[6] = {0, 0, 0, 0, 0, 0};
    int u, i, j;

    /* tab[u] = u(z) * a(z), u of degree < 4 (at most 166 bits) */
    memset(tab[0], 0, sizeof tab[0]);
    tab[1][0] = a[0];
    tab[1][1] = a[1];
    tab[1][2] = a[2];
    tab[1][3] = 0;
    for (u = 2; u < 16; u += 2) {
        const uint64_t *h = tab[u >> 1];
        tab[u][0] = h[0] << 1;
        tab[u][1] = (h[1] << 1) | (h[0] >> 63);
        tab[u][2] = (h[2] << 1) | (h[1] >> 63);
        tab[u][3] = (h[3] << 1) | (h[2] >> 63);
        tab[u + 1][0] = tab[u][0] ^ a[0];
        tab[u + 1][1] = tab[u][1] ^ a[1];
        tab[u + 1][2] = tab[u][2] ^ a[2];
        tab[u + 1][3] = tab[u][3];
    }

    for (i = 15; i >= 0; i--) {
        for (j = 0; j < 3; j++) {
            const uint64_t *t = tab[(b[j] >> (4 * i)) & 15];
            p[j] ^= t[0];
            p[j + 1] ^= t[1];
            p[j + 2] ^= t[2];
            p[j + 3] ^= t[3];
        }
        if (i != 0) {
            for (j = 5; j > 0; j--)
                p[j] = (p[j] << 4) | (p[j - 1] >> 60);
            p[0] <<= 4;
        }
    }
    gf163_reduce(p, r);
}

void gf163_sqr(gf163 r, const gf163 a)
{
    uint64_t p[6];
    int w, k;

    for (w = 0; w < 3; w++) {
        uint64_t lo = 0, hi = 0;
        for (k = 0; k < 8; k++) {
            lo |= (uint64_t)spread4[(a[w] >> (4 * k)) & 15] << (8 * k);
            hi |= (uint64_t)spread4[(a[w] >> (32 + 4 * k)) & 15] << (8 * k);
        }
        p[2 * w] = lo;
        p[2 * w + 1] = hi;
    }
    gf163_reduce(p, r);
}

/* a^-1 = a^(2^163 - 2); a must be nonzero */
void gf163_inv(gf163 r, const gf163 a)
{
    gf163 acc;
    int i;

    memcpy(acc, a, sizeof acc);
    for (i = 1; i < 162; i++) {      /* acc = a^(2^(i+1) - 1) */
        gf163_sqr(acc, acc);
        gf163_mul(acc, acc, a);
    }
    gf163_sqr(r, acc);
}

static void fe_load(gf163 r, const uint8_t be[21])
{
    int i;
    r[0] = r[1] = r[2] = 0;
    for (i = 0; i < 21; i++) {
        int bit = 8 * (20 - i);
        r[bit >> 6] |= (uint64_t)be[i] << (bit & 63);
    }
    r[2] &= TOP_MASK;
}

static void fe_store(uint8_t be[21], const gf163 a)
{
    int i;
    for (i = 0; i < 21; i++) {
        int bit = 8 * (20 - i);
        be[i] = (uint8_t)(a[bit >> 6] >> (bit & 63));
    }
}

/* Lopez-Dahab x-only ladder for b = 1.  Writes x(kP) and returns 0, or
 * returns -1 when kP is the point at infinity (or k is zero). */
int k163_ladder(gf163 xout, const gf163 xp, const uint8_t k[21])
{
    gf163 x1, z1, x2, z2, t1, t2;
    int bit, top = -1;

    for (bit = 167; bit >= 0; bit--)
        if ((k[20 - (bit >> 3)] >> (bit & 7)) & 1) {
            top = bit;
            break;
        }
    if (top < 0)
        return -1;

    /* (x1:z1) = P, (x2:z2) = 2P */
    memcpy(x1, xp, sizeof x1);
    z1[0] = 1; z1[1] = 0; z1[2] = 0;
    gf163_sqr(z2, xp);
    gf163_sqr(x2, z2);
    x2[0] ^= 1;                         /* x^4 + b */

    for (bit = top - 1; bit >= 0; bit--) {
        int set = (k[20 - (bit >> 3)] >> (bit & 7)) & 1;
        uint64_t *ax = set ? x1 : x2, *az = set ? z1 : z2; /* gets the sum */
        uint64_t *dx = set ? x2 : x1, *dz = set ? z2 : z1; /* gets doubled */

        /* Madd: Z = (X1 Z2 + X2 Z1)^2, X = x Z + (X1 Z2)(X2 Z1) */
        gf163_mul(t1, x1, z2);
        gf163_mul(t2, x2, z1);
        {
            gf163 s, prod;
            s[0] = t1[0] ^ t2[0];
            s[1] = t1[1] ^ t2[1];
            s[2] = t1[2] ^ t2[2];
            gf163_mul(prod, t1, t2);
            gf163_sqr(az, s);
            gf163_mul(ax, xp, az);
            ax[0] ^= prod[0];
            ax[1] ^= prod[1];
            ax[2] ^= prod[2];
        }
        /* Mdouble: X = X^4 + b Z^4, Z = X^2 Z^2 */
        gf163_sqr(t1, dx);
        gf163_sqr(t2, dz);
        gf163_mul(dz, t1, t2);
        gf163_sqr(t1, t1);
        gf163_sqr(t2, t2);
        dx[0] = t1[0] ^ t2[0];
        dx[1] = t1[1] ^ t2[1];
        dx[2] = t1[2] ^ t2[2];
    }

    if ((z1[0] | z1[1] | z1[2]) == 0)
        return -1;
    gf163_inv(t1, z1);
    gf163_mul(xout, x1, t1);
    return 0;
}

/* ECDH: the shared secret is the x coordinate of priv * peer, 21 bytes. */
int k163_ecdh(uint8_t secret[21], const uint8_t priv[21],
              const uint8_t peer_x[21])
{
    gf163 xp, xr;
    fe_load(xp, peer_x);
    if (k163_ladder(xr, xp, priv) != 0)
        return -1;
    fe_store(secret, xr);
    return 0;
}

/* public key x = x(priv * G) */
int k163_public_x(uint8_t pub_x[21], const uint8_t priv[21])
{
    static const uint8_t gx[21] = {
        0x02, 0xfe, 0x13, 0xc0, 0x53, 0x7b, 0xbc, 0x11, 0xac, 0xaa, 0x07,
        0xd7, 0x93, 0xde, 0x4e, 0x6d, 0x5e, 0x5c, 0x94, 0xee, 0xe8};
    return k163_ecdh(pub_x, priv, gx);
}

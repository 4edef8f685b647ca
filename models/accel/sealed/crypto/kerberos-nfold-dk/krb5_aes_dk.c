/*
 * Kerberos 5 simplified-profile key derivation (RFC 3961) for the AES
 * enctypes (RFC 3962):
 *   n-fold(constant) -> DR(base, constant) = E(base, ...) chained blocks,
 *   DK = random-to-key(DR) (identity for AES),
 *   string-to-key = DK(random-to-key(PBKDF2-HMAC-SHA1(pass, salt, iter)),
 *                      "kerberos"),
 *   per-usage keys Kc/Ke/Ki = DK(base, usage || 0x99/0xAA/0x55).
 * The AES forward cipher below is byte-oriented; its S-box is computed at
 * start-up from the GF(2^8) inverse and the affine map.
 */
#include <stdint.h>
#include <string.h>

/* ---------------------------------------------------------------- AES */

static uint8_t kd_sbox[256];
static int kd_sbox_ready;

static void kd_build_sbox(void)
{
    uint8_t logt[256], expt[256];
    uint8_t x = 1;
    int i;
    /* 3 generates GF(2^8)* under the AES polynomial x^8+x^4+x^3+x+1 */
    for (i = 0; i < 255; i++) {
        expt[i] = x;
        logt[x] = (uint8_t)i;
        x ^= (uint8_t)((x << 1) ^ ((x & 0x80) ? 0x1b : 0));
    }
    for (i = 0; i < 256; i++) {
        uint8_t inv = i ? expt[(255 - logt[i]) % 255] : 0;
        uint8_t s = inv;
        int r;
        for (r = 1; r <= 4; r++)
            s ^= (uint8_t)((inv << r) | (inv >> (8 - r)));
        kd_sbox[i] = s ^ 0x63;
    }
    kd_sbox_ready = 1;
}

typedef struct {
    int nr;
    uint8_t rk[15][16];
} kd_aes;

static void kd_aes_expand(kd_aes *a, const uint8_t *key, size_t keylen)
{
    uint8_t w[240];
    size_t nk = keylen / 4, total, i;
    uint8_t rcon = 1;

    if (!kd_sbox_ready)
        kd_build_sbox();
    a->nr = (int)nk + 6;
    total = 4 * ((size_t)a->nr + 1);
    memcpy(w, key, keylen);
    for (i = nk; i < total; i++) {
        uint8_t t[4];
        memcpy(t, w + 4 * (i - 1), 4);
        if (i % nk == 0) {
            uint8_t t0 = t[0];
            t[0] = kd_sbox[t[1]] ^ rcon;
            t[1] = kd_sbox[t[2]];
            t[2] = kd_sbox[t[3]];
            t[3] = kd_sbox[t0];
            rcon = (uint8_t)((rcon << 1) ^ ((rcon & 0x80) ? 0x1b : 0));
        } else if (nk > 6 && i % nk == 4) {
            t[0] = kd_sbox[t[0]]; t[1] = kd_sbox[t[1]];
            t[2] = kd_sbox[t[2]]; t[3] = kd_sbox[t[3]];
        }
        w[4 * i + 0] = w[4 * (i - nk) + 0] ^ t[0];
        w[4 * i + 1] = w[4 * (i - nk) + 1] ^ t[1];
        w[4 * i + 2] = w[4 * (i - nk) + 2] ^ t[2];
        w[4 * i + 3] = w[4 * (i - nk) + 3] ^ t[3];
    }
    memcpy(a->rk, w, total * 4);
}

static void kd_aes_encrypt(const kd_aes *a, const uint8_t in[16], uint8_t out[16])
{
    uint8_t s[16], t[16];
    int r, c, i;

    for (i = 0; i < 16; i++)
        s[i] = in[i] ^ a->rk[0][i];
    for (r = 1; r <= a->nr; r++) {
        /* SubBytes + ShiftRows: row i of column c comes from column c+i */
        for (c = 0; c < 4; c++)
            for (i = 0; i < 4; i++)
                t[4 * c + i] = kd_sbox[s[4 * ((c + i) & 3) + i]];
        if (r != a->nr) {
            for (c = 0; c < 4; c++) {
                uint8_t *col = t + 4 * c;
                uint8_t all = col[0] ^ col[1] ^ col[2] ^ col[3];
                uint8_t c0 = col[0];
                for (i = 0; i < 4; i++) {
                    uint8_t nx = (i == 3) ? c0 : col[i + 1];
                    uint8_t d = col[i] ^ nx;
                    d = (uint8_t)((d << 1) ^ ((d & 0x80) ? 0x1b : 0));
                    col[i] ^= d ^ all;
                }
            }
        }
        for (i = 0; i < 16; i++)
            s[i] = t[i] ^ a->rk[r][i];
    }
    memcpy(out, s, 16);
}

/* ------------------------------------------------------------- SHA-1 */

typedef struct {
    uint32_t h[5];
    uint64_t total;
    uint8_t buf[64];
    size_t fill;
} kd_sha1;

#define KD_ROL(x, n) (((x) << (n)) | ((x) >> (32 - (n))))

static void kd_sha1_block(kd_sha1 *c, const uint8_t *p)
{
    uint32_t w[80], a, b, d, e, f, k, tmp, cc;
    int t;
    for (t = 0; t < 16; t++)
        w[t] = (uint32_t)p[4 * t] << 24 | (uint32_t)p[4 * t + 1] << 16 |
               (uint32_t)p[4 * t + 2] << 8 | p[4 * t + 3];
    for (t = 16; t < 80; t++) {
        tmp = w[t - 3] ^ w[t - 8] ^ w[t - 14] ^ w[t - 16];
        w[t] = KD_ROL(tmp, 1);
    }
    a = c->h[0]; b = c->h[1]; cc = c->h[2]; d = c->h[3]; e = c->h[4];
    for (t = 0; t < 80; t++) {
        if (t < 20) {
            f = (b & cc) | (~b & d);
            k = 0x5a827999u;
        } else if (t < 40) {
            f = b ^ cc ^ d;
            k = 0x6ed9eba1u;
        } else if (t < 60) {
            f = (b & cc) | (b & d) | (cc & d);
            k = 0x8f1bbcdcu;
        } else {
            f = b ^ cc ^ d;
            k = 0xca62c1d6u;
        }
        tmp = KD_ROL(a, 5) + f + e + k + w[t];
        e = d;
        d = cc;
        cc = KD_ROL(b, 30);
        b = a;
        a = tmp;
    }
    c->h[0] += a; c->h[1] += b; c->h[2] += cc; c->h[3] += d; c->h[4] += e;
}

static void kd_sha1_init(kd_sha1 *c)
{
    c->h[0] = 0x67452301u; c->h[1] = 0xefcdab89u; c->h[2] = 0x98badcfeu;
    c->h[3] = 0x10325476u; c->h[4] = 0xc3d2e1f0u;
    c->total = 0;
    c->fill = 0;
}

static void kd_sha1_update(kd_sha1 *c, const uint8_t *p, size_t n)
{
    c->total += n;
    while (n) {
        size_t take = 64 - c->fill;
        if (take > n)
            take = n;
        memcpy(c->buf + c->fill, p, take);
        c->fill += take;
        p += take;
        n -= take;
        if (c->fill == 64) {
            kd_sha1_block(c, c->buf);
            c->fill = 0;
        }
    }
}

static void kd_sha1_final(kd_sha1 *c, uint8_t out[20])
{
    uint64_t bits = c->total * 8;
    uint8_t pad = 0x80, z = 0, len[8];
    int i;
    kd_sha1_update(c, &pad, 1);
    while (c->fill != 56)
        kd_sha1_update(c, &z, 1);
    for (i = 0; i < 8; i++)
        len[i] = (uint8_t)(bits >> (56 - 8 * i));
    kd_sha1_update(c, len, 8);
    for (i = 0; i < 20; i++)
        out[i] = (uint8_t)(c->h[i / 4] >> (24 - 8 * (i % 4)));
}

/* HMAC-SHA1 keyed once: inner and outer states after the padded key block. */
typedef struct {
    kd_sha1 inner, outer;
} kd_hmac;

static void kd_hmac_key(kd_hmac *m, const uint8_t *key, size_t klen)
{
    uint8_t k0[64], pad[64];
    int i;
    memset(k0, 0, sizeof k0);
    if (klen > 64) {
        kd_sha1 t;
        kd_sha1_init(&t);
        kd_sha1_update(&t, key, klen);
        kd_sha1_final(&t, k0);
    } else {
        memcpy(k0, key, klen);
    }
    for (i = 0; i < 64; i++)
        pad[i] = k0[i] ^ 0x36;
    kd_sha1_init(&m->inner);
    kd_sha1_update(&m->inner, pad, 64);
    for (i = 0; i < 64; i++)
        pad[i] = k0[i] ^ 0x5c;
    kd_sha1_init(&m->outer);
    kd_sha1_update(&m->outer, pad, 64);
}

static void kd_hmac_two(const kd_hmac *m, const uint8_t *a, size_t alen,
                        const uint8_t *b, size_t blen, uint8_t out[20])
{
    kd_sha1 c = m->inner;
    uint8_t ih[20];
    kd_sha1_update(&c, a, alen);
    if (blen)
        kd_sha1_update(&c, b, blen);
    kd_sha1_final(&c, ih);
    c = m->outer;
    kd_sha1_update(&c, ih, 20);
    kd_sha1_final(&c, out);
}

/* PBKDF2 (RFC 8018) with HMAC-SHA1 as PRF. */
void krb5_pbkdf2_sha1(const uint8_t *pass, size_t plen, const uint8_t *salt,
                      size_t slen, uint32_t iter, uint8_t *out, size_t outlen)
{
    kd_hmac m;
    uint32_t blk = 1;
    kd_hmac_key(&m, pass, plen);
    while (outlen) {
        uint8_t ctr[4], u[20], acc[20];
        uint32_t j;
        size_t i, take = outlen < 20 ? outlen : 20;
        ctr[0] = (uint8_t)(blk >> 24); ctr[1] = (uint8_t)(blk >> 16);
        ctr[2] = (uint8_t)(blk >> 8);  ctr[3] = (uint8_t)blk;
        kd_hmac_two(&m, salt, slen, ctr, 4, u);
        memcpy(acc, u, 20);
        for (j = 1; j < iter; j++) {
            kd_hmac_two(&m, u, 20, NULL, 0, u);
            for (i = 0; i < 20; i++)
                acc[i] ^= u[i];
        }
        memcpy(out, acc, take);
        out += take;
        outlen -= take;
        blk++;
    }
}

/* ------------------------------------------------------------ n-fold */

static size_t kd_gcd(size_t a, size_t b)
{
    while (b) {
        size_t t = a % b;
        a = b;
        b = t;
    }
    return a;
}

/* n-fold of RFC 3961 section 5.1: the input is repeated lcm(inlen, outlen)
 * / inlen times, each copy rotated right by 13 bits more than the last, and
 * the outlen-byte pieces are summed with end-around carry.  Lengths in
 * bytes; outlen at most 64 here. */
void krb5_nfold(const uint8_t *in, size_t inlen, uint8_t *out, size_t outlen)
{
    size_t lcm = inlen / kd_gcd(inlen, outlen) * outlen;
    size_t inbits = inlen * 8, i, b;
    unsigned acc[64];
    unsigned carry;

    memset(acc, 0, sizeof acc);
    for (i = 0; i < lcm; i++) {
        /* byte i of the replicated string: copy number i / inlen rotated
         * right by 13 * copy bits */
        size_t copy = i / inlen, pos = i % inlen;
        size_t rot = (13 * copy) % inbits;
        unsigned byte = 0;
        for (b = 0; b < 8; b++) {
            size_t bit = (pos * 8 + b + inbits - rot) % inbits;
            unsigned v = (in[bit >> 3] >> (7 - (bit & 7))) & 1u;
            byte |= v << (7 - b);
        }
        acc[i % outlen] += byte;
    }
    /* propagate carries from the least significant (last) byte, wrapping the
     * carry out of the top byte back into the bottom until it settles */
    do {
        carry = 0;
        for (i = outlen; i-- > 0;) {
            acc[i] += carry;
            carry = acc[i] >> 8;
            acc[i] &= 0xff;
        }
        if (carry)
            acc[outlen - 1] += carry;
    } while (carry);
    for (i = 0; i < outlen; i++)
        out[i] = (uint8_t)acc[i];
}

/* --------------------------------------------------------- DR and DK */

/* DK(base, constant) for the AES enctypes: the constant is n-folded to the
 * block size, then enciphered repeatedly (the key being the base key) and
 * the blocks concatenated up to the key length.  random-to-key is the
 * identity for AES. */
void krb5_aes_dk(const uint8_t *base, size_t keylen, const uint8_t *constant,
                 size_t clen, uint8_t *out)
{
    kd_aes a;
    uint8_t blk[16];
    size_t done = 0;

    kd_aes_expand(&a, base, keylen);
    if (clen == 16)
        memcpy(blk, constant, 16);
    else
        krb5_nfold(constant, clen, blk, 16);
    while (done < keylen) {
        size_t take = keylen - done < 16 ? keylen - done : 16;
        kd_aes_encrypt(&a, blk, blk);
        memcpy(out + done, blk, take);
        done += take;
    }
    memset(&a, 0, sizeof a);
}

/* string-to-key of RFC 3962 (keylen 16 or 32). */
void krb5_aes_string_to_key(const uint8_t *pass, size_t plen,
                            const uint8_t *salt, size_t slen, uint32_t iter,
                            size_t keylen, uint8_t *key)
{
    static const uint8_t kerberos[8] = {'k', 'e', 'r', 'b', 'e', 'r', 'o', 's'};
    uint8_t tkey[32];
    krb5_pbkdf2_sha1(pass, plen, salt, slen, iter, tkey, keylen);
    krb5_aes_dk(tkey, keylen, kerberos, sizeof kerberos, key);
    memset(tkey, 0, sizeof tkey);
}

/* Per-usage key: DK(base, usage (32-bit big-endian) || kind), kind 0x99
 * (checksum Kc), 0xAA (encryption Ke) or 0x55 (integrity Ki). */
void krb5_aes_usage_key(const uint8_t *base, size_t keylen, uint32_t usage,
                        uint8_t kind, uint8_t *out)
{
    uint8_t c[5];
    c[0] = (uint8_t)(usage >> 24);
    c[1] = (uint8_t)(usage >> 16);
    c[2] = (uint8_t)(usage >> 8);
    c[3] = (uint8_t)usage;
    c[4] = kind;
    krb5_aes_dk(base, keylen, c, sizeof c, out);
}

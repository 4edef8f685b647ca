/* HKDF (RFC 5869) instantiated with HMAC-SHA-256.
 * SHA-256 uses a 16-word circular message schedule; the HMAC keeps the
 * padded inner/outer states so that many HKDF-Expand blocks reuse them. */
#include <stdint.h>
#include <stddef.h>
#include <string.h>

typedef struct {
    uint32_t h[8];
    uint8_t buf[64];
    size_t fill;
    uint64_t total;
} hk_sha256;

typedef struct {
    hk_sha256 inner;
    hk_sha256 outer;
} hk_hmac;

static const uint32_t hk_round_k[64] = {
    0x428a2f98U, 0x71374491U, 0xb5c0fbcfU, 0xe9b5dba5U,
    0x3956c25bU, 0x59f111f1U, 0x923f82a4U, 0xab1c5ed5U,
    0xd807aa98U, 0x12835b01U, 0x243185beU, 0x550c7dc3U,
    0x72be5d74U, 0x80deb1feU, 0x9bdc06a7U, 0xc19bf174U,
    0xe49b69c1U, 0xefbe4786U, 0x0fc19dc6U, 0x240ca1ccU,
    0x2de92c6fU, 0x4a7484aaU, 0x5cb0a9dcU, 0x76f988daU,
    0x983e5152U, 0xa831c66dU, 0xb00327c8U, 0xbf597fc7U,
    0xc6e00bf3U, 0xd5a79147U, 0x06ca6351U, 0x14292967U,
    0x27b70a85U, 0x2e1b2138U, 0x4d2c6dfcU, 0x53380d13U,
    0x650a7354U, 0x766a0abbU, 0x81c2c92eU, 0x92722c85U,
    0xa2bfe8a1U, 0xa81a664bU, 0xc24b8b70U, 0xc76c51a3U,
    0xd192e819U, 0xd6990624U, 0xf40e3585U, 0x106aa070U,
    0x19a4c116U, 0x1e376c08U, 0x2748774cU, 0x34b0bcb5U,
    0x391c0cb3U, 0x4ed8aa4aU, 0x5b9cca4fU, 0x682e6ff3U,
    0x748f82eeU, 0x78a5636fU, 0x84c87814U, 0x8cc70208U,
    0x90befffaU, 0xa4506cebU, 0xbef9a3f7U, 0xc67178f2U
};

#define HK_ROR(x, n) (((x) >> (n)) | ((x) << (32 - (n))))

static void hk_sha256_block(uint32_t st[8], const uint8_t *blk)
{
    uint32_t w[16];
    uint32_t a = st[0], b = st[1], c = st[2], d = st[3];
    uint32_t e = st[4], f = st[5], g = st[6], h = st[7];
    unsigned t;

    for (t = 0; t < 64; t++) {
        uint32_t wt;
        if (t < 16) {
            wt = (uint32_t)blk[4 * t] << 24 | (uint32_t)blk[4 * t + 1] << 16 |
                 (uint32_t)blk[4 * t + 2] << 8 | (uint32_t)blk[4 * t + 3];
        } else {
            uint32_t x15 = w[(t + 1) & 15], x2 = w[(t + 14) & 15];
            uint32_t s0 = HK_ROR(x15, 7) ^ HK_ROR(x15, 18) ^ (x15 >> 3);
            uint32_t s1 = HK_ROR(x2, 17) ^ HK_ROR(x2, 19) ^ (x2 >> 10);
            wt = w[t & 15] + s0 + w[(t + 9) & 15] + s1;
        }
        w[t & 15] = wt;
        {
            uint32_t S1 = HK_ROR(e, 6) ^ HK_ROR(e, 11) ^ HK_ROR(e, 25);
            uint32_t ch = (e & f) ^ (~e & g);
            uint32_t t1 = h + S1 + ch + hk_round_k[t] + wt;
            uint32_t S0 = HK_ROR(a, 2) ^ HK_ROR(a, 13) ^ HK_ROR(a, 22);
            uint32_t maj = (a & b) ^ (a & c) ^ (b & c);
            h = g; g = f; f = e; e = d + t1;
            d = c; c = b; b = a; a = t1 + S0 + maj;
        }
    }
    st[0] += a; st[1] += b; st[2] += c; st[3] += d;
    st[4] += e; st[5] += f; st[6] += g; st[7] += h;
}

void hk_sha256_start(hk_sha256 *s)
{
    static const uint32_t iv[8] = {0x6a09e667U, 0xbb67ae85U, 0x3c6ef372U, 0xa54ff53aU,
                                   0x510e527fU, 0x9b05688cU, 0x1f83d9abU, 0x5be0cd19U};
    memcpy(s->h, iv, sizeof iv);
    s->fill = 0;
    s->total = 0;
}

void hk_sha256_feed(hk_sha256 *s, const uint8_t *p, size_t n)
{
    s->total += n;
    while (n > 0) {
        size_t take = 64 - s->fill;
        if (take > n)
            take = n;
        if (s->fill == 0 && n >= 64) {
            hk_sha256_block(s->h, p);
            p += 64;
            n -= 64;
            continue;
        }
        memcpy(s->buf + s->fill, p, take);
        s->fill += take;
        p += take;
        n -= take;
        if (s->fill == 64) {
            hk_sha256_block(s->h, s->buf);
            s->fill = 0;
        }
    }
}

void hk_sha256_end(hk_sha256 *s, uint8_t out[32])
{
    uint64_t bits = s->total * 8;
    int i;
    s->buf[s->fill++] = 0x80;
    if (s->fill > 56) {
        memset(s->buf + s->fill, 0, 64 - s->fill);
        hk_sha256_block(s->h, s->buf);
        s->fill = 0;
    }
    memset(s->buf + s->fill, 0, 56 - s->fill);
    for (i = 0; i < 8; i++)
        s->buf[56 + i] = (uint8_t)(bits >> (56 - 8 * i));
    hk_sha256_block(s->h, s->buf);
    for (i = 0; i < 32; i++)
        out[i] = (uint8_t)(s->h[i >> 2] >> (24 - 8 * (i & 3)));
}

void hk_hmac_setkey(hk_hmac *m, const uint8_t *key, size_t klen)
{
    uint8_t k0[64], pad[64];
    int i;
    memset(k0, 0, sizeof k0);
    if (klen > 64) {
        hk_sha256 t;
        hk_sha256_start(&t);
        hk_sha256_feed(&t, key, klen);
        hk_sha256_end(&t, k0);
    } else if (klen > 0) {
        memcpy(k0, key, klen);
    }
    for (i = 0; i < 64; i++)
        pad[i] = k0[i] ^ 0x36;
    hk_sha256_start(&m->inner);
    hk_sha256_feed(&m->inner, pad, 64);
    for (i = 0; i < 64; i++)
        pad[i] = k0[i] ^ 0x5c;
    hk_sha256_start(&m->outer);
    hk_sha256_feed(&m->outer, pad, 64);
}

/* Finish one MAC from a keyed template: inner hash over the fragments,
 * then the outer hash over the inner digest. */
void hk_hmac_mac3(const hk_hmac *m, const uint8_t *a, size_t na, const uint8_t *b, size_t nb,
                  const uint8_t *c, size_t nc, uint8_t out[32])
{
    hk_sha256 in = m->inner, outr = m->outer;
    uint8_t mid[32];
    if (na)
        hk_sha256_feed(&in, a, na);
    if (nb)
        hk_sha256_feed(&in, b, nb);
    if (nc)
        hk_sha256_feed(&in, c, nc);
    hk_sha256_end(&in, mid);
    hk_sha256_feed(&outr, mid, 32);
    hk_sha256_end(&outr, out);
}

/* HKDF-Extract: PRK = HMAC(salt, IKM); an absent salt is HashLen zeros. */
void hkdf_sha256_extract(const uint8_t *salt, size_t slen, const uint8_t *ikm, size_t ilen,
                         uint8_t prk[32])
{
    hk_hmac m;
    static const uint8_t zeros[32];
    if (salt == NULL || slen == 0)
        hk_hmac_setkey(&m, zeros, 32);
    else
        hk_hmac_setkey(&m, salt, slen);
    hk_hmac_mac3(&m, ikm, ilen, NULL, 0, NULL, 0, prk);
}

/* HKDF-Expand: T(i) = HMAC(PRK, T(i-1) | info | i). Returns -1 if L > 255*32. */
int hkdf_sha256_expand(const uint8_t *prk, size_t plen, const uint8_t *info, size_t ilen,
                       uint8_t *okm, size_t olen)
{
    hk_hmac m;
    uint8_t t[32];
    size_t done = 0, tlen = 0;
    uint8_t ctr = 0;
    if (olen > 255 * 32)
        return -1;
    hk_hmac_setkey(&m, prk, plen);
    while (done < olen) {
        size_t n;
        ctr++;
        hk_hmac_mac3(&m, t, tlen, info, ilen, &ctr, 1, t);
        tlen = 32;
        n = olen - done < 32 ? olen - done : 32;
        memcpy(okm + done, t, n);
        done += n;
    }
    return 0;
}

int hkdf_sha256(const uint8_t *salt, size_t slen, const uint8_t *ikm, size_t ilen,
                const uint8_t *info, size_t infolen, uint8_t *okm, size_t olen)
{
    uint8_t prk[32];
    hkdf_sha256_extract(salt, slen, ikm, ilen, prk);
    return hkdf_sha256_expand(prk, 32, info, infolen, okm, olen);
}

/* XTS-AES (IEEE 1619 / NIST SP 800-38E) for storage-style data units:
 * byte-oriented AES-128/256 with the forward S-box written out and the
 * inverse S-box obtained by inverting it on first use; the tweak is moved
 * between blocks by multiplying with alpha in GF(2^128) (little-endian
 * convention), and a trailing partial block uses ciphertext stealing. */
#include <stdint.h>
#include <stddef.h>
#include <string.h>

static const uint8_t xts_fwd_box[256] = {
    0x63, 0x7c, 0x77, 0x7b, 0xf2, 0x6b, 0x6f, 0xc5, 0x30, 0x01, 0x67, 0x2b, 0xfe, 0xd7, 0xab, 0x76,
    0xca, 0x82, 0xc9, 0x7d, 0xfa, 0x59, 0x47, 0xf0, 0xad, 0xd4, 0xa2, 0xaf, 0x9c, 0xa4, 0x72, 0xc0,
    0xb7, 0xfd, 0x93, 0x26, 0x36, 0x3f, 0xf7, 0xcc, 0x34, 0xa5, 0xe5, 0xf1, 0x71, 0xd8, 0x31, 0x15,
    0x04, 0xc7, 0x23, 0xc3, 0x18, 0x96, 0x05, 0x9a, 0x07, 0x12, 0x80, 0xe2, 0xeb, 0x27, 0xb2, 0x75,
    0x09, 0x83, 0x2c, 0x1a, 0x1b, 0x6e, 0x5a, 0xa0, 0x52, 0x3b, 0xd6, 0xb3, 0x29, 0xe3, 0x2f, 0x84,
    0x53, 0xd1, 0x00, 0xed, 0x20, 0xfc, 0xb1, 0x5b, 0x6a, 0xcb, 0xbe, 0x39, 0x4a, 0x4c, 0x58, 0xcf,
    0xd0, 0xef, 0xaa, 0xfb, 0x43, 0x4d, 0x33, 0x85, 0x45, 0xf9, 0x02, 0x7f, 0x50, 0x3c, 0x9f, 0xa8,
    0x51, 0xa3, 0x40, 0x8f, 0x92, 0x9d, 0x38, 0xf5, 0xbc, 0xb6, 0xda, 0x21, 0x10, 0xff, 0xf3, 0xd2,
    0xcd, 0x0c, 0x13, 0xec, 0x5f, 0x97, 0x44, 0x17, 0xc4, 0xa7, 0x7e, 0x3d, 0x64, 0x5d, 0x19, 0x73,
    0x60, 0x81, 0x4f, 0xdc, 0x22, 0x2a, 0x90, 0x88, 0x46, 0xee, 0xb8, 0x14, 0xde, 0x5e, 0x0b, 0xdb,
    0xe0, 0x32, 0x3a, 0x0a, 0x49, 0x06, 0x24, 0x5c, 0xc2, 0xd3, 0xac, 0x62, 0x91, 0x95, 0xe4, 0x79,
    0xe7, 0xc8, 0x37, 0x6d, 0x8d, 0xd5, 0x4e, 0xa9, 0x6c, 0x56, 0xf4, 0xea, 0x65, 0x7a, 0xae, 0x08,
    0xba, 0x78, 0x25, 0x2e, 0x1c, 0xa6, 0xb4, 0xc6, 0xe8, 0xdd, 0x74, 0x1f, 0x4b, 0xbd, 0x8b, 0x8a,
    0x70, 0x3e, 0xb5, 0x66, 0x48, 0x03, 0xf6, 0x0e, 0x61, 0x35, 0x57, 0xb9, 0x86, 0xc1, 0x1d, 0x9e,
    0xe1, 0xf8, 0x98, 0x11, 0x69, 0xd9, 0x8e, 0x94, 0x9b, 0x1e, 0x87, 0xe9, 0xce, 0x55, 0x28, 0xdf,
    0x8c, 0xa1, 0x89, 0x0d, 0xbf, 0xe6, 0x42, 0x68, 0x41, 0x99, 0x2d, 0x0f, 0xb0, 0x54, 0xbb, 0x16
};
static uint8_t xts_inv_box[256];
static int xts_inv_ready;

typedef struct {
    uint8_t rk[15][16];
    int rounds;
} xts_aes_key;

typedef struct {
    xts_aes_key data_key;
    xts_aes_key tweak_key;
} xts_ctx;

static void xts_build_inverse(void)
{
    int i;
    for (i = 0; i < 256; i++)
        xts_inv_box[xts_fwd_box[i]] = (uint8_t)i;
    xts_inv_ready = 1;
}

static uint8_t xts_dbl(uint8_t v)
{
    return (uint8_t)((v << 1) ^ ((v & 0x80) ? 0x1b : 0x00));
}

/* AES key expansion (FIPS 197 sec. 5.2) into per-round 16-byte keys. */
static void xts_expand(xts_aes_key *k, const uint8_t *key, int keybytes)
{
    uint8_t w[240];
    int nk = keybytes / 4, total, i;
    uint8_t rcon = 1;
    k->rounds = nk + 6;
    total = 4 * (k->rounds + 1);
    memcpy(w, key, (size_t)keybytes);
    for (i = nk; i < total; i++) {
        uint8_t t0 = w[4 * i - 4], t1 = w[4 * i - 3], t2 = w[4 * i - 2], t3 = w[4 * i - 1];
        if (i % nk == 0) {
            uint8_t r = t0;
            t0 = (uint8_t)(xts_fwd_box[t1] ^ rcon);
            t1 = xts_fwd_box[t2];
            t2 = xts_fwd_box[t3];
            t3 = xts_fwd_box[r];
            rcon = xts_dbl(rcon);
        } else if (nk > 6 && i % nk == 4) {
            t0 = xts_fwd_box[t0];
            t1 = xts_fwd_box[t1];
            t2 = xts_fwd_box[t2];
            t3 = xts_fwd_box[t3];
        }
        w[4 * i] = w[4 * (i - nk)] ^ t0;
        w[4 * i + 1] = w[4 * (i - nk) + 1] ^ t1;
        w[4 * i + 2] = w[4 * (i - nk) + 2] ^ t2;
        w[4 * i + 3] = w[4 * (i - nk) + 3] ^ t3;
    }
    memcpy(k->rk, w, (size_t)(16 * (k->rounds + 1)));
}

static void xts_block_enc(const xts_aes_key *k, uint8_t s[16])
{
    int r, c, i;
    for (i = 0; i < 16; i++)
        s[i] ^= k->rk[0][i];
    for (r = 1; r <= k->rounds; r++) {
        uint8_t t[16];
        /* SubBytes + ShiftRows: byte (row, col) comes from column col+row. */
        for (c = 0; c < 4; c++)
            for (i = 0; i < 4; i++)
                t[4 * c + i] = xts_fwd_box[s[4 * ((c + i) & 3) + i]];
        if (r != k->rounds) {
            for (c = 0; c < 4; c++) {
                uint8_t *q = t + 4 * c;
                uint8_t all = q[0] ^ q[1] ^ q[2] ^ q[3], q0 = q[0];
                q[0] ^= all ^ xts_dbl(q[0] ^ q[1]);
                q[1] ^= all ^ xts_dbl(q[1] ^ q[2]);
                q[2] ^= all ^ xts_dbl(q[2] ^ q[3]);
                q[3] ^= all ^ xts_dbl(q[3] ^ q0);
            }
        }
        for (i = 0; i < 16; i++)
            s[i] = t[i] ^ k->rk[r][i];
    }
}

static void xts_block_dec(const xts_aes_key *k, uint8_t s[16])
{
    int r, c, i;
    for (i = 0; i < 16; i++)
        s[i] ^= k->rk[k->rounds][i];
    for (r = k->rounds - 1; r >= 0; r--) {
        uint8_t t[16];
        /* InvShiftRows + InvSubBytes. */
        for (c = 0; c < 4; c++)
            for (i = 0; i < 4; i++)
                t[4 * ((c + i) & 3) + i] = xts_inv_box[s[4 * c + i]];
        for (i = 0; i < 16; i++)
            t[i] ^= k->rk[r][i];
        if (r != 0) {
            for (c = 0; c < 4; c++) {
                uint8_t *q = t + 4 * c;
                /* InvMixColumns = MixColumns after pre-multiplying by (4x^2+5). */
                uint8_t u = xts_dbl(xts_dbl(q[0] ^ q[2]));
                uint8_t v = xts_dbl(xts_dbl(q[1] ^ q[3]));
                uint8_t all, q0;
                q[0] ^= u; q[1] ^= v; q[2] ^= u; q[3] ^= v;
                all = q[0] ^ q[1] ^ q[2] ^ q[3];
                q0 = q[0];
                q[0] ^= all ^ xts_dbl(q[0] ^ q[1]);
                q[1] ^= all ^ xts_dbl(q[1] ^ q[2]);
                q[2] ^= all ^ xts_dbl(q[2] ^ q[3]);
                q[3] ^= all ^ xts_dbl(q[3] ^ q0);
            }
        }
        memcpy(s, t, 16);
    }
}

/* Multiply the tweak by alpha: shift left across little-endian bytes, fold x^128 = x^7+x^2+x+1. */
static void xts_next_tweak(uint8_t t[16])
{
    uint8_t carry = (uint8_t)(t[15] >> 7);
    int i;
    for (i = 15; i > 0; i--)
        t[i] = (uint8_t)((t[i] << 1) | (t[i - 1] >> 7));
    t[0] = (uint8_t)((t[0] << 1) ^ (carry ? 0x87 : 0));
}

/* key is two AES keys back to back: 32 bytes (XTS-AES-128) or 64 (XTS-AES-256). */
int xts_setup(xts_ctx *x, const uint8_t *key, size_t keylen)
{
    size_t half = keylen / 2;
    if (keylen != 32 && keylen != 64)
        return -1;
    if (!xts_inv_ready)
        xts_build_inverse();
    xts_expand(&x->data_key, key, (int)half);
    xts_expand(&x->tweak_key, key + half, (int)half);
    return 0;
}

static void xts_tweaked(const xts_aes_key *k, const uint8_t tw[16], const uint8_t *in, uint8_t *out,
                        int decrypt)
{
    uint8_t b[16];
    int i;
    for (i = 0; i < 16; i++)
        b[i] = in[i] ^ tw[i];
    if (decrypt)
        xts_block_dec(k, b);
    else
        xts_block_enc(k, b);
    for (i = 0; i < 16; i++)
        out[i] = b[i] ^ tw[i];
}

/* Encrypt or decrypt one data unit (len >= 16) under a 16-byte tweak value. */
int xts_process(const xts_ctx *x, const uint8_t tweak[16], const uint8_t *in, uint8_t *out,
                size_t len, int decrypt)
{
    uint8_t t[16], t_last[16], cc[16], pp[16];
    size_t full = len / 16, tail = len % 16, j;
    if (len < 16)
        return -1;
    memcpy(t, tweak, 16);
    xts_block_enc(&x->tweak_key, t);
    for (j = 0; j + 1 < full || (j < full && tail == 0); j++) {
        xts_tweaked(&x->data_key, t, in + 16 * j, out + 16 * j, decrypt);
        xts_next_tweak(t);
    }
    if (tail == 0)
        return 0;
    /* Ciphertext stealing over the last full block j and the tail. */
    in += 16 * j;
    out += 16 * j;
    memcpy(t_last, t, 16);
    xts_next_tweak(t_last);
    xts_tweaked(&x->data_key, decrypt ? t_last : t, in, cc, decrypt);
    memcpy(pp, in + 16, tail);
    memcpy(pp + tail, cc + tail, 16 - tail);
    memcpy(out + 16, cc, tail);
    xts_tweaked(&x->data_key, decrypt ? t : t_last, pp, out, decrypt);
    return 0;
}

/* IEEE 1619 data-unit sequence number: the tweak is its 128-bit little-endian encoding. */
int xts_sector(const xts_ctx *x, uint64_t sector, const uint8_t *in, uint8_t *out, size_t len,
               int decrypt)
{
    uint8_t tw[16];
    int i;
    memset(tw, 0, 16);
    for (i = 0; i < 8; i++)
        tw[i] = (uint8_t)(sector >> (8 * i));
    return xts_process(x, tw, in, out, len, decrypt);
}

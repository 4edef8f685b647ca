/* One-time passwords: HOTP (RFC 4226) and TOTP (RFC 6238) over HMAC-SHA-1.
 * SHA-1 here expands the full 80-word schedule up front and runs the four
 * 20-step stages as separate loops. */
#include <stdint.h>
#include <stddef.h>
#include <string.h>

struct sha1_state {
    uint32_t H[5];
    uint64_t nbytes;
    uint8_t pending[64];
    size_t npending;
};

static uint32_t rol32(uint32_t v, unsigned s) { return (v << s) | (v >> (32 - s)); }

static void sha1_process(uint32_t H[5], const uint8_t *chunk)
{
    uint32_t W[80];
    for (int i = 0; i < 16; i++)
        W[i] = (uint32_t)chunk[4 * i] << 24 | (uint32_t)chunk[4 * i + 1] << 16 |
               (uint32_t)chunk[4 * i + 2] << 8 | chunk[4 * i + 3];
    for (int i = 16; i < 80; i++)
        W[i] = rol32(W[i - 3] ^ W[i - 8] ^ W[i - 14] ^ W[i - 16], 1);

    uint32_t A = H[0], B = H[1], C = H[2], D = H[3], E = H[4], T;
    int i = 0;
    for (; i < 20; i++) {
        T = rol32(A, 5) + ((B & C) | (~B & D)) + E + W[i] + 0x5A827999u;
        E = D; D = C; C = rol32(B, 30); B = A; A = T;
    }
    for (; i < 40; i++) {
        T = rol32(A, 5) + (B ^ C ^ D) + E + W[i] + 0x6ED9EBA1u;
        E = D; D = C; C = rol32(B, 30); B = A; A = T;
    }
    for (; i < 60; i++) {
        T = rol32(A, 5) + ((B & C) | (B & D) | (C & D)) + E + W[i] + 0x8F1BBCDCu;
        E = D; D = C; C = rol32(B, 30); B = A; A = T;
    }
    for (; i < 80; i++) {
        T = rol32(A, 5) + (B ^ C ^ D) + E + W[i] + 0xCA62C1D6u;
        E = D; D = C; C = rol32(B, 30); B = A; A = T;
    }
    H[0] += A; H[1] += B; H[2] += C; H[3] += D; H[4] += E;
}

static void sha1_begin(struct sha1_state *s)
{
    s->H[0] = 0x67452301u; s->H[1] = 0xEFCDAB89u; s->H[2] = 0x98BADCFEu;
    s->H[3] = 0x10325476u; s->H[4] = 0xC3D2E1F0u;
    s->nbytes = 0;
    s->npending = 0;
}

static void sha1_feed(struct sha1_state *s, const uint8_t *data, size_t len)
{
    s->nbytes += len;
    if (s->npending) {
        while (len && s->npending < 64) { s->pending[s->npending++] = *data++; len--; }
        if (s->npending < 64) return;
        sha1_process(s->H, s->pending);
        s->npending = 0;
    }
    while (len >= 64) { sha1_process(s->H, data); data += 64; len -= 64; }
    memcpy(s->pending, data, len);
    s->npending = len;
}

static void sha1_end(struct sha1_state *s, uint8_t digest[20])
{
    uint64_t bitlen = s->nbytes * 8;
    uint8_t tail[72];
    size_t padlen = (s->npending < 56) ? 56 - s->npending : 120 - s->npending;
    memset(tail, 0, sizeof tail);
    tail[0] = 0x80;
    for (int k = 0; k < 8; k++) tail[padlen + k] = (uint8_t)(bitlen >> (56 - 8 * k));
    sha1_feed(s, tail, padlen + 8);
    for (int k = 0; k < 20; k++) digest[k] = (uint8_t)(s->H[k / 4] >> (24 - 8 * (k % 4)));
}

void hmac_sha1(const uint8_t *key, size_t keylen, const uint8_t *msg, size_t msglen,
               uint8_t out[20])
{
    uint8_t k0[64], blk[64], inner[20];
    struct sha1_state s;
    memset(k0, 0, 64);
    if (keylen > 64) {
        sha1_begin(&s); sha1_feed(&s, key, keylen); sha1_end(&s, k0);
    } else if (keylen) {
        memcpy(k0, key, keylen);
    }
    for (int i = 0; i < 64; i++) blk[i] = k0[i] ^ 0x36;
    sha1_begin(&s); sha1_feed(&s, blk, 64); sha1_feed(&s, msg, msglen); sha1_end(&s, inner);
    for (int i = 0; i < 64; i++) blk[i] = k0[i] ^ 0x5c;
    sha1_begin(&s); sha1_feed(&s, blk, 64); sha1_feed(&s, inner, 20); sha1_end(&s, out);
}

static const uint32_t otp_modulus[10] = {
    1u, 10u, 100u, 1000u, 10000u, 100000u, 1000000u, 10000000u, 100000000u, 1000000000u
};

/* HOTP(K, C) = Truncate(HMAC-SHA-1(K, C)) mod 10^digits, C as 8 big-endian bytes. */
uint32_t hotp_code(const uint8_t *secret, size_t secretlen, uint64_t counter, int digits)
{
    uint8_t msg[8], mac[20];
    for (int i = 7; i >= 0; i--) { msg[i] = (uint8_t)counter; counter >>= 8; }
    hmac_sha1(secret, secretlen, msg, 8, mac);
    unsigned off = mac[19] & 0x0f;
    uint32_t bin = ((uint32_t)(mac[off] & 0x7f) << 24) | ((uint32_t)mac[off + 1] << 16) |
                   ((uint32_t)mac[off + 2] << 8) | mac[off + 3];
    if (digits < 1) digits = 1;
    if (digits > 9) return bin;
    return bin % otp_modulus[digits];
}

/* TOTP: counter = floor((unix_time - t0) / step). */
uint32_t totp_code(const uint8_t *secret, size_t secretlen, uint64_t unix_time, uint64_t t0,
                   uint32_t step, int digits)
{
    uint64_t steps = unix_time >= t0 ? (unix_time - t0) / (step ? step : 30) : 0;
    return hotp_code(secret, secretlen, steps, digits);
}

/* Server-side check with a look-ahead window; returns the matching counter
 * plus one (the next counter to expect) or 0 when nothing matches. */
uint64_t hotp_check_window(const uint8_t *secret, size_t secretlen, uint64_t counter,
                           unsigned window, int digits, uint32_t presented)
{
    uint32_t diff_any = 1;
    uint64_t found = 0;
    for (unsigned w = 0; w <= window; w++) {
        uint32_t c = hotp_code(secret, secretlen, counter + w, digits);
        uint32_t eq = (c ^ presented) == 0;
        if (eq & diff_any) { found = counter + w + 1; diff_any = 0; }
    }
    return found;
}

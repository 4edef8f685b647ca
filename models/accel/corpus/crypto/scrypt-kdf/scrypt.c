/* scrypt.c - the scrypt password-based key derivation function (RFC 7914).
 *
 *   scrypt(P, S, N, r, p, dkLen):
 *     B  = PBKDF2-HMAC-SHA256(P, S, 1, p * 128 * r)
 *     Bi = ROMix_r(Bi, N)            for each of the p blocks
 *     DK = PBKDF2-HMAC-SHA256(P, B, 1, dkLen)
 *
 * ROMix is built on BlockMix with the Salsa20/8 core.  Everything needed
 * (SHA-256, HMAC, PBKDF2) is implemented in this file.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------ */
/* byte order                                                           */

static uint32_t get_be32(const unsigned char *p)
{
	return ((uint32_t)p[0] << 24) | ((uint32_t)p[1] << 16) |
	       ((uint32_t)p[2] << 8) | (uint32_t)p[3];
}

static void put_be32(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char)(v >> 24);
	p[1] = (unsigned char)(v >> 16);
	p[2] = (unsigned char)(v >> 8);
	p[3] = (unsigned char)v;
}

static uint32_t get_le32(const unsigned char *p)
{
	return (uint32_t)p[0] | ((uint32_t)p[1] << 8) |
	       ((uint32_t)p[2] << 16) | ((uint32_t)p[3] << 24);
}

static void put_le32(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char)v;
	p[1] = (unsigned char)(v >> 8);
	p[2] = (unsigned char)(v >> 16);
	p[3] = (unsigned char)(v >> 24);
}

/* ------------------------------------------------------------------ */
/* SHA-256 (FIPS 180-4)                                                 */

struct sha256 {
	uint32_t h[8];
	uint64_t total;
	unsigned char buf[64];
	size_t fill;
};

static const uint32_t sha256_k[64] = {
	0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1,
	0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3,
	0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
	0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
	0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147,
	0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
	0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
	0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
	0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
	0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
	0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2
};

#define ROR32(x, n) (((x) >> (n)) | ((x) << (32 - (n))))

static void sha256_block(uint32_t h[8], const unsigned char *p)
{
	uint32_t w[64], a, b, c, d, e, f, g, k, t1, t2;
	int i;

	for (i = 0; i < 16; i++)
		w[i] = get_be32(p + 4 * i);
	for (i = 16; i < 64; i++) {
		uint32_t s0 = ROR32(w[i - 15], 7) ^ ROR32(w[i - 15], 18) ^ (w[i - 15] >> 3);
		uint32_t s1 = ROR32(w[i - 2], 17) ^ ROR32(w[i - 2], 19) ^ (w[i - 2] >> 10);
		w[i] = w[i - 16] + s0 + w[i - 7] + s1;
	}
	a = h[0]; b = h[1]; c = h[2]; d = h[3];
	e = h[4]; f = h[5]; g = h[6]; k = h[7];
	for (i = 0; i < 64; i++) {
		t1 = k + (ROR32(e, 6) ^ ROR32(e, 11) ^ ROR32(e, 25)) +
		     ((e & f) ^ (~e & g)) + sha256_k[i] + w[i];
		t2 = (ROR32(a, 2) ^ ROR32(a, 13) ^ ROR32(a, 22)) +
		     ((a & b) ^ (a & c) ^ (b & c));
		k = g; g = f; f = e; e = d + t1;
		d = c; c = b; b = a; a = t1 + t2;
	}
	h[0] += a; h[1] += b; h[2] += c; h[3] += d;
	h[4] += e; h[5] += f; h[6] += g; h[7] += k;
}

static void sha256_init(struct sha256 *s)
{
	static const uint32_t iv[8] = {
		0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
		0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19
	};
	memcpy(s->h, iv, sizeof iv);
	s->total = 0;
	s->fill = 0;
}

static void sha256_update(struct sha256 *s, const void *data, size_t len)
{
	const unsigned char *p = data;
	s->total += len;
	while (len > 0) {
		size_t n = 64 - s->fill;
		if (n > len)
			n = len;
		memcpy(s->buf + s->fill, p, n);
		s->fill += n;
		p += n;
		len -= n;
		if (s->fill == 64) {
			sha256_block(s->h, s->buf);
			s->fill = 0;
		}
	}
}

static void sha256_final(struct sha256 *s, unsigned char out[32])
{
	uint64_t bits = s->total * 8;
	int i;
	s->buf[s->fill++] = 0x80;
	if (s->fill > 56) {
		memset(s->buf + s->fill, 0, 64 - s->fill);
		sha256_block(s->h, s->buf);
		s->fill = 0;
	}
	memset(s->buf + s->fill, 0, 56 - s->fill);
	put_be32(s->buf + 56, (uint32_t)(bits >> 32));
	put_be32(s->buf + 60, (uint32_t)bits);
	sha256_block(s->h, s->buf);
	for (i = 0; i < 8; i++)
		put_be32(out + 4 * i, s->h[i]);
}

/* ------------------------------------------------------------------ */
/* HMAC-SHA256 (RFC 2104) and PBKDF2 (RFC 8018)                         */

struct hmac_sha256 {
	struct sha256 inner, outer;
};

static void hmac_sha256_init(struct hmac_sha256 *m, const unsigned char *key, size_t keylen)
{
	unsigned char k0[64], pad[64], kh[32];
	int i;

	memset(k0, 0, sizeof k0);
	if (keylen > 64) {
		struct sha256 t;
		sha256_init(&t);
		sha256_update(&t, key, keylen);
		sha256_final(&t, kh);
		memcpy(k0, kh, 32);
	} else if (keylen) {
		memcpy(k0, key, keylen);
	}
	for (i = 0; i < 64; i++)
		pad[i] = k0[i] ^ 0x36;
	sha256_init(&m->inner);
	sha256_update(&m->inner, pad, 64);
	for (i = 0; i < 64; i++)
		pad[i] = k0[i] ^ 0x5c;
	sha256_init(&m->outer);
	sha256_update(&m->outer, pad, 64);
}

static void hmac_sha256_final(struct hmac_sha256 *m, unsigned char out[32])
{
	unsigned char ih[32];
	sha256_final(&m->inner, ih);
	sha256_update(&m->outer, ih, 32);
	sha256_final(&m->outer, out);
}

static void pbkdf2_sha256(const unsigned char *pw, size_t pwlen,
			  const unsigned char *salt, size_t saltlen,
			  uint32_t iters, unsigned char *dk, size_t dklen)
{
	struct hmac_sha256 base, ctx;
	unsigned char u[32], t[32], ctr[4];
	uint32_t blk = 1, it;
	size_t off = 0;
	int j;

	hmac_sha256_init(&base, pw, pwlen);
	while (off < dklen) {
		size_t n = dklen - off < 32 ? dklen - off : 32;
		put_be32(ctr, blk);
		ctx = base;
		sha256_update(&ctx.inner, salt, saltlen);
		sha256_update(&ctx.inner, ctr, 4);
		hmac_sha256_final(&ctx, u);
		memcpy(t, u, 32);
		for (it = 1; it < iters; it++) {
			ctx = base;
			sha256_update(&ctx.inner, u, 32);
			hmac_sha256_final(&ctx, u);
			for (j = 0; j < 32; j++)
				t[j] ^= u[j];
		}
		memcpy(dk + off, t, n);
		off += n;
		blk++;
	}
}

/* ------------------------------------------------------------------ */
/* Salsa20/8 core, BlockMix, ROMix                                      */

#define R(a, b) (((a) << (b)) | ((a) >> (32 - (b))))

static void salsa20_8(uint32_t b[16])
{
	uint32_t x[16];
	int i;

	memcpy(x, b, sizeof x);
	for (i = 0; i < 8; i += 2) {
		/* column round */
		x[4] ^= R(x[0] + x[12], 7);   x[8] ^= R(x[4] + x[0], 9);
		x[12] ^= R(x[8] + x[4], 13);  x[0] ^= R(x[12] + x[8], 18);
		x[9] ^= R(x[5] + x[1], 7);    x[13] ^= R(x[9] + x[5], 9);
		x[1] ^= R(x[13] + x[9], 13);  x[5] ^= R(x[1] + x[13], 18);
		x[14] ^= R(x[10] + x[6], 7);  x[2] ^= R(x[14] + x[10], 9);
		x[6] ^= R(x[2] + x[14], 13);  x[10] ^= R(x[6] + x[2], 18);
		x[3] ^= R(x[15] + x[11], 7);  x[7] ^= R(x[3] + x[15], 9);
		x[11] ^= R(x[7] + x[3], 13);  x[15] ^= R(x[11] + x[7], 18);
		/* row round */
		x[1] ^= R(x[0] + x[3], 7);    x[2] ^= R(x[1] + x[0], 9);
		x[3] ^= R(x[2] + x[1], 13);   x[0] ^= R(x[3] + x[2], 18);
		x[6] ^= R(x[5] + x[4], 7);    x[7] ^= R(x[6] + x[5], 9);
		x[4] ^= R(x[7] + x[6], 13);   x[5] ^= R(x[4] + x[7], 18);
		x[11] ^= R(x[10] + x[9], 7);  x[8] ^= R(x[11] + x[10], 9);
		x[9] ^= R(x[8] + x[11], 13);  x[10] ^= R(x[9] + x[8], 18);
		x[12] ^= R(x[15] + x[14], 7); x[13] ^= R(x[12] + x[15], 9);
		x[14] ^= R(x[13] + x[12], 13); x[15] ^= R(x[14] + x[13], 18);
	}
	for (i = 0; i < 16; i++)
		b[i] += x[i];
}

/* in: 2r 64-byte blocks as words; out: Y with even blocks first */
static void blockmix_salsa8(const uint32_t *in, uint32_t *out, size_t r)
{
	uint32_t x[16];
	size_t i;
	int j;

	memcpy(x, in + (2 * r - 1) * 16, 64);
	for (i = 0; i < 2 * r; i++) {
		for (j = 0; j < 16; j++)
			x[j] ^= in[i * 16 + j];
		salsa20_8(x);
		/* Y_i goes to position i/2 (even) or r + i/2 (odd) */
		memcpy(out + ((i & 1) * r + i / 2) * 16, x, 64);
	}
}

static uint64_t integerify(const uint32_t *x, size_t r)
{
	const uint32_t *last = x + (2 * r - 1) * 16;
	return (uint64_t)last[0] | ((uint64_t)last[1] << 32);
}

static void romix(unsigned char *blk, size_t r, uint64_t N, uint32_t *V, uint32_t *X, uint32_t *Y)
{
	size_t words = 32 * r, k;
	uint64_t i, j;

	for (k = 0; k < words; k++)
		X[k] = get_le32(blk + 4 * k);
	for (i = 0; i < N; i++) {
		memcpy(V + i * words, X, words * 4);
		blockmix_salsa8(X, Y, r);
		memcpy(X, Y, words * 4);
	}
	for (i = 0; i < N; i++) {
		j = integerify(X, r) & (N - 1);
		for (k = 0; k < words; k++)
			X[k] ^= V[j * words + k];
		blockmix_salsa8(X, Y, r);
		memcpy(X, Y, words * 4);
	}
	for (k = 0; k < words; k++)
		put_le32(blk + 4 * k, X[k]);
}

/* Returns 0 on success, -1 on bad parameters or allocation failure. */
int scrypt_kdf(const unsigned char *passwd, size_t passwdlen,
	       const unsigned char *salt, size_t saltlen,
	       uint64_t N, uint32_t r, uint32_t p,
	       unsigned char *dk, size_t dklen)
{
	unsigned char *B;
	uint32_t *V, *XY;
	size_t blen;
	uint32_t i;

	if (N < 2 || (N & (N - 1)) != 0 || r == 0 || p == 0)
		return -1;
	if ((uint64_t)r * p >= (1u << 30) || N > (SIZE_MAX / 128) / r)
		return -1;

	blen = (size_t)128 * r * p;
	B = malloc(blen);
	V = malloc((size_t)(128 * r * N));
	XY = malloc((size_t)256 * r);
	if (!B || !V || !XY) {
		free(B);
		free(V);
		free(XY);
		return -1;
	}
	pbkdf2_sha256(passwd, passwdlen, salt, saltlen, 1, B, blen);
	for (i = 0; i < p; i++)
		romix(B + (size_t)128 * r * i, r, N, V, XY, XY + 32 * r);
	pbkdf2_sha256(passwd, passwdlen, B, blen, 1, dk, dklen);

	memset(B, 0, blen);
	free(B);
	free(V);
	free(XY);
	return 0;
}

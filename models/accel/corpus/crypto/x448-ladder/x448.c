/*
 * X448 Diffie-Hellman (RFC 7748, section 5) over Curve448,
 * p = 2^448 - 2^224 - 1, Montgomery form v^2 = u^3 + 156326 u^2 + u.
 *
 * Field elements are held as 16 limbs of 28 bits (radix 2^28).  Because
 * 2^448 = 2^224 + 1 (mod p), a limb of weight 2^(28*(16+k)) folds back onto
 * limbs k and k+8, which keeps the reduction free of multiplications.
 */
#include <stdint.h>
#include <string.h>

#define NLIMB 16
#define LBITS 28
#define LMASK 0x0fffffffu

typedef uint32_t gf448[NLIMB];

static void gf_copy(gf448 r, const gf448 a) { memcpy(r, a, sizeof(gf448)); }

static void gf_set_small(gf448 r, uint32_t v)
{
	memset(r, 0, sizeof(gf448));
	r[0] = v;
}

/* carry-propagate so every limb is < 2^28 (plus tiny excess in limb 0/8) */
static void gf_weak_reduce(gf448 a)
{
	uint32_t top = a[NLIMB - 1] >> LBITS;
	int i;
	a[NLIMB - 1] &= LMASK;
	a[0] += top;
	a[8] += top;
	for (i = 0; i < NLIMB - 1; i++) {
		a[i + 1] += a[i] >> LBITS;
		a[i] &= LMASK;
	}
	top = a[NLIMB - 1] >> LBITS;
	a[NLIMB - 1] &= LMASK;
	a[0] += top;
	a[8] += top;
}

static void gf_add(gf448 r, const gf448 a, const gf448 b)
{
	int i;
	for (i = 0; i < NLIMB; i++)
		r[i] = a[i] + b[i];
	gf_weak_reduce(r);
}

/* r = a - b, computed as a + 2p - b */
static void gf_sub(gf448 r, const gf448 a, const gf448 b)
{
	int i;
	for (i = 0; i < NLIMB; i++) {
		uint32_t two_p = (i == 8) ? 0x1ffffffcu : 0x1ffffffeu;
		r[i] = a[i] + two_p - b[i];
	}
	gf_weak_reduce(r);
}

static void gf_mul(gf448 r, const gf448 a, const gf448 b)
{
	uint64_t t[2 * NLIMB];
	int i, j;

	memset(t, 0, sizeof t);
	for (i = 0; i < NLIMB; i++)
		for (j = 0; j < NLIMB; j++)
			t[i + j] += (uint64_t)a[i] * b[j];

	/* fold limbs 30..16: weight 2^(28k) with k>=16 -> k-16 and k-8 */
	for (i = 2 * NLIMB - 2; i >= NLIMB; i--) {
		t[i - NLIMB] += t[i];
		t[i - NLIMB / 2] += t[i];
		t[i] = 0;
	}
	/* carry in 64-bit, then wrap the overflow of limb 15 */
	for (i = 0; i < NLIMB - 1; i++) {
		t[i + 1] += t[i] >> LBITS;
		t[i] &= LMASK;
	}
	{
		uint64_t top = t[NLIMB - 1] >> LBITS;
		t[NLIMB - 1] &= LMASK;
		t[0] += top;
		t[8] += top;
		for (i = 0; i < NLIMB - 1; i++) {
			t[i + 1] += t[i] >> LBITS;
			t[i] &= LMASK;
		}
		top = t[NLIMB - 1] >> LBITS;
		t[NLIMB - 1] &= LMASK;
		t[0] += top;
		t[8] += top;
	}
	for (i = 0; i < NLIMB; i++)
		r[i] = (uint32_t)t[i];
	gf_weak_reduce(r);
}

static void gf_sqr(gf448 r, const gf448 a) { gf_mul(r, a, a); }

static void gf_mul_small(gf448 r, const gf448 a, uint32_t k)
{
	gf448 kk;
	gf_set_small(kk, k);
	gf_mul(r, a, kk);
}

/* r = a^(p-2) = a^-1; p-2 = 2^448 - 2^224 - 3 */
static void gf_invert(gf448 r, const gf448 a)
{
	gf448 acc;
	int bit;

	gf_set_small(acc, 1);
	for (bit = 447; bit >= 0; bit--) {
		int set;
		if (bit == 224 || bit == 1)
			set = 0;
		else
			set = 1;
		gf_sqr(acc, acc);
		if (set)
			gf_mul(acc, acc, a);
	}
	gf_copy(r, acc);
}

/* fully reduce into [0, p) */
static void gf_canon(gf448 a)
{
	static const uint32_t P[NLIMB] = {
		LMASK, LMASK, LMASK, LMASK, LMASK, LMASK, LMASK, LMASK,
		0x0ffffffeu, LMASK, LMASK, LMASK, LMASK, LMASK, LMASK, LMASK
	};
	int pass, i;

	gf_weak_reduce(a);
	gf_weak_reduce(a);
	for (pass = 0; pass < 2; pass++) {
		uint32_t d[NLIMB];
		int32_t borrow = 0;
		for (i = 0; i < NLIMB; i++) {
			int32_t v = (int32_t)a[i] - (int32_t)P[i] - borrow;
			borrow = v < 0;
			d[i] = (uint32_t)v & LMASK;
		}
		if (!borrow)
			memcpy(a, d, sizeof d);
	}
}

static void gf_from_bytes(gf448 r, const uint8_t in[56])
{
	int i;
	/* 56 bytes = 16 limbs of 28 bits = 8 pairs of 7-byte groups */
	for (i = 0; i < 8; i++) {
		const uint8_t *p = in + 7 * i;
		uint64_t w = 0;
		int k;
		for (k = 6; k >= 0; k--)
			w = (w << 8) | p[k];
		r[2 * i] = (uint32_t)(w & LMASK);
		r[2 * i + 1] = (uint32_t)(w >> LBITS);
	}
}

static void gf_to_bytes(uint8_t out[56], const gf448 a)
{
	gf448 t;
	int i, k;

	gf_copy(t, a);
	gf_canon(t);
	for (i = 0; i < 8; i++) {
		uint64_t w = (uint64_t)t[2 * i] | ((uint64_t)t[2 * i + 1] << LBITS);
		for (k = 0; k < 7; k++)
			out[7 * i + k] = (uint8_t)(w >> (8 * k));
	}
}

static void gf_cswap(gf448 a, gf448 b, uint32_t swap)
{
	uint32_t mask = 0u - swap;
	int i;
	for (i = 0; i < NLIMB; i++) {
		uint32_t x = mask & (a[i] ^ b[i]);
		a[i] ^= x;
		b[i] ^= x;
	}
}

/* out = X448(scalar, u) ; returns -1 if the result is all-zero */
int x448(uint8_t out[56], const uint8_t scalar[56], const uint8_t u[56])
{
	uint8_t k[56];
	gf448 x1, x2, z2, x3, z3, a, aa, b, bb, e, c, d, da, cb, t;
	uint32_t swap = 0;
	int i;
	uint8_t nz = 0;

	memcpy(k, scalar, 56);
	k[0] &= 252;
	k[55] |= 128;

	gf_from_bytes(x1, u);
	gf_weak_reduce(x1);
	gf_set_small(x2, 1);
	gf_set_small(z2, 0);
	gf_copy(x3, x1);
	gf_set_small(z3, 1);

	for (i = 447; i >= 0; i--) {
		uint32_t kt = (k[i >> 3] >> (i & 7)) & 1;
		swap ^= kt;
		gf_cswap(x2, x3, swap);
		gf_cswap(z2, z3, swap);
		swap = kt;

		gf_add(a, x2, z2);
		gf_sqr(aa, a);
		gf_sub(b, x2, z2);
		gf_sqr(bb, b);
		gf_sub(e, aa, bb);
		gf_add(c, x3, z3);
		gf_sub(d, x3, z3);
		gf_mul(da, d, a);
		gf_mul(cb, c, b);
		gf_add(t, da, cb);
		gf_sqr(x3, t);
		gf_sub(t, da, cb);
		gf_sqr(t, t);
		gf_mul(z3, x1, t);
		gf_mul(x2, aa, bb);
		gf_mul_small(t, e, 39081);
		gf_add(t, aa, t);
		gf_mul(z2, e, t);
	}
	gf_cswap(x2, x3, swap);
	gf_cswap(z2, z3, swap);

	gf_invert(z2, z2);
	gf_mul(x2, x2, z2);
	gf_to_bytes(out, x2);

	for (i = 0; i < 56; i++)
		nz |= out[i];
	memset(k, 0, sizeof k);
	return nz ? 0 : -1;
}

/* public key = X448(scalar, 5) */
int x448_public_key(uint8_t pub[56], const uint8_t priv[56])
{
	uint8_t base[56];
	memset(base, 0, sizeof base);
	base[0] = 5;
	return x448(pub, priv, base);
}

/*
 * fqi30.c  --  30-bit frame quality check (cdma2000 style), byte-table form
 *
 * Parameters (RevEng "CRC-30/CDMA"):
 *   width 30, generator 0x2030B9C7, preset all ones, not reflected,
 *   result inverted.
 *
 * The lookup table is not computed entry by entry.  The remainder map is
 * linear over GF(2), so only the eight single-bit entries T[1], T[2],
 * T[4] ... T[128] are derived by shifting, and every other entry is the
 * XOR of two entries that are already known: T[h + j] = T[h] ^ T[j] for
 * j < h.  255 XORs instead of 2048 shift steps.
 *
 * Frames are sized in bits, not bytes; fqi30_bits() takes care of the
 * leftover bits at the end of a frame.
 */
#include <stddef.h>
#include <stdint.h>

#define FQI_W      30
#define FQI_MASK   0x3FFFFFFFu
#define FQI_GEN    0x2030B9C7u
#define FQI_HI     (1u << (FQI_W - 1))

typedef struct fqi30 {
	uint32_t tab[256];
	uint32_t acc;
} fqi30_t;

/* acc * x mod G, one position */
static uint32_t fqi_mulx(uint32_t a)
{
	return (a & FQI_HI) ? (((a << 1) ^ FQI_GEN) & FQI_MASK) : ((a << 1) & FQI_MASK);
}

void fqi30_setup(fqi30_t *c)
{
	uint32_t e = FQI_GEN;     /* x^30 mod G: contribution of index 0x01 */
	unsigned h, j;

	c->tab[0] = 0;
	for (h = 1; h < 256; h <<= 1) {
		c->tab[h] = e;
		for (j = 1; j < h; j++)
			c->tab[h + j] = c->tab[h] ^ c->tab[j];
		e = fqi_mulx(e);
	}
	c->acc = FQI_MASK;
}

void fqi30_restart(fqi30_t *c)
{
	c->acc = FQI_MASK;
}

void fqi30_bytes(fqi30_t *c, const unsigned char *p, size_t n)
{
	uint32_t a = c->acc;
	const uint32_t *t = c->tab;

	for (; n != 0; --n, ++p)
		a = ((a << 8) & FQI_MASK) ^ t[((a >> (FQI_W - 8)) ^ *p) & 0xFFu];
	c->acc = a;
}

/* the nbits (0..7) most significant bits of b */
void fqi30_bits(fqi30_t *c, unsigned char b, unsigned nbits)
{
	uint32_t a = c->acc;

	while (nbits--) {
		uint32_t in = (b & 0x80u) ? FQI_HI : 0;
		a = fqi_mulx(a ^ in);
		b = (unsigned char)(b << 1);
	}
	c->acc = a;
}

uint32_t fqi30_value(const fqi30_t *c)
{
	return (c->acc ^ FQI_MASK) & FQI_MASK;
}

/* frame of nbits bits, packed MSB first into p */
uint32_t fqi30_frame(fqi30_t *c, const unsigned char *p, size_t nbits)
{
	fqi30_restart(c);
	fqi30_bytes(c, p, nbits >> 3);
	if (nbits & 7)
		fqi30_bits(c, p[nbits >> 3], (unsigned)(nbits & 7));
	return fqi30_value(c);
}

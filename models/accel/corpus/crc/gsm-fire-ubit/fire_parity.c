/*
 * fire_parity.c - 40-bit Fire code parity for GSM control channels
 *
 * The GSM 05.03 control channel coding protects the 184 information bits
 * of a signalling block with a shortened binary cyclic code ("Fire code")
 * whose generator is
 *
 *     g(D) = (D^23 + 1)(D^17 + D^3 + 1)
 *          = D^40 + D^26 + D^23 + D^17 + D^3 + 1
 *
 * The 40 parity bits are the remainder of d(D) * D^40 divided by g(D),
 * inverted.  Everything here works on "unpacked" bits: one bit per byte,
 * value 0 or 1, first transmitted bit first, which is how the burst
 * mapper and the convolutional coder want them anyway.
 *
 * The encoder is the textbook feedback shift register: a 64 bit word holds
 * the 40 delay cells, cell 39 is the most significant used bit.
 */
#include <stddef.h>
#include <stdint.h>

#define FIRE_NPARITY   40
#define FIRE_TOPBIT    ((uint64_t)1 << (FIRE_NPARITY - 1))
#define FIRE_CELLMASK  ((((uint64_t)1) << FIRE_NPARITY) - 1)
/* g(D) without the D^40 term */
#define FIRE_TAPS      ((uint64_t)0x0004820009ULL)

typedef uint8_t ubit_t;

struct fire_sr {
	uint64_t cells;
};

void fire_sr_reset(struct fire_sr *sr)
{
	sr->cells = 0;
}

/* clock n data bits through the divider */
void fire_sr_clock(struct fire_sr *sr, const ubit_t *in, size_t n)
{
	uint64_t r = sr->cells;
	size_t k;

	for (k = 0; k < n; k++) {
		uint64_t fb = ((r & FIRE_TOPBIT) ? 1u : 0u) ^ (uint64_t)(in[k] & 1u);
		r = (r << 1) & FIRE_CELLMASK;
		if (fb)
			r ^= FIRE_TAPS;
	}
	sr->cells = r;
}

/* emit the (inverted) register contents, D^39 coefficient first */
void fire_sr_flush(const struct fire_sr *sr, ubit_t *parity)
{
	int i;
	uint64_t r = sr->cells ^ FIRE_CELLMASK;

	for (i = 0; i < FIRE_NPARITY; i++)
		parity[i] = (ubit_t)((r >> (FIRE_NPARITY - 1 - i)) & 1u);
}

/* one-shot encoder: parity[0..39] for the n bits in d[] */
void gsm_fire_encode(const ubit_t *d, size_t n, ubit_t *parity)
{
	struct fire_sr sr;

	fire_sr_reset(&sr);
	fire_sr_clock(&sr, d, n);
	fire_sr_flush(&sr, parity);
}

/*
 * Receiver side: returns 0 if the received word (n data bits followed by
 * 40 parity bits) is a codeword, -1 otherwise.  Because the parity was
 * inverted on transmission the remainder of a good word is not zero but
 * the fixed syndrome of an all-ones tail.
 */
#define FIRE_GOOD_REMAINDER ((uint64_t)0xc4ff8071ffULL)

int gsm_fire_check(const ubit_t *d, size_t n, const ubit_t *parity)
{
	struct fire_sr sr;

	fire_sr_reset(&sr);
	fire_sr_clock(&sr, d, n);
	fire_sr_clock(&sr, parity, FIRE_NPARITY);
	return sr.cells == FIRE_GOOD_REMAINDER ? 0 : -1;
}

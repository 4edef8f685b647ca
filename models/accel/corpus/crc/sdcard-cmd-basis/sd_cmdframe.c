/* sd_cmdframe.c -- SPI-mode SD/MMC command framing
 *
 * Every command token on the wire is 48 bits:
 *
 *     0 1 [index:6] [argument:32, MSB first] [check:7] 1
 *
 * The 7-bit check covers the first five bytes, generator x^7 + x^3 + 1,
 * zero preset, no final inversion, bits taken MSB first (the MMC/SD
 * "CRC7").  In SPI mode only CMD0 and CMD8 really need it, but cards that
 * had CRC checking switched on with CMD59 want it everywhere.
 *
 * This micro has little flash, so no 128/256-byte table: since the
 * remainder is linear in its input, the effect of one byte is the XOR of
 * the effects of its set bits, and only those eight values are stored.
 */
#include <stddef.h>
#include <stdint.h>

/* x^(7+k) mod (x^7 + x^3 + 1), k = 0..7, i.e. the remainder left by a lone
 * 1 in bit k of the byte entering the 7-bit register */
static const uint8_t sd_bitfx[8] = {
	0x09, 0x12, 0x24, 0x48, 0x19, 0x32, 0x64, 0x41
};

static uint8_t sd_step(uint8_t acc, uint8_t byte)
{
	uint8_t v = (uint8_t)((acc << 1) ^ byte);  /* 7-bit acc lines up with bits 7..1 */
	uint8_t out = 0;
	unsigned k;

	for (k = 0; v != 0; k++, v >>= 1)
		if (v & 1)
			out ^= sd_bitfx[k];
	return out;
}

/* running form, so a long data block can be fed in pieces */
uint8_t sd_check7_update(uint8_t acc, const void *buf, size_t len)
{
	const uint8_t *p = (const uint8_t *)buf;

	while (len--)
		acc = sd_step(acc, *p++);
	return (uint8_t)(acc & 0x7f);
}

uint8_t sd_check7(const void *buf, size_t len)
{
	return sd_check7_update(0, buf, len);
}

/* build a 6-byte command token */
void sd_cmd_build(uint8_t tok[6], uint8_t index, uint32_t arg)
{
	tok[0] = (uint8_t)(0x40 | (index & 0x3f));
	tok[1] = (uint8_t)(arg >> 24);
	tok[2] = (uint8_t)(arg >> 16);
	tok[3] = (uint8_t)(arg >> 8);
	tok[4] = (uint8_t)arg;
	tok[5] = (uint8_t)((sd_check7(tok, 5) << 1) | 1);
}

/* nonzero when a received token has start/end bits and check in order */
int sd_cmd_token_valid(const uint8_t tok[6])
{
	if ((tok[0] & 0xc0) != 0x40 || !(tok[5] & 1))
		return 0;
	return (tok[5] >> 1) == sd_check7(tok, 5);
}

/*
 * CRC-5 and CRC-16 of EPC UHF Gen2 reader commands.
 *
 * Gen2 reader commands are bit strings whose length is usually not a
 * multiple of eight (a Query is 17 bits + CRC-5 = 22 bits; a Select carries
 * a mask of arbitrary bit length + CRC-16).  Bits are held MSB-first in a
 * byte buffer; the CRCs consume whole bytes through a 256-entry table and
 * finish the odd tail bit by bit.
 *
 *   CRC-5/EPC-C1G2: width 5,  poly 0x09,   init 0x09,   xorout 0,
 *                   not reflected, check 0x00, residue 0x00
 *   CRC-16/GENIBUS: width 16, poly 0x1021, init 0xFFFF, xorout 0xFFFF,
 *                   not reflected, check 0xD64E, residue 0x1D0F
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#define C5_POLY 0x09u
#define C5_INIT 0x09u
#define C16_POLY 0x1021u
#define C16_INIT 0xFFFFu
#define C16_XOROUT 0xFFFFu
#define C16_RESIDUE 0x1D0Fu

typedef struct {
    uint8_t octet[48];
    unsigned nbits;
} g2_bits;

static uint8_t c5_tab[256];
static uint16_t c16_tab[256];
static int tabs_ready;

/* c5_tab[i]: the 5-bit register after clocking the 8 bits of i (MSB first)
 * into a register whose five bits had been XORed onto the first five
 * message bits -- index = (reg << 3) ^ byte. */
void g2_tables_init(void)
{
    unsigned i, k;
    for (i = 0; i < 256; i++) {
        unsigned r5 = 0, r16 = i << 8;
        for (k = 0; k < 8; k++) {
            unsigned inbit = (i >> (7 - k)) & 1u;
            unsigned fb = ((r5 >> 4) & 1u) ^ inbit;
            r5 = ((r5 << 1) & 0x1Fu) ^ (fb ? C5_POLY : 0u);
            r16 = (r16 & 0x8000u) ? ((r16 << 1) ^ C16_POLY) : (r16 << 1);
        }
        c5_tab[i] = (uint8_t)r5;
        c16_tab[i] = (uint16_t)r16;
    }
    tabs_ready = 1;
}

/* CRC-5 register over the first nbits bits of buf (MSB-first). */
unsigned g2_crc5_bits(const uint8_t *buf, unsigned nbits)
{
    unsigned reg = C5_INIT, whole = nbits >> 3, i, k;
    if (!tabs_ready)
        g2_tables_init();
    for (i = 0; i < whole; i++)
        reg = c5_tab[((reg << 3) ^ buf[i]) & 0xFFu];
    for (k = 0; k < (nbits & 7u); k++) {
        unsigned inbit = (buf[whole] >> (7 - k)) & 1u;
        unsigned fb = ((reg >> 4) ^ inbit) & 1u;
        reg = (reg << 1) & 0x1Fu;
        if (fb)
            reg ^= C5_POLY;
    }
    return reg;
}

/* CRC-16/GENIBUS register (before xorout) over nbits bits. */
static unsigned g2_crc16_reg(const uint8_t *buf, unsigned nbits)
{
    unsigned reg = C16_INIT, whole = nbits >> 3, i, k;
    if (!tabs_ready)
        g2_tables_init();
    for (i = 0; i < whole; i++)
        reg = ((reg << 8) & 0xFFFFu) ^ c16_tab[((reg >> 8) ^ buf[i]) & 0xFFu];
    for (k = 0; k < (nbits & 7u); k++) {
        unsigned inbit = (buf[whole] >> (7 - k)) & 1u;
        unsigned fb = ((reg >> 15) ^ inbit) & 1u;
        reg = (reg << 1) & 0xFFFFu;
        if (fb)
            reg ^= C16_POLY;
    }
    return reg;
}

unsigned g2_crc16_bits(const uint8_t *buf, unsigned nbits)
{
    return g2_crc16_reg(buf, nbits) ^ C16_XOROUT;
}

/* ---- bit-string assembly (not CRC work) ---- */
void g2_put(g2_bits *b, uint32_t value, unsigned width)
{
    while (width--) {
        unsigned bit = (value >> width) & 1u;
        unsigned pos = b->nbits++;
        if (bit)
            b->octet[pos >> 3] |= (uint8_t)(0x80u >> (pos & 7u));
    }
}

/* Query: 1000 DR M(2) TRext Sel(2) Session(2) Target Q(4) CRC-5 */
void g2_build_query(g2_bits *b, unsigned dr, unsigned m, unsigned trext,
                    unsigned sel, unsigned session, unsigned target, unsigned q)
{
    memset(b, 0, sizeof *b);
    g2_put(b, 0x8u, 4);
    g2_put(b, dr & 1u, 1);
    g2_put(b, m & 3u, 2);
    g2_put(b, trext & 1u, 1);
    g2_put(b, sel & 3u, 2);
    g2_put(b, session & 3u, 2);
    g2_put(b, target & 1u, 1);
    g2_put(b, q & 15u, 4);
    g2_put(b, g2_crc5_bits(b->octet, b->nbits), 5);
}

/* Select: 1010 Target(3) Action(3) MemBank(2) Pointer(EBV, one block)
 * Length(8) Mask(Length bits) Truncate(1) CRC-16 */
void g2_build_select(g2_bits *b, unsigned target, unsigned action,
                     unsigned bank, unsigned pointer, const uint8_t *mask,
                     unsigned mask_bits, unsigned truncate)
{
    unsigned i;
    memset(b, 0, sizeof *b);
    g2_put(b, 0xAu, 4);
    g2_put(b, target & 7u, 3);
    g2_put(b, action & 7u, 3);
    g2_put(b, bank & 3u, 2);
    g2_put(b, pointer & 0x7Fu, 8);
    g2_put(b, mask_bits & 0xFFu, 8);
    for (i = 0; i < mask_bits; i++)
        g2_put(b, (mask[i >> 3] >> (7 - (i & 7u))) & 1u, 1);
    g2_put(b, truncate & 1u, 1);
    g2_put(b, g2_crc16_bits(b->octet, b->nbits), 16);
}

/* Tag side: a received command with its CRC-5 leaves register 0. */
int g2_query_valid(const g2_bits *b)
{
    return b->nbits == 22 && g2_crc5_bits(b->octet, b->nbits) == 0;
}

/* Tag side: a command ending in CRC-16 leaves the GENIBUS residue. */
int g2_crc16_frame_valid(const g2_bits *b)
{
    return b->nbits > 16 && g2_crc16_reg(b->octet, b->nbits) == C16_RESIDUE;
}

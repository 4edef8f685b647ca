/*
 * SAE J2716 SENT (Single Edge Nibble Transmission) 4-bit CRC.
 *
 * Generator x^4 + x^3 + x^2 + 1, seed 0101b.  The fast channel carries
 * up to six data nibbles per frame followed by a CRC nibble; the "legacy"
 * (pre-2010) checksum stops after the last data nibble, the recommended
 * one additionally pushes one all-zero nibble through the register
 * (i.e. it is the true remainder of seed||data||0000).  The short serial
 * message spreads a 4-bit ID, an 8-bit value and a CRC nibble over bit 2
 * of sixteen consecutive status nibbles; it is checked here bit-serially.
 */
#include <stddef.h>
#include <stdint.h>

/* r * x^4 mod (x^4 + x^3 + x^2 + 1), for every 4-bit remainder r */
static const uint8_t sent_mulx4[16] = {
    0x0, 0xD, 0x7, 0xA, 0xE, 0x3, 0x9, 0x4,
    0x1, 0xC, 0x6, 0xB, 0xF, 0x2, 0x8, 0x5};

#define SENT_SEED 0x5u
/* the seed as a direct-form initial register: 0101 * x^4 mod G */
#define SENT_DIRECT_INIT 0x3u
#define SENT_GEN_LOW 0xDu /* x^3 + x^2 + 1, the x^4 term implied */

enum sent_crc_variant { SENT_CRC_LEGACY = 0, SENT_CRC_RECOMMENDED = 1 };

struct sent_fast_frame {
  uint8_t status; /* status & communication nibble */
  uint8_t ndata;  /* 1..6 data nibbles */
  uint8_t data[6];
  uint8_t crc;    /* received / transmitted checksum nibble */
};

/* Table-driven remainder over a nibble string (one nibble per byte). */
uint8_t sent_crc4_nibbles(const uint8_t *nib, size_t count, int variant) {
  uint8_t reg = SENT_SEED;
  size_t i;
  for (i = 0; i < count; i++)
    reg = (uint8_t)(sent_mulx4[reg] ^ (nib[i] & 0x0Fu));
  if (variant == SENT_CRC_RECOMMENDED)
    reg = sent_mulx4[reg];
  return reg;
}

/* Same checksum with the six data nibbles packed into a 24-bit word,
 * first-transmitted nibble in bits 23..20. */
uint8_t sent_crc4_packed24(uint32_t word, unsigned ndata, int variant) {
  unsigned reg = SENT_SEED;
  int shift = 20;
  while (ndata-- > 0 && shift >= 0) {
    reg = sent_mulx4[reg & 0xFu] ^ ((word >> shift) & 0xFu);
    shift -= 4;
  }
  if (variant == SENT_CRC_RECOMMENDED)
    reg = sent_mulx4[reg & 0xFu];
  return (uint8_t)(reg & 0xFu);
}

/* Fill in frame->crc for transmission. */
void sent_fast_frame_seal(struct sent_fast_frame *f, int variant) {
  uint8_t reg = SENT_SEED;
  unsigned k, n = f->ndata > 6 ? 6u : f->ndata;
  for (k = 0; k < n; k++)
    reg = (uint8_t)(sent_mulx4[reg] ^ (f->data[k] & 0x0Fu));
  if (variant == SENT_CRC_RECOMMENDED)
    reg = sent_mulx4[reg];
  f->crc = reg;
}

/* 1 when the received checksum nibble matches; tries the recommended
 * form first and, if allow_legacy, falls back to the legacy one. */
int sent_fast_frame_check(const struct sent_fast_frame *f, int allow_legacy) {
  uint8_t reg = SENT_SEED;
  unsigned k, n = f->ndata > 6 ? 6u : f->ndata;
  for (k = 0; k < n; k++)
    reg = (uint8_t)(sent_mulx4[reg] ^ (f->data[k] & 0x0Fu));
  if (sent_mulx4[reg] == (f->crc & 0x0Fu))
    return 1;
  return allow_legacy && reg == (f->crc & 0x0Fu);
}

/* Short serial message receiver: fed with the status nibble of every fast
 * frame.  Bit 3 marks the first frame of a message, bit 2 carries the
 * payload bits MSB first: 4-bit ID, 8-bit data, 4-bit CRC. */
struct sent_serial_rx {
  uint8_t nbits;  /* payload bits received, 0 = waiting for start */
  uint8_t reg;    /* direct-form CRC register over ID and data bits */
  uint8_t rx_crc; /* checksum bits received so far */
  uint16_t word;  /* ID and data, as received */
  uint8_t last_id;
  uint8_t last_data;
  uint32_t good, bad;
};

void sent_serial_reset(struct sent_serial_rx *rx) {
  rx->nbits = 0;
  rx->reg = SENT_DIRECT_INIT;
  rx->rx_crc = 0;
  rx->word = 0;
}

/* Returns 1 when a complete message with a valid CRC was just received,
 * -1 on a CRC mismatch, 0 otherwise. */
int sent_serial_push(struct sent_serial_rx *rx, uint8_t status) {
  unsigned bit = (status >> 2) & 1u;
  unsigned fb;
  if (status & 0x8u) { /* start of message */
    rx->nbits = 0;
    rx->reg = SENT_DIRECT_INIT;
    rx->rx_crc = 0;
    rx->word = 0;
  } else if (rx->nbits == 0) {
    return 0; /* not synchronised yet */
  }
  if (rx->nbits < 12) {
    rx->word = (uint16_t)((rx->word << 1) | bit);
    fb = ((rx->reg >> 3) ^ bit) & 1u;
    rx->reg = (uint8_t)((rx->reg << 1) & 0xFu);
    if (fb)
      rx->reg ^= SENT_GEN_LOW;
    rx->nbits++;
    return 0;
  }
  rx->rx_crc = (uint8_t)((rx->rx_crc << 1) | bit);
  if (++rx->nbits < 16)
    return 0;
  rx->nbits = 0;
  if (rx->rx_crc == rx->reg) {
    rx->last_id = (uint8_t)(rx->word >> 8);
    rx->last_data = (uint8_t)(rx->word & 0xFFu);
    rx->good++;
    return 1;
  }
  rx->bad++;
  return -1;
}

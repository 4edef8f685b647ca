/* SECDED (single error correction, double error detection) for 32-bit
 * words stored with 7 check bits, as in a DRAM/SRAM ECC controller model:
 * an extended Hamming(39,32) code. Data bit i sits at codeword position
 * pos[i] (the i-th position 1..38 that is not a power of two); the six
 * Hamming check bits are the xor of the positions of the set data bits and
 * bit 6 makes the parity of the whole codeword even. The stored word is
 * systematic: data in bits 0..31, check bits in 32..38. A byte-sliced
 * table form of the check-bit computation is built from the bitwise one.
 * Label: none. */
#include <stdint.h>

static uint8_t pos[32];
static int8_t data_at[64]; /* codeword position -> data bit, or -1 */
static uint8_t slice[4][256];
static int tables_ok;

static unsigned odd(uint64_t x) {
  x ^= x >> 32;
  x ^= x >> 16;
  x ^= x >> 8;
  x ^= x >> 4;
  x ^= x >> 2;
  x ^= x >> 1;
  return (unsigned)(x & 1);
}

uint8_t ecc_checkbits(uint32_t d) {
  unsigned syn = 0;
  for (int i = 0; i < 32; i++)
    if (d & (1u << i))
      syn ^= pos[i];
  /* overall parity over data and the six Hamming bits */
  return (uint8_t)(syn | (odd(d) ^ odd(syn)) << 6);
}

void ecc_setup(void) {
  int i = 0;
  for (int p = 0; p < 64; p++)
    data_at[p] = -1;
  for (unsigned p = 1; i < 32; p++) {
    if ((p & (p - 1)) == 0)
      continue; /* check-bit slot */
    pos[i] = (uint8_t)p;
    data_at[p] = (int8_t)i;
    i++;
  }
  for (int lane = 0; lane < 4; lane++)
    for (unsigned b = 0; b < 256; b++)
      slice[lane][b] = ecc_checkbits((uint32_t)b << (8 * lane));
  tables_ok = 1;
}

/* Check bits are linear in the data: xor of the four byte lanes. */
uint64_t ecc_protect(uint32_t d) {
  if (!tables_ok)
    ecc_setup();
  uint8_t c = slice[0][d & 0xff] ^ slice[1][(d >> 8) & 0xff] ^
              slice[2][(d >> 16) & 0xff] ^ slice[3][d >> 24];
  return (uint64_t)d | (uint64_t)c << 32;
}

/* 0: clean, 1: single error corrected, 2: double error detected,
 * 3: uncorrectable (syndrome outside the code). */
int ecc_check(uint64_t w, uint32_t *out) {
  if (!tables_ok)
    ecc_setup();
  uint32_t d = (uint32_t)w;
  unsigned stored = (unsigned)(w >> 32) & 0x7f;
  unsigned s = (ecc_checkbits(d) ^ stored) & 0x3f;
  unsigned par = odd(w & 0x7fffffffffull);
  int rc = 0;
  if (par) {
    rc = 1;
    if (s != 0 && (s & (s - 1)) != 0) {
      if (s >= 64 || data_at[s] < 0)
        return 3;
      d ^= 1u << data_at[s];
    }
    /* s == 0: the parity bit flipped; s a power of two: a check bit */
  } else if (s != 0) {
    rc = 2;
  }
  *out = d;
  return rc;
}

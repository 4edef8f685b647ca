/* 8-bit CRCs of automotive end-to-end protection, MSB first, seed 0xFF and
 * final xor 0xFF: CRC-8/SAE-J1850 (generator 0x1D, used by E2E profile 1)
 * and CRC-8/AUTOSAR (0x2F, profile 2). The lookup table is neither
 * constant nor built in one go: each entry is computed the first time it
 * is needed and remembered, with a 256-bit "known" bitmap per generator.
 * The profile-2 style routine covers the payload after the CRC byte and
 * then a data ID picked from a list by the message counter. Label: crc. */
#include <stdint.h>

struct memo8 {
  uint8_t gen;
  uint32_t known[8];
  uint8_t rem[256];
};

static struct memo8 j1850 = {0x1D, {0}, {0}};
static struct memo8 autosar = {0x2F, {0}, {0}};

static uint8_t memo_get(struct memo8 *m, uint8_t idx) {
  uint32_t bit = 1u << (idx & 31);
  if (!(m->known[idx >> 5] & bit)) {
    uint8_t r = idx;
    for (int i = 8; i != 0; i--)
      r = (r & 0x80) ? (uint8_t)((r << 1) ^ m->gen) : (uint8_t)(r << 1);
    m->rem[idx] = r;
    m->known[idx >> 5] |= bit;
  }
  return m->rem[idx];
}

uint8_t sae_fcs(const uint8_t *d, unsigned n, uint8_t start) {
  uint8_t c = start;
  for (; n; n--, d++)
    c = memo_get(&j1850, (uint8_t)(c ^ *d));
  return c;
}

/* Profile-2-like protection: byte 0 of msg holds the CRC, the low nibble
 * of byte 1 the counter; data_ids has 16 entries. */
uint8_t e2e_p2_crc(const uint8_t *msg, unsigned length,
                   const uint8_t data_ids[16]) {
  uint8_t c = 0xFF;
  unsigned i = 1;
  while (i < length) {
    c = memo_get(&autosar, c ^ msg[i]);
    i++;
  }
  c = memo_get(&autosar, c ^ data_ids[msg[1] & 0x0F]);
  return (uint8_t)~c;
}

uint8_t autosar_block(const uint8_t *d, unsigned n) {
  uint8_t c = 0xFF;
  const uint8_t *e = d + n;
  while (d < e)
    c = memo_get(&autosar, (uint8_t)(c ^ *d++));
  return c ^ 0xFF;
}

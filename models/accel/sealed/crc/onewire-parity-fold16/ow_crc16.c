/*
 * The 16-bit CRC of Maxim/Dallas 1-Wire memory devices (CRC-16/MAXIM-DOW:
 * generator x^16 + x^15 + x^2 + 1, LSB-first, register starts at 0, the
 * two CRC bytes travel inverted and LSB first).
 *
 * No table and no bit loop: for this generator the byte step of the
 * reflected division has the closed form
 *     t    = (crc ^ byte) & 0xff
 *     crc' = (crc >> 8) ^ (t << 6) ^ (t << 7) ^ (parity(t) ? 0xC001 : 0)
 * since x^8 * t(x) mod G splits into two shifted copies of t plus a term
 * that only depends on the parity of t.  The parity is read out of the
 * 16-bit constant 0x6996 (the parity of every nibble).
 */
#include <stddef.h>
#include <stdint.h>

#define OW16_RESIDUE 0xB001u /* register after data || ~crc(LSB first) */

uint16_t ow16_fold_byte(uint16_t crc, uint8_t byte) {
  unsigned t = (unsigned)(crc ^ byte) & 0xFFu;
  unsigned odd = (0x6996u >> ((t ^ (t >> 4)) & 0xFu)) & 1u;
  return (uint16_t)((crc >> 8) ^ (t << 6) ^ (t << 7) ^ ((0u - odd) & 0xC001u));
}

/* Two bytes per trip through the loop. */
uint16_t ow16_fold_run(uint16_t crc, const uint8_t *p, size_t n) {
  unsigned c = crc;
  while (n >= 2) {
    unsigned t0 = (c ^ p[0]) & 0xFFu;
    unsigned o0 = (0x6996u >> ((t0 ^ (t0 >> 4)) & 0xFu)) & 1u;
    c = (c >> 8) ^ (t0 << 6) ^ (t0 << 7) ^ ((0u - o0) & 0xC001u);
    unsigned t1 = (c ^ p[1]) & 0xFFu;
    unsigned o1 = (0x6996u >> ((t1 ^ (t1 >> 4)) & 0xFu)) & 1u;
    c = (c >> 8) ^ (t1 << 6) ^ (t1 << 7) ^ ((0u - o1) & 0xC001u);
    p += 2;
    n -= 2;
  }
  if (n)
    c = ow16_fold_byte((uint16_t)c, p[0]);
  return (uint16_t)(c & 0xFFFFu);
}

/* Catalogue form: CRC-16/MAXIM-DOW of a buffer (final inversion applied). */
uint16_t ow16_maxim(const uint8_t *p, size_t n) {
  return (uint16_t)(ow16_fold_run(0, p, n) ^ 0xFFFFu);
}

/* Write Scratchpad: the slave answers command, target address TA1/TA2 and
 * the data it received with the inverted CRC-16 of all of them.  out[0..1]
 * receive the two bytes in bus order (LSB first). */
void ow16_scratchpad_echo(uint8_t cmd, uint16_t target, const uint8_t *data,
                          size_t n, uint8_t out[2]) {
  uint16_t c = ow16_fold_byte(0, cmd);
  c = ow16_fold_byte(c, (uint8_t)(target & 0xFFu));
  c = ow16_fold_byte(c, (uint8_t)(target >> 8));
  c = ow16_fold_run(c, data, n);
  c = (uint16_t)~c;
  out[0] = (uint8_t)(c & 0xFFu);
  out[1] = (uint8_t)(c >> 8);
}

/* A reply that ends in its own inverted CRC leaves the fixed residue. */
int ow16_reply_intact(uint16_t seed, const uint8_t *reply, size_t n) {
  if (n < 2)
    return 0;
  return ow16_fold_run(seed, reply, n) == OW16_RESIDUE;
}

/* Read-memory-with-CRC transfer: the first CRC covers the command byte,
 * both address bytes and the data up to the end of the first page; each
 * later page is followed by the inverted CRC of that page alone.
 * stream = page data and CRC bytes as received after the address.
 * Returns the number of pages that verified before the first failure. */
size_t ow16_paged_read_verify(uint8_t cmd, uint16_t addr, size_t page_size,
                              const uint8_t *stream, size_t len) {
  size_t first = page_size - (addr % page_size);
  size_t good = 0, pos = 0, chunk = first;
  uint16_t c = ow16_fold_byte(0, cmd);
  c = ow16_fold_byte(c, (uint8_t)(addr & 0xFFu));
  c = ow16_fold_byte(c, (uint8_t)(addr >> 8));
  while (pos + chunk + 2 <= len) {
    c = ow16_fold_run(c, stream + pos, chunk + 2);
    if (c != OW16_RESIDUE)
      break;
    good++;
    pos += chunk + 2;
    chunk = page_size;
    c = 0;
  }
  return good;
}

/* Table-driven CRC-32 with the table index formed by a cast to uint8_t
 * instead of a mask, and a constant table (the first 16 entries are enough
 * to show the idea; the rest derive by linearity at start-up). Label: crc. */
#include <stddef.h>
#include <stdint.h>

static uint32_t tbl[256] = {0x00000000, 0x77073096, 0xEE0E612C, 0x990951BA,
                            0x076DC419, 0x706AF48F, 0xE963A535, 0x9E6495A3,
                            0x0EDB8832, 0x79DCB8A4, 0xE0D5E91E, 0x97D2D988,
                            0x09B64C2B, 0x7EB17CBD, 0xE7B82D07, 0x90BF1D91};

void tbl_extend(void) {
  /* T[a ^ b] = T[a] ^ T[b]: fill the high entries from two nibbles. */
  for (unsigned hi = 1; hi < 16; hi++) {
    uint32_t c = hi << 4;
    for (int k = 0; k < 8; k++)
      c = (c & 1) ? (c >> 1) ^ 0xEDB88320u : c >> 1;
    for (unsigned lo = 0; lo < 16; lo++)
      tbl[(hi << 4) | lo] = c ^ tbl[lo];
  }
}

uint32_t cast_crc(uint32_t crc, const char *s, size_t n) {
  crc = crc ^ 0xFFFFFFFFu;
  for (size_t i = 0; i < n; i++)
    crc = tbl[(uint8_t)crc ^ (uint8_t)s[i]] ^ (crc >> 8);
  return crc ^ 0xFFFFFFFFu;
}

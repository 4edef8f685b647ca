/* XXTEA (corrected block TEA) over a variable number of 32-bit words:
 * the MX mixing of neighbours with shifts, the key word selected by
 * (p ^ e) & 3, delta 0x9E3779B9 accumulated per cycle. Label: crypto. */
#include <stdint.h>

#define DELTA 0x9e3779b9
#define MX                                                                     \
  (((z >> 5 ^ y << 2) + (y >> 3 ^ z << 4)) ^                                   \
   ((sum ^ y) + (key[(p & 3) ^ e] ^ z)))

void btea_encode(uint32_t *v, int n, const uint32_t key[4]) {
  uint32_t y, z, sum = 0;
  unsigned p, rounds = 6 + 52 / n, e;
  z = v[n - 1];
  do {
    sum += DELTA;
    e = (sum >> 2) & 3;
    for (p = 0; p < (unsigned)n - 1; p++) {
      y = v[p + 1];
      z = v[p] += MX;
    }
    y = v[0];
    z = v[n - 1] += MX;
  } while (--rounds);
}

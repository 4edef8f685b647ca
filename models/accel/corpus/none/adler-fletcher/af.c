/* Adler-32 and Fletcher checksums. Label: none. */
#include <stddef.h>
#include <stdint.h>

uint32_t adler(const uint8_t *d, size_t n) {
  uint32_t a = 1, b = 0;
  for (size_t i = 0; i < n; i++) {
    a = (a + d[i]) % 65521;
    b = (b + a) % 65521;
  }
  return (b << 16) | a;
}

uint16_t fletcher16(const uint8_t *d, int n) {
  uint16_t s1 = 0, s2 = 0;
  for (int i = 0; i < n; i++) {
    s1 = (uint16_t)((s1 + d[i]) % 255);
    s2 = (uint16_t)((s2 + s1) % 255);
  }
  return (uint16_t)((s2 << 8) | s1);
}

/* Fletcher-32 over 16-bit words with deferred reduction. */
uint32_t fletcher32(const uint16_t *w, size_t words) {
  uint32_t a = 0xffff, b = 0xffff;
  while (words) {
    size_t blk = words > 359 ? 359 : words;
    words -= blk;
    do {
      a += *w++;
      b += a;
    } while (--blk);
    a = (a & 0xffff) + (a >> 16);
    b = (b & 0xffff) + (b >> 16);
  }
  a = (a & 0xffff) + (a >> 16);
  b = (b & 0xffff) + (b >> 16);
  return b << 16 | a;
}

/* Run-length encoding and decoding of byte streams. Label: none. */
#include <stddef.h>
#include <stdint.h>

size_t rle_encode(const uint8_t *in, size_t n, uint8_t *out) {
  size_t o = 0;
  for (size_t i = 0; i < n;) {
    uint8_t v = in[i];
    size_t run = 1;
    while (i + run < n && in[i + run] == v && run < 255)
      run++;
    out[o++] = (uint8_t)run;
    out[o++] = v;
    i += run;
  }
  return o;
}

size_t rle_decode(const uint8_t *in, size_t n, uint8_t *out, size_t cap) {
  size_t o = 0;
  for (size_t i = 0; i + 1 < n; i += 2)
    for (uint8_t k = 0; k < in[i] && o < cap; k++)
      out[o++] = in[i + 1];
  return o;
}

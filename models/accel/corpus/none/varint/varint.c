/* Variable-length integer coding. Label: none. */
#include <stdint.h>

int put_varint(uint8_t *out, uint64_t v) {
  int n = 0;
  while (v >= 0x80) {
    out[n++] = (uint8_t)(v | 0x80);
    v >>= 7;
  }
  out[n++] = (uint8_t)v;
  return n;
}

int get_varint(const uint8_t *in, int len, uint64_t *v) {
  uint64_t r = 0;
  int shift = 0;
  for (int i = 0; i < len && i < 10; i++) {
    r |= (uint64_t)(in[i] & 0x7f) << shift;
    if (!(in[i] & 0x80)) {
      *v = r;
      return i + 1;
    }
    shift += 7;
  }
  return -1;
}

/* Zig-zag coding of an array of deltas. */
void zigzag_deltas(const int32_t *v, uint32_t *out, int n) {
  int32_t prev = 0;
  for (int i = 0; i < n; i++) {
    int32_t d = v[i] - prev;
    out[i] = ((uint32_t)d << 1) ^ (uint32_t)(d >> 31);
    prev = v[i];
  }
}

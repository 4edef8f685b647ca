/* Dotted-quad text to address and back. Label: none. */
#include <stdint.h>

int parse_dotted(const char *s, uint32_t *out) {
  uint32_t addr = 0;
  for (int part = 0; part < 4; part++) {
    unsigned v = 0;
    int digits = 0;
    while (*s >= '0' && *s <= '9') {
      v = v * 10 + (unsigned)(*s++ - '0');
      if (++digits > 3 || v > 255)
        return -1;
    }
    if (!digits)
      return -1;
    addr = (addr << 8) | v;
    if (part < 3 && *s++ != '.')
      return -1;
  }
  *out = addr;
  return *s == 0 ? 0 : -1;
}

int format_dotted(uint32_t a, char *buf) {
  int n = 0;
  for (int shift = 24; shift >= 0; shift -= 8) {
    unsigned v = (a >> shift) & 0xFF;
    if (v >= 100)
      buf[n++] = (char)('0' + v / 100);
    if (v >= 10)
      buf[n++] = (char)('0' + (v / 10) % 10);
    buf[n++] = (char)('0' + v % 10);
    if (shift)
      buf[n++] = '.';
  }
  buf[n] = 0;
  return n;
}

/* String and buffer utilities. Label: none. */
#include <stddef.h>
#include <stdint.h>

int parse_ip(const char *s, uint32_t *out) {
  uint32_t a = 0;
  for (int part = 0; part < 4; part++) {
    int v = 0, digits = 0;
    while (*s >= '0' && *s <= '9') {
      v = v * 10 + (*s++ - '0');
      digits++;
    }
    if (!digits || v > 255)
      return -1;
    a = (a << 8) | (uint32_t)v;
    if (part < 3 && *s++ != '.')
      return -1;
  }
  *out = a;
  return 0;
}

int memcmp_ct(const uint8_t *a, const uint8_t *b, size_t n) {
  uint8_t d = 0;
  for (size_t i = 0; i < n; i++)
    d |= a[i] ^ b[i];
  return d != 0;
}

size_t find_crlf(const char *buf, size_t n) {
  for (size_t i = 0; i + 1 < n; i++)
    if (buf[i] == '\r' && buf[i + 1] == '\n')
      return i;
  return n;
}

void to_lower(char *s) {
  for (; *s; s++)
    if (*s >= 'A' && *s <= 'Z')
      *s = (char)(*s | 0x20);
}

/* Masked compare of two buffers (payload pattern match). */
int match_masked(const uint8_t *p, const uint8_t *pat, const uint8_t *mask,
                 int n) {
  for (int i = 0; i < n; i++)
    if ((p[i] & mask[i]) != (pat[i] & mask[i]))
      return 0;
  return 1;
}

/* UTF-8 decoding and validation. Label: none. */
#include <stddef.h>
#include <stdint.h>

int utf8_decode(const uint8_t *s, size_t n, uint32_t *out, size_t *used) {
  if (!n)
    return -1;
  uint8_t c = s[0];
  if (c < 0x80) {
    *out = c;
    *used = 1;
    return 0;
  }
  int len = (c & 0xE0) == 0xC0   ? 2
            : (c & 0xF0) == 0xE0 ? 3
            : (c & 0xF8) == 0xF0 ? 4
                                 : 0;
  if (!len || (size_t)len > n)
    return -1;
  uint32_t cp = c & (0x7F >> len);
  for (int i = 1; i < len; i++) {
    if ((s[i] & 0xC0) != 0x80)
      return -1;
    cp = (cp << 6) | (s[i] & 0x3F);
  }
  *out = cp;
  *used = (size_t)len;
  return 0;
}

size_t utf8_count(const uint8_t *s, size_t n) {
  size_t count = 0;
  for (size_t i = 0; i < n; i++)
    if ((s[i] & 0xC0) != 0x80)
      count++;
  return count;
}

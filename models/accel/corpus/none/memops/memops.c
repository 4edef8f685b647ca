/* memcmp, memcpy, memset and memchr written as byte and word loops.
 * Label: none. */
#include <stddef.h>
#include <stdint.h>

int my_memcmp(const void *a, const void *b, size_t n) {
  const unsigned char *p = a, *q = b;
  for (size_t i = 0; i < n; i++)
    if (p[i] != q[i])
      return p[i] < q[i] ? -1 : 1;
  return 0;
}

void *my_memcpy_words(void *dst, const void *src, size_t n) {
  uint64_t *d = dst;
  const uint64_t *s = src;
  size_t w = n / 8;
  for (size_t i = 0; i < w; i++)
    d[i] = s[i];
  unsigned char *db = (unsigned char *)dst + w * 8;
  const unsigned char *sb = (const unsigned char *)src + w * 8;
  for (size_t i = 0; i < n % 8; i++)
    db[i] = sb[i];
  return dst;
}

const void *my_memchr(const void *s, int c, size_t n) {
  const unsigned char *p = s;
  while (n--) {
    if (*p == (unsigned char)c)
      return p;
    p++;
  }
  return 0;
}

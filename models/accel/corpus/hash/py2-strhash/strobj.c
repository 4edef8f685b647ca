/* The Python 2 str/unicode hash (stringobject.c, without hash
 * randomisation): x = first << 7, then x = (1000003 * x) ^ c for every
 * character, x ^= length, and -1 (the error value) becomes -2. Cached in the
 * object as CPython does; 64-bit and 32-bit ("long" of an ILP32 build)
 * forms, and the UCS-2 unicode form. Arithmetic is done unsigned (CPython is
 * built with -fwrapv). Label: hash. */
#include <stdint.h>

struct strobj {
  long refcnt;
  void *type;
  long size;
  long shash; /* -1 until computed */
  unsigned char sval[1];
};

long str_hash(struct strobj *a) {
  if (a->shash != -1)
    return a->shash;
  long len = a->size;
  if (len == 0) {
    a->shash = 0;
    return 0;
  }
  const unsigned char *p = a->sval;
  uint64_t x = (uint64_t)*p << 7;
  while (--len >= 0)
    x = (1000003u * x) ^ *p++;
  x ^= (uint64_t)a->size;
  if (x == (uint64_t)-1)
    x = (uint64_t)-2;
  a->shash = (long)x;
  return (long)x;
}

int32_t str_hash_ilp32(const char *s, int32_t n) {
  if (n == 0)
    return 0;
  uint32_t x = (uint32_t)(unsigned char)s[0] << 7;
  for (int32_t i = 0; i < n; i++)
    x = (1000003u * x) ^ (unsigned char)s[i];
  x ^= (uint32_t)n;
  if (x == 0xFFFFFFFFu)
    x = 0xFFFFFFFEu;
  return (int32_t)x;
}

int64_t ucs2_hash(const uint16_t *u, int64_t n) {
  if (n <= 0)
    return 0;
  const uint16_t *end = u + n;
  uint64_t x = (uint64_t)u[0] << 7;
  do {
    x = x * 1000003u;
    x ^= *u;
  } while (++u < end);
  x ^= (uint64_t)n;
  return x == ~0ull ? -2 : (int64_t)x;
}

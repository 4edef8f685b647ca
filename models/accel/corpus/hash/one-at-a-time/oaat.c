/* Jenkins one-at-a-time. Label: hash. */
#include <stddef.h>
#include <stdint.h>

uint32_t oaat(const uint8_t *k, size_t n) {
  uint32_t h = 0;
  for (size_t i = 0; i < n; i++) {
    h += k[i];
    h += h << 10;
    h ^= h >> 6;
  }
  h += h << 3;
  h ^= h >> 11;
  h += h << 15;
  return h;
}

/* Seeded variant over a NUL-terminated string, pointer style. */
unsigned bucket_of(const char *s, unsigned seed, unsigned nbuckets) {
  unsigned v = seed;
  while (*s) {
    v += (unsigned char)*s++;
    v += (v << 10);
    v ^= (v >> 6);
  }
  v += (v << 3);
  v ^= (v >> 11);
  v += (v << 15);
  return v % nbuckets;
}

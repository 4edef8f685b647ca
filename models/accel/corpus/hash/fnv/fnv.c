/* FNV-1a and FNV-1. Label: hash. */
#include <stddef.h>
#include <stdint.h>

uint32_t fnv1a32(const void *p, size_t n) {
  const unsigned char *b = p;
  uint32_t h = 2166136261u;
  for (size_t i = 0; i < n; i++) {
    h ^= b[i];
    h *= 16777619u;
  }
  return h;
}

uint64_t fnv1a64_str(const char *s) {
  uint64_t h = 0xcbf29ce484222325ULL;
  for (; *s; s++) {
    h ^= (uint64_t)(unsigned char)*s;
    h *= 0x100000001b3ULL;
  }
  return h;
}

/* FNV-1 (multiply then xor) over a 5-tuple struct, folded to 16 bits. */
struct tuple { uint32_t src, dst; uint16_t sp, dp; uint8_t proto; };

uint16_t tuple_key(const struct tuple *t) {
  const uint8_t *b = (const uint8_t *)t;
  uint32_t h = 0x811c9dc5;
  for (unsigned i = 0; i < 13; i++) {
    h = h * 0x01000193;
    h = h ^ b[i];
  }
  return (uint16_t)((h >> 16) ^ (h & 0xFFFF));
}

/* Hash combining as in C++ libraries: fold each field's hash into a seed
 * with seed ^= h + golden + (seed << 6) + (seed >> 2). Label: hash. */
#include <stddef.h>
#include <stdint.h>

static size_t combine(size_t seed, size_t h) {
  return seed ^ (h + 0x9e3779b9 + (seed << 6) + (seed >> 2));
}

size_t tuple_hash(const uint32_t *fields, int n) {
  size_t seed = 0;
  for (int i = 0; i < n; i++)
    seed = combine(seed, fields[i]);
  return seed;
}

size_t conn_hash(uint32_t a, uint32_t b, uint16_t pa, uint16_t pb) {
  size_t s = 0;
  s ^= (size_t)a + 0x9e3779b9 + (s << 6) + (s >> 2);
  s ^= (size_t)b + 0x9e3779b9 + (s << 6) + (s >> 2);
  s ^= (size_t)pa + 0x9e3779b9 + (s << 6) + (s >> 2);
  s ^= (size_t)pb + 0x9e3779b9 + (s << 6) + (s >> 2);
  return s;
}

/* BKDR string hashing (the multiplicative hash of Kernighan and Ritchie's
 * "The C Programming Language" with the seed 131 popularised in Arash
 * Partow's collection): h = h * seed + c over the characters, here for byte
 * strings, 16-bit code units with a 64-bit accumulator and a seed of 13131,
 * and a NUL-terminated symbol name reduced to a power-of-two bucket.
 * Label: hash. */
#include <stddef.h>
#include <stdint.h>

#define SEED 131u
#define WIDE_SEED 13131ull

unsigned int str_index(const char *buf, size_t len) {
  unsigned int acc = 0;
  size_t i;
  for (i = 0; i < len; ++i)
    acc = acc * SEED + (unsigned char)buf[i];
  return acc & 0x7FFFFFFFu;
}

uint64_t wide_key(const uint16_t *units, int count) {
  uint64_t acc = 0;
  int k = 0;
  while (k < count) {
    acc = acc * WIDE_SEED + units[k];
    k++;
  }
  return acc;
}

unsigned bucket_string(const char *name, unsigned log2_buckets) {
  unsigned acc = 0;
  const unsigned char *p = (const unsigned char *)name;
  if (*p == 0)
    return 0;
  do {
    acc = (acc << 7) + (acc << 1) + acc + *p; /* acc * 131 + c */
  } while (*++p);
  acc &= 0x7FFFFFFFu;
  return acc & ((1u << log2_buckets) - 1u);
}

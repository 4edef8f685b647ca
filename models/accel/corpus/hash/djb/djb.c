/* Shift-add string hashes (Bernstein, sdbm, PJW/ELF). Label: hash. */
#include <stdint.h>

unsigned long djb2(const unsigned char *str) {
  unsigned long h = 5381;
  int c;
  while ((c = *str++))
    h = ((h << 5) + h) ^ (unsigned long)c;
  return h;
}

uint32_t sdbm(const uint8_t *s, int n) {
  uint32_t h = 0;
  for (int i = 0; i < n; i++)
    h = s[i] + (h << 6) + (h << 16) - h;
  return h;
}

unsigned elf_hash(const char *name) {
  unsigned h = 0, g;
  while (*name) {
    h = (h << 4) + (unsigned char)*name++;
    g = h & 0xF0000000;
    if (g)
      h ^= g >> 24;
    h &= ~g;
  }
  return h;
}

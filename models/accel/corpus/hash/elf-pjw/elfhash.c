/* PJW hash (P. J. Weinberger's "hashpjw" from the Dragon book) and its
 * best-known instance, the System V ELF symbol hash of the gABI: shift the
 * state left by one eighth of the word, add the byte, and when the top
 * eighth becomes non-zero fold it back three quarters down and clear it.
 * Written from the definitions: elf_sysv_hash walks a NUL-terminated name
 * by pointer; pjw_generic takes the word width as a parameter (32 gives the
 * ELF hash, 64 the wide variant); elf_hash_quad consumes four bytes per
 * iteration through a step macro; elf_bucket_of picks the .hash bucket a
 * symbol name lands in, and elf_hash_names fills a bucket histogram.
 * Label: hash. */
#include <stddef.h>
#include <stdint.h>

uint32_t elf_sysv_hash(const char *name) {
  const unsigned char *p = (const unsigned char *)name;
  uint32_t h = 0;
  while (*p != '\0') {
    uint32_t top;
    h = (h << 4) + *p++;
    top = h & 0xf0000000u;
    if (top != 0)
      h ^= top >> 24;
    h &= ~top;
  }
  return h;
}

/* width must be a multiple of 8 between 8 and 64 */
uint64_t pjw_generic(const uint8_t *buf, size_t n, unsigned width) {
  const unsigned eighth = width / 8;
  const unsigned three_quarters = (width * 3) / 4;
  const uint64_t word_mask = width == 64 ? ~0ull : ((1ull << width) - 1);
  const uint64_t high = (word_mask << (width - eighth)) & word_mask;
  uint64_t h = 0;
  size_t i;
  for (i = 0; i < n; i++) {
    uint64_t g;
    h = ((h << eighth) + buf[i]) & word_mask;
    g = h & high;
    if (g)
      h = (h ^ (g >> three_quarters)) & ~high;
  }
  return h;
}

#define ELF_STEP(h, c)                                                         \
  do {                                                                         \
    uint32_t g_;                                                               \
    (h) = ((h) << 4) + (uint32_t)(c);                                          \
    g_ = (h) & 0xf0000000u;                                                    \
    (h) ^= g_ >> 24;                                                           \
    (h) &= ~g_;                                                                \
  } while (0)

uint32_t elf_hash_quad(const uint8_t *buf, size_t n) {
  uint32_t h = 0;
  const uint8_t *end = buf + n;
  while (end - buf >= 4) {
    ELF_STEP(h, buf[0]);
    ELF_STEP(h, buf[1]);
    ELF_STEP(h, buf[2]);
    ELF_STEP(h, buf[3]);
    buf += 4;
  }
  switch (end - buf) {
  case 3:
    ELF_STEP(h, *buf++);
    /* fall through */
  case 2:
    ELF_STEP(h, *buf++);
    /* fall through */
  case 1:
    ELF_STEP(h, *buf++);
    /* fall through */
  default:
    break;
  }
  return h;
}

uint32_t elf_bucket_of(const char *name, uint32_t nbucket) {
  uint32_t h = 0;
  do {
    uint32_t g;
    if (*name == '\0')
      break;
    h = (h << 4) + (uint8_t)*name;
    g = h & 0xf0000000u;
    if (g)
      h ^= g >> 24;
    h &= ~g;
  } while (*++name);
  return nbucket ? h % nbucket : 0;
}

void elf_hash_names(const char *const *names, size_t count, uint32_t *hist,
                    uint32_t nbucket) {
  size_t k;
  for (k = 0; k < count; k++) {
    const unsigned char *s = (const unsigned char *)names[k];
    uint32_t h = 0, g;
    for (; *s; s++) {
      h = (h << 4) + *s;
      if ((g = h & 0xf0000000u) != 0) {
        h ^= g >> 24;
        h ^= g;
      }
    }
    hist[h % nbucket]++;
  }
}

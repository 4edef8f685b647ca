/* The classic Linux dcache name hash (include/linux/dcache.h before the
 * word-at-a-time rewrite): init 0, per character
 * hash = (hash + (c << 4) + (c >> 4)) * 11, truncated to unsigned int at the
 * end; a case-folding variant as FAT/VFAT use for long names; and the old
 * d_hash() that folds the parent dentry pointer into the bucket index.
 * Label: hash. */
#include <stdint.h>

#define init_name_hash() 0UL

static inline unsigned long partial_name_hash(unsigned long c,
                                              unsigned long prevhash) {
  return (prevhash + (c << 4) + (c >> 4)) * 11;
}

unsigned int full_name_hash(const unsigned char *name, unsigned int len) {
  unsigned long hash = init_name_hash();
  while (len--)
    hash = partial_name_hash(*name++, hash);
  return (unsigned int)hash;
}

unsigned int fold_name_hash(const char *name, unsigned int len) {
  unsigned long hash = init_name_hash();
  for (unsigned int i = 0; i < len; i++) {
    unsigned long c = (unsigned char)name[i];
    if (c >= 'A' && c <= 'Z')
      c += 'a' - 'A';
    hash = (hash + (c << 4) + (c >> 4)) * 11;
  }
  return (unsigned int)hash;
}

#define D_HASHBITS 10
#define D_HASHMASK ((1UL << D_HASHBITS) - 1)
#define L1_CACHE_BYTES 64

unsigned long dentry_bucket(const void *parent, const unsigned char *name,
                            unsigned int len) {
  unsigned long hash = 0;
  for (unsigned int i = 0; i < len; i++)
    hash = (hash + ((unsigned long)name[i] << 4) + (name[i] >> 4)) * 11;
  hash = (unsigned int)hash;
  hash += (unsigned long)(uintptr_t)parent / L1_CACHE_BYTES;
  hash = hash ^ (hash >> D_HASHBITS);
  return hash & D_HASHMASK;
}

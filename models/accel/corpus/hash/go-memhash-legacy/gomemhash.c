/* The Go runtime's portable memory hash (runtime/hash64.go, before the
 * runtime moved its fallback to a wyhash-style design): four odd 64-bit
 * multipliers, a rotate by 31 between multiplications, four parallel
 * accumulators for inputs over 32 bytes, overlapping loads for the tail,
 * and a xorshift-multiply finaliser.  The per-process hash key (random in
 * Go) is an explicit parameter here. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

static const uint64_t GM_K1 = 16877499708836156737ULL;
static const uint64_t GM_K2 = 2820277070424839065ULL;
static const uint64_t GM_K3 = 9497967016996688599ULL;
static const uint64_t GM_K4 = 15839092249703872147ULL;

struct gm_key {
  uint64_t k[4];
};

/* Key material from a 64-bit seed (splitmix64 stream, forced odd). */
void gm_key_from_seed(struct gm_key *key, uint64_t seed)
{
  int i;
  for (i = 0; i < 4; i++) {
    uint64_t z;
    seed += 0x9e3779b97f4a7c15ULL;
    z = seed;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    key->k[i] = (z ^ (z >> 31)) | 1;
  }
}

static uint64_t gm_ld64(const unsigned char *p)
{
  uint64_t v = 0;
  int i;
  for (i = 7; i >= 0; i--)
    v = (v << 8) | p[i];
  return v;
}

static uint32_t gm_ld32(const unsigned char *p)
{
  return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
         (uint32_t)p[3] << 24;
}

#define GM_ROUND(x, ma, mb) \
  do { (x) *= (ma); (x) = ((x) << 31) | ((x) >> 33); (x) *= (mb); } while (0)

uint64_t gm_memhash(const struct gm_key *key, const void *data, size_t n,
                    uint64_t seed)
{
  const unsigned char *p = (const unsigned char *)data;
  uint64_t h = seed + (uint64_t)n * key->k[0];

  if (n > 32) {
    uint64_t v1 = h;
    uint64_t v2 = seed * key->k[1];
    uint64_t v3 = seed * key->k[2];
    uint64_t v4 = seed * key->k[3];
    do {
      v1 ^= gm_ld64(p);      GM_ROUND(v1, GM_K1, GM_K2);
      v2 ^= gm_ld64(p + 8);  GM_ROUND(v2, GM_K2, GM_K3);
      v3 ^= gm_ld64(p + 16); GM_ROUND(v3, GM_K3, GM_K4);
      v4 ^= gm_ld64(p + 24); GM_ROUND(v4, GM_K4, GM_K1);
      p += 32;
      n -= 32;
    } while (n >= 32);
    h = v1 ^ v2 ^ v3 ^ v4;
  }

  if (n == 0) {
    /* nothing left */
  } else if (n < 4) {
    h ^= (uint64_t)p[0];
    h ^= (uint64_t)p[n >> 1] << 8;
    h ^= (uint64_t)p[n - 1] << 16;
    GM_ROUND(h, GM_K1, GM_K2);
  } else if (n <= 8) {
    h ^= (uint64_t)gm_ld32(p);
    h ^= (uint64_t)gm_ld32(p + n - 4) << 32;
    GM_ROUND(h, GM_K1, GM_K2);
  } else if (n <= 16) {
    h ^= gm_ld64(p);
    GM_ROUND(h, GM_K1, GM_K2);
    h ^= gm_ld64(p + n - 8);
    GM_ROUND(h, GM_K1, GM_K2);
  } else {
    h ^= gm_ld64(p);
    GM_ROUND(h, GM_K1, GM_K2);
    h ^= gm_ld64(p + 8);
    GM_ROUND(h, GM_K1, GM_K2);
    h ^= gm_ld64(p + n - 16);
    GM_ROUND(h, GM_K1, GM_K2);
    h ^= gm_ld64(p + n - 8);
    GM_ROUND(h, GM_K1, GM_K2);
  }

  h ^= h >> 29;
  h *= GM_K3;
  h ^= h >> 32;
  return h;
}

/* Fixed-width specialisations (map keys of 4 and 8 bytes). */
uint64_t gm_memhash32(const struct gm_key *key, uint32_t v, uint64_t seed)
{
  uint64_t h = seed + 4 * key->k[0];
  h ^= (uint64_t)v;
  h ^= (uint64_t)v << 32;
  GM_ROUND(h, GM_K1, GM_K2);
  h ^= h >> 29;
  h *= GM_K3;
  h ^= h >> 32;
  return h;
}

uint64_t gm_memhash64(const struct gm_key *key, uint64_t v, uint64_t seed)
{
  uint64_t h = seed + 8 * key->k[0];
  h ^= v;
  GM_ROUND(h, GM_K1, GM_K2);
  h ^= h >> 29;
  h *= GM_K3;
  h ^= h >> 32;
  return h;
}

/* Go's strhash: hash of a string's bytes. */
uint64_t gm_strhash(const struct gm_key *key, const char *s, uint64_t seed)
{
  return gm_memhash(key, s, strlen(s), seed);
}

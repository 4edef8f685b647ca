/* xxHash32-like accumulate-rotate-multiply mixing. Label: hash. */
#include <stdint.h>
#include <string.h>

#define P1 2654435761u
#define P2 2246822519u
#define P3 3266489917u
#define P4 668265263u
#define P5 374761393u
#define ROTL(x, r) (((x) << (r)) | ((x) >> (32 - (r))))

static uint32_t rd32(const uint8_t *p) {
  uint32_t v;
  memcpy(&v, p, 4);
  return v;
}

uint32_t xx32(const uint8_t *p, size_t len, uint32_t seed) {
  const uint8_t *end = p + len;
  uint32_t h;
  if (len >= 16) {
    uint32_t v1 = seed + P1 + P2, v2 = seed + P2, v3 = seed, v4 = seed - P1;
    do {
      v1 = ROTL(v1 + rd32(p) * P2, 13) * P1; p += 4;
      v2 = ROTL(v2 + rd32(p) * P2, 13) * P1; p += 4;
      v3 = ROTL(v3 + rd32(p) * P2, 13) * P1; p += 4;
      v4 = ROTL(v4 + rd32(p) * P2, 13) * P1; p += 4;
    } while (p + 16 <= end);
    h = ROTL(v1, 1) + ROTL(v2, 7) + ROTL(v3, 12) + ROTL(v4, 18);
  } else {
    h = seed + P5;
  }
  h += (uint32_t)len;
  while (p + 4 <= end) {
    h = ROTL(h + rd32(p) * P3, 17) * P4;
    p += 4;
  }
  while (p < end) {
    h = ROTL(h + (*p) * P5, 11) * P1;
    p++;
  }
  h ^= h >> 15; h *= P2; h ^= h >> 13; h *= P3; h ^= h >> 16;
  return h;
}

/* 64-bit stripe mixer in the same spirit, over words. */
uint64_t stripe64(const uint64_t *w, unsigned n, uint64_t acc) {
  for (unsigned i = 0; i < n; i++) {
    acc += w[i] * 0xC2B2AE3D27D4EB4FULL;
    acc = (acc << 31) | (acc >> 33);
    acc *= 0x9E3779B185EBCA87ULL;
  }
  acc ^= acc >> 29;
  acc *= 0x165667B19E3779F9ULL;
  return acc ^ (acc >> 32);
}

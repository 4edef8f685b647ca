/* Jenkins lookup3 (jhash) mixing. Label: hash. */
#include <stdint.h>

#define rot(x, k) (((x) << (k)) | ((x) >> (32 - (k))))

uint32_t jhash_words(const uint32_t *k, int length, uint32_t initval) {
  uint32_t a, b, c;
  a = b = c = 0xdeadbeef + (((uint32_t)length) << 2) + initval;
  while (length > 3) {
    a += k[0]; b += k[1]; c += k[2];
    a -= c; a ^= rot(c, 4); c += b;
    b -= a; b ^= rot(a, 6); a += c;
    c -= b; c ^= rot(b, 8); b += a;
    a -= c; a ^= rot(c, 16); c += b;
    b -= a; b ^= rot(a, 19); a += c;
    c -= b; c ^= rot(b, 4); b += a;
    length -= 3;
    k += 3;
  }
  switch (length) {
  case 3: c += k[2]; /* fall through */
  case 2: b += k[1]; /* fall through */
  case 1: a += k[0];
    c ^= b; c -= rot(b, 14);
    a ^= c; a -= rot(c, 11);
    b ^= a; b -= rot(a, 25);
    c ^= b; c -= rot(b, 16);
    a ^= c; a -= rot(c, 4);
    b ^= a; b -= rot(a, 14);
    c ^= b; c -= rot(b, 24);
    break;
  case 0: break;
  }
  return c;
}

/* jhash_3words for a flow tuple, no loop. */
uint32_t flow_bucket(uint32_t saddr, uint32_t daddr, uint32_t ports,
                     uint32_t seed) {
  uint32_t a = saddr + 0xdeadbeef + 12 + seed;
  uint32_t b = daddr + 0xdeadbeef + 12 + seed;
  uint32_t c = ports + 0xdeadbeef + 12 + seed;
  c ^= b; c -= rot(b, 14);
  a ^= c; a -= rot(c, 11);
  b ^= a; b -= rot(a, 25);
  c ^= b; c -= rot(b, 16);
  a ^= c; a -= rot(c, 4);
  b ^= a; b -= rot(a, 14);
  c ^= b; c -= rot(b, 24);
  return c;
}

/* A symmetric flow hash for load balancing both directions of a connection
 * to one core: order the endpoints, then mix with rotations, xors and a
 * multiply-xorshift finaliser. Label: hash. */
#include <stdint.h>

static uint32_t rot(uint32_t x, int r) { return (x << r) | (x >> (32 - r)); }

uint32_t sym_hash(uint32_t sa, uint32_t da, uint16_t sp, uint16_t dp,
                  uint8_t proto) {
  uint32_t a = sa < da ? sa : da, b = sa < da ? da : sa;
  uint32_t p = sp < dp ? ((uint32_t)sp << 16 | dp) : ((uint32_t)dp << 16 | sp);
  uint32_t h = 0x2545F491u ^ proto;
  h ^= a;
  h = rot(h, 13) * 5 + 0xe6546b64u;
  h ^= b;
  h = rot(h, 13) * 5 + 0xe6546b64u;
  h ^= p;
  h = rot(h, 13) * 5 + 0xe6546b64u;
  h ^= h >> 16;
  h *= 0x7feb352dU;
  h ^= h >> 15;
  h *= 0x846ca68bU;
  h ^= h >> 16;
  return h;
}

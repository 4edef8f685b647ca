/* GoodOAAT (Sokolov, "funny-falcon"): a one-at-a-time byte hash with two
 * 32-bit accumulators and no multiplications except by 9 and 5, written
 * here as a streaming context: begin / absorb / digest. */
#include <stddef.h>
#include <stdint.h>

typedef struct {
  uint32_t acc;   /* fed directly by bytes */
  uint32_t spin;  /* rotated side accumulator */
} goat_ctx;

static const uint32_t GOAT_SALT = 0x3b00u;

void goat_begin(goat_ctx *c, uint32_t seed)
{
  c->acc = seed ^ GOAT_SALT;
  c->spin = (seed << 15) | (seed >> 17);
}

void goat_absorb(goat_ctx *c, const uint8_t *bytes, size_t n)
{
  uint32_t a = c->acc, s = c->spin;
  const uint8_t *end = bytes + n;
  while (bytes != end) {
    a += *bytes++;
    a += a << 3;            /* a *= 9 */
    s += a;
    s = (s << 7) | (s >> 25);
    s += s << 2;            /* s *= 5 */
  }
  c->acc = a;
  c->spin = s;
}

uint32_t goat_digest(const goat_ctx *c)
{
  uint32_t a = c->acc, s = c->spin;
  a ^= s;
  a += (s << 14) | (s >> 18);
  s ^= a;
  s += (a >> 6) | (a << 26);
  a ^= s;
  a += (s << 5) | (s >> 27);
  s ^= a;
  s += (a >> 8) | (a << 24);
  return s;
}

uint32_t goat_oneshot(const void *key, size_t n, uint32_t seed)
{
  goat_ctx c;
  goat_begin(&c, seed);
  goat_absorb(&c, (const uint8_t *)key, n);
  return goat_digest(&c);
}

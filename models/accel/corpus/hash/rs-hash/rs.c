/* Robert Sedgewick's string hash ("Algorithms in C"): a multiplier that
 * starts at 63689 and is itself multiplied by 378551 after every character,
 * h = h * a + c; a = a * b. An incremental context for fragmented keys and a
 * 64-bit arithmetic variant over 32-bit words. Label: hash. */
#include <stddef.h>
#include <stdint.h>

struct acc_ctx {
  uint32_t value;
  uint32_t mult;
  uint32_t fed;
};

void acc_reset(struct acc_ctx *c) {
  c->value = 0;
  c->mult = 63689u;
  c->fed = 0;
}

void acc_feed(struct acc_ctx *c, const void *chunk, size_t n) {
  const uint8_t *p = chunk, *end = p + n;
  uint32_t v = c->value, a = c->mult;
  while (p != end) {
    v = v * a + *p++;
    a *= 378551u;
  }
  c->value = v;
  c->mult = a;
  c->fed += (uint32_t)n;
}

uint32_t key_sum(const char *s) {
  uint32_t v = 0, a = 63689u;
  for (; *s; s++) {
    v = v * a + (uint32_t)(uint8_t)*s;
    a = a * 378551u;
  }
  return v;
}

uint64_t words_sum64(const uint32_t *w, unsigned n) {
  uint64_t v = 0, a = 63689u;
  for (unsigned i = 0; i != n; i++) {
    v = v * a + w[i];
    a *= 378551u;
  }
  return v ^ (v >> 32);
}

/* ISAAC (Jenkins 1996), the cryptographic generator used as a stream
 * cipher: each step mixes a with a shifted copy of itself, adds a word from
 * the other half of the state, and looks words up by bits of the previous
 * values (indirection through the state array). Label: crypto. */
#include <stdint.h>

struct isaac {
  uint32_t mm[256], rsl[256];
  uint32_t aa, bb, cc;
};

#define ind(mm, x) ((mm)[((x) >> 2) & 255])

void isaac_round(struct isaac *r) {
  uint32_t a = r->aa, b = r->bb + (++r->cc);
  for (int i = 0; i < 256; i++) {
    uint32_t x = r->mm[i];
    switch (i & 3) {
    case 0:
      a ^= a << 13;
      break;
    case 1:
      a ^= a >> 6;
      break;
    case 2:
      a ^= a << 2;
      break;
    default:
      a ^= a >> 16;
      break;
    }
    a += r->mm[(i + 128) & 255];
    uint32_t y = ind(r->mm, x) + a + b;
    r->mm[i] = y;
    b = ind(r->mm, y >> 8) + x;
    r->rsl[i] = b;
  }
  r->aa = a;
  r->bb = b;
}

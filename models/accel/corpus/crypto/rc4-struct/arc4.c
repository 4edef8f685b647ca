/* ARCFOUR written with a state structure, pointer-based swaps through a
 * helper, and key scheduling and output generation as separate functions;
 * also the "drop-N" discard loop. Label: crypto. */
#include <stddef.h>
#include <stdint.h>

struct arc4 {
  unsigned char S[256];
  unsigned char x, y;
};

static void swap_bytes(unsigned char *a, unsigned char *b) {
  unsigned char t = *a;
  *a = *b;
  *b = t;
}

void arc4_schedule(struct arc4 *st, const unsigned char *k, size_t klen) {
  unsigned n;
  for (n = 0; n < 256; n++)
    st->S[n] = (unsigned char)n;
  unsigned char j = 0;
  for (n = 0; n < 256; n++) {
    j = (unsigned char)(j + st->S[n] + k[n % klen]);
    swap_bytes(&st->S[n], &st->S[j]);
  }
  st->x = st->y = 0;
}

unsigned char arc4_next(struct arc4 *st) {
  st->x = (unsigned char)(st->x + 1);
  st->y = (unsigned char)(st->y + st->S[st->x]);
  swap_bytes(&st->S[st->x], &st->S[st->y]);
  return st->S[(unsigned char)(st->S[st->x] + st->S[st->y])];
}

void arc4_apply(struct arc4 *st, unsigned char *buf, size_t n) {
  unsigned char x = st->x, y = st->y;
  unsigned char *S = st->S;
  for (size_t i = 0; i < n; i++) {
    x++;
    y += S[x];
    unsigned char sx = S[x];
    S[x] = S[y];
    S[y] = sx;
    buf[i] ^= S[(unsigned char)(S[x] + sx)];
  }
  st->x = x;
  st->y = y;
}

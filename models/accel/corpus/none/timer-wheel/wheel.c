/* A hashed timer wheel: timers hang in per-slot lists; advancing the wheel
 * fires expired timers and re-inserts those with remaining rounds.
 * Label: none. */
#include <stddef.h>
#include <stdint.h>

struct timer {
  struct timer *next;
  uint32_t rounds;
  void (*fire)(struct timer *);
};

struct wheel {
  struct timer *slot[256];
  uint32_t now;
};

void wheel_add(struct wheel *w, struct timer *t, uint32_t ticks) {
  uint32_t at = w->now + ticks;
  t->rounds = ticks >> 8;
  t->next = w->slot[at & 255];
  w->slot[at & 255] = t;
}

int wheel_tick(struct wheel *w) {
  int fired = 0;
  w->now++;
  struct timer **pp = &w->slot[w->now & 255];
  while (*pp) {
    struct timer *t = *pp;
    if (t->rounds) {
      t->rounds--;
      pp = &t->next;
    } else {
      *pp = t->next;
      t->fire(t);
      fired++;
    }
  }
  return fired;
}

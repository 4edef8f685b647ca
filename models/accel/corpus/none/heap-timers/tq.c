/* Timer queue as a binary min-heap of deadlines (64-bit nanoseconds),
 * 1-based array, each timer remembering its heap slot so that it can be
 * re-armed or cancelled in O(log n); expiry pops every timer due by `now`
 * in deadline order (ties in arming order). Label: none. */
#include <stddef.h>
#include <stdint.h>

struct tmr {
  uint64_t when;
  uint64_t seq;  /* arming order, breaks ties */
  unsigned slot; /* 0 = not queued */
  int id;
};

struct tq {
  struct tmr **h; /* h[1..n] */
  unsigned n, cap;
  uint64_t armed;
};

#define EARLIER(a, b)                                                          \
  ((a)->when < (b)->when || ((a)->when == (b)->when && (a)->seq < (b)->seq))
#define PUT(q, i, t) ((q)->h[(i)] = (t), (t)->slot = (i))

static void up(struct tq *q, unsigned i) {
  struct tmr *t = q->h[i];
  while (i > 1) {
    unsigned parent = i >> 1;
    if (!EARLIER(t, q->h[parent]))
      break;
    PUT(q, i, q->h[parent]);
    i = parent;
  }
  PUT(q, i, t);
}

static void down(struct tq *q, unsigned i) {
  struct tmr *t = q->h[i];
  for (;;) {
    unsigned c = i << 1;
    if (c > q->n)
      break;
    if (c < q->n && EARLIER(q->h[c + 1], q->h[c]))
      c++;
    if (!EARLIER(q->h[c], t))
      break;
    PUT(q, i, q->h[c]);
    i = c;
  }
  PUT(q, i, t);
}

/* Arms (or re-arms) t for deadline `when`. -1 when the queue is full. */
int tq_arm(struct tq *q, struct tmr *t, uint64_t when) {
  int earlier;
  if (t->slot) {
    earlier = when < t->when;
    t->when = when;
    t->seq = q->armed++;
    if (earlier)
      up(q, t->slot);
    else
      down(q, t->slot);
    return 0;
  }
  if (q->n + 1 >= q->cap)
    return -1;
  t->when = when;
  t->seq = q->armed++;
  q->n++;
  q->h[q->n] = t;
  up(q, q->n);
  return 0;
}

void tq_cancel(struct tq *q, struct tmr *t) {
  unsigned i = t->slot;
  if (!i)
    return;
  struct tmr *last = q->h[q->n--];
  t->slot = 0;
  if (last == t)
    return;
  PUT(q, i, last);
  if (i > 1 && EARLIER(last, q->h[i >> 1]))
    up(q, i);
  else
    down(q, i);
}

/* Removes the timers due at `now`, storing up to max of them in `fired`
 * in deadline order; returns how many. */
size_t tq_expire(struct tq *q, uint64_t now, struct tmr **fired, size_t max) {
  size_t k = 0;
  while (q->n && k < max && q->h[1]->when <= now) {
    struct tmr *t = q->h[1];
    struct tmr *last = q->h[q->n];
    q->n--;
    t->slot = 0;
    fired[k++] = t;
    if (q->n) {
      PUT(q, 1, last);
      down(q, 1);
    }
  }
  return k;
}

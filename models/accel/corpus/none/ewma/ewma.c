/* Rate estimation: exponentially weighted moving averages in fixed point
 * and a sliding-window rate counter. Label: none. */
#include <stdint.h>

struct ewma {
  int64_t avg; /* scaled by 2^16 */
  unsigned shift;
};

void ewma_update(struct ewma *e, int64_t sample) {
  e->avg += ((sample << 16) - e->avg) >> e->shift;
}

struct window_rate {
  uint32_t bins[16];
  uint32_t last_sec;
  uint32_t total;
};

void window_add(struct window_rate *w, uint32_t now_sec, uint32_t bytes) {
  while (w->last_sec < now_sec) {
    w->last_sec++;
    w->total -= w->bins[w->last_sec & 15];
    w->bins[w->last_sec & 15] = 0;
  }
  w->bins[now_sec & 15] += bytes;
  w->total += bytes;
}

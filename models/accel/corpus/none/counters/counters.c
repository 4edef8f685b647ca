/* Statistics and counters. Label: none. */
#include <stdint.h>

struct stats { uint64_t pkts, bytes, drops, hist[16]; uint64_t last_ts;
               double rate; };

void account(struct stats *s, unsigned len, uint64_t now) {
  s->pkts++;
  s->bytes += len;
  unsigned b = 0;
  while ((64u << b) < len && b < 15)
    b++;
  s->hist[b]++;
  if (now > s->last_ts) {
    double dt = (double)(now - s->last_ts) / 1e9;
    s->rate = 0.875 * s->rate + 0.125 * (len / dt);
    s->last_ts = now;
  }
}

/* Token bucket. */
struct tb { uint64_t tokens, cap, rate, last; };

int tb_admit(struct tb *t, uint64_t now, unsigned bytes) {
  uint64_t add = (now - t->last) * t->rate / 1000000;
  t->tokens = t->tokens + add > t->cap ? t->cap : t->tokens + add;
  t->last = now;
  if (t->tokens < bytes)
    return 0;
  t->tokens -= bytes;
  return 1;
}

/* Per-port counters with overflow into a 64-bit total. */
void bump(uint32_t *ctr, uint64_t *total, const uint8_t *ports, int n) {
  for (int i = 0; i < n; i++) {
    uint32_t before = ctr[ports[i]];
    ctr[ports[i]] = before + 1;
    if (ctr[ports[i]] < before)
      total[ports[i]] += 1ull << 32;
  }
}

/* Moving average and max over a window. */
double window_avg(const int *v, int n, int w, int *peak) {
  double sum = 0;
  int mx = v[0];
  for (int i = n - w < 0 ? 0 : n - w; i < n; i++) {
    sum += v[i];
    if (v[i] > mx) mx = v[i];
  }
  *peak = mx;
  return sum / w;
}

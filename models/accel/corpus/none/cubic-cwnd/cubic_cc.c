/* TCP CUBIC congestion window growth (RFC 8312 / RFC 9438), integer only.
 *
 * Window sizes are in segments scaled by 2^10 (CWND_SHIFT), time in
 * milliseconds.  C = 0.4 and beta_cubic = 0.7 are expressed as fractions.
 */
#include <stdint.h>

#define CWND_SHIFT 10
#define CWND_ONE (1u << CWND_SHIFT)
#define BETA_NUM 7u
#define BETA_DEN 10u
/* C = 0.4 = 2/5 segments per second^3 */
#define C_NUM 2
#define C_DEN 5
#define MS_PER_S3 1000000000LL /* (1000 ms)^3 */

struct cubic_ctl {
  uint32_t cwnd;      /* scaled */
  uint32_t ssthresh;  /* scaled */
  uint32_t w_max;     /* scaled, window before last reduction */
  uint32_t k_ms;      /* time to reach w_max again */
  uint32_t epoch_ms;  /* start of the current congestion avoidance epoch */
  uint32_t w_est;     /* scaled Reno-friendly estimate */
  uint32_t ack_accum; /* acked segments not yet credited to w_est */
  uint8_t in_epoch;
};

/* Floor of the cube root of a 64-bit value, three result bits per round
 * (digit-by-digit method in base 8). */
uint32_t cubic_root_u64(uint64_t v)
{
  uint64_t y = 0;
  int s;

  for (s = 63; s >= 0; s -= 3) {
    uint64_t b;
    y <<= 1;
    b = 3 * y * (y + 1) + 1;
    if ((v >> s) >= b) {
      v -= b << s;
      y++;
    }
  }
  return (uint32_t)y;
}

/* Reaction to a congestion event: remember w_max (with fast convergence),
 * shrink cwnd by beta and compute K = cbrt(w_max * (1 - beta) / C). */
void cubic_on_congestion(struct cubic_ctl *cc)
{
  uint32_t w = cc->cwnd;
  uint64_t segs3;

  if (w < cc->w_max)
    cc->w_max = (uint32_t)(((uint64_t)w * (BETA_DEN + BETA_NUM)) / (2 * BETA_DEN));
  else
    cc->w_max = w;

  w = (uint32_t)(((uint64_t)w * BETA_NUM) / BETA_DEN);
  if (w < 2 * CWND_ONE)
    w = 2 * CWND_ONE;
  cc->cwnd = w;
  cc->ssthresh = w;

  /* K^3 [ms^3] = w_max * (1-beta)/C * 1e9 ; w_max unscaled by CWND_SHIFT */
  segs3 = ((uint64_t)cc->w_max * (BETA_DEN - BETA_NUM) * C_DEN * (uint64_t)MS_PER_S3) /
          ((uint64_t)BETA_DEN * C_NUM);
  cc->k_ms = cubic_root_u64(segs3 >> CWND_SHIFT);
  cc->in_epoch = 0;
}

/* W_cubic(t) = C * (t - K)^3 + W_max, scaled result. */
uint32_t cubic_window_at(const struct cubic_ctl *cc, uint32_t t_ms)
{
  int64_t d = (int64_t)t_ms - (int64_t)cc->k_ms;
  int64_t cube, delta;
  int64_t w;

  if (d > 2000000)
    d = 2000000;
  if (d < -2000000)
    d = -2000000;
  cube = d * d * d;                      /* ms^3 */
  /* scale to segments<<10 : C_NUM/C_DEN * cube / 1e9 * 1024 */
  delta = (cube / (C_DEN * (MS_PER_S3 >> CWND_SHIFT))) * C_NUM;
  w = (int64_t)cc->w_max + delta;
  if (w < (int64_t)CWND_ONE)
    w = CWND_ONE;
  if (w > (int64_t)UINT32_MAX)
    w = UINT32_MAX;
  return (uint32_t)w;
}

/* Per-ACK window update in congestion avoidance: returns the new cwnd.
 * acked is in whole segments, rtt_ms the current smoothed RTT. */
uint32_t cubic_on_ack(struct cubic_ctl *cc, uint32_t now_ms, uint32_t acked,
                      uint32_t rtt_ms)
{
  uint32_t target, t;

  if (cc->cwnd < cc->ssthresh) { /* slow start */
    cc->cwnd += acked * CWND_ONE;
    return cc->cwnd;
  }
  if (!cc->in_epoch) {
    cc->in_epoch = 1;
    cc->epoch_ms = now_ms;
    cc->w_est = cc->cwnd;
    cc->ack_accum = 0;
    if (cc->cwnd >= cc->w_max) {
      cc->k_ms = 0;
      cc->w_max = cc->cwnd;
    }
  }

  /* Reno-friendly estimate: alpha = 3(1-beta)/(1+beta) segments per RTT */
  cc->ack_accum += acked;
  {
    uint32_t segs = cc->w_est >> CWND_SHIFT;
    uint64_t inc;
    if (segs == 0)
      segs = 1;
    inc = ((uint64_t)cc->ack_accum * 3 * (BETA_DEN - BETA_NUM) * CWND_ONE) /
          ((uint64_t)(BETA_DEN + BETA_NUM) * segs);
    if (inc > 0) {
      cc->w_est += (uint32_t)inc;
      cc->ack_accum = 0;
    }
  }

  t = now_ms - cc->epoch_ms + rtt_ms;
  target = cubic_window_at(cc, t);
  if (target < cc->w_est) {
    cc->cwnd = cc->w_est;
  } else if (target > cc->cwnd) {
    /* grow by (target - cwnd)/cwnd per segment, bounded to 1.5x per RTT */
    uint64_t grow = ((uint64_t)(target - cc->cwnd) * acked * CWND_ONE) / cc->cwnd;
    uint32_t cap = (cc->cwnd >> 1) * acked;
    if (grow > cap)
      grow = cap;
    cc->cwnd += (uint32_t)grow;
  }
  return cc->cwnd;
}

/*
 * Retransmission-timeout estimation for a user-space TCP stack / proxy,
 * following RFC 6298: SRTT and RTTVAR smoothing (alpha = 1/8,
 * beta = 1/4, K = 4), clock-granularity floor, 1 s minimum and 60 s
 * maximum, Karn's rule (no samples from retransmitted segments) and
 * exponential back-off on expiry, plus the retransmission timer itself.
 *
 * All times are microseconds.  SRTT is kept scaled by 8 and RTTVAR scaled
 * by 4 so that the smoothing is done with shifts and adds.
 */
#include <stdint.h>

#define RTO_INITIAL_US 1000000u  /* (2.1) */
#define RTO_MIN_US 1000000u      /* (2.4) */
#define RTO_MAX_US 60000000u     /* (2.5) upper bound */

typedef struct rto_estimator {
    int64_t srtt_x8;       /* 8 * SRTT */
    int64_t rttvar_x4;     /* 4 * RTTVAR (= K * RTTVAR) */
    uint32_t rto;          /* current RTO, back-off applied */
    uint32_t base_rto;     /* RTO from the last measurement */
    uint32_t min_rto;
    uint32_t max_rto;
    uint32_t granularity;  /* G */
    uint8_t have_sample;
    uint8_t backoff_shift; /* number of doublings since last sample */
    uint32_t samples;
    uint32_t karn_skipped;
    /* timer */
    uint8_t armed;
    uint32_t deadline;     /* in the same wrapping microsecond clock */
} rto_estimator;

void rto_init(rto_estimator *e, uint32_t min_rto, uint32_t max_rto, uint32_t g)
{
    e->srtt_x8 = 0;
    e->rttvar_x4 = 0;
    e->min_rto = min_rto ? min_rto : RTO_MIN_US;
    e->max_rto = max_rto ? max_rto : RTO_MAX_US;
    if (e->max_rto < e->min_rto)
        e->max_rto = e->min_rto;
    e->granularity = g ? g : 1;
    e->rto = e->base_rto = RTO_INITIAL_US;
    e->have_sample = 0;
    e->backoff_shift = 0;
    e->samples = 0;
    e->karn_skipped = 0;
    e->armed = 0;
    e->deadline = 0;
}

static uint32_t rto_clamp(const rto_estimator *e, uint64_t v)
{
    if (v < e->min_rto)
        return e->min_rto;
    if (v > e->max_rto)
        return e->max_rto;
    return (uint32_t)v;
}

/* (2.2)/(2.3) + (2.4): feed one round-trip measurement.  retransmitted
 * marks a sample taken from a segment that was sent more than once
 * (ambiguous, Karn's algorithm drops it). Returns the new RTO. */
uint32_t rto_sample(rto_estimator *e, uint32_t rtt, int retransmitted)
{
    int64_t r = rtt, var;
    uint64_t v;

    if (retransmitted) {
        e->karn_skipped++;
        return e->rto;
    }
    if (!e->have_sample) {
        e->srtt_x8 = r << 3;
        e->rttvar_x4 = r << 1;        /* RTTVAR = R/2, times 4 */
        e->have_sample = 1;
    } else {
        int64_t delta = r - (e->srtt_x8 >> 3);   /* R' - SRTT (old SRTT) */
        int64_t mag = delta < 0 ? -delta : delta;
        e->rttvar_x4 += mag - (e->rttvar_x4 >> 2);
        e->srtt_x8 += delta;
    }
    e->samples++;
    var = e->rttvar_x4;
    if (var < (int64_t)e->granularity)
        var = e->granularity;
    v = (uint64_t)(e->srtt_x8 >> 3) + (uint64_t)var;
    e->base_rto = rto_clamp(e, v);
    e->rto = e->base_rto;
    e->backoff_shift = 0;  /* (5.7) a fresh sample removes the back-off */
    return e->rto;
}

/* (5.5) the timer expired: double the RTO up to the maximum. */
uint32_t rto_backoff(rto_estimator *e)
{
    uint64_t v = (uint64_t)e->rto << 1;
    if (e->backoff_shift < 31)
        e->backoff_shift++;
    e->rto = v > e->max_rto ? e->max_rto : (uint32_t)v;
    return e->rto;
}

/* Wrap-safe comparisons on the 32-bit microsecond clock. */
static int rto_time_after_eq(uint32_t a, uint32_t b)
{
    return (int32_t)(a - b) >= 0;
}

/* (5.1)/(5.3) (re)start the timer at now + RTO. */
void rto_timer_arm(rto_estimator *e, uint32_t now)
{
    e->armed = 1;
    e->deadline = now + e->rto;
}

/* (5.2) all outstanding data acknowledged. */
void rto_timer_stop(rto_estimator *e)
{
    e->armed = 0;
}

/* Polled from the stack's clock: on expiry back off and re-arm (5.5, 5.6).
 * Returns 1 when a retransmission is due. */
int rto_timer_poll(rto_estimator *e, uint32_t now)
{
    if (!e->armed || !rto_time_after_eq(now, e->deadline))
        return 0;
    rto_backoff(e);
    rto_timer_arm(e, now);
    return 1;
}

/* Remaining time until expiry (0 if due or not armed). */
uint32_t rto_timer_remaining(const rto_estimator *e, uint32_t now)
{
    if (!e->armed || rto_time_after_eq(now, e->deadline))
        return 0;
    return e->deadline - now;
}

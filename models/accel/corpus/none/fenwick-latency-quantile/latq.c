/*
 * Sliding-window latency percentiles for a load-balancer health monitor.
 *
 * The last LATQ_WINDOW latency samples are kept in a ring; their bucket
 * counts live in a Fenwick (binary indexed) tree over LATQ_NBUCKETS
 * fixed-width buckets, so adding a sample, retiring the oldest one,
 * counting samples below a bound and finding the k-th smallest bucket are
 * all O(log B).  Module-level state: one monitor per process.
 */
#include <stdint.h>
#include <string.h>

#define LATQ_NBUCKETS 4096          /* power of two: descent below needs it */
#define LATQ_LOG2_NBUCKETS 12
#define LATQ_WINDOW 2048

static uint32_t latq_tree[LATQ_NBUCKETS + 1]; /* 1-based Fenwick array */
static uint16_t latq_ring[LATQ_WINDOW];       /* bucket of each sample */
static uint32_t latq_head, latq_count;
static uint32_t latq_bucket_us = 10;          /* bucket width */
static uint64_t latq_total_seen;

void latq_reset(uint32_t bucket_width_us)
{
    memset(latq_tree, 0, sizeof latq_tree);
    latq_head = latq_count = 0;
    latq_total_seen = 0;
    latq_bucket_us = bucket_width_us ? bucket_width_us : 1;
}

static uint32_t latq_bucket_of(uint32_t us)
{
    uint32_t b = us / latq_bucket_us;
    return b >= LATQ_NBUCKETS ? LATQ_NBUCKETS - 1 : b;
}

/* point update: bucket b (0-based) += delta */
static void latq_tree_add(uint32_t b, int32_t delta)
{
    uint32_t i;
    for (i = b + 1; i <= LATQ_NBUCKETS; i += i & (~i + 1))
        latq_tree[i] += (uint32_t)delta;
}

/* number of samples in buckets [0, b] */
static uint32_t latq_tree_prefix(uint32_t b)
{
    uint32_t i = b + 1, s = 0;
    if (i > LATQ_NBUCKETS)
        i = LATQ_NBUCKETS;
    while (i > 0) {
        s += latq_tree[i];
        i &= i - 1;
    }
    return s;
}

/* smallest bucket b with prefix(b) >= k (k >= 1), by binary lifting */
static uint32_t latq_tree_select(uint32_t k)
{
    uint32_t pos = 0, step;
    for (step = 1u << LATQ_LOG2_NBUCKETS; step != 0; step >>= 1) {
        uint32_t nxt = pos + step;
        if (nxt <= LATQ_NBUCKETS && latq_tree[nxt] < k) {
            pos = nxt;
            k -= latq_tree[nxt];
        }
    }
    return pos; /* 0-based bucket = (1-based pos + 1) - 1 */
}

void latq_add(uint32_t latency_us)
{
    uint32_t b = latq_bucket_of(latency_us);
    if (latq_count == LATQ_WINDOW) {
        /* retire the oldest sample */
        latq_tree_add(latq_ring[latq_head], -1);
        latq_count--;
        latq_head = (latq_head + 1) % LATQ_WINDOW;
    }
    latq_ring[(latq_head + latq_count) % LATQ_WINDOW] = (uint16_t)b;
    latq_count++;
    latq_tree_add(b, 1);
    latq_total_seen++;
}

/* Samples in the window with latency < bound_us (bucket resolution:
 * counts whole buckets strictly below bound's bucket). */
uint32_t latq_count_below(uint32_t bound_us)
{
    uint32_t b = latq_bucket_of(bound_us);
    return b == 0 ? 0 : latq_tree_prefix(b - 1);
}

/* Nearest-rank percentile (per mille, 1..1000): upper edge of the bucket
 * holding the ceil(p * n / 1000)-th smallest sample, or 0 when empty. */
uint32_t latq_percentile(uint32_t permille)
{
    uint32_t k;
    if (latq_count == 0)
        return 0;
    if (permille == 0)
        permille = 1;
    if (permille > 1000)
        permille = 1000;
    k = (uint32_t)(((uint64_t)permille * latq_count + 999) / 1000);
    if (k == 0)
        k = 1;
    return (latq_tree_select(k) + 1) * latq_bucket_us;
}

/* Fraction of the window (per mille) above an SLO, for ejection decisions. */
uint32_t latq_slo_violation_permille(uint32_t slo_us)
{
    uint32_t ok;
    if (latq_count == 0)
        return 0;
    ok = latq_tree_prefix(latq_bucket_of(slo_us));
    return (uint32_t)((uint64_t)(latq_count - ok) * 1000 / latq_count);
}

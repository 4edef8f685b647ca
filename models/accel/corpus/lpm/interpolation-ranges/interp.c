/* Routes flattened into a sorted table of address segments (each segment
 * starts at `lo` and runs to the next one's start, with the hop of the
 * longest prefix covering it), built by a sweep over the prefixes sorted by
 * start with a stack of open prefixes. Lookups use interpolation search:
 * the probe position is estimated from the address's place between the
 * bounds, which suits segments spread evenly over the space. Label: lpm. */
#include <stdint.h>

typedef struct {
  uint32_t net;
  uint8_t plen;
  int16_t gw;
} route4;

typedef struct {
  uint32_t lo;
  int16_t gw;
} seg;

/* The last address of net/plen. */
#define LAST_ADDR(net, plen)                                                   \
  ((plen) >= 32 ? (net) : (net) | (0xFFFFFFFFu >> (plen)))

static int put_seg(seg *out, int n, uint32_t lo, int16_t gw) {
  if (n > 0 && out[n - 1].lo == lo) {
    out[n - 1].gw = gw;
    return n;
  }
  if (n > 0 && out[n - 1].gw == gw)
    return n;
  out[n].lo = lo;
  out[n].gw = gw;
  return n + 1;
}

/* Sorts rt[0..n) by (net, plen) in place and writes the segments (at most
 * 2n + 1) to out. Returns the number of segments. */
int flatten(route4 *rt, int n, seg *out) {
  for (int gap = n / 2; gap > 0; gap /= 2)
    for (int i = gap; i < n; i++) {
      route4 x = rt[i];
      int j = i;
      while (j >= gap &&
             (rt[j - gap].net > x.net ||
              (rt[j - gap].net == x.net && rt[j - gap].plen > x.plen))) {
        rt[j] = rt[j - gap];
        j -= gap;
      }
      rt[j] = x;
    }
  uint32_t open_end[33];
  int16_t open_gw[33];
  int sp = 0, k = put_seg(out, 0, 0, -1);
  for (int i = 0; i <= n; i++) {
    /* close prefixes that end before the next start (all at the end) */
    while (sp > 0 && (i == n || open_end[sp - 1] < rt[i].net)) {
      uint32_t e = open_end[--sp];
      if (e != 0xFFFFFFFFu)
        k = put_seg(out, k, e + 1, sp > 0 ? open_gw[sp - 1] : (int16_t)-1);
    }
    if (i == n)
      break;
    k = put_seg(out, k, rt[i].net, rt[i].gw);
    open_end[sp] = LAST_ADDR(rt[i].net, rt[i].plen);
    open_gw[sp++] = rt[i].gw;
  }
  return k;
}

/* Hop for addr: the last segment with lo <= addr (s[0].lo is 0). */
int16_t seg_lookup(const seg *s, int n, uint32_t addr) {
  int lo = 0, hi = n - 1;
  while (lo < hi) {
    if (s[hi].lo <= addr)
      return s[hi].gw;
    /* s[lo].lo <= addr < s[hi].lo */
    uint64_t span = (uint64_t)(s[hi].lo - s[lo].lo);
    uint64_t off = (uint64_t)(addr - s[lo].lo) * (uint64_t)(hi - lo);
    int m = lo + (int)(off / span);
    if (s[m].lo > addr) {
      hi = m - 1;
    } else if (s[m + 1].lo > addr) {
      return s[m].gw;
    } else {
      lo = m + 1;
    }
  }
  return s[lo].gw;
}

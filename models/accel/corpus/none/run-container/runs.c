/* Run containers of a compressed bitmap (Roaring style): a set of 16-bit
 * values kept as sorted, disjoint, non-adjacent runs [value, value+length].
 * Membership by binary search, union and intersection by merging, and
 * conversion from a 65536-bit bitmap container by scanning words for
 * 0->1 and 1->0 transitions. Label: none. */
#include <stdint.h>

typedef struct {
  uint16_t value;
  uint16_t length; /* run covers value .. value + length */
} rle16;

int rc_has(const rle16 *r, int n, uint16_t x) {
  int lo = 0, hi = n - 1;
  while (lo <= hi) {
    int mid = (lo + hi) >> 1;
    if (x < r[mid].value)
      hi = mid - 1;
    else if ((uint32_t)x > (uint32_t)r[mid].value + r[mid].length)
      lo = mid + 1;
    else
      return 1;
  }
  return 0;
}

/* Appends [s, e] to out, merging with the last run when they touch. */
static int emit(rle16 *out, int k, uint32_t s, uint32_t e) {
  if (k > 0) {
    uint32_t last_end = (uint32_t)out[k - 1].value + out[k - 1].length;
    if (s <= last_end + 1) {
      if (e > last_end)
        out[k - 1].length = (uint16_t)(e - out[k - 1].value);
      return k;
    }
  }
  out[k].value = (uint16_t)s;
  out[k].length = (uint16_t)(e - s);
  return k + 1;
}

/* out needs room for na + nb runs. */
int rc_or(const rle16 *a, int na, const rle16 *b, int nb, rle16 *out) {
  int i = 0, j = 0, k = 0;
  while (i < na || j < nb) {
    const rle16 *take;
    if (j >= nb || (i < na && a[i].value <= b[j].value))
      take = &a[i++];
    else
      take = &b[j++];
    k = emit(out, k, take->value, (uint32_t)take->value + take->length);
  }
  return k;
}

int rc_and(const rle16 *a, int na, const rle16 *b, int nb, rle16 *out) {
  int i = 0, j = 0, k = 0;
  while (i < na && j < nb) {
    uint32_t as = a[i].value, ae = as + a[i].length;
    uint32_t bs = b[j].value, be = bs + b[j].length;
    uint32_t s = as > bs ? as : bs;
    uint32_t e = ae < be ? ae : be;
    if (s <= e) {
      out[k].value = (uint16_t)s;
      out[k].length = (uint16_t)(e - s);
      k++;
    }
    if (ae < be)
      i++;
    else
      j++;
  }
  return k;
}

static int tz64(uint64_t w) {
  int n = 0;
  while (!(w & 1)) {
    w >>= 1;
    n++;
  }
  return n;
}

/* words: 1024 x 64 bits. Returns the number of runs written. */
int rc_from_bits(const uint64_t *words, rle16 *out) {
  int k = 0;
  int w = 0;
  uint64_t cur = words[0];
  for (;;) {
    while (cur == 0) {
      if (++w == 1024)
        return k;
      cur = words[w];
    }
    int start = w * 64 + tz64(cur);
    cur |= cur - 1; /* fill the zeros below the run */
    while (cur == ~0ull) {
      if (++w == 1024) {
        out[k].value = (uint16_t)start;
        out[k].length = (uint16_t)(65535 - start);
        return k + 1;
      }
      cur = words[w];
    }
    int end = w * 64 + tz64(~cur) - 1;
    out[k].value = (uint16_t)start;
    out[k].length = (uint16_t)(end - start);
    k++;
    cur &= cur + 1; /* clear the run just recorded */
  }
}

/* DXR-style lookup: the top 16 address bits index a direct table whose
 * entry is either a next hop or a (base, count) chunk of a sorted range
 * table, searched by binary search on the low 16 bits. Label: lpm. */
#include <stdint.h>

struct range {
  uint16_t start;
  uint16_t hop;
};

struct dxr {
  uint32_t direct[65536]; /* bit 31: chunk; else next hop */
  struct range ranges[1 << 20];
};

int dxr_lookup(const struct dxr *d, uint32_t dst) {
  uint32_t e = d->direct[dst >> 16];
  if (!(e & 0x80000000u))
    return (int)e;
  uint32_t base = (e >> 12) & 0x7FFFF, n = e & 0xFFF;
  uint16_t low = (uint16_t)dst;
  uint32_t lo = 0, hi = n - 1;
  while (lo < hi) {
    uint32_t mid = (lo + hi + 1) >> 1;
    if (d->ranges[base + mid].start <= low)
      lo = mid;
    else
      hi = mid - 1;
  }
  return d->ranges[base + lo].hop;
}

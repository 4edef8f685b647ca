/* A three-level direct table (16-8-8): the top 16 bits index level one;
 * an entry with its top bit set points to a 256-entry level-two block
 * indexed by the next byte, and again to level three. No loop. Label: lpm. */
#include <stdint.h>

struct dir3 {
  uint32_t l1[65536];
  uint32_t l2[256 * 1024];
  uint16_t l3[256 * 4096];
};

int dir3_lookup(const struct dir3 *d, uint32_t a) {
  uint32_t e = d->l1[a >> 16];
  if (!(e & 0x80000000u))
    return (int)(e & 0xFFFF);
  e = d->l2[((e & 0x3FF) << 8) | ((a >> 8) & 0xFF)];
  if (!(e & 0x80000000u))
    return (int)(e & 0xFFFF);
  return d->l3[((e & 0xFFF) << 8) | (a & 0xFF)];
}

void dir3_batch(const struct dir3 *d, const uint32_t *a, int *out, int n) {
  for (int i = 0; i < n; i++) {
    uint32_t e = d->l1[a[i] >> 16];
    if (e & 0x80000000u) {
      e = d->l2[((e & 0x3FF) << 8) | ((a[i] >> 8) & 0xFF)];
      if (e & 0x80000000u)
        e = d->l3[((e & 0xFFF) << 8) | (a[i] & 0xFF)];
    }
    out[i] = (int)(e & 0xFFFF);
  }
}

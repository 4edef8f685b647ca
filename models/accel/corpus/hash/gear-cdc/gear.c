/* Gear rolling hash and FastCDC content-defined chunking (for a
 * deduplicating WAN optimiser): fp = (fp << 1) + G[byte], so bit i of fp
 * depends on the last i + 1 bytes only; a chunk ends where the fingerprint
 * has all bits of a mask clear, with a stricter mask before the normal
 * size and a looser one after it (normalised chunking), between a minimum
 * and a maximum. A second cut routine consumes two bytes per step with a
 * table pre-shifted by one. The table comes from a xorshift generator.
 * Label: hash. */
#include <stddef.h>
#include <stdint.h>

static uint64_t G[256], G_LS[256];

void gear_seed(uint64_t s) {
  if (!s)
    s = 0x9e3779b97f4a7c15ULL;
  for (int i = 0; i < 256; i++) {
    s ^= s << 13;
    s ^= s >> 7;
    s ^= s << 17;
    G[i] = s;
    G_LS[i] = s << 1;
  }
}

/* Masks of `bits` one-bits ending at bit 62 (bit 63 stays clear so the
 * pre-shifted form below loses nothing). */
static uint64_t top_mask(int bits) {
  return ((1ULL << bits) - 1) << (63 - bits);
}

size_t cdc_cut(const uint8_t *src, size_t n, size_t min, size_t normal,
               size_t max, int bits) {
  uint64_t mask_s = top_mask(bits + 2), mask_l = top_mask(bits - 2);
  uint64_t fp = 0;
  if (n <= min)
    return n;
  if (n > max)
    n = max;
  if (normal > n)
    normal = n;
  size_t i = min;
  for (; i < normal; i++) {
    fp = (fp << 1) + G[src[i]];
    if (!(fp & mask_s))
      return i + 1;
  }
  for (; i < n; i++) {
    fp = (fp << 1) + G[src[i]];
    if (!(fp & mask_l))
      return i + 1;
  }
  return n;
}

/* Same cut points, two bytes per iteration: (fp << 2) + G_LS[a] is the
 * one-step fingerprint shifted left once, tested against the mask shifted
 * left once; adding G[b] completes the second step. */
size_t cdc_cut2(const uint8_t *src, size_t n, size_t min, size_t normal,
                size_t max, int bits) {
  uint64_t mask_s = top_mask(bits + 2), mask_l = top_mask(bits - 2);
  uint64_t mask_s_ls = mask_s << 1, mask_l_ls = mask_l << 1;
  uint64_t fp = 0;
  if (n <= min)
    return n;
  if (n > max)
    n = max;
  if (normal > n)
    normal = n;
  size_t i = min;
  while (i + 1 < normal) {
    fp = (fp << 2) + G_LS[src[i]];
    if (!(fp & mask_s_ls))
      return i + 1;
    fp += G[src[i + 1]];
    if (!(fp & mask_s))
      return i + 2;
    i += 2;
  }
  if (i < normal) {
    fp = (fp << 1) + G[src[i]];
    if (!(fp & mask_s))
      return i + 1;
    i++;
  }
  while (i + 1 < n) {
    fp = (fp << 2) + G_LS[src[i]];
    if (!(fp & mask_l_ls))
      return i + 1;
    fp += G[src[i + 1]];
    if (!(fp & mask_l))
      return i + 2;
    i += 2;
  }
  if (i < n) {
    fp = (fp << 1) + G[src[i]];
    if (!(fp & mask_l))
      return i + 1;
  }
  return n;
}

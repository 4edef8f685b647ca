/* Frame-of-reference bit packing of 32-bit integer blocks, as in columnar
 * stores and flow-record exporters: each value is stored as (v - min) in
 * the fewest bits that hold (max - min), packed little-endian into 32-bit
 * words. A block is [min][width][packed words]. Label: none. */
#include <stddef.h>
#include <stdint.h>

static unsigned bits_needed(uint32_t range) {
  unsigned w = 0;
  while (w < 32 && (range >> w) != 0)
    w++;
  return w;
}

/* Returns the number of 32-bit words written to out (header included). */
size_t for_pack(const uint32_t *in, size_t n, uint32_t *out) {
  uint32_t lo = UINT32_MAX, hi = 0;
  const uint32_t *p = in, *end = in + n;
  for (; p != end; ++p) {
    if (*p < lo)
      lo = *p;
    if (*p > hi)
      hi = *p;
  }
  if (n == 0)
    lo = 0;
  unsigned width = bits_needed(hi - lo);
  out[0] = lo;
  out[1] = width;
  uint32_t *w = out + 2;
  uint64_t buf = 0;
  unsigned fill = 0;
  for (size_t i = 0; i < n; i++) {
    buf |= (uint64_t)(in[i] - lo) << fill;
    fill += width;
    if (fill >= 32) {
      *w++ = (uint32_t)buf;
      buf >>= 32;
      fill -= 32;
    }
  }
  if (fill)
    *w++ = (uint32_t)buf;
  return (size_t)(w - out);
}

void for_unpack(const uint32_t *blk, size_t n, uint32_t *out) {
  uint32_t base = blk[0];
  unsigned width = blk[1];
  const uint32_t *src = blk + 2;
  uint32_t mask = width == 32 ? 0xffffffffu : (1u << width) - 1;
  size_t bit = 0;
  size_t i = 0;
  while (i < n) {
    size_t word = bit >> 5;
    unsigned off = (unsigned)(bit & 31);
    uint64_t two = src[word];
    if (off + width > 32)
      two |= (uint64_t)src[word + 1] << 32;
    out[i] = base + (uint32_t)((two >> off) & mask);
    bit += width;
    i++;
  }
}

/* Random access to element i without unpacking the block. */
uint32_t for_get(const uint32_t *blk, size_t i) {
  unsigned width = blk[1];
  if (width == 0)
    return blk[0];
  size_t pos = i * width;
  const uint32_t *src = blk + 2 + (pos / 32);
  unsigned off = pos % 32;
  uint32_t v = src[0] >> off;
  if (off + width > 32)
    v |= src[1] << (32 - off);
  if (width < 32)
    v &= (1u << width) - 1;
  return blk[0] + v;
}

/* Sum of a packed block, decoding 8 values per step when width divides the
 * words evenly (4 or 8 bits), else one at a time. */
uint64_t for_sum(const uint32_t *blk, size_t n) {
  unsigned width = blk[1];
  uint64_t s = (uint64_t)blk[0] * n;
  const uint32_t *src = blk + 2;
  size_t i = 0;
  if (width == 4) {
    for (; i + 8 <= n; i += 8) {
      uint32_t x = *src++;
      s += (x & 15) + ((x >> 4) & 15) + ((x >> 8) & 15) + ((x >> 12) & 15) +
           ((x >> 16) & 15) + ((x >> 20) & 15) + ((x >> 24) & 15) + (x >> 28);
    }
  } else if (width == 8) {
    for (; i + 8 <= n; i += 8, src += 2) {
      uint32_t a = src[0], b = src[1];
      s += (a & 255) + ((a >> 8) & 255) + ((a >> 16) & 255) + (a >> 24);
      s += (b & 255) + ((b >> 8) & 255) + ((b >> 16) & 255) + (b >> 24);
    }
  }
  for (; i < n; i++)
    s += for_get(blk, i) - blk[0];
  return s;
}

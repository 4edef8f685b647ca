/* The .NET Framework's legacy (non-randomised) String.GetHashCode, both
 * builds.  Two Bernstein-style lanes start from 5381 and are joined at the
 * end as lane0 + lane1 * 1566083941.
 *  - 32-bit build: the UTF-16 string is read as 32-bit words (two chars,
 *    little-endian); each step is h = ((h << 5) + h + (h >>arith 27)) ^ w,
 *    the lanes alternate words, and the string is seen through its NUL
 *    terminator, i.e. zero padded.
 *  - 64-bit build: one char per step, h = ((h << 5) + h) ^ c, alternating
 *    lanes. */
#include <stddef.h>
#include <stdint.h>

#define NFX_SEED ((uint32_t)5381)
#define NFX_JOIN 1566083941u

/* Arithmetic shift of a 32-bit two's complement value, done by hand. */
#define NFX_SAR27(x) (((x) >> 27) | ((uint32_t)0 - ((x) >> 31)) << 5)

uint32_t netfx_strhash_x86(const uint16_t *chars, size_t count)
{
  uint32_t lane[2];
  size_t i = 0;
  int sel = 0;

  lane[0] = (NFX_SEED << 16) + NFX_SEED;
  lane[1] = lane[0];

  /* Consume two-char words; the last word may include the terminator. */
  while (i < count) {
    uint32_t lo = chars[i];
    uint32_t hi = (i + 1 < count) ? chars[i + 1] : 0u;
    uint32_t word = lo | (hi << 16);
    uint32_t h = lane[sel];
    lane[sel] = ((h << 5) + h + NFX_SAR27(h)) ^ word;
    sel ^= 1;
    i += 2;
  }
  return lane[0] + lane[1] * NFX_JOIN;
}

uint32_t netfx_strhash_x64(const uint16_t *chars, size_t count)
{
  uint32_t even = NFX_SEED, odd = NFX_SEED;
  const uint16_t *end = chars + count;

  while (chars < end) {
    even = ((even << 5) + even) ^ (uint32_t)*chars++;
    if (chars == end)
      break;
    odd = ((odd << 5) + odd) ^ (uint32_t)*chars++;
  }
  return even + odd * NFX_JOIN;
}

/* LZ77 match finding over a sliding window (longest earlier match) and
 * copying back-references. Label: none. */
#include <stddef.h>
#include <stdint.h>

size_t longest_match(const uint8_t *buf, size_t pos, size_t end, size_t window,
                     size_t *dist) {
  size_t best = 0;
  size_t start = pos > window ? pos - window : 0;
  for (size_t cand = start; cand < pos; cand++) {
    size_t len = 0;
    while (pos + len < end && buf[cand + len] == buf[pos + len] && len < 258)
      len++;
    if (len > best) {
      best = len;
      *dist = pos - cand;
    }
  }
  return best;
}

void copy_backref(uint8_t *out, size_t at, size_t dist, size_t len) {
  for (size_t i = 0; i < len; i++)
    out[at + i] = out[at + i - dist];
}

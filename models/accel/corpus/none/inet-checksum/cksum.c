/* Internet (ones' complement) checksums. Label: none. */
#include <stddef.h>
#include <stdint.h>

uint16_t in_cksum(const void *data, size_t len) {
  const uint16_t *w = data;
  uint32_t sum = 0;
  while (len > 1) {
    sum += *w++;
    len -= 2;
  }
  if (len)
    sum += *(const uint8_t *)w;
  while (sum >> 16)
    sum = (sum & 0xFFFF) + (sum >> 16);
  return (uint16_t)~sum;
}

/* Incremental update (RFC 1624) when one 16-bit field changes. */
uint16_t cksum_adjust(uint16_t old_sum, uint16_t old_val, uint16_t new_val) {
  uint32_t s = (uint16_t)~old_sum;
  s += (uint16_t)~old_val;
  s += new_val;
  s = (s & 0xffff) + (s >> 16);
  s = (s & 0xffff) + (s >> 16);
  return (uint16_t)~s;
}

/* Byte-wise big-endian accumulation with a pseudo-header. */
uint16_t l4_sum(const uint8_t *p, int n, uint32_t src, uint32_t dst,
                uint8_t proto) {
  uint64_t acc = (src >> 16) + (src & 0xffff) + (dst >> 16) + (dst & 0xffff) +
                 proto + (uint32_t)n;
  for (int i = 0; i + 1 < n; i += 2)
    acc += (uint32_t)(p[i] << 8 | p[i + 1]);
  if (n & 1)
    acc += (uint32_t)p[n - 1] << 8;
  while (acc > 0xffff)
    acc = (acc >> 16) + (acc & 0xffff);
  return (uint16_t)(acc ^ 0xffff);
}

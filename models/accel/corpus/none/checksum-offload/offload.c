/* Pseudo-header sums for TCP/UDP checksum offload descriptors, and the
 * one's complement fold of a 64-bit accumulator. Label: none. */
#include <stdint.h>

uint16_t fold64(uint64_t sum) {
  sum = (sum & 0xFFFFFFFF) + (sum >> 32);
  sum = (sum & 0xFFFFFFFF) + (sum >> 32);
  sum = (sum & 0xFFFF) + (sum >> 16);
  sum = (sum & 0xFFFF) + (sum >> 16);
  return (uint16_t)sum;
}

uint16_t pseudo_sum(uint32_t src, uint32_t dst, uint8_t proto, uint16_t len) {
  uint64_t s = 0;
  s += src >> 16;
  s += src & 0xFFFF;
  s += dst >> 16;
  s += dst & 0xFFFF;
  s += proto;
  s += len;
  return fold64(s);
}

uint32_t sum_words64(const uint64_t *w, int n) {
  uint64_t acc = 0, carry = 0;
  for (int i = 0; i < n; i++) {
    acc += w[i];
    carry += acc < w[i];
  }
  return fold64((acc & 0xFFFFFFFF) + (acc >> 32) + carry);
}

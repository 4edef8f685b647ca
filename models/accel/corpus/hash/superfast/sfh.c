/* Paul Hsieh's SuperFastHash idea: 16-bit reads, add, shift-xor mixing of
 * a temporary, then an avalanche of shifts and adds. Label: hash. */
#include <stdint.h>

#define get16(d)                                                               \
  ((uint32_t)((const uint8_t *)(d))[1] << 8 | ((const uint8_t *)(d))[0])

uint32_t sfh(const char *data, int len) {
  uint32_t hash = (uint32_t)len, tmp;
  int rem = len & 3;
  len >>= 2;
  for (; len > 0; len--) {
    hash += get16(data);
    tmp = (get16(data + 2) << 11) ^ hash;
    hash = (hash << 16) ^ tmp;
    data += 4;
    hash += hash >> 11;
  }
  if (rem == 3) {
    hash += get16(data);
    hash ^= hash << 16;
    hash ^= (uint32_t)((signed char)data[2]) << 18;
    hash += hash >> 11;
  } else if (rem == 2) {
    hash += get16(data);
    hash ^= hash << 11;
    hash += hash >> 17;
  } else if (rem == 1) {
    hash += (signed char)*data;
    hash ^= hash << 10;
    hash += hash >> 1;
  }
  hash ^= hash << 3;
  hash += hash >> 5;
  hash ^= hash << 4;
  hash += hash >> 17;
  hash ^= hash << 25;
  hash += hash >> 6;
  return hash;
}

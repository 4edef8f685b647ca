/* QUIC variable-length integers and packet-number decoding (RFC 9000
 * appendix A, written from the description). Label: none. */
#include <stdint.h>

int quic_varint(const uint8_t *p, int len, uint64_t *out) {
  if (len < 1)
    return -1;
  int n = 1 << (p[0] >> 6);
  if (len < n)
    return -1;
  uint64_t v = p[0] & 0x3F;
  for (int i = 1; i < n; i++)
    v = (v << 8) | p[i];
  *out = v;
  return n;
}

uint64_t decode_pn(uint64_t largest, uint64_t truncated, int nbits) {
  uint64_t expected = largest + 1;
  uint64_t win = 1ull << nbits, hwin = win / 2, mask = win - 1;
  uint64_t cand = (expected & ~mask) | truncated;
  if (cand + hwin <= expected && cand < (1ull << 62) - win)
    return cand + win;
  if (cand > expected + hwin && cand >= win)
    return cand - win;
  return cand;
}

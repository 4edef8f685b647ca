/* NH, the universal hash at the bottom of UMAC (RFC 4418) and VMAC: the
 * message (zero-padded to 32-byte blocks) and an equally long key are
 * taken as 32-bit words; within each block of eight words, words j and
 * j + 4 are added to their key words mod 2^32 and the two sums multiplied
 * into a 64-bit accumulator. The first-layer hash adds the message bit
 * length, and several outputs use keys shifted by four words (the
 * Toeplitz extension). Label: hash. */
#include <stddef.h>
#include <stdint.h>

/* nwords is a multiple of 8. */
uint64_t nh_words(const uint32_t *k, const uint32_t *m, size_t nwords) {
  uint64_t y = 0;
  for (size_t i = 0; i < nwords; i += 8) {
    y += (uint64_t)(uint32_t)(m[i + 0] + k[i + 0]) *
         (uint32_t)(m[i + 4] + k[i + 4]);
    y += (uint64_t)(uint32_t)(m[i + 1] + k[i + 1]) *
         (uint32_t)(m[i + 5] + k[i + 5]);
    y += (uint64_t)(uint32_t)(m[i + 2] + k[i + 2]) *
         (uint32_t)(m[i + 6] + k[i + 6]);
    y += (uint64_t)(uint32_t)(m[i + 3] + k[i + 3]) *
         (uint32_t)(m[i + 7] + k[i + 7]);
  }
  return y;
}

/* One chunk of at most 1024 bytes given as little-endian bytes; the tail
 * is zero-padded to a 32-byte boundary inside the loop. Returns
 * NH + 8 * len. */
uint64_t nh_chunk(const uint32_t *k, const uint8_t *msg, size_t len) {
  uint64_t y = 0;
  size_t blocks = (len + 31) / 32;
  if (blocks == 0)
    blocks = 1;
  for (size_t b = 0; b < blocks; b++) {
    uint32_t w[8];
    for (int j = 0; j < 8; j++) {
      uint32_t v = 0;
      for (int byte = 3; byte >= 0; byte--) {
        size_t at = b * 32 + (size_t)j * 4 + (size_t)byte;
        v = (v << 8) | (at < len ? msg[at] : 0);
      }
      w[j] = v;
    }
    const uint32_t *kb = k + b * 8;
    for (int j = 0; j < 4; j++)
      y += (uint64_t)(w[j] + kb[j]) * (uint64_t)(w[j + 4] + kb[j + 4]);
  }
  return y + 8 * (uint64_t)len;
}

/* The first layer for `streams` outputs: chunks of 1024 bytes, stream s
 * using the key shifted by 4 * s words. out[c * streams + s]. The key
 * must hold 256 + 4 * (streams - 1) words. */
size_t l1_hash(const uint32_t *key, const uint8_t *msg, size_t len, int streams,
               uint64_t *out) {
  size_t n = 0, off = 0;
  do {
    size_t clen = len - off > 1024 ? 1024 : len - off;
    for (int s = 0; s < streams; s++)
      out[n * (size_t)streams + (size_t)s] =
          nh_chunk(key + 4 * s, msg + off, clen);
    off += clen;
    n++;
  } while (off < len);
  return n;
}

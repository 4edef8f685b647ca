/* Toeplitz (RSS) hashing with precomputed per-byte tables: for each input
 * byte position the 256 possible contributions (xor of the key windows of
 * its set bits) are tabulated once; hashing is one lookup per byte.
 * Label: hash. */
#include <stdint.h>

struct rss_tables {
  uint32_t t[12][256];
};

void rss_precompute(struct rss_tables *r, const uint8_t key[40]) {
  for (int pos = 0; pos < 12; pos++)
    for (int v = 0; v < 256; v++) {
      uint32_t acc = 0;
      for (int bit = 0; bit < 8; bit++) {
        if (!(v & (0x80 >> bit)))
          continue;
        int off = pos * 8 + bit; /* window starts at key bit `off` */
        uint32_t w = ((uint32_t)key[off / 8] << 24) |
                     ((uint32_t)key[off / 8 + 1] << 16) |
                     ((uint32_t)key[off / 8 + 2] << 8) | key[off / 8 + 3];
        w = (w << (off % 8)) | (key[off / 8 + 4] >> (8 - off % 8));
        acc ^= w;
      }
      r->t[pos][v] = acc;
    }
}

uint32_t rss_lookup_hash(const struct rss_tables *r, const uint8_t in[12]) {
  uint32_t h = 0;
  for (int pos = 0; pos < 12; pos++)
    h ^= r->t[pos][in[pos]];
  return h;
}

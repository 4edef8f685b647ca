/* GHASH (GCM's authenticator): multiplication in GF(2^128) bit by bit,
 * shifting V right and reducing with R = 0xE1 || 0^120 when a one falls
 * off. Label: crypto. */
#include <stdint.h>

typedef struct {
  uint64_t hi, lo;
} u128;

u128 gf_mult(u128 X, u128 Y) {
  u128 Z = {0, 0}, V = Y;
  for (int i = 0; i < 128; i++) {
    uint64_t bit = i < 64 ? (X.hi >> (63 - i)) & 1 : (X.lo >> (127 - i)) & 1;
    if (bit) {
      Z.hi ^= V.hi;
      Z.lo ^= V.lo;
    }
    uint64_t lsb = V.lo & 1;
    V.lo = (V.lo >> 1) | (V.hi << 63);
    V.hi >>= 1;
    if (lsb)
      V.hi ^= 0xE100000000000000ull;
  }
  return Z;
}

u128 ghash_blocks(u128 H, const u128 *blocks, int n) {
  u128 Y = {0, 0};
  for (int i = 0; i < n; i++) {
    Y.hi ^= blocks[i].hi;
    Y.lo ^= blocks[i].lo;
    Y = gf_mult(Y, H);
  }
  return Y;
}

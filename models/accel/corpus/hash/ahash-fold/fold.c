/* An aHash-style hasher (the portable "fallback" of the Rust aHash crate as
 * its documentation describes it): a folded multiply (the xor of the high
 * and low halves of a 64x64->128-bit product) per 8-byte word with the PCG
 * multiplier 6364136223846793005, byte strings in zero-padded 16-byte
 * blocks (simpler than aHash's overlapping reads) folded against two extra
 * keys and rotated by 23, and a finish that folds the state with a pad and
 * rotates by the state's low six bits. The 128-bit product is also built
 * from 32-bit limbs for targets without a wide multiply. Label: hash. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#define FOLD_MULT 6364136223846793005ull
#define BLOCK_ROT 23

typedef struct {
  uint64_t buffer;
  uint64_t pad;
  uint64_t extra[2];
} fold_state;

uint64_t fold_mul(uint64_t s, uint64_t by) {
  unsigned __int128 r = (unsigned __int128)s * by;
  return (uint64_t)r ^ (uint64_t)(r >> 64);
}

uint64_t fold_mul_limbs(uint64_t s, uint64_t by) {
  uint64_t a0 = s & 0xffffffffu, a1 = s >> 32;
  uint64_t b0 = by & 0xffffffffu, b1 = by >> 32;
  uint64_t p00 = a0 * b0, p01 = a0 * b1, p10 = a1 * b0, p11 = a1 * b1;
  uint64_t mid = (p00 >> 32) + (p01 & 0xffffffffu) + (p10 & 0xffffffffu);
  uint64_t lo = (mid << 32) | (p00 & 0xffffffffu);
  uint64_t hi = p11 + (p01 >> 32) + (p10 >> 32) + (mid >> 32);
  return lo ^ hi;
}

static inline uint64_t rotl64(uint64_t x, unsigned r) {
  r &= 63;
  return r ? (x << r) | (x >> (64 - r)) : x;
}

void fold_write_u64(fold_state *st, uint64_t word) {
  st->buffer = fold_mul(word ^ st->buffer, FOLD_MULT);
}

void fold_write(fold_state *st, const uint8_t *data, size_t len) {
  st->buffer = (st->buffer + (uint64_t)len) * FOLD_MULT;
  while (len > 16) {
    uint64_t lo, hi;
    memcpy(&lo, data, 8);
    memcpy(&hi, data + 8, 8);
    uint64_t comb = fold_mul(lo ^ st->extra[0], hi ^ st->extra[1]);
    st->buffer = rotl64((st->buffer + st->pad) ^ comb, BLOCK_ROT);
    data += 16;
    len -= 16;
  }
  uint64_t tail[2] = {0, 0};
  memcpy(tail, data, len);
  uint64_t comb = fold_mul(tail[0] ^ st->extra[0], tail[1] ^ st->extra[1]);
  st->buffer = rotl64((st->buffer + st->pad) ^ comb, BLOCK_ROT);
}

uint64_t fold_finish(const fold_state *st) {
  unsigned rot = (unsigned)(st->buffer & 63);
  return rotl64(fold_mul(st->buffer, st->pad), rot);
}

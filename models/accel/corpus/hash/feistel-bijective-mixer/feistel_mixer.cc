// Keyed bijective 64-bit key scrambler built as a balanced Feistel network.
//
// A 64-bit key (e.g. a packed flow identifier or an object id) is split into
// two 32-bit halves; six rounds of L' = R, R' = L ^ F(R, k_i) give a
// permutation of the 64-bit space whose output bits all depend on all input
// bits, so any slice of the result can index a table.  The round function is
// a multiply/xorshift avalanche of (R + k_i); round keys come from a
// rotation-based expansion of the 64-bit seed.  Because the network is
// invertible, permute() never produces collisions on distinct keys.

#include <stddef.h>
#include <stdint.h>

namespace scramble {

class FeistelMixer64 {
public:
  static const int kRounds = 6;

  explicit FeistelMixer64(uint64_t seed) { schedule(seed); }

  void schedule(uint64_t seed);
  uint64_t permute(uint64_t key) const;
  uint64_t unpermute(uint64_t code) const;
  uint32_t bucket(uint64_t key, unsigned log2_buckets) const;
  uint64_t digest(const uint64_t *words, size_t n) const;

private:
  static uint32_t round_fn(uint32_t half, uint32_t rk);
  uint32_t rk_[kRounds];
};

// Round keys: mix the two seed halves with position-dependent rotations and
// add multiples of the 32-bit golden-ratio constant so that a zero seed still
// yields distinct, non-zero keys.
void FeistelMixer64::schedule(uint64_t seed) {
  uint32_t lo = (uint32_t)seed;
  uint32_t hi = (uint32_t)(seed >> 32);
  for (int i = 0; i < kRounds; i++) {
    unsigned r1 = (5u * (unsigned)i + 1u) & 31u;
    unsigned r2 = (3u * (unsigned)i + 7u) & 31u;
    uint32_t a = (lo << r1) | (lo >> ((32u - r1) & 31u));
    uint32_t b = (hi << r2) | (hi >> ((32u - r2) & 31u));
    rk_[i] = a ^ b ^ (0x9e3779b9u * (uint32_t)(i + 1));
  }
}

uint32_t FeistelMixer64::round_fn(uint32_t half, uint32_t rk) {
  uint32_t t = half + rk;
  t ^= t >> 15;
  t *= 0xa3b195a5u;
  t ^= t >> 13;
  t *= 0xd1342543u;
  t ^= t >> 16;
  return t;
}

uint64_t FeistelMixer64::permute(uint64_t key) const {
  uint32_t l = (uint32_t)(key >> 32);
  uint32_t r = (uint32_t)key;
  uint32_t t;
  // six rounds, written out
  t = l ^ round_fn(r, rk_[0]); l = r; r = t;
  t = l ^ round_fn(r, rk_[1]); l = r; r = t;
  t = l ^ round_fn(r, rk_[2]); l = r; r = t;
  t = l ^ round_fn(r, rk_[3]); l = r; r = t;
  t = l ^ round_fn(r, rk_[4]); l = r; r = t;
  t = l ^ round_fn(r, rk_[5]); l = r; r = t;
  return ((uint64_t)l << 32) | r;
}

uint64_t FeistelMixer64::unpermute(uint64_t code) const {
  uint32_t l = (uint32_t)(code >> 32);
  uint32_t r = (uint32_t)code;
  for (int i = kRounds - 1; i >= 0; i--) {
    uint32_t prev_r = l;
    uint32_t prev_l = r ^ round_fn(prev_r, rk_[i]);
    l = prev_l;
    r = prev_r;
  }
  return ((uint64_t)l << 32) | r;
}

// Bucket index from the top bits of the permuted key (1..32 bits).
uint32_t FeistelMixer64::bucket(uint64_t key, unsigned log2_buckets) const {
  if (log2_buckets == 0)
    return 0;
  if (log2_buckets > 32)
    log2_buckets = 32;
  return (uint32_t)(permute(key) >> (64u - log2_buckets));
}

// Multi-word keys: chain the permutation in a Davies-Meyer-like way,
// state = P(state ^ w) ^ w, then a final length-tagged permutation.
uint64_t FeistelMixer64::digest(const uint64_t *words, size_t n) const {
  uint64_t s = 0x6a09e667f3bcc909ull;
  for (size_t i = 0; i < n; i++)
    s = permute(s ^ words[i]) ^ words[i];
  return permute(s ^ (uint64_t)n);
}

} // namespace scramble

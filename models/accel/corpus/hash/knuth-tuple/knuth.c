/* Knuth's multiplicative hashing over a flow 5-tuple: fold the fields with
 * xor and rotations into one word, multiply by the golden-ratio constant
 * and keep the top bits. Label: hash. */
#include <stdint.h>

struct five {
  uint32_t src, dst;
  uint16_t sport, dport;
  uint8_t proto;
};

unsigned flow_slot(const struct five *f, unsigned bits) {
  uint32_t k = f->src;
  k ^= (f->dst << 7) | (f->dst >> 25);
  k ^= ((uint32_t)f->sport << 16) | f->dport;
  k ^= (uint32_t)f->proto << 24;
  return (k * 2654435769u) >> (32 - bits);
}

uint64_t flow_slot64(const struct five *f) {
  uint64_t k = ((uint64_t)f->src << 32) | f->dst;
  k ^= ((uint64_t)f->sport << 48) | ((uint64_t)f->dport << 32) | f->proto;
  k *= 0x9E3779B97F4A7C15ull;
  return k ^ (k >> 29);
}

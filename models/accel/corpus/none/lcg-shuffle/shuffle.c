/* Pseudo-random numbers for sampling and load balancing: a PCG32 step, a
 * Fisher-Yates shuffle with an LCG, reservoir sampling and a random
 * early-drop decision. Label: none. */
#include <stdint.h>

struct pcg {
  uint64_t state, inc;
};

uint32_t pcg32(struct pcg *g) {
  uint64_t old = g->state;
  g->state = old * 6364136223846793005ULL + g->inc;
  uint32_t xs = (uint32_t)(((old >> 18) ^ old) >> 27);
  uint32_t rot = (uint32_t)(old >> 59);
  return (xs >> rot) | (xs << ((-rot) & 31));
}

void shuffle_ports(uint16_t *ports, int n, uint32_t seed) {
  uint32_t s = seed;
  for (int i = n - 1; i > 0; i--) {
    s = s * 1103515245u + 12345u;
    int j = (int)((s >> 16) % (uint32_t)(i + 1));
    uint16_t t = ports[i];
    ports[i] = ports[j];
    ports[j] = t;
  }
}

int reservoir(const int *stream, int n, int *out, int k, uint32_t *seed) {
  int i = 0;
  for (; i < k && i < n; i++)
    out[i] = stream[i];
  for (; i < n; i++) {
    *seed = *seed * 69069u + 1u;
    uint32_t j = *seed % (uint32_t)(i + 1);
    if (j < (uint32_t)k)
      out[j] = stream[i];
  }
  return i < k ? i : k;
}

int red_drop(uint32_t *rng, uint32_t avg_q, uint32_t min_th, uint32_t max_th) {
  if (avg_q < min_th)
    return 0;
  if (avg_q >= max_th)
    return 1;
  uint32_t p = ((avg_q - min_th) << 16) / (max_th - min_th);
  *rng ^= *rng << 13;
  *rng ^= *rng >> 17;
  *rng ^= *rng << 5;
  return (*rng & 0xffff) < p;
}

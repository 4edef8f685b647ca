/* Rendezvous (highest random weight) hashing with the weight function of
 * Thaler and Ravishankar: W(S, k) = (1103515245 * ((1103515245 * S +
 * 12345) ^ D(k)) + 12345) mod 2^31, where S identifies a server and D(k)
 * is a 31-bit digest of the key. A key goes to the server of largest
 * weight (ties to the lower index); removing a server moves only its own
 * keys. Here the servers are a cache cluster and the key a request's
 * flow. Label: hash. */
#include <stdint.h>

#define HRW_A 1103515245u
#define HRW_C 12345u

static inline uint32_t hrw_weight(uint32_t server, uint32_t digest) {
  uint32_t inner = (HRW_A * server + HRW_C) ^ digest;
  return (HRW_A * inner + HRW_C) & 0x7fffffffu;
}

/* 31-bit digest of a flow: fold the words with rotations. */
uint32_t flow_digest(uint32_t saddr, uint32_t daddr, uint16_t sport,
                     uint16_t dport) {
  uint32_t d = saddr;
  d = ((d << 7) | (d >> 25)) ^ daddr;
  d = ((d << 7) | (d >> 25)) ^ ((uint32_t)sport << 16 | dport);
  d ^= d >> 15;
  return d & 0x7fffffffu;
}

int hrw_pick(const uint32_t *server_ids, int n, uint32_t digest) {
  int best = -1;
  uint32_t best_w = 0;
  for (int i = 0; i < n; i++) {
    uint32_t inner = (HRW_A * server_ids[i] + HRW_C) ^ digest;
    uint32_t w = (HRW_A * inner + HRW_C) & 0x7fffffffu;
    if (best < 0 || w > best_w) {
      best = i;
      best_w = w;
    }
  }
  return best;
}

/* The r highest-weight live servers in decreasing weight (replica set);
 * returns how many were found. */
int hrw_top(const uint32_t *server_ids, const uint8_t *alive, int n,
            uint32_t digest, int *out, int r) {
  int got = 0;
  while (got < r) {
    int best = -1;
    uint32_t best_w = 0;
    for (int i = 0; i < n; i++) {
      if (!alive[i])
        continue;
      int taken = 0;
      for (int j = 0; j < got; j++)
        taken |= out[j] == i;
      if (taken)
        continue;
      uint32_t w = hrw_weight(server_ids[i], digest);
      if (best < 0 || w > best_w) {
        best = i;
        best_w = w;
      }
    }
    if (best < 0)
      break;
    out[got++] = best;
  }
  return got;
}

/* VMPC stream cipher (Zoltak 2004): the keystream is a composition of the
 * permutation with itself, P[P[P[s]] + 1]; key scheduling mixes the key
 * and IV through s = P[s + P[n] + key[n mod len]] with swaps. Written from
 * the published description. Label: crypto. */
#include <stdint.h>

struct vmpc {
  uint8_t P[256];
  uint8_t s, n;
};

void vmpc_ksa(struct vmpc *v, const uint8_t *key, int klen) {
  for (int i = 0; i < 256; i++)
    v->P[i] = (uint8_t)i;
  uint8_t s = 0;
  for (int m = 0; m < 768; m++) {
    uint8_t n = (uint8_t)m;
    s = v->P[(uint8_t)(s + v->P[n] + key[m % klen])];
    uint8_t t = v->P[n];
    v->P[n] = v->P[s];
    v->P[s] = t;
  }
  v->s = s;
  v->n = 0;
}

void vmpc_xor(struct vmpc *v, uint8_t *buf, int len) {
  uint8_t s = v->s, n = v->n;
  uint8_t *P = v->P;
  for (int i = 0; i < len; i++) {
    s = P[(uint8_t)(s + P[n])];
    buf[i] ^= P[(uint8_t)(P[P[s]] + 1)];
    uint8_t t = P[n];
    P[n] = P[s];
    P[s] = t;
    n++;
  }
  v->s = s;
  v->n = n;
}

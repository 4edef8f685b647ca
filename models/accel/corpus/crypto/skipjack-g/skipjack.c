/* Skipjack's G permutation: a four-round Feistel on 16 bits whose F is a
 * byte S-box indexed by the half xor a key byte; and the rule-A step of the
 * cipher. Label: crypto. */
#include <stdint.h>

static uint16_t g_perm(const uint8_t F[256], const uint8_t *cv, int k,
                       uint16_t w) {
  uint8_t g1 = (uint8_t)(w >> 8), g2 = (uint8_t)w;
  uint8_t g3 = F[g2 ^ cv[(4 * k) % 10]] ^ g1;
  uint8_t g4 = F[g3 ^ cv[(4 * k + 1) % 10]] ^ g2;
  uint8_t g5 = F[g4 ^ cv[(4 * k + 2) % 10]] ^ g3;
  uint8_t g6 = F[g5 ^ cv[(4 * k + 3) % 10]] ^ g4;
  return (uint16_t)((g5 << 8) | g6);
}

void skipjack_rule_a(const uint8_t F[256], const uint8_t key[10], uint16_t w[4],
                     int rounds) {
  for (int k = 0; k < rounds; k++) {
    uint16_t g = g_perm(F, key, k, w[0]);
    uint16_t w4 = w[3];
    w[3] = w[2];
    w[2] = w[1];
    w[1] = g;
    w[0] = g ^ w4 ^ (uint16_t)(k + 1);
  }
}

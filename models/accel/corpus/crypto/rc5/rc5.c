/* RC5-32/12: data-dependent rotations (rotate by the other half's low five
 * bits), xor and add of expanded key words; key expansion with the magic
 * constants P32/Q32 mixing the key and table three times. Label: crypto. */
#include <stdint.h>

#define ROTL(x, y) (((x) << ((y) & 31)) | ((x) >> (32 - ((y) & 31))))

void rc5_encrypt(const uint32_t S[26], uint32_t pt[2]) {
  uint32_t A = pt[0] + S[0], B = pt[1] + S[1];
  for (int i = 1; i <= 12; i++) {
    A = ROTL(A ^ B, B) + S[2 * i];
    B = ROTL(B ^ A, A) + S[2 * i + 1];
  }
  pt[0] = A;
  pt[1] = B;
}

void rc5_setup(uint32_t S[26], const uint32_t L0[4]) {
  uint32_t L[4] = {L0[0], L0[1], L0[2], L0[3]};
  S[0] = 0xB7E15163u;
  for (int i = 1; i < 26; i++)
    S[i] = S[i - 1] + 0x9E3779B9u;
  uint32_t A = 0, B = 0;
  for (int k = 0, i = 0, j = 0; k < 3 * 26; k++) {
    A = S[i] = ROTL(S[i] + A + B, 3);
    B = L[j] = ROTL(L[j] + A + B, A + B);
    i = (i + 1) % 26;
    j = (j + 1) % 4;
  }
}

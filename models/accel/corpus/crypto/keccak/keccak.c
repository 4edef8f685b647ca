/* Keccak-f[1600] permutation (SHA-3): theta column parities, rho rotations
 * and pi lane moves from small offset tables, chi (x ^ (~y & z)), iota round
 * constant. Offsets and constants are parameters. Label: crypto. */
#include <stdint.h>

#define ROL64(a, n) (((a) << (n)) | ((a) >> ((64 - (n)) & 63)))

void keccak_f(uint64_t A[25], const uint64_t rc[24], const unsigned rot[25],
              const unsigned pi[25]) {
  for (int round = 0; round < 24; round++) {
    uint64_t C[5], D[5], B[25];
    for (int x = 0; x < 5; x++)
      C[x] = A[x] ^ A[x + 5] ^ A[x + 10] ^ A[x + 15] ^ A[x + 20];
    for (int x = 0; x < 5; x++)
      D[x] = C[(x + 4) % 5] ^ ROL64(C[(x + 1) % 5], 1);
    for (int i = 0; i < 25; i++)
      A[i] ^= D[i % 5];
    for (int i = 0; i < 25; i++)
      B[pi[i]] = ROL64(A[i], rot[i]);
    for (int y = 0; y < 25; y += 5)
      for (int x = 0; x < 5; x++)
        A[y + x] = B[y + x] ^ (~B[y + (x + 1) % 5] & B[y + (x + 2) % 5]);
    A[0] ^= rc[round];
  }
}

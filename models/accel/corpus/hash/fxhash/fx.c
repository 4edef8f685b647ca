/* FxHash (the Firefox/rustc hasher): per word, rotate the state left by 5,
 * xor the word, multiply by a large odd constant. Label: hash. */
#include <stddef.h>
#include <stdint.h>

#define FX_K 0x517cc1b727220a95ull

uint64_t fx_words(const uint64_t *w, size_t n) {
  uint64_t h = 0;
  for (size_t i = 0; i < n; i++)
    h = (((h << 5) | (h >> 59)) ^ w[i]) * FX_K;
  return h;
}

uint32_t fx_bytes32(const uint8_t *b, size_t n) {
  uint32_t h = 0;
  for (size_t i = 0; i < n; i++) {
    h = (h << 5) | (h >> 27);
    h ^= b[i];
    h *= 0x27220a95u;
  }
  return h;
}

/* Arash Partow's alternating string hash ("AP" hash): from 0xAAAAAAAA, even
 * positions do h ^= (h << 7) ^ c * (h >> 3), odd positions do
 * h ^= ~((h << 11) + (c ^ (h >> 5))). Written once with the parity test
 * inside the loop and once processing the characters in pairs, plus a
 * 32-bit word form over big-endian bytes of a key array. Label: hash. */
#include <stdint.h>

typedef uint32_t u32;
typedef uint8_t u8;

u32 mix_alt(const u8 *s, u32 n) {
  u32 h = 0xAAAAAAAAu;
  for (u32 i = 0; i < n; i++) {
    if ((i & 1) == 0)
      h ^= (h << 7) ^ s[i] * (h >> 3);
    else
      h ^= ~((h << 11) + (s[i] ^ (h >> 5)));
  }
  return h;
}

u32 pairwise_key(const u8 *s, u32 n) {
  u32 h = 0xAAAAAAAAu;
  const u8 *p = s;
  u32 pairs = n / 2;
  while (pairs-- > 0) {
    u32 even = p[0], odd = p[1];
    h ^= (h << 7) ^ even * (h >> 3);
    h ^= ~((h << 11) + (odd ^ (h >> 5)));
    p += 2;
  }
  if (n & 1)
    h ^= (h << 7) ^ (u32)p[0] * (h >> 3);
  return h;
}

/* Keys given as 32-bit words; the bytes are taken most significant first,
 * so the result equals mix_alt over the big-endian byte image. */
u32 mix_alt_words(const u32 *w, u32 nwords) {
  u32 h = 0xAAAAAAAAu;
  u32 pos = 0;
  for (u32 k = 0; k < nwords; k++) {
    for (int sh = 24; sh >= 0; sh -= 8) {
      u32 c = (w[k] >> sh) & 0xFFu;
      h ^= (pos & 1) ? ~((h << 11) + (c ^ (h >> 5))) : (h << 7) ^ c * (h >> 3);
      pos++;
    }
  }
  return h;
}

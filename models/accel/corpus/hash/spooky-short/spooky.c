/* SpookyHash-style short mix: four 64-bit state words updated by
 * add-rotate-xor steps with a table of rotation amounts, written out.
 * Label: hash. */
#include <stdint.h>

#define ROT64(x, k) (((x) << (k)) | ((x) >> (64 - (k))))

void short_mix(uint64_t *h0, uint64_t *h1, uint64_t *h2, uint64_t *h3) {
  *h2 = ROT64(*h2, 50);
  *h2 += *h3;
  *h0 ^= *h2;
  *h3 = ROT64(*h3, 52);
  *h3 += *h0;
  *h1 ^= *h3;
  *h0 = ROT64(*h0, 30);
  *h0 += *h1;
  *h2 ^= *h0;
  *h1 = ROT64(*h1, 41);
  *h1 += *h2;
  *h3 ^= *h1;
  *h2 = ROT64(*h2, 54);
  *h2 += *h3;
  *h0 ^= *h2;
  *h3 = ROT64(*h3, 48);
  *h3 += *h0;
  *h1 ^= *h3;
}

uint64_t short_hash(const uint64_t *w, int n, uint64_t seed) {
  uint64_t a = seed, b = seed, c = 0xdeadbeefdeadbeefull, d = c;
  for (int i = 0; i + 1 < n; i += 2) {
    c += w[i];
    d += w[i + 1];
    short_mix(&a, &b, &c, &d);
    a += c;
    b += d;
  }
  d ^= c;
  c = ROT64(c, 15);
  d += c;
  a ^= d;
  d = ROT64(d, 52);
  a += d;
  b ^= a;
  a = ROT64(a, 26);
  b += a;
  return a ^ b;
}

/* RC4 key schedule and keystream. Label: crypto. */
#include <stdint.h>

struct arc { unsigned char S[256]; unsigned char i, j; };

void ksa(struct arc *a, const unsigned char *key, int klen) {
  for (int i = 0; i < 256; i++)
    a->S[i] = (unsigned char)i;
  unsigned char j = 0;
  for (int i = 0; i < 256; i++) {
    j = (unsigned char)(j + a->S[i] + key[i % klen]);
    unsigned char t = a->S[i];
    a->S[i] = a->S[j];
    a->S[j] = t;
  }
  a->i = a->j = 0;
}

void prga_xor(struct arc *a, unsigned char *buf, int n) {
  unsigned char i = a->i, j = a->j;
  for (int k = 0; k < n; k++) {
    i++;
    j += a->S[i];
    unsigned char t = a->S[i];
    a->S[i] = a->S[j];
    a->S[j] = t;
    buf[k] ^= a->S[(unsigned char)(a->S[i] + a->S[j])];
  }
  a->i = i;
  a->j = j;
}

/* Keystream generator with int-indexed state and explicit masks. */
int stream(int *s, int *pi, int *pj, uint8_t *out, int n) {
  int i = *pi, j = *pj;
  for (int k = 0; k < n; k++) {
    i = (i + 1) & 255;
    j = (j + s[i]) & 255;
    int t = s[i];
    s[i] = s[j];
    s[j] = t;
    out[k] = (uint8_t)s[(s[i] + s[j]) & 255];
  }
  *pi = i;
  *pj = j;
  return n;
}

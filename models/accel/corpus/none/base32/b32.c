/* RFC 4648 base32 (and the "extended hex" alphabet) encoder and decoder,
 * with '=' padding to a multiple of 8 characters; the decoder uses a
 * 128-entry reverse table built on first use. Label: none. */
#include <stddef.h>
#include <stdint.h>

static const char B32_STD[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
static const char B32_HEX[] = "0123456789ABCDEFGHIJKLMNOPQRSTUV";

static signed char rev_std[128], rev_hex[128];
static int rev_ready;

static void build_reverse(void) {
  int c;
  for (c = 0; c < 128; c++)
    rev_std[c] = rev_hex[c] = -1;
  for (c = 0; c < 32; c++) {
    rev_std[(unsigned char)B32_STD[c]] = (signed char)c;
    rev_hex[(unsigned char)B32_HEX[c]] = (signed char)c;
    /* accept lower case too */
    if (B32_STD[c] >= 'A' && B32_STD[c] <= 'Z')
      rev_std[B32_STD[c] - 'A' + 'a'] = (signed char)c;
    if (B32_HEX[c] >= 'A' && B32_HEX[c] <= 'Z')
      rev_hex[B32_HEX[c] - 'A' + 'a'] = (signed char)c;
  }
  rev_ready = 1;
}

/* Writes ceil(n / 5) * 8 characters and a NUL; returns the length. */
size_t text32_encode(const unsigned char *src, size_t n, char *dst, int hex) {
  const char *alpha = hex ? B32_HEX : B32_STD;
  char *o = dst;
  while (n > 0) {
    unsigned char blk[5] = {0, 0, 0, 0, 0};
    size_t take = n < 5 ? n : 5;
    for (size_t i = 0; i < take; i++)
      blk[i] = *src++;
    n -= take;
    uint64_t g = ((uint64_t)blk[0] << 32) | ((uint64_t)blk[1] << 24) |
                 ((uint64_t)blk[2] << 16) | ((uint64_t)blk[3] << 8) | blk[4];
    /* characters carrying at least one input bit */
    int used = (int)((take * 8 + 4) / 5);
    for (int i = 0; i < 8; i++) {
      if (i < used)
        *o++ = alpha[(g >> (35 - 5 * i)) & 0x1f];
      else
        *o++ = '=';
    }
  }
  *o = '\0';
  return (size_t)(o - dst);
}

/* Returns the number of bytes decoded, or -1 on a bad character, bad
 * padding or a length that is not a multiple of 8. */
long text32_decode(const char *s, size_t len, unsigned char *out, int hex) {
  if (!rev_ready)
    build_reverse();
  if (len % 8)
    return -1;
  const signed char *rev = hex ? rev_hex : rev_std;
  long w = 0;
  for (size_t q = 0; q < len; q += 8) {
    uint64_t g = 0;
    int nchar = 0, pad = 0;
    for (int i = 0; i < 8; i++) {
      unsigned char c = (unsigned char)s[q + i];
      int v;
      if (c == '=') {
        pad++;
        v = 0;
      } else {
        if (pad || c >= 128 || (v = rev[c]) < 0)
          return -1;
        nchar++;
      }
      g = g << 5 | (uint64_t)v;
    }
    if (pad && q + 8 != len)
      return -1;
    int nbytes;
    switch (nchar) {
    case 8:
      nbytes = 5;
      break;
    case 7:
      nbytes = 4;
      break;
    case 5:
      nbytes = 3;
      break;
    case 4:
      nbytes = 2;
      break;
    case 2:
      nbytes = 1;
      break;
    default:
      return -1;
    }
    for (int i = 0; i < nbytes; i++)
      out[w++] = (unsigned char)(g >> (32 - 8 * i));
  }
  return w;
}

/* Reed-Solomon forward error correction over GF(2^8) (field polynomial
 * x^8+x^4+x^3+x^2+1, 0x11d, generator alpha = 2, first consecutive root
 * alpha^0, as in QR codes and many link-layer FEC schemes): log/antilog
 * tables built at start-up, the generator polynomial prod (x - alpha^i),
 * systematic encoding by polynomial division (a shift register of parity
 * bytes) and the syndromes of a received block evaluated by Horner's rule.
 * Not a CRC and not a cipher. Label: none. */
#include <stdint.h>
#include <string.h>

static uint8_t gexp[512];
static uint8_t glog[256];
static int gready;

void fec_tables(void) {
  unsigned x = 1;
  for (int i = 0; i < 255; i++) {
    gexp[i] = (uint8_t)x;
    glog[x] = (uint8_t)i;
    x <<= 1;
    if (x & 0x100)
      x ^= 0x11d;
  }
  /* second copy so that log a + log b never needs a modulo */
  for (int i = 255; i < 512; i++)
    gexp[i] = gexp[i - 255];
  glog[0] = 0; /* never used: zero is handled by the callers */
  gready = 1;
}

static uint8_t fmul(uint8_t a, uint8_t b) {
  if (a == 0 || b == 0)
    return 0;
  return gexp[glog[a] + glog[b]];
}

/* gen[0..nroots]: coefficients, highest degree first, gen[0] == 1. */
int fec_generator(uint8_t *gen, int nroots) {
  if (nroots < 1 || nroots > 254)
    return -1;
  if (!gready)
    fec_tables();
  memset(gen, 0, (size_t)nroots + 1);
  gen[0] = 1;
  int deg = 0;
  for (int r = 0; r < nroots; r++) {
    uint8_t root = gexp[r];
    /* multiply by (x + root): new[j] = old[j] + root * old[j-1] */
    deg++;
    for (int j = deg; j > 0; j--)
      gen[j] ^= fmul(gen[j - 1], root);
  }
  return deg;
}

/* Parity bytes of msg[0..len) for the generator gen of degree nroots:
 * the remainder of msg(x) * x^nroots divided by gen(x). */
void fec_encode(const uint8_t *msg, int len, const uint8_t *gen, int nroots,
                uint8_t *parity) {
  uint8_t lg[255];
  memset(parity, 0, (size_t)nroots);
  for (int j = 1; j <= nroots; j++)
    lg[j - 1] = gen[j] ? glog[gen[j]] : 0xff;
  for (int i = 0; i < len; i++) {
    uint8_t fb = msg[i] ^ parity[0];
    memmove(parity, parity + 1, (size_t)nroots - 1);
    parity[nroots - 1] = 0;
    if (fb == 0)
      continue;
    int lf = glog[fb];
    for (int j = 0; j < nroots; j++)
      if (lg[j] != 0xff)
        parity[j] ^= gexp[lf + lg[j]];
  }
}

/* syn[i] = r(alpha^i) for i < nroots; returns the number of nonzero
 * syndromes (0 for a valid code word). */
int fec_syndromes(const uint8_t *block, int n, uint8_t *syn, int nroots) {
  int bad = 0;
  for (int i = 0; i < nroots; i++) {
    uint8_t s = 0;
    const uint8_t *p = block;
    const uint8_t *end = block + n;
    uint8_t a = gexp[i];
    while (p < end)
      s = (uint8_t)(fmul(s, a) ^ *p++);
    syn[i] = s;
    if (s)
      bad++;
  }
  return bad;
}

/* PRINCE low-latency 64-bit block cipher (Borghoff et al., 2012): key
 * whitening with k0 and the derived k0', twelve-round reflection core on a
 * 64-bit word (nibble S-box, the involutive M' layer built from four masked
 * identity blocks, AES-like nibble ShiftRows), round constants from the
 * fraction of pi with the alpha reflection. Label: crypto. */
#include <stdint.h>

static const uint8_t SB[16] = {0xB, 0xF, 0x3, 0x2, 0xA, 0xC, 0x9, 0x1,
                               0x6, 0x7, 0x8, 0x0, 0xE, 0x5, 0xD, 0x4};
static const uint64_t RCF[6] = {0x0000000000000000ull, 0x13198A2E03707344ull,
                                0xA4093822299F31D0ull, 0x082EFA98EC4E6C89ull,
                                0x452821E638D01377ull, 0xBE5466CF34E90C6Cull};
#define ALPHA 0xC0AC29B7C97C50DDull

/* Apply a 4-bit box to every nibble. */
uint64_t nib_sub(uint64_t s, const uint8_t box[16]) {
  uint64_t r = 0;
  for (int sh = 0; sh < 64; sh += 4)
    r |= (uint64_t)box[(s >> sh) & 0xF] << sh;
  return r;
}

/* M': chunks 0 and 3 (from the top) use M^0, chunks 1 and 2 use M^1; block
 * (row j, column i) of M^b is the identity with diagonal entry
 * (i + j + b) mod 4 cleared. */
uint64_t mprime(uint64_t s) {
  uint64_t r = 0;
  for (int c = 0; c < 4; c++) {
    int b = (c == 1 || c == 2);
    unsigned chunk = (unsigned)(s >> (48 - 16 * c)) & 0xFFFF;
    unsigned out = 0;
    for (int j = 0; j < 4; j++) {
      unsigned acc = 0;
      for (int i = 0; i < 4; i++) {
        unsigned nib = (chunk >> (12 - 4 * i)) & 0xF;
        acc ^= nib & (0xF & ~(8u >> ((i + j + b) & 3)));
      }
      out |= acc << (12 - 4 * j);
    }
    r |= (uint64_t)out << (48 - 16 * c);
  }
  return r;
}

/* Nibble permutation, nibble 0 being the most significant one. */
static uint64_t shuffle(uint64_t s, int inverse) {
  uint64_t r = 0;
  for (int i = 0; i < 16; i++) {
    int src = inverse ? (13 * i) % 16 : (5 * i) % 16;
    r |= ((s >> (60 - 4 * src)) & 0xF) << (60 - 4 * i);
  }
  return r;
}

uint64_t lowlat_encrypt(uint64_t m, uint64_t k0, uint64_t k1) {
  uint8_t inv[16];
  for (int i = 0; i < 16; i++)
    inv[SB[i]] = (uint8_t)i;
  uint64_t k0p = ((k0 >> 1) | (k0 << 63)) ^ (k0 >> 63);
  uint64_t s = m ^ k0 ^ k1 ^ RCF[0];
  for (int r = 1; r <= 5; r++) {
    s = nib_sub(s, SB);
    s = shuffle(mprime(s), 0);
    s ^= RCF[r] ^ k1;
  }
  s = nib_sub(s, SB);
  s = mprime(s);
  s = nib_sub(s, inv);
  for (int r = 6; r <= 10; r++) {
    s ^= k1 ^ RCF[11 - r] ^ ALPHA;
    s = mprime(shuffle(s, 1));
    s = nib_sub(s, inv);
  }
  s ^= RCF[0] ^ ALPHA ^ k1;
  return s ^ k0p;
}

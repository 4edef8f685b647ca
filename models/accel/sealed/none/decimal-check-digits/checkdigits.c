/*
 * Decimal check-digit schemes used on account numbers and identifiers:
 *
 *  - Verhoeff (1969): multiplication in the dihedral group D5 combined with a
 *    position-dependent permutation; catches all single-digit errors and all
 *    adjacent transpositions. The D5 table, the permutation powers and the
 *    inverses are built at start-up from the group's definition.
 *  - Damm (2004): one totally anti-symmetric quasigroup of order 10 with a
 *    zero diagonal (the table printed in Damm's thesis), used as a state
 *    machine over the digits.
 *  - ISO 7064 MOD 97-10 as used by IBAN (ISO 13616): rearranged, letters
 *    expanded to two digits, remainder modulo 97 computed digit by digit.
 */
#include <stddef.h>
#include <stdint.h>

/* ---------------- Verhoeff ---------------- */

static uint8_t vh_mul[10][10];  /* D5 group operation */
static uint8_t vh_perm[8][10];  /* sigma^i */
static uint8_t vh_inv[10];      /* group inverse */
static int vh_ready;

/* Elements 0..4 are the rotations r^k, 5..9 the reflections s r^(k-5). */
void verhoeff_init(void) {
  static const uint8_t sigma[10] = {1, 5, 7, 6, 2, 8, 3, 0, 9, 4};
  int a, b, i;
  for (a = 0; a < 10; a++) {
    for (b = 0; b < 10; b++) {
      int ra = a % 5, rb = b % 5;
      int v;
      if (a < 5 && b < 5)
        v = (ra + rb) % 5;
      else if (a < 5)
        v = 5 + (ra + rb) % 5;
      else if (b < 5)
        v = 5 + (ra - rb + 5) % 5;
      else
        v = (ra - rb + 5) % 5;
      vh_mul[a][b] = (uint8_t)v;
    }
  }
  for (a = 0; a < 10; a++)
    vh_perm[0][a] = (uint8_t)a;
  for (i = 1; i < 8; i++)
    for (a = 0; a < 10; a++)
      vh_perm[i][a] = sigma[vh_perm[i - 1][a]];
  for (a = 0; a < 10; a++)
    for (b = 0; b < 10; b++)
      if (vh_mul[a][b] == 0)
        vh_inv[a] = (uint8_t)b;
  vh_ready = 1;
}

/* Runs the Verhoeff recurrence over the digits right to left; the rightmost
 * digit gets permutation power `first_pos`. Returns -1 on a non-digit. */
static int verhoeff_fold(const char *s, size_t n, unsigned first_pos) {
  unsigned c = 0, pos = first_pos;
  size_t i = n;
  if (!vh_ready)
    verhoeff_init();
  while (i-- > 0) {
    unsigned d = (unsigned char)s[i] - '0';
    if (d > 9)
      return -1;
    c = vh_mul[c][vh_perm[pos & 7][d]];
    pos++;
  }
  return (int)c;
}

/* Check digit to append to s[0..n). -1 if s holds a non-digit. */
int verhoeff_generate(const char *s, size_t n) {
  int c = verhoeff_fold(s, n, 1);
  return c < 0 ? -1 : vh_inv[c];
}

/* 1 if s[0..n) (check digit included) is valid. */
int verhoeff_validate(const char *s, size_t n) {
  return n > 0 && verhoeff_fold(s, n, 0) == 0;
}

/* ---------------- Damm ---------------- */

static const uint8_t damm_q[10][10] = {
    {0, 3, 1, 7, 5, 9, 8, 6, 4, 2}, {7, 0, 9, 2, 1, 5, 4, 8, 6, 3},
    {4, 2, 0, 6, 8, 7, 1, 3, 5, 9}, {1, 7, 5, 0, 9, 8, 3, 4, 2, 6},
    {6, 1, 2, 3, 0, 4, 5, 9, 7, 8}, {3, 6, 7, 4, 2, 0, 9, 5, 8, 1},
    {5, 8, 6, 9, 7, 2, 0, 1, 3, 4}, {8, 9, 4, 5, 3, 6, 2, 0, 1, 7},
    {9, 4, 3, 8, 6, 1, 7, 2, 0, 5}, {2, 5, 8, 1, 4, 3, 6, 7, 9, 0}};

/* Interim digit after the whole string; -1 on a non-digit. Since the
 * diagonal is zero, appending the interim digit gives 0. */
int damm_interim(const char *s, size_t n) {
  const char *end = s + n;
  unsigned state = 0;
  for (; s != end; s++) {
    unsigned d = (unsigned)(*s - '0');
    if (d > 9)
      return -1;
    state = damm_q[state][d];
  }
  return (int)state;
}

int damm_validate(const char *s, size_t n) {
  return n > 0 && damm_interim(s, n) == 0;
}

/* ---------------- IBAN, ISO 7064 MOD 97-10 ---------------- */

/* Remainder mod 97 of the number obtained by taking s[0..n) with letters
 * A..Z (any case) replaced by 10..35 and spaces skipped, continuing from
 * the remainder `r`. Returns -1 on any other character. */
static int mod97_feed(int r, const char *s, size_t n) {
  size_t i;
  for (i = 0; i < n; i++) {
    unsigned char ch = (unsigned char)s[i];
    if (ch == ' ')
      continue;
    if (ch >= '0' && ch <= '9') {
      r = (r * 10 + (ch - '0')) % 97;
    } else {
      unsigned v = (unsigned)((ch | 0x20) - 'a');
      if (v > 25)
        return -1;
      r = (r * 100 + (int)v + 10) % 97;
    }
  }
  return r;
}

/* Skips spaces, copies up to `want` significant characters of s[] into out.
 * Returns how many source characters were consumed. */
static size_t iban_take(const char *s, size_t n, char *out, size_t want) {
  size_t i = 0, k = 0;
  while (i < n && k < want) {
    if (s[i] != ' ')
      out[k++] = s[i];
    i++;
  }
  return k == want ? i : 0;
}

/* 1 if the IBAN (spaces allowed) has a valid length range and remainder 1. */
int iban_validate(const char *s, size_t n) {
  char head[4];
  size_t used = iban_take(s, n, head, 4);
  int r;
  size_t sig = 0, i;
  if (used == 0)
    return 0;
  for (i = 0; i < n; i++)
    sig += (s[i] != ' ');
  if (sig < 15 || sig > 34)
    return 0;
  if (head[2] < '0' || head[2] > '9' || head[3] < '0' || head[3] > '9')
    return 0;
  r = mod97_feed(0, s + used, n - used);
  if (r < 0)
    return 0;
  r = mod97_feed(r, head, 4);
  return r == 1;
}

/* Check digits (2..98) for a country code cc[2] and a BBAN; -1 on bad input. */
int iban_check_digits(const char cc[2], const char *bban, size_t n) {
  int r = mod97_feed(0, bban, n);
  if (r < 0)
    return -1;
  r = mod97_feed(r, cc, 2);
  if (r < 0)
    return -1;
  r = mod97_feed(r, "00", 2);
  return 98 - r;
}

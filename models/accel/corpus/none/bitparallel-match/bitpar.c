/* Bit-parallel string matching over one machine word (patterns of up to
 * 64 bytes): the pattern is compiled once into per-byte position masks,
 * then the text is walked with a pointer and the whole column of a
 * dynamic-programming table is advanced with a few shifts, ands and one
 * add per byte.
 *   - Shift-And (Baeza-Yates and Gonnet): exact occurrences.
 *   - Wu and Manber's extension: occurrences with at most k edits, one
 *     state word per error level.
 *   - Myers' bit-vector algorithm in Hyyro's formulation: the vertical
 *     deltas of the Levenshtein table as two words, giving the global edit
 *     distance or the best approximate occurrence.
 * A 256-entry word table indexed by the input byte and a carry-propagating
 * add look like a table-driven checksum, but this is edit-distance
 * arithmetic, not a CRC or hash. Label: none. */
#include <stdint.h>
#include <stddef.h>
#include <string.h>

#define BP_MAXLEN 64
#define BP_MAXK 8
#define BP_BIT(i) ((uint64_t)1 << (i))

typedef struct {
  uint64_t peq[256]; /* bit i set when pattern[i] == byte */
  uint64_t accept;   /* bit of the last pattern position */
  unsigned len;
} bp_pattern_t;

int bp_compile(bp_pattern_t *bp, const uint8_t *pat, unsigned len) {
  unsigned i;
  if (len == 0 || len > BP_MAXLEN)
    return -1;
  memset(bp->peq, 0, sizeof bp->peq);
  for (i = 0; i < len; i++)
    bp->peq[pat[i]] |= BP_BIT(i);
  bp->accept = BP_BIT(len - 1);
  bp->len = len;
  return 0;
}

/* Offset one past the end of the first exact occurrence, or -1. */
long bp_shift_and_find(const bp_pattern_t *bp, const uint8_t *text,
                       size_t n) {
  const uint8_t *p = text, *end = text + n;
  uint64_t state = 0;
  while (p < end) {
    state = ((state << 1) | 1u) & bp->peq[*p++];
    if (state & bp->accept)
      return (long)(p - text);
  }
  return -1;
}

/* Number of (possibly overlapping) exact occurrences. */
size_t bp_shift_and_count(const bp_pattern_t *bp, const uint8_t *text,
                          size_t n) {
  uint64_t state = 0;
  size_t hits = 0;
  while (n--) {
    state = ((state << 1) | 1u) & bp->peq[*text++];
    hits += (state & bp->accept) != 0;
  }
  return hits;
}

/* Wu-Manber: for each text offset, ends[j] = smallest d <= k such that an
 * occurrence with d edits ends just before offset j+1, else 0xff.
 * Returns the number of offsets with an occurrence. */
size_t bp_wu_manber(const bp_pattern_t *bp, unsigned k, const uint8_t *text,
                    size_t n, uint8_t *ends) {
  uint64_t r[BP_MAXK + 1];
  unsigned d;
  size_t j, found = 0;
  if (k > BP_MAXK)
    k = BP_MAXK;
  for (d = 0; d <= k; d++)
    r[d] = d == 0 ? 0 : (BP_BIT(d) - 1u);
  for (j = 0; j < n; j++) {
    uint64_t eq = bp->peq[text[j]];
    uint64_t prev_old = r[0];
    r[0] = ((r[0] << 1) | 1u) & eq;
    ends[j] = (r[0] & bp->accept) ? 0 : 0xff;
    for (d = 1; d <= k; d++) {
      uint64_t old = r[d];
      r[d] = (((old << 1) | 1u) & eq)    /* match        */
             | prev_old                  /* insertion    */
             | (prev_old << 1)           /* substitution */
             | (r[d - 1] << 1)           /* deletion     */
             | 1u;
      prev_old = old;
      if (ends[j] == 0xff && (r[d] & bp->accept))
        ends[j] = (uint8_t)d;
    }
    found += ends[j] != 0xff;
  }
  return found;
}

/* One Myers column step; returns the change of the bottom cell (-1, 0,
 * +1). top is the horizontal delta entering row 0 (1 for a global
 * alignment, 0 when the match may start anywhere in the text). */
static inline int myers_step(uint64_t *pv, uint64_t *mv, uint64_t eq,
                             uint64_t accept, uint64_t top) {
  uint64_t xv = eq | *mv;
  uint64_t xh = (((eq & *pv) + *pv) ^ *pv) | eq;
  uint64_t ph = *mv | ~(xh | *pv);
  uint64_t mh = *pv & xh;
  int delta = (ph & accept) ? 1 : ((mh & accept) ? -1 : 0);
  ph = (ph << 1) | top;
  mh <<= 1;
  *pv = mh | ~(xv | ph);
  *mv = ph & xv;
  return delta;
}

/* Levenshtein distance between the compiled pattern and b[0..n). */
unsigned bp_myers_distance(const bp_pattern_t *bp, const uint8_t *b,
                           size_t n) {
  uint64_t pv = ~(uint64_t)0, mv = 0;
  long score = (long)bp->len;
  const uint8_t *end = b + n;
  for (; b != end; ++b)
    score += myers_step(&pv, &mv, bp->peq[*b], bp->accept, 1u);
  return (unsigned)score;
}

/* Best approximate occurrence: minimum edit distance of the pattern to any
 * substring of text, and (via *end_at) the smallest end offset that
 * reaches it. */
unsigned bp_myers_best(const bp_pattern_t *bp, const uint8_t *text, size_t n,
                       size_t *end_at) {
  uint64_t pv = ~(uint64_t)0, mv = 0;
  unsigned score = bp->len, best = bp->len;
  size_t j;
  *end_at = 0;
  for (j = 0; j < n; j++) {
    score = (unsigned)((int)score +
                       myers_step(&pv, &mv, bp->peq[text[j]], bp->accept, 0));
    if (score < best) {
      best = score;
      *end_at = j + 1;
    }
  }
  return best;
}

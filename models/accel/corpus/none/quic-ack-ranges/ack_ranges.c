/* QUIC ACK frame (RFC 9000 section 19.3): tracking received packet numbers
 * as disjoint ranges and serialising them as Largest/FirstRange/Gap/Length.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#define MAX_RANGES 32

typedef struct {
  uint64_t lo, hi; /* inclusive */
} pn_range_t;

/* Ranges kept in descending order: r[0] holds the largest packet number. */
typedef struct {
  pn_range_t r[MAX_RANGES];
  unsigned n;
} pn_set_t;

static size_t put_vi(uint8_t *out, size_t room, uint64_t v)
{
  size_t len;
  unsigned tag;
  size_t i;

  if (v < (1ull << 6)) { len = 1; tag = 0; }
  else if (v < (1ull << 14)) { len = 2; tag = 1; }
  else if (v < (1ull << 30)) { len = 4; tag = 2; }
  else if (v < (1ull << 62)) { len = 8; tag = 3; }
  else return 0;
  if (room < len)
    return 0;
  for (i = len; i-- > 0;) {
    out[i] = (uint8_t)v;
    v >>= 8;
  }
  out[0] |= (uint8_t)(tag << 6);
  return len;
}

static size_t get_vi(const uint8_t *in, size_t avail, uint64_t *v)
{
  size_t len, i;
  uint64_t x;

  if (avail == 0)
    return 0;
  len = (size_t)1 << (in[0] >> 6);
  if (avail < len)
    return 0;
  x = in[0] & 0x3f;
  for (i = 1; i < len; i++)
    x = (x << 8) | in[i];
  *v = x;
  return len;
}

/* Record packet number pn; merges neighbouring ranges.  When the set is
 * full the oldest (smallest) range is dropped.  Returns 0 if pn was new. */
int pnset_add(pn_set_t *s, uint64_t pn)
{
  unsigned i = 0;

  while (i < s->n && s->r[i].lo > pn)
    i++;
  if (i < s->n && pn <= s->r[i].hi)
    return 1; /* duplicate */

  /* pn lies strictly between r[i-1] (above) and r[i] (below) */
  if (i > 0 && s->r[i - 1].lo == pn + 1) {
    s->r[i - 1].lo = pn;
    if (i < s->n && s->r[i].hi + 1 == pn) {
      s->r[i - 1].lo = s->r[i].lo;
      memmove(&s->r[i], &s->r[i + 1], (s->n - i - 1) * sizeof(pn_range_t));
      s->n--;
    }
    return 0;
  }
  if (i < s->n && s->r[i].hi + 1 == pn) {
    s->r[i].hi = pn;
    return 0;
  }
  if (i == MAX_RANGES)
    return 0; /* older than anything we can keep */
  if (s->n == MAX_RANGES)
    s->n--;
  memmove(&s->r[i + 1], &s->r[i], (s->n - i) * sizeof(pn_range_t));
  s->r[i].lo = pn;
  s->r[i].hi = pn;
  s->n++;
  return 0;
}

/* Serialise an ACK frame (type 0x02).  ack_delay is already scaled by the
 * ack_delay_exponent.  Returns bytes written or 0 if it does not fit. */
size_t ack_frame_write(const pn_set_t *s, uint64_t ack_delay, uint8_t *out,
                       size_t room)
{
  size_t off = 0, w;
  unsigned k;

#define EMIT(val)                                   \
  do {                                              \
    w = put_vi(out + off, room - off, (val));       \
    if (w == 0)                                     \
      return 0;                                     \
    off += w;                                       \
  } while (0)

  if (s->n == 0)
    return 0;
  EMIT(0x02);
  EMIT(s->r[0].hi);
  EMIT(ack_delay);
  EMIT((uint64_t)(s->n - 1));
  EMIT(s->r[0].hi - s->r[0].lo);
  for (k = 1; k < s->n; k++) {
    /* Gap: unacknowledged packets below the previous range, minus one */
    EMIT(s->r[k - 1].lo - s->r[k].hi - 2);
    EMIT(s->r[k].hi - s->r[k].lo);
  }
#undef EMIT
  return off;
}

/* Parse an ACK frame back into ranges.  Returns bytes consumed or 0 on a
 * malformed frame (underflow, too many ranges, truncated). */
size_t ack_frame_read(const uint8_t *in, size_t len, pn_set_t *s,
                      uint64_t *ack_delay)
{
  uint64_t type, largest, count, first, gap, rlen, smallest;
  size_t off = 0, w;
  uint64_t k;

  s->n = 0;
  if (!(w = get_vi(in, len, &type)) || (type != 2 && type != 3))
    return 0;
  off += w;
  if (!(w = get_vi(in + off, len - off, &largest))) return 0;
  off += w;
  if (!(w = get_vi(in + off, len - off, ack_delay))) return 0;
  off += w;
  if (!(w = get_vi(in + off, len - off, &count))) return 0;
  off += w;
  if (!(w = get_vi(in + off, len - off, &first))) return 0;
  off += w;
  if (first > largest || count >= MAX_RANGES)
    return 0;
  smallest = largest - first;
  s->r[0].hi = largest;
  s->r[0].lo = smallest;
  s->n = 1;
  for (k = 0; k < count; k++) {
    if (!(w = get_vi(in + off, len - off, &gap))) return 0;
    off += w;
    if (!(w = get_vi(in + off, len - off, &rlen))) return 0;
    off += w;
    if (gap + 2 > smallest)
      return 0;
    largest = smallest - gap - 2;
    if (rlen > largest)
      return 0;
    smallest = largest - rlen;
    s->r[s->n].hi = largest;
    s->r[s->n].lo = smallest;
    s->n++;
  }
  if (type == 3) { /* ECN counts: ECT0, ECT1, CE */
    for (k = 0; k < 3; k++) {
      if (!(w = get_vi(in + off, len - off, &gap))) return 0;
      off += w;
    }
  }
  return off;
}

/* Remove everything at or below pn (ranges acknowledged by the peer's
 * ACK-of-ACK no longer need reporting). */
void pnset_forget_below(pn_set_t *s, uint64_t pn)
{
  unsigned i;

  for (i = 0; i < s->n; i++) {
    if (s->r[i].hi <= pn) {
      s->n = i;
      return;
    }
    if (s->r[i].lo <= pn) {
      s->r[i].lo = pn + 1;
      s->n = i + 1;
      return;
    }
  }
}

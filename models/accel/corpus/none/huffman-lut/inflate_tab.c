/* Canonical Huffman decoding as in DEFLATE (RFC 1951 section 3.2.2):
 * codes are assigned from the code lengths, then a direct lookup table of
 * 2^FAST_BITS entries indexed by the next (LSB-first) input bits gives the
 * symbol and its length; longer codes fall back to a canonical
 * count/first-code walk. Also decodes the literal run of a fixed-Huffman
 * block. Label: none. */
#include <stdint.h>
#include <string.h>

#define MAXLEN 15
#define FAST_BITS 9

struct hdec {
  uint16_t fast[1 << FAST_BITS]; /* (len << 12) | sym; 0 = slow path */
  uint16_t count[MAXLEN + 1];    /* codes of each length */
  uint16_t sorted[288];          /* symbols in canonical order */
};

struct bitin {
  const uint8_t *p, *end;
  uint32_t hold;
  unsigned have;
};

/* Fills the decoder from lengths[0..nsym); returns 0, or -1 when the
 * lengths over-subscribe the code space. */
int hdec_build(struct hdec *d, const uint8_t *lengths, int nsym) {
  uint16_t next[MAXLEN + 2];
  int len, s;
  memset(d->count, 0, sizeof d->count);
  memset(d->fast, 0, sizeof d->fast);
  for (s = 0; s < nsym; s++)
    d->count[lengths[s]]++;
  d->count[0] = 0;
  int left = 1;
  for (len = 1; len <= MAXLEN; len++) {
    left = (left << 1) - d->count[len];
    if (left < 0)
      return -1;
  }
  next[1] = 0;
  for (len = 1; len < MAXLEN; len++)
    next[len + 1] = (uint16_t)(next[len] + d->count[len]);
  for (s = 0; s < nsym; s++)
    if (lengths[s])
      d->sorted[next[lengths[s]]++] = (uint16_t)s;
  /* canonical codes, MSB-first, then reversed into the LSB-first table */
  unsigned code = 0;
  int idx = 0;
  for (len = 1; len <= MAXLEN; len++) {
    for (int k = 0; k < d->count[len]; k++, idx++, code++) {
      if (len > FAST_BITS)
        continue;
      unsigned r = 0, c = code;
      for (int b = 0; b < len; b++) {
        r = (r << 1) | (c & 1);
        c >>= 1;
      }
      for (unsigned fill = r; fill < (1u << FAST_BITS); fill += 1u << len)
        d->fast[fill] = (uint16_t)((len << 12) | d->sorted[idx]);
    }
    code <<= 1;
  }
  return 0;
}

static int need(struct bitin *in, unsigned n) {
  while (in->have < n) {
    if (in->p == in->end)
      return in->have ? 0 : -1; /* let the caller try with what is left */
    in->hold |= (uint32_t)*in->p++ << in->have;
    in->have += 8;
  }
  return 0;
}

/* Next symbol, or -1 on end of input / invalid code. */
int hdec_symbol(const struct hdec *d, struct bitin *in) {
  if (need(in, FAST_BITS) < 0)
    return -1;
  uint16_t e = d->fast[in->hold & ((1u << FAST_BITS) - 1)];
  if (e && (unsigned)(e >> 12) <= in->have) {
    in->hold >>= e >> 12;
    in->have -= e >> 12;
    return e & 0x0fff;
  }
  /* canonical walk, one bit at a time */
  int code = 0, first = 0, index = 0;
  for (int len = 1; len <= MAXLEN; len++) {
    if (in->have == 0 && need(in, 1) < 0)
      return -1;
    code |= (int)(in->hold & 1);
    in->hold >>= 1;
    in->have--;
    int cnt = d->count[len];
    if (code - first < cnt)
      return d->sorted[index + (code - first)];
    index += cnt;
    first = (first + cnt) << 1;
    code <<= 1;
  }
  return -1;
}

/* Decodes one final fixed-Huffman block that holds only literals (no
 * back-references); returns the number of bytes, or -1. */
int inflate_fixed_literals(const uint8_t *src, int n, uint8_t *out, int cap) {
  static struct hdec fixed;
  static int ready;
  if (!ready) {
    uint8_t l[288];
    int i = 0;
    for (; i < 144; i++)
      l[i] = 8;
    for (; i < 256; i++)
      l[i] = 9;
    for (; i < 280; i++)
      l[i] = 7;
    for (; i < 288; i++)
      l[i] = 8;
    if (hdec_build(&fixed, l, 288))
      return -1;
    ready = 1;
  }
  struct bitin in = {src, src + n, 0, 0};
  if (need(&in, 3) < 0 || (in.hold & 7) != 3) /* BFINAL=1, BTYPE=01 */
    return -1;
  in.hold >>= 3;
  in.have -= 3;
  int w = 0;
  for (;;) {
    int sym = hdec_symbol(&fixed, &in);
    if (sym < 0 || sym > 256)
      return -1;
    if (sym == 256)
      return w;
    if (w == cap)
      return -1;
    out[w++] = (uint8_t)sym;
  }
}

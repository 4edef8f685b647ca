/* Decompressor for the LZ4 block format: a sequence is a token byte (high
 * nibble literal count, low nibble match length - 4, 15 meaning "more bytes
 * follow, each added, until one below 255"), the literals, a little-endian
 * 16-bit back offset and the match, copied from the output already written
 * (overlapping when the offset is shorter than the match). The last
 * sequence carries literals only. Decompression only: no match finder, no
 * hash table. Label: none. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

typedef struct {
  const uint8_t *ip, *iend;
  uint8_t *op, *obeg, *oend;
} unpack_state;

/* Extension bytes of a length whose nibble was 15. -1 on truncation. */
static long more_len(unpack_state *s, long n) {
  unsigned b;
  do {
    if (s->ip >= s->iend)
      return -1;
    b = *s->ip++;
    n += (long)b;
  } while (b == 255);
  return n;
}

/* Copies len bytes from dist bytes back; byte-serial when the two overlap
 * within a word, else four bytes per step. */
void back_copy(uint8_t *op, size_t dist, size_t len) {
  const uint8_t *from = op - dist;
  if (dist < 4) {
    while (len--)
      *op++ = *from++;
    return;
  }
  while (len >= 4) {
    op[0] = from[0];
    op[1] = from[1];
    op[2] = from[2];
    op[3] = from[3];
    op += 4;
    from += 4;
    len -= 4;
  }
  switch (len) {
  case 3:
    *op++ = *from++;
    /* fall through */
  case 2:
    *op++ = *from++;
    /* fall through */
  case 1:
    *op = *from;
  }
}

/* Returns the decompressed size, or -1 for a malformed or oversized block. */
long unpack_block(const uint8_t *src, size_t srclen, uint8_t *dst, size_t cap) {
  unpack_state st = {src, src + srclen, dst, dst, dst + cap};
  if (srclen == 0)
    return -1;
  for (;;) {
    unsigned token = *st.ip++;
    long lit = (long)(token >> 4);
    if (lit == 15 && (lit = more_len(&st, lit)) < 0)
      return -1;
    if ((size_t)(st.iend - st.ip) < (size_t)lit ||
        (size_t)(st.oend - st.op) < (size_t)lit)
      return -1;
    memcpy(st.op, st.ip, (size_t)lit);
    st.op += lit;
    st.ip += lit;
    if (st.ip == st.iend)
      break; /* last sequence: literals only */
    if (st.iend - st.ip < 2)
      return -1;
    size_t dist = (size_t)st.ip[0] | ((size_t)st.ip[1] << 8);
    st.ip += 2;
    if (dist == 0 || dist > (size_t)(st.op - st.obeg))
      return -1;
    long mlen = (long)(token & 15);
    if (mlen == 15 && (mlen = more_len(&st, mlen)) < 0)
      return -1;
    mlen += 4;
    if ((size_t)(st.oend - st.op) < (size_t)mlen)
      return -1;
    back_copy(st.op, dist, (size_t)mlen);
    st.op += mlen;
    if (st.ip >= st.iend)
      return -1;
  }
  return (long)(st.op - st.obeg);
}

/* Walks an LZ4 frame's data blocks (after the frame header of hdr bytes):
 * 32-bit little-endian block sizes, the top bit marking a stored block, a
 * zero size ending the frame; blocks are independent (the frame default).
 * Optional per-block checksums are skipped. */
long unpack_frame_blocks(const uint8_t *f, size_t n, size_t hdr, int block_sums,
                         uint8_t *dst, size_t cap) {
  size_t at = hdr, out = 0;
  while (at + 4 <= n) {
    uint32_t w = (uint32_t)f[at] | (uint32_t)f[at + 1] << 8 |
                 (uint32_t)f[at + 2] << 16 | (uint32_t)f[at + 3] << 24;
    at += 4;
    if (w == 0)
      return (long)out;
    uint32_t sz = w & 0x7fffffffu;
    if (sz > n - at)
      return -1;
    if (w & 0x80000000u) {
      if (sz > cap - out)
        return -1;
      memcpy(dst + out, f + at, sz);
      out += sz;
    } else {
      long got = unpack_block(f + at, sz, dst + out, cap - out);
      if (got < 0)
        return -1;
      out += (size_t)got;
    }
    at += sz + (block_sums ? 4u : 0u);
  }
  return -1;
}

/* Streaming decoder for HTTP/1.1 chunked transfer coding (RFC 9112 7.1).
 * Input may arrive in arbitrary fragments; payload bytes are compacted in
 * place at the front of each buffer handed in.
 */
#include <stddef.h>
#include <stdint.h>

enum ck_state {
  CK_SIZE = 0,   /* hex digits of chunk-size */
  CK_EXT,        /* chunk-ext up to CR */
  CK_SIZE_LF,
  CK_DATA,
  CK_DATA_CR,
  CK_DATA_LF,
  CK_TRAILER_BOL, /* start of a trailer line (or final CRLF) */
  CK_TRAILER,
  CK_TRAILER_LF,
  CK_FINAL_LF,
  CK_DONE,
  CK_ERROR
};

typedef struct {
  enum ck_state st;
  uint64_t remaining;   /* bytes left in the current chunk */
  unsigned ndigits;
  unsigned trailer_lines;
  uint64_t total;       /* decoded body length */
  uint32_t line_len;    /* current ext/trailer line length */
} ck_decoder;

#define CK_MAX_LINE 4096
#define CK_MAX_DIGITS 15

static int hexval(unsigned char c)
{
  if (c >= '0' && c <= '9') return c - '0';
  c |= 0x20;
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

/* Feed len bytes; decoded payload replaces the start of buf.  Returns the
 * payload length produced, or -1 on a framing error.  *consumed receives
 * how many input bytes were used (less than len once the body ended). */
long ck_feed(ck_decoder *d, unsigned char *buf, size_t len, size_t *consumed)
{
  size_t i = 0, out = 0;

  while (i < len && d->st != CK_DONE && d->st != CK_ERROR) {
    unsigned char c = buf[i];
    int h;

    switch (d->st) {
    case CK_SIZE:
      h = hexval(c);
      if (h >= 0) {
        if (++d->ndigits > CK_MAX_DIGITS) { d->st = CK_ERROR; break; }
        d->remaining = (d->remaining << 4) | (unsigned)h;
        i++;
      } else if (d->ndigits == 0) {
        d->st = CK_ERROR;
      } else if (c == ';' || c == ' ' || c == '\t') {
        d->st = CK_EXT; d->line_len = 0; i++;
      } else if (c == '\r') {
        d->st = CK_SIZE_LF; i++;
      } else {
        d->st = CK_ERROR;
      }
      break;
    case CK_EXT:
      if (c == '\r') d->st = CK_SIZE_LF;
      else if (c == '\n' || ++d->line_len > CK_MAX_LINE) d->st = CK_ERROR;
      i++;
      break;
    case CK_SIZE_LF:
      if (c != '\n') { d->st = CK_ERROR; break; }
      i++;
      d->ndigits = 0;
      if (d->remaining == 0) { d->st = CK_TRAILER_BOL; d->trailer_lines = 0; }
      else d->st = CK_DATA;
      break;
    case CK_DATA: {
      size_t take = len - i;
      size_t k;
      if (take > d->remaining) take = (size_t)d->remaining;
      for (k = 0; k < take; k++)
        buf[out + k] = buf[i + k];
      out += take; i += take;
      d->remaining -= take; d->total += take;
      if (d->remaining == 0) d->st = CK_DATA_CR;
      break;
    }
    case CK_DATA_CR:
      if (c != '\r') { d->st = CK_ERROR; break; }
      d->st = CK_DATA_LF; i++;
      break;
    case CK_DATA_LF:
      if (c != '\n') { d->st = CK_ERROR; break; }
      d->st = CK_SIZE; i++;
      break;
    case CK_TRAILER_BOL:
      if (c == '\r') { d->st = CK_FINAL_LF; i++; break; }
      if (c == ' ' || c == '\t' || c == ':' || c == '\n') { d->st = CK_ERROR; break; }
      d->st = CK_TRAILER; d->line_len = 0;
      break;
    case CK_TRAILER:
      if (c == '\r') d->st = CK_TRAILER_LF;
      else if (c == '\n' || ++d->line_len > CK_MAX_LINE) d->st = CK_ERROR;
      i++;
      break;
    case CK_TRAILER_LF:
      if (c != '\n' || ++d->trailer_lines > 64) { d->st = CK_ERROR; break; }
      d->st = CK_TRAILER_BOL; i++;
      break;
    case CK_FINAL_LF:
      if (c != '\n') { d->st = CK_ERROR; break; }
      d->st = CK_DONE; i++;
      break;
    default:
      break;
    }
  }
  if (consumed) *consumed = i;
  return d->st == CK_ERROR ? -1 : (long)out;
}

/* Produce the chunked framing for body, cutting it into chunks of at most
 * max_chunk bytes.  Returns the encoded length or 0 if out is too small. */
size_t ck_encode(const unsigned char *body, size_t blen, size_t max_chunk,
                 unsigned char *out, size_t room)
{
  static const char digits[] = "0123456789abcdef";
  size_t o = 0, pos = 0;

  if (max_chunk == 0)
    return 0;
  for (;;) {
    size_t n = blen - pos < max_chunk ? blen - pos : max_chunk;
    unsigned char tmp[16];
    int nd = 0;
    size_t v = n;
    do { tmp[nd++] = (unsigned char)digits[v & 15]; v >>= 4; } while (v);
    if (room - o < (size_t)nd + 4 + n)
      return 0;
    while (nd) out[o++] = tmp[--nd];
    out[o++] = '\r'; out[o++] = '\n';
    for (v = 0; v < n; v++) out[o++] = body[pos + v];
    pos += n;
    out[o++] = '\r'; out[o++] = '\n';
    if (n == 0)
      return o; /* last-chunk CRLF plus empty trailer CRLF */
  }
}

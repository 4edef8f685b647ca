/*
 * Quoted-Printable content-transfer-encoding (RFC 2045, section 6.7).
 *
 * Encoder: text mode, lines broken at CRLF or LF in the input are kept as
 * hard line breaks (emitted as the input had them); every other octet that is
 * not printable ASCII (33..126 except '='), and a space or tab that would end
 * an encoded line, is written as "=XX". Encoded lines are kept at or under
 * 76 characters with soft line breaks ("=" CRLF).
 *
 * Decoder: accepts "=XX" in either letter case, soft line breaks ending in
 * CRLF or a bare LF, drops whitespace that precedes a line break (rule #3),
 * and leaves malformed '=' sequences as literal text.
 */
#include <stddef.h>
#include <stdint.h>

#define QP_MAX_LINE 76

typedef struct {
  unsigned char *out;
  size_t cap;
  size_t len;
  int overflow;
  unsigned col; /* characters on the current output line */
} qp_sink;

static const char qp_hexdigits[16] = {'0', '1', '2', '3', '4', '5', '6', '7',
                                      '8', '9', 'A', 'B', 'C', 'D', 'E', 'F'};

static void qp_put(qp_sink *s, unsigned char c) {
  if (s->len < s->cap)
    s->out[s->len] = c;
  else
    s->overflow = 1;
  s->len++;
}

static void qp_soft_break(qp_sink *s) {
  qp_put(s, '=');
  qp_put(s, '\r');
  qp_put(s, '\n');
  s->col = 0;
}

/* Classifies an input octet: 0 = literal, 1 = literal unless it ends a line,
 * 2 = always escaped. */
static int qp_octet_class(unsigned char c) {
  if (c == ' ' || c == '\t')
    return 1;
  if (c < 33 || c > 126 || c == '=')
    return 2;
  return 0;
}

/* Emits one token (1 or 3 characters), wrapping first if the token plus a
 * possible trailing soft-break '=' would not fit. last_on_line tells whether
 * the token is the final one before a hard break or end of input (then no
 * room for the '=' is needed). */
static void qp_emit(qp_sink *s, unsigned char c, int escaped,
                    int last_on_line) {
  unsigned w = escaped ? 3u : 1u;
  unsigned limit = last_on_line ? QP_MAX_LINE : QP_MAX_LINE - 1;
  if (s->col + w > limit)
    qp_soft_break(s);
  if (escaped) {
    qp_put(s, '=');
    qp_put(s, (unsigned char)qp_hexdigits[c >> 4]);
    qp_put(s, (unsigned char)qp_hexdigits[c & 15]);
  } else {
    qp_put(s, c);
  }
  s->col += w;
}

/* Returns the number of bytes the encoding needs; the output is complete
 * only when that is <= cap. */
size_t qp_encode(const unsigned char *in, size_t n, unsigned char *out,
                 size_t cap) {
  qp_sink s;
  size_t i = 0;
  s.out = out;
  s.cap = cap;
  s.len = 0;
  s.overflow = 0;
  s.col = 0;
  while (i < n) {
    unsigned char c = in[i];
    if (c == '\n' || (c == '\r' && i + 1 < n && in[i + 1] == '\n')) {
      size_t brk = (c == '\r') ? 2 : 1;
      size_t k;
      for (k = 0; k < brk; k++)
        qp_put(&s, in[i + k]);
      s.col = 0;
      i += brk;
      continue;
    }
    {
      int cls = qp_octet_class(c);
      int at_eol = (i + 1 == n) || in[i + 1] == '\n' ||
                   (in[i + 1] == '\r' && i + 2 < n && in[i + 2] == '\n');
      int esc = (cls == 2) || (cls == 1 && at_eol);
      qp_emit(&s, c, esc, at_eol);
    }
    i++;
  }
  return s.len;
}

static int qp_hexval(unsigned char c) {
  if (c >= '0' && c <= '9')
    return c - '0';
  c |= 0x20;
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  return -1;
}

/* Decodes n input bytes into out (which needs at most n bytes). Returns the
 * decoded length. */
size_t qp_decode(const unsigned char *in, size_t n, unsigned char *out) {
  size_t r = 0, w = 0;
  size_t line_keep = 0; /* output length after the last non-blank char */
  while (r < n) {
    unsigned char c = in[r];
    if (c == '=') {
      int hi, lo;
      /* soft line break: '=' optionally followed by blanks, then EOL */
      size_t k = r + 1;
      while (k < n && (in[k] == ' ' || in[k] == '\t'))
        k++;
      if (k < n && in[k] == '\n') {
        r = k + 1;
        line_keep = w;
        continue;
      }
      if (k + 1 < n && in[k] == '\r' && in[k + 1] == '\n') {
        r = k + 2;
        line_keep = w;
        continue;
      }
      if (k == n) { /* '=' at the very end: soft break with no EOL */
        r = n;
        continue;
      }
      hi = qp_hexval(in[r + 1]);
      lo = (r + 2 < n) ? qp_hexval(in[r + 2]) : -1;
      if (hi >= 0 && lo >= 0) {
        out[w++] = (unsigned char)((hi << 4) | lo);
        line_keep = w;
        r += 3;
        continue;
      }
      out[w++] = '=';
      line_keep = w;
      r++;
      continue;
    }
    if (c == '\n' || (c == '\r' && r + 1 < n && in[r + 1] == '\n')) {
      /* hard break: trailing blanks on the encoded line are transport
       * padding and are removed */
      w = line_keep;
      out[w++] = c;
      if (c == '\r')
        out[w++] = in[++r];
      r++;
      line_keep = w;
      continue;
    }
    out[w++] = c;
    if (c != ' ' && c != '\t')
      line_keep = w;
    r++;
  }
  /* blanks at the very end of the data are padding too */
  return line_keep;
}

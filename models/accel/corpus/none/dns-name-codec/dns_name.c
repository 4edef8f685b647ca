/* DNS domain names: presentation format (RFC 1035 master-file text with
 * \. and \DDD escapes) to uncompressed wire format and back, plus
 * case-insensitive comparison and a subdomain test on wire names.
 * Compression pointers are rejected: this code is for building queries
 * and for names already expanded. */
#include <stddef.h>
#include <stdint.h>

#define DNS_MAX_LABEL 63
#define DNS_MAX_NAME 255

/* Encode text into out. Returns the wire length, or -1 on error. */
int dns_name_encode(const char *text, uint8_t *out, size_t cap) {
  size_t pos = 0;    /* write position */
  size_t lenpos = 0; /* where the current label's length byte lives */
  int lablen = 0;
  if (cap < 1)
    return -1;
  if (text[0] == '.' && text[1] == '\0') {
    out[0] = 0;
    return 1;
  }
  pos = 1;
  for (const char *p = text;; p++) {
    unsigned char c = (unsigned char)*p;
    if (c == '.' || c == '\0') {
      if (lablen == 0) {
        if (c == '\0' && p != text && p[-1] == '.' && pos == lenpos + 1)
          break; /* trailing dot already closed the last label */
        return -1; /* empty label */
      }
      out[lenpos] = (uint8_t)lablen;
      if (c == '\0')
        break;
      lenpos = pos;
      if (++pos > cap)
        return -1;
      lablen = 0;
      continue;
    }
    if (c == '\\') {
      unsigned char n1 = (unsigned char)p[1];
      if (n1 >= '0' && n1 <= '9') {
        unsigned char n2 = (unsigned char)p[2], n3 = (unsigned char)p[3];
        if (n2 < '0' || n2 > '9' || n3 < '0' || n3 > '9')
          return -1;
        unsigned v = (n1 - '0') * 100u + (n2 - '0') * 10u + (n3 - '0');
        if (v > 255)
          return -1;
        c = (unsigned char)v;
        p += 3;
      } else if (n1 == '\0') {
        return -1;
      } else {
        c = n1;
        p += 1;
      }
    }
    if (++lablen > DNS_MAX_LABEL)
      return -1;
    if (pos >= cap)
      return -1;
    out[pos++] = c;
  }
  /* If the last label was closed by a trailing dot, a slot was already
   * reserved for the root label at lenpos. */
  if (pos == lenpos + 1 && lablen == 0) {
    out[lenpos] = 0;
  } else {
    if (pos >= cap)
      return -1;
    out[pos++] = 0;
  }
  if (pos > DNS_MAX_NAME)
    return -1;
  return (int)pos;
}

/* Decode a wire name to text with a trailing dot. Returns the number of
 * wire bytes consumed, or -1 (truncated, pointer, too long, no room). */
int dns_name_decode(const uint8_t *wire, size_t len, char *out, size_t cap) {
  size_t i = 0, o = 0;
  for (;;) {
    if (i >= len)
      return -1;
    uint8_t l = wire[i++];
    if (l == 0)
      break;
    if (l & 0xC0)
      return -1; /* compression pointer or reserved label type */
    if (i + l > len || i + l > DNS_MAX_NAME)
      return -1;
    for (uint8_t k = 0; k < l; k++) {
      uint8_t c = wire[i++];
      if (c == '.' || c == '\\' || c == '"' || c == ';' || c == '(' ||
          c == ')' || c == '@' || c == '$') {
        if (o + 2 >= cap)
          return -1;
        out[o++] = '\\';
        out[o++] = (char)c;
      } else if (c <= 0x20 || c >= 0x7F) {
        if (o + 4 >= cap)
          return -1;
        out[o++] = '\\';
        out[o++] = (char)('0' + c / 100);
        out[o++] = (char)('0' + (c / 10) % 10);
        out[o++] = (char)('0' + c % 10);
      } else {
        if (o + 1 >= cap)
          return -1;
        out[o++] = (char)c;
      }
    }
    if (o + 1 >= cap)
      return -1;
    out[o++] = '.';
  }
  if (o == 0) {
    if (cap < 2)
      return -1;
    out[o++] = '.';
  }
  out[o] = '\0';
  return (int)i;
}

static uint8_t ascii_lower(uint8_t c) {
  return (c >= 'A' && c <= 'Z') ? (uint8_t)(c + 32) : c;
}

/* Case-insensitive equality of two well-formed uncompressed wire names. */
int dns_name_equal(const uint8_t *a, const uint8_t *b) {
  for (;;) {
    if (*a != *b)
      return 0;
    uint8_t l = *a;
    if (l == 0)
      return 1;
    a++;
    b++;
    for (uint8_t k = 0; k < l; k++)
      if (ascii_lower(a[k]) != ascii_lower(b[k]))
        return 0;
    a += l;
    b += l;
  }
}

/* Number of labels (root = 0), or -1 if malformed within len bytes. */
int dns_name_labels(const uint8_t *w, size_t len) {
  size_t i = 0;
  int n = 0;
  while (i < len) {
    uint8_t l = w[i];
    if (l == 0)
      return n;
    if (l > DNS_MAX_LABEL)
      return -1;
    i += 1 + (size_t)l;
    n++;
  }
  return -1;
}

/* True if child equals parent or lies below it (both well-formed). */
int dns_name_is_subdomain(const uint8_t *child, size_t clen,
                          const uint8_t *parent, size_t plen) {
  int cn = dns_name_labels(child, clen);
  int pn = dns_name_labels(parent, plen);
  if (cn < 0 || pn < 0 || cn < pn)
    return 0;
  const uint8_t *c = child;
  for (int skip = cn - pn; skip > 0; skip--)
    c += 1 + *c;
  return dns_name_equal(c, parent);
}

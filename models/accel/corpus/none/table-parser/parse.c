/* Parsers driven by small tables indexed by shifted header fields: hex
 * decoding, an IPv6 extension-header walk, DSCP to queue mapping and a
 * character-class tokenizer. Label: none. */
#include <stdint.h>

static const int8_t hexval[256] = {
    ['0'] = 0, ['1'] = 1, ['2'] = 2, ['3'] = 3, ['4'] = 4, ['5'] = 5,
    ['6'] = 6, ['7'] = 7, ['8'] = 8, ['9'] = 9, ['a'] = 10, ['b'] = 11,
    ['c'] = 12, ['d'] = 13, ['e'] = 14, ['f'] = 15};
static const uint8_t dscp_queue[64] = {0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1,
                                       1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 2, 2,
                                       3, 3, 3, 3, 3, 3, 3, 3, 4, 4, 4, 4,
                                       5, 5, 5, 5, 6, 6, 6, 6, 7, 7, 7, 7};
static const uint8_t is_ext[256] = {[0] = 1, [43] = 1, [44] = 1, [60] = 1};
static const uint8_t cclass[128] = {[' '] = 1, ['\t'] = 1, ['='] = 2, [','] = 3};

int hex_decode(const char *s, uint8_t *out, int n) {
  for (int i = 0; i < n; i++) {
    int hi = hexval[(uint8_t)s[2 * i]], lo = hexval[(uint8_t)s[2 * i + 1]];
    out[i] = (uint8_t)((hi << 4) | lo);
  }
  return n;
}

int v6_upper_offset(const uint8_t *pkt, int len) {
  int next = pkt[6], off = 40;
  while (is_ext[next] && off + 8 <= len) {
    int hlen = next == 44 ? 8 : (pkt[off + 1] + 1) << 3;
    next = pkt[off];
    off += hlen;
  }
  return off <= len ? off : -1;
}

int queue_of(const uint8_t *ip) {
  uint8_t tos = ip[1];
  int q = dscp_queue[tos >> 2];
  if ((ip[0] >> 4) == 6)
    q = dscp_queue[((ip[0] & 0x0f) << 2) | (ip[1] >> 6)];
  return q;
}

int tokens(const char *s, int *starts, int max) {
  int n = 0, in = 0;
  for (int i = 0; s[i] && n < max; i++) {
    int c = cclass[(uint8_t)s[i] & 0x7f];
    if (c == 0 && !in) {
      starts[n++] = i;
      in = 1;
    } else if (c != 0)
      in = 0;
  }
  return n;
}

/* A RIB for prefixes received as BGP NLRI (a length in bits followed by
 * just enough bytes to hold it), for any address family. Prefixes live in
 * one array sorted as bit strings, a prefix before its extensions, and
 * each knows its parent (the longest prefix in the array that contains
 * it), found with a stack when an update is loaded. A destination (a byte
 * string of `width` bits) is binary-searched for the last prefix ordered
 * at or before it; that prefix or one of its ancestors is the longest
 * match, so the search follows parent links until one contains the
 * destination. Bits are compared one at a time. Label: lpm. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#define RIB_MAX 4096

struct rib_ent {
  uint8_t bits[16];
  uint8_t nbits;
  int parent; /* index, -1: none */
  uint32_t path_id;
};

struct rib {
  struct rib_ent e[RIB_MAX];
  int n;
};

/* Orders two bit strings: by their first differing bit, or shorter first
 * when one is a prefix of the other. *common gets the shared length. */
static int bits_order(const uint8_t *a, int alen, const uint8_t *b, int blen,
                      int *common) {
  int lim = alen < blen ? alen : blen;
  int i = 0;
  while (i < lim) {
    int x = (a[i >> 3] >> (7 - (i & 7))) & 1;
    int y = (b[i >> 3] >> (7 - (i & 7))) & 1;
    if (x != y) {
      *common = i;
      return x - y;
    }
    i++;
  }
  *common = lim;
  return alen - blen;
}

/* Adds every prefix of one NLRI field. Returns the prefixes read, or -1 on
 * a malformed field or a full table. */
int rib_update(struct rib *r, const uint8_t *nlri, size_t len, int max_bits,
               uint32_t path_id) {
  size_t off = 0;
  int added = 0;
  while (off < len) {
    int nb = nlri[off++];
    size_t nbytes = ((size_t)nb + 7) / 8;
    if (nb > max_bits || off + nbytes > len)
      return -1;
    struct rib_ent ent;
    memset(&ent, 0, sizeof ent);
    memcpy(ent.bits, nlri + off, nbytes);
    if (nb & 7)
      ent.bits[nb >> 3] &= (uint8_t)(0xFF << (8 - (nb & 7)));
    ent.nbits = (uint8_t)nb;
    ent.path_id = path_id;
    off += nbytes;

    int lo = 0, hi = r->n, c = 0, common;
    while (lo < hi) { /* first entry not below ent */
      int mid = lo + (hi - lo) / 2;
      c = bits_order(r->e[mid].bits, r->e[mid].nbits, ent.bits, nb, &common);
      if (c < 0)
        lo = mid + 1;
      else
        hi = mid;
    }
    if (lo < r->n && r->e[lo].nbits == nb &&
        bits_order(r->e[lo].bits, nb, ent.bits, nb, &common) == 0) {
      r->e[lo].path_id = path_id; /* implicit withdraw + re-announce */
    } else {
      if (r->n == RIB_MAX)
        return -1;
      memmove(&r->e[lo + 1], &r->e[lo], (size_t)(r->n - lo) * sizeof ent);
      r->e[lo] = ent;
      r->n++;
    }
    added++;
  }
  /* parents: the stack holds the chain of prefixes containing entry i */
  int stack[129 + 1];
  int top = 0;
  for (int i = 0; i < r->n; i++) {
    while (top > 0) {
      const struct rib_ent *s = &r->e[stack[top - 1]];
      int common;
      bits_order(s->bits, s->nbits, r->e[i].bits, r->e[i].nbits, &common);
      if (common == s->nbits)
        break;
      top--;
    }
    r->e[i].parent = top ? stack[top - 1] : -1;
    stack[top++] = i;
  }
  return added;
}

/* Path id of the longest prefix containing dst, or -1. */
long rib_lookup(const struct rib *r, const uint8_t *dst, int width) {
  int lo = 0, hi = r->n - 1, at = -1, common;
  while (lo <= hi) {
    int mid = (lo + hi) >> 1;
    const struct rib_ent *x = &r->e[mid];
    if (bits_order(x->bits, x->nbits, dst, width, &common) <= 0) {
      at = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  while (at >= 0) {
    const struct rib_ent *x = &r->e[at];
    bits_order(x->bits, x->nbits, dst, width, &common);
    if (common >= x->nbits)
      return x->path_id;
    at = x->parent;
  }
  return -1;
}

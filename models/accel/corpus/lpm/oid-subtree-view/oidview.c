/* Longest matching OID subtree, as an SNMP agent decides which view family
 * entry governs a variable (RFC 3415: of the subtrees that contain the
 * name, the one with the most sub-identifiers wins). Keys are object
 * identifiers, sequences of 32-bit arcs such as 1.3.6.1.2.1.1.5.0.
 *
 * The subtrees live in an arc tree: every node is one sub-identifier, its
 * children are kept in an array sorted by arc and found by binary search,
 * and a node where a configured subtree ends carries that entry's value.
 * A query walks the name with a pointer, one arc per level, and keeps the
 * value of the deepest valued node it passed. Label: lpm. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef struct oid_node {
  uint32_t arc;
  uint16_t nkids, capkids;
  int32_t value; /* -1: no subtree ends here */
  struct oid_node **kids;
} oid_node;

typedef struct oid_view {
  oid_node root; /* the empty OID */
  size_t entries;
} oid_view;

/* "1.3.6.1.2.1" -> arcs; number of arcs, or -1 */
int oid_parse(const char *text, uint32_t *arcs, int max)
{
  int n = 0;
  const char *c = text;
  if (*c == '.')
    c++;
  while (*c) {
    uint64_t v = 0;
    if (*c < '0' || *c > '9' || n == max)
      return -1;
    do {
      v = v * 10 + (uint64_t)(*c++ - '0');
      if (v > 0xffffffffu)
        return -1;
    } while (*c >= '0' && *c <= '9');
    arcs[n++] = (uint32_t)v;
    if (*c == '.') {
      c++;
      if (!*c)
        return -1;
    } else if (*c) {
      return -1;
    }
  }
  return n;
}

void oid_view_init(oid_view *v)
{
  memset(v, 0, sizeof *v);
  v->root.value = -1;
}

static void node_drop(oid_node *n)
{
  uint16_t i;
  for (i = 0; i < n->nkids; i++) {
    node_drop(n->kids[i]);
    free(n->kids[i]);
  }
  free(n->kids);
}

void oid_view_clear(oid_view *v)
{
  node_drop(&v->root);
  oid_view_init(v);
}

/* position of the first child whose arc is >= arc */
static unsigned kid_rank(const oid_node *n, uint32_t arc)
{
  unsigned lo = 0, hi = n->nkids;
  while (lo < hi) {
    unsigned mid = lo + ((hi - lo) >> 1);
    if (n->kids[mid]->arc < arc)
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo;
}

/* sets the value of subtree arcs[0..len); value >= 0 */
int oid_view_set(oid_view *v, const uint32_t *arcs, size_t len, int32_t value)
{
  oid_node *n = &v->root;
  const uint32_t *p = arcs, *end = arcs + len;

  if (value < 0)
    return -1;
  for (; p != end; p++) {
    unsigned at = kid_rank(n, *p);
    oid_node *child;
    if (at < n->nkids && n->kids[at]->arc == *p) {
      n = n->kids[at];
      continue;
    }
    if (n->nkids == n->capkids) {
      uint16_t cap = n->capkids ? (uint16_t)(n->capkids * 2) : 2;
      oid_node **grown;
      if (cap <= n->capkids)
        return -1; /* more than 32768 siblings */
      grown = realloc(n->kids, cap * sizeof *grown);
      if (!grown)
        return -1;
      n->kids = grown;
      n->capkids = cap;
    }
    child = calloc(1, sizeof *child);
    if (!child)
      return -1;
    child->arc = *p;
    child->value = -1;
    memmove(n->kids + at + 1, n->kids + at,
            (n->nkids - at) * sizeof *n->kids);
    n->kids[at] = child;
    n->nkids++;
    n = child;
  }
  if (n->value < 0)
    v->entries++;
  n->value = value;
  return 0;
}

/* value of the longest configured subtree containing name, -1 if none;
 * *depth gets that subtree's number of arcs */
int32_t oid_view_match(const oid_view *v, const uint32_t *name, size_t len,
                       size_t *depth)
{
  const oid_node *n = &v->root;
  const uint32_t *p = name, *end = name + len;
  int32_t best = n->value;
  const uint32_t *best_end = p;

  while (p < end && n->nkids) {
    const oid_node *const *lo = (const oid_node *const *)n->kids;
    size_t count = n->nkids;
    const uint32_t arc = *p;
    while (count > 0) {
      size_t half = count >> 1;
      if (lo[half]->arc < arc) {
        lo += half + 1;
        count -= half + 1;
      } else {
        count = half;
      }
    }
    if (lo == (const oid_node *const *)n->kids + n->nkids || (*lo)->arc != arc)
      break;
    n = *lo;
    ++p;
    if (n->value >= 0) {
      best = n->value;
      best_end = p;
    }
  }
  if (depth)
    *depth = (size_t)(best_end - name);
  return best;
}

/* removes a subtree entry (nodes stay); 0 if it existed */
int oid_view_unset(oid_view *v, const uint32_t *arcs, size_t len)
{
  oid_node *n = &v->root;
  size_t i;
  for (i = 0; i < len; i++) {
    unsigned at = kid_rank(n, arcs[i]);
    if (at >= n->nkids || n->kids[at]->arc != arcs[i])
      return -1;
    n = n->kids[at];
  }
  if (n->value < 0)
    return -1;
  n->value = -1;
  v->entries--;
  return 0;
}

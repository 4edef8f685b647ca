/* Longest prefix match over keys of any width given as byte strings and a
 * length in bits (IPv4, IPv6, MAC prefixes, ...), as in an eBPF LPM map:
 * a binary trie whose nodes store a whole key and its prefix length; glue
 * nodes (no value) join two subtrees at the first bit where they differ.
 * Label: lpm. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct pnode {
  struct pnode *next[2];
  uint32_t nbits;
  uint8_t glue;
  long value;
  uint8_t key[]; /* width bytes */
};

struct ptree {
  struct pnode *top;
  uint32_t width; /* key size in bytes */
  uint32_t count;
};

#define KEYBIT(k, i) (((k)[(i) >> 3] >> (7 - ((i) & 7))) & 1)

/* Number of leading bits in which node n and key agree, at most both
 * lengths. */
static uint32_t shared_bits(const struct pnode *n, const uint8_t *key,
                            uint32_t klen, uint32_t width) {
  uint32_t lim = n->nbits < klen ? n->nbits : klen;
  uint32_t got = 0;
  for (uint32_t b = 0; b < width && got < lim; b++) {
    uint8_t x = (uint8_t)(n->key[b] ^ key[b]);
    if (x != 0) {
      got += (uint32_t)__builtin_clz((unsigned)x) - 24;
      break;
    }
    got += 8;
  }
  return got < lim ? got : lim;
}

static struct pnode *pnode_make(const struct ptree *t, const uint8_t *key,
                                uint32_t nbits, long value, int glue) {
  struct pnode *n = calloc(1, sizeof *n + t->width);
  if (n == NULL)
    return NULL;
  memcpy(n->key, key, t->width);
  n->nbits = nbits;
  n->value = value;
  n->glue = (uint8_t)glue;
  return n;
}

/* Inserts or replaces key/nbits. 0, or -1 (bad length, no memory). */
int ptree_update(struct ptree *t, const uint8_t *key, uint32_t nbits,
                 long value) {
  if (nbits > 8 * t->width)
    return -1;
  struct pnode **slot = &t->top, *n;
  uint32_t m = 0;
  while ((n = *slot) != NULL) {
    m = shared_bits(n, key, nbits, t->width);
    if (m != n->nbits || m == nbits)
      break;
    slot = &n->next[KEYBIT(key, m)];
  }
  if (n != NULL && m == nbits && n->nbits == nbits) {
    if (n->glue)
      t->count++;
    n->glue = 0;
    n->value = value;
    return 0;
  }
  struct pnode *fresh = pnode_make(t, key, nbits, value, 0);
  if (fresh == NULL)
    return -1;
  t->count++;
  if (n == NULL) {
    *slot = fresh;
  } else if (m == nbits) {
    /* the new prefix covers n */
    fresh->next[KEYBIT(n->key, m)] = n;
    *slot = fresh;
  } else {
    struct pnode *join = pnode_make(t, key, m, 0, 1);
    if (join == NULL) {
      free(fresh);
      t->count--;
      return -1;
    }
    join->next[KEYBIT(n->key, m)] = n;
    join->next[KEYBIT(key, m)] = fresh;
    *slot = join;
  }
  return 0;
}

/* The value of the longest stored prefix of key/klen; *hit says whether one
 * was found. */
long ptree_match(const struct ptree *t, const uint8_t *key, uint32_t klen,
                 int *hit) {
  const struct pnode *n = t->top, *best = NULL;
  while (n != NULL) {
    uint32_t m = shared_bits(n, key, klen, t->width);
    if (m != n->nbits)
      break;
    if (!n->glue)
      best = n;
    if (n->nbits >= klen)
      break;
    n = n->next[KEYBIT(key, n->nbits)];
  }
  *hit = best != NULL;
  return best ? best->value : 0;
}

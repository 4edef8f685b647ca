/* IPv4 forwarding table folded into a directed acyclic graph ("trie
 * folding"). Routes are first collected in an ordinary one-bit trie. The
 * build then leaf-pushes that trie (every path ends in a leaf that carries
 * the next hop of the longest prefix on it) and hash-conses the result
 * bottom-up: identical sub-tries are stored once, and a node whose two
 * halves are the same leaf collapses into that leaf. A sub-trie only says
 * "consume the next bits", so one shared copy serves every depth it occurs
 * at.
 *
 * A reference to a folded node is a 32-bit word: with the top bit set it is
 * a leaf and the low bits are the label (0 = no route), otherwise it is the
 * index of a pair of references in `dag`. Lookup follows the address bits
 * from the most significant one until it reaches a leaf. Label: lpm. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define LEAF_BIT 0x80000000u
#define IS_LEAF(r) (((r) & LEAF_BIT) != 0)
#define LEAF(label) (LEAF_BIT | (uint32_t)(label))
#define LABEL(r) ((r) & ~LEAF_BIT)
#define NIL (-1)
#define PAIR_SLOT(l, r, mask) \
  ((uint32_t)(((l) * 0x9E3779B1u) ^ ((r) * 0x85EBCA77u) ^ ((r) >> 13)) & (mask))

struct bnode {
  int32_t kid[2];
  uint32_t label; /* 0: no prefix ends here */
};

struct fold_fib {
  struct bnode *trie;
  uint32_t tn, tcap;
  uint32_t *dag; /* two references per folded node */
  uint32_t dn, dcap;
  uint32_t *uniq; /* open addressing over dag indices + 1 */
  uint32_t ucap;
  uint32_t root;
};

int fold_init(struct fold_fib *f)
{
  memset(f, 0, sizeof *f);
  f->tcap = 64;
  f->trie = malloc(f->tcap * sizeof *f->trie);
  if (!f->trie)
    return -1;
  f->trie[0].kid[0] = f->trie[0].kid[1] = NIL;
  f->trie[0].label = 0;
  f->tn = 1;
  f->root = LEAF(0);
  return 0;
}

void fold_free(struct fold_fib *f)
{
  free(f->trie);
  free(f->dag);
  free(f->uniq);
  memset(f, 0, sizeof *f);
}

/* label must be in 1 .. 0x7fffffff; a repeated prefix takes the new label */
int fold_add(struct fold_fib *f, uint32_t prefix, unsigned len, uint32_t label)
{
  int32_t cur = 0;
  unsigned depth;

  if (len > 32 || label == 0 || IS_LEAF(label))
    return -1;
  for (depth = 0; depth < len; depth++) {
    unsigned bit = (prefix >> (31 - depth)) & 1u;
    int32_t next = f->trie[cur].kid[bit];
    if (next == NIL) {
      if (f->tn == f->tcap) {
        uint32_t ncap = f->tcap * 2;
        struct bnode *nt = realloc(f->trie, ncap * sizeof *nt);
        if (!nt)
          return -1;
        f->trie = nt;
        f->tcap = ncap;
      }
      next = (int32_t)f->tn++;
      f->trie[next].kid[0] = f->trie[next].kid[1] = NIL;
      f->trie[next].label = 0;
      f->trie[cur].kid[bit] = next;
    }
    cur = next;
  }
  f->trie[cur].label = label;
  return 0;
}

static int dag_rehash(struct fold_fib *f, uint32_t ncap)
{
  uint32_t *nu = calloc(ncap, sizeof *nu);
  uint32_t i;
  if (!nu)
    return -1;
  for (i = 0; i < f->dn; i++) {
    uint32_t l = f->dag[2 * i], r = f->dag[2 * i + 1];
    uint32_t s = PAIR_SLOT(l, r, ncap - 1);
    while (nu[s] != 0)
      s = (s + 1) & (ncap - 1);
    nu[s] = i + 1;
  }
  free(f->uniq);
  f->uniq = nu;
  f->ucap = ncap;
  return 0;
}

/* the one shared node for the pair (l, r); UINT32_MAX if out of memory */
uint32_t fold_intern(struct fold_fib *f, uint32_t l, uint32_t r)
{
  uint32_t s, id;

  if (l == r && IS_LEAF(l))
    return l;
  if (2 * (f->dn + 1) > f->ucap && dag_rehash(f, f->ucap ? f->ucap * 2 : 256))
    return UINT32_MAX;
  s = PAIR_SLOT(l, r, f->ucap - 1);
  while ((id = f->uniq[s]) != 0) {
    if (f->dag[2 * (id - 1)] == l && f->dag[2 * (id - 1) + 1] == r)
      return id - 1;
    s = (s + 1) & (f->ucap - 1);
  }
  if (f->dn == f->dcap) {
    uint32_t ncap = f->dcap ? f->dcap * 2 : 128;
    uint32_t *nd = realloc(f->dag, (size_t)ncap * 2 * sizeof *nd);
    if (!nd)
      return UINT32_MAX;
    f->dag = nd;
    f->dcap = ncap;
  }
  id = f->dn++;
  f->dag[2 * id] = l;
  f->dag[2 * id + 1] = r;
  f->uniq[s] = id + 1;
  return id;
}

/* folds the sub-trie at `node`, whose nearest labelled ancestor is `inherit` */
static uint32_t fold_rec(struct fold_fib *f, int32_t node, uint32_t inherit)
{
  uint32_t l, r;
  const struct bnode *b;

  if (node == NIL)
    return LEAF(inherit);
  b = &f->trie[node];
  if (b->label)
    inherit = b->label;
  if (b->kid[0] == NIL && b->kid[1] == NIL)
    return LEAF(inherit);
  l = fold_rec(f, b->kid[0], inherit);
  if (l == UINT32_MAX)
    return l;
  r = fold_rec(f, f->trie[node].kid[1], inherit);
  if (r == UINT32_MAX)
    return r;
  return fold_intern(f, l, r);
}

/* rebuilds the folded graph from the collected routes */
int fold_build(struct fold_fib *f)
{
  uint32_t root;
  f->dn = 0;
  if (f->uniq)
    memset(f->uniq, 0, f->ucap * sizeof *f->uniq);
  root = fold_rec(f, 0, 0);
  if (root == UINT32_MAX)
    return -1;
  f->root = root;
  return 0;
}

/* label of the longest prefix covering addr, 0 if none */
uint32_t fold_lookup(const struct fold_fib *f, uint32_t addr)
{
  uint32_t ref = f->root;
  const uint32_t *dag = f->dag;
  while (!IS_LEAF(ref)) {
    ref = dag[2 * ref + (addr >> 31)];
    addr <<= 1;
  }
  return LABEL(ref);
}

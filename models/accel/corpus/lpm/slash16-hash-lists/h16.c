/* A two-level route table: routes longer than /16 hang off a chained hash
 * table keyed by their top 16 bits, each /16 bucket holding its own /16
 * route and a linked list of its longer routes kept in decreasing length
 * order, so the first list entry that matches is the longest. Routes of up
 * to 15 bits sit in a short array, also longest first, consulted only when
 * the bucket gives nothing. Label: lpm. */
#include <stdint.h>
#include <stdlib.h>

#define HEADS 1024

typedef struct longer {
  struct longer *next;
  uint32_t net;
  uint32_t mask;
  uint8_t len;
  uint16_t port;
} longer_t;

typedef struct bucket {
  struct bucket *chain;
  uint16_t top16;
  int16_t port16; /* the /16 route itself, -1: none */
  longer_t *list;
} bucket_t;

typedef struct {
  uint32_t net, mask;
  uint8_t len;
  uint16_t port;
} shortrt_t;

typedef struct {
  bucket_t *head[HEADS];
  shortrt_t shortr[16 * 64];
  int nshort;
} fwd_t;

static unsigned slot_of(uint16_t k) {
  return (unsigned)((k * 40503u) >> 6) & (HEADS - 1);
}

bucket_t *bucket_get(fwd_t *f, uint16_t top16, int create) {
  bucket_t **pp = &f->head[slot_of(top16)];
  while (*pp) {
    if ((*pp)->top16 == top16)
      return *pp;
    pp = &(*pp)->chain;
  }
  if (!create)
    return NULL;
  bucket_t *b = calloc(1, sizeof *b);
  if (!b)
    return NULL;
  b->top16 = top16;
  b->port16 = -1;
  *pp = b;
  return b;
}

int fwd_insert(fwd_t *f, uint32_t net, unsigned len, uint16_t port) {
  if (len > 32 || port > 0x7FFF)
    return -1;
  uint32_t mask = len ? 0xFFFFFFFFu << (32 - len) : 0;
  net &= mask;
  if (len < 16) {
    int i = 0;
    while (i < f->nshort && f->shortr[i].len > len)
      i++;
    for (int j = i; j < f->nshort && f->shortr[j].len == len; j++)
      if (f->shortr[j].net == net) {
        f->shortr[j].port = port;
        return 0;
      }
    if (f->nshort == (int)(sizeof f->shortr / sizeof f->shortr[0]))
      return -1;
    for (int j = f->nshort; j > i; j--)
      f->shortr[j] = f->shortr[j - 1];
    f->shortr[i].net = net;
    f->shortr[i].mask = mask;
    f->shortr[i].len = (uint8_t)len;
    f->shortr[i].port = port;
    f->nshort++;
    return 0;
  }
  bucket_t *b = bucket_get(f, (uint16_t)(net >> 16), 1);
  if (!b)
    return -1;
  if (len == 16) {
    b->port16 = (int16_t)port;
    return 0;
  }
  longer_t **pp = &b->list;
  while (*pp && (*pp)->len > len)
    pp = &(*pp)->next;
  for (longer_t *q = *pp; q && q->len == len; q = q->next)
    if (q->net == net) {
      q->port = port;
      return 0;
    }
  longer_t *n = malloc(sizeof *n);
  if (!n)
    return -1;
  n->net = net;
  n->mask = mask;
  n->len = (uint8_t)len;
  n->port = port;
  n->next = *pp;
  *pp = n;
  return 0;
}

int fwd_resolve(const fwd_t *f, uint32_t dst) {
  uint16_t hi = (uint16_t)(dst >> 16);
  const bucket_t *b = f->head[slot_of(hi)];
  while (b && b->top16 != hi)
    b = b->chain;
  if (b) {
    for (const longer_t *l = b->list; l; l = l->next)
      if ((dst & l->mask) == l->net)
        return l->port;
    if (b->port16 >= 0)
      return b->port16;
  }
  const shortrt_t *s = f->shortr, *end = f->shortr + f->nshort;
  for (; s != end; ++s)
    if ((dst & s->mask) == s->net)
      return s->port;
  return -1;
}

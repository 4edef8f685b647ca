/* A small flow cache kept in most-recently-used order on a doubly linked
 * list (move-to-front on every hit, eviction from the tail), as a fast path
 * in front of a slow connection table: lookup walks the list comparing the
 * 5-tuple, insert reuses the least recently used entry, and aging unlinks
 * entries idle for longer than a timeout, walking from the tail.
 * Label: none. */
#include <stddef.h>
#include <stdint.h>

struct fkey {
  uint32_t saddr, daddr;
  uint16_t sport, dport;
  uint8_t proto;
};

struct fent {
  struct fent *prev, *next;
  struct fkey k;
  uint32_t action;
  uint64_t last_seen;
  int used;
};

struct fcache {
  struct fent head; /* sentinel: head.next = most recent */
  struct fent *pool;
  unsigned size;
  unsigned hits, misses;
};

#define UNLINK(e)                                                              \
  do {                                                                         \
    (e)->prev->next = (e)->next;                                               \
    (e)->next->prev = (e)->prev;                                               \
  } while (0)
#define LINK_FRONT(c, e)                                                       \
  do {                                                                         \
    (e)->next = (c)->head.next;                                                \
    (e)->prev = &(c)->head;                                                    \
    (c)->head.next->prev = (e);                                                \
    (c)->head.next = (e);                                                      \
  } while (0)

void fc_init(struct fcache *c, struct fent *pool, unsigned n) {
  c->head.next = c->head.prev = &c->head;
  c->pool = pool;
  c->size = n;
  c->hits = c->misses = 0;
  for (unsigned i = 0; i < n; i++) {
    pool[i].used = 0;
    LINK_FRONT(c, &pool[i]); /* free entries sit in the list too */
  }
}

static int same(const struct fkey *a, const struct fkey *b) {
  return a->saddr == b->saddr && a->daddr == b->daddr && a->sport == b->sport &&
         a->dport == b->dport && a->proto == b->proto;
}

/* Returns the action of the flow, or -1 on a miss. */
long fc_lookup(struct fcache *c, const struct fkey *k, uint64_t now) {
  struct fent *e = c->head.next;
  while (e != &c->head) {
    if (e->used && same(&e->k, k)) {
      e->last_seen = now;
      if (e != c->head.next) {
        UNLINK(e);
        LINK_FRONT(c, e);
      }
      c->hits++;
      return (long)e->action;
    }
    e = e->next;
  }
  c->misses++;
  return -1;
}

/* Installs k -> action (the caller knows k is absent); returns 1 when a
 * live entry had to be evicted. */
int fc_insert(struct fcache *c, const struct fkey *k, uint32_t action,
              uint64_t now) {
  struct fent *victim = c->head.prev;
  int evicted = victim->used;
  UNLINK(victim);
  victim->k = *k;
  victim->action = action;
  victim->last_seen = now;
  victim->used = 1;
  LINK_FRONT(c, victim);
  return evicted;
}

/* Frees the entries idle for more than `idle`; they move to the tail as
 * free slots. Returns how many were freed. */
unsigned fc_age(struct fcache *c, uint64_t now, uint64_t idle) {
  unsigned freed = 0;
  struct fent *e = c->head.prev;
  struct fent *stop = &c->head;
  /* live entries are ordered by last_seen: stop at the first fresh one */
  while (e != stop) {
    struct fent *p = e->prev;
    if (e->used) {
      if (now - e->last_seen <= idle)
        break;
      e->used = 0;
      freed++;
    }
    e = p;
  }
  return freed;
}

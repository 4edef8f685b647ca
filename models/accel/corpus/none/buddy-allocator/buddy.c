/* Binary buddy allocator for a packet-buffer arena (Knowlton's scheme as
 * used by kernel page allocators): the arena is 2^MAX_ORDER blocks of 64
 * bytes; a request is rounded up to a power-of-two number of blocks, the
 * smallest free block that fits is split in halves until it has the right
 * order, and on release a block merges with its buddy (offset XOR size)
 * while the buddy is free and of the same order. Free blocks sit on
 * per-order doubly linked lists threaded through the free memory itself
 * (block indices, not pointers); a bitmap marks which blocks head a free
 * block, a byte per block records the order, and a mask of non-empty
 * orders finds a fitting list with one count-trailing-zeros.
 * Label: none. */
#include <stdint.h>
#include <stddef.h>

#define BUDDY_MIN_SHIFT 6 /* 64-byte granule */
#define BUDDY_MAX_ORDER 14
#define BUDDY_NBLOCKS (1u << BUDDY_MAX_ORDER)
#define BUDDY_ARENA_BYTES ((size_t)BUDDY_NBLOCKS << BUDDY_MIN_SHIFT)
#define NIL 0xFFFFFFFFu

struct buddy_link {
  uint32_t next, prev;
};

struct buddy {
  unsigned char *base; /* BUDDY_ARENA_BYTES, 64-byte aligned */
  uint32_t head[BUDDY_MAX_ORDER + 1];
  uint32_t nonempty; /* bit k: head[k] != NIL */
  uint64_t freemap[BUDDY_NBLOCKS / 64];
  uint8_t order[BUDDY_NBLOCKS];
  size_t free_blocks;
};

#define LINK(b, i) ((struct buddy_link *)((b)->base + ((size_t)(i) << BUDDY_MIN_SHIFT)))
#define FREEBIT_SET(b, i) ((b)->freemap[(i) >> 6] |= 1ull << ((i) & 63))
#define FREEBIT_CLR(b, i) ((b)->freemap[(i) >> 6] &= ~(1ull << ((i) & 63)))
#define FREEBIT_GET(b, i) (((b)->freemap[(i) >> 6] >> ((i) & 63)) & 1)

static void list_push(struct buddy *b, uint32_t blk, unsigned k) {
  struct buddy_link *l = LINK(b, blk);
  l->prev = NIL;
  l->next = b->head[k];
  if (b->head[k] != NIL)
    LINK(b, b->head[k])->prev = blk;
  b->head[k] = blk;
  b->nonempty |= 1u << k;
  b->order[blk] = (uint8_t)k;
  FREEBIT_SET(b, blk);
}

static void list_unlink(struct buddy *b, uint32_t blk, unsigned k) {
  struct buddy_link *l = LINK(b, blk);
  if (l->prev != NIL)
    LINK(b, l->prev)->next = l->next;
  else
    b->head[k] = l->next;
  if (l->next != NIL)
    LINK(b, l->next)->prev = l->prev;
  if (b->head[k] == NIL)
    b->nonempty &= ~(1u << k);
  FREEBIT_CLR(b, blk);
}

void buddy_init(struct buddy *b, void *arena) {
  unsigned k;
  b->base = (unsigned char *)arena;
  for (k = 0; k <= BUDDY_MAX_ORDER; k++)
    b->head[k] = NIL;
  b->nonempty = 0;
  for (k = 0; k < BUDDY_NBLOCKS / 64; k++)
    b->freemap[k] = 0;
  list_push(b, 0, BUDDY_MAX_ORDER);
  b->free_blocks = BUDDY_NBLOCKS;
}

/* Smallest order whose block holds size bytes, or -1. */
int buddy_order_for(size_t size) {
  size_t blocks;
  int k;
  if (size == 0 || size > BUDDY_ARENA_BYTES)
    return -1;
  blocks = (size + (1u << BUDDY_MIN_SHIFT) - 1) >> BUDDY_MIN_SHIFT;
  if (blocks == 1)
    return 0;
  k = 64 - __builtin_clzll((unsigned long long)(blocks - 1));
  return k;
}

void *buddy_alloc(struct buddy *b, size_t size) {
  int want = buddy_order_for(size);
  uint32_t avail, blk;
  unsigned k;
  if (want < 0)
    return NULL;
  avail = b->nonempty & ~((1u << want) - 1);
  if (!avail)
    return NULL;
  k = (unsigned)__builtin_ctz(avail);
  blk = b->head[k];
  list_unlink(b, blk, k);
  while (k > (unsigned)want) {
    k--;
    list_push(b, blk + (1u << k), k); /* upper half stays free */
  }
  b->order[blk] = (uint8_t)want;
  b->free_blocks -= (size_t)1 << want;
  return b->base + ((size_t)blk << BUDDY_MIN_SHIFT);
}

/* Returns 0, or -1 for a pointer that is not an allocated block start. */
int buddy_free(struct buddy *b, void *p) {
  size_t off = (size_t)((unsigned char *)p - b->base);
  uint32_t blk;
  unsigned k;
  if (off >= BUDDY_ARENA_BYTES || (off & ((1u << BUDDY_MIN_SHIFT) - 1)))
    return -1;
  blk = (uint32_t)(off >> BUDDY_MIN_SHIFT);
  if (FREEBIT_GET(b, blk))
    return -1;
  k = b->order[blk];
  if (blk & ((1u << k) - 1))
    return -1;
  b->free_blocks += (size_t)1 << k;
  while (k < BUDDY_MAX_ORDER) {
    uint32_t bud = blk ^ (1u << k);
    if (!FREEBIT_GET(b, bud) || b->order[bud] != k)
      break;
    list_unlink(b, bud, k);
    blk &= ~(1u << k); /* merged block starts at the lower buddy */
    k++;
  }
  list_push(b, blk, k);
  return 0;
}

/* Order of the largest free block, or -1 when the arena is full. */
int buddy_largest_free(const struct buddy *b) {
  return b->nonempty ? 31 - __builtin_clz(b->nonempty) : -1;
}

/* Count free blocks by walking every list (consistency check). */
size_t buddy_walk_free(const struct buddy *b, unsigned *lists_len) {
  size_t total = 0;
  unsigned k;
  for (k = 0; k <= BUDDY_MAX_ORDER; k++) {
    unsigned n = 0;
    uint32_t i;
    for (i = b->head[k]; i != NIL; i = LINK(b, i)->next) {
      n++;
      total += (size_t)1 << k;
    }
    if (lists_len)
      lists_len[k] = n;
  }
  return total;
}
